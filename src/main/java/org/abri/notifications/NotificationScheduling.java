package org.abri.notifications;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the e-mail round of {@link NotificationMailer} (which does nothing while e-mail is off). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationScheduling {
}
