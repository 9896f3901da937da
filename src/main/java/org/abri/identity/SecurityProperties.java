package org.abri.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Sign-in protection: after {@code maxFailedSignIns} wrong passwords the account locks for {@code lockout}. */
@ConfigurationProperties("abri.security")
record SecurityProperties(int maxFailedSignIns, Duration lockout) {

    SecurityProperties {
        if (maxFailedSignIns <= 0) {
            maxFailedSignIns = 5;
        }
        if (lockout == null) {
            lockout = Duration.ofMinutes(15);
        }
    }
}
