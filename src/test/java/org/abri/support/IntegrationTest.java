package org.abri.support;

import org.abri.identity.UserAccount;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole application against a real PostgreSQL. All share
 * one application context and one database for the run; tests make their own agencies and
 * users (see {@link Fixtures}) so that they do not depend on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "abri.metrics.token=" + IntegrationTest.METRICS_TOKEN)
public abstract class IntegrationTest {

    public static final String ADMIN_PASSWORD = "admin-test-password";
    /** The bearer token of /actuator/prometheus in the tests (ABRI_METRICS_TOKEN). */
    public static final String METRICS_TOKEN = "metrics-test-token-0123456789";

    @LocalServerPort
    protected int port;

    /** Service-level tests act as a user through the security context (see Fixtures.signIn); forget them. */
    @AfterEach
    void forgetTheSignedInUser() {
        SecurityContextHolder.clearContext();
    }

    /** A browser-like session of this user, signed in through the real form. */
    protected WebSession signedIn(UserAccount user) {
        WebSession session = new WebSession(port);
        org.assertj.core.api.Assertions.assertThat(session.signIn(user.username(), Fixtures.PASSWORD).headers()
                .firstValue("Location")).get().asString().doesNotContain("error");
        return session;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.url();
        if (url != null) {
            registry.add("abri.db.url", () -> url);
            registry.add("abri.db.user", () -> TestDatabase.USER);
            registry.add("abri.db.password", () -> TestDatabase.PASSWORD);
        } else {
            registry.add("abri.db.data-dir", () -> TestDatabase.embeddedDataDir().toString());
        }
        registry.add("abri.admin.password", () -> ADMIN_PASSWORD);
        registry.add("abri.security.lockout", () -> "15m");
        // Every test signs in from 127.0.0.1: the per-address throttle is tested on its own (SignInThrottleTest).
        registry.add("abri.security.address-free-failures", () -> "100000");
        // Tests move the clock; the hourly overdue reminder is run by hand where it is tested.
        registry.add("abri.reminders.enabled", () -> "false");
    }
}
