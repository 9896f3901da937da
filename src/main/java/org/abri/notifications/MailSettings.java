package org.abri.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The optional e-mail of notifications: off unless {@code enabled}; sent from {@code from} every
 * {@code interval}; links start with {@code publicUrl}, the address people open Abri at. The SMTP
 * server itself is Spring's {@code spring.mail.*} (see application.yml).
 */
@ConfigurationProperties("abri.mail")
record MailSettings(boolean enabled, String from, String publicUrl, Duration interval) {

    MailSettings {
        from = from == null ? "" : from.strip();
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        if (interval == null) {
            interval = Duration.ofMinutes(1);
        }
    }
}
