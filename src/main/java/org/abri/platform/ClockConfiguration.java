package org.abri.platform;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The time of the deployment: the system clock in the deployment's time zone
 * ({@code ABRI_TIME_ZONE}, default Africa/Bangui). Everything that computes a deadline takes
 * this clock, so that tests can move days forward.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock(@Value("${abri.time-zone:Africa/Bangui}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
