package org.abri.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code abri.mail.queue}: how many notifications wait for their e-mail — the very ones
 * {@link NotificationMailer} would claim (unread, not e-mailed, under two days old, to an active
 * user with an address). A queue that keeps growing means the SMTP server refuses or is
 * unreachable. 0 when e-mail is off. A count, never who or what: no personal data.
 *
 * <p>Counted on the partial index {@code notification_unsent}, and at most every 30 seconds
 * however many scrapers ask.
 */
@Component
class MailQueueMetrics {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final MailSettings settings;
    private final Clock clock = Clock.systemUTC();
    private Instant countedAt = Instant.MIN;
    private double waiting = Double.NaN;

    MailQueueMetrics(JdbcClient jdbc, MailSettings settings, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.settings = settings;
        Gauge.builder("abri.mail.queue", this, MailQueueMetrics::waiting)
                .description("Notifications waiting to be e-mailed").baseUnit("notifications").register(registry);
    }

    synchronized double waiting() {
        if (!settings.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        if (now.isAfter(countedAt.plus(REFRESH))) {
            try {
                waiting = jdbc.sql("""
                        select count(*) from notification n join app_user u on u.id = n.user_id
                        where n.emailed_at is null and n.read_at is null and n.created_at > now() - interval '2 days'
                          and u.active and u.email is not null and u.email like '%_@_%'""")
                        .query(Long.class).single();
            } catch (DataAccessException unreachable) {
                // The database health check says it is down; the gauge says it does not know.
                waiting = Double.NaN;
            }
            countedAt = now;
        }
        return waiting;
    }
}
