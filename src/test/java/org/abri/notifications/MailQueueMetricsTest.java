package org.abri.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code abri.mail.queue} counts what the mailer would send, nothing else, and 0 with e-mail off. */
class MailQueueMetricsTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theQueueIsTheUnreadNotificationsNotYetEmailedToUsersWithAnAddress() {
        UserAccount withAddress = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        jdbc.sql("update app_user set email = 'queue@example.org' where id = ?").param(withAddress.id()).update();
        UserAccount withoutAddress = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        double before = queue(true);

        Map<String, Object> arguments = Map.of("caseNumber", "TST-2026-00042");
        notifications.notify(withAddress.id(), "post_closure_review_due", null, null, arguments);
        notifications.notify(withoutAddress.id(), "post_closure_review_due", null, null, arguments);
        assertThat(queue(true)).isEqualTo(before + 1);

        jdbc.sql("update notification set emailed_at = now() where user_id = ?").param(withAddress.id()).update();
        assertThat(queue(true)).isEqualTo(before);
        assertThat(queue(false)).as("e-mail off: nothing waits for it").isZero();
    }

    /** A fresh gauge each time: the application's own one counts at most every 30 seconds. */
    private double queue(boolean mailEnabled) {
        MeterRegistry registry = new SimpleMeterRegistry();
        new MailQueueMetrics(jdbc, new MailSettings(mailEnabled, "abri@example.org", "", null), registry);
        return registry.get("abri.mail.queue").gauge().value();
    }
}
