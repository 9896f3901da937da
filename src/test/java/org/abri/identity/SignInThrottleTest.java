package org.abri.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issue 17 item 6: failed sign-ins are throttled with growing delays, never locked, and tell nothing of who exists. */
class SignInThrottleTest extends IntegrationTest {

    private static final String BAD = "Identifiant ou mot de passe incorrect.";

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SignInThrottle throttle;
    @Autowired
    UserAccounts accounts;

    @AfterEach
    void forget() {
        jdbc.sql("delete from sign_in_throttle").update();
        clock.reset();
    }

    private static boolean refused(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("").endsWith("/login?error");
    }

    private static String message(WebSession session) {
        String body = session.get("/login?error").body();
        int start = body.indexOf("role=\"alert\"");
        return start < 0 ? "" : body.substring(start, body.indexOf("</div>", start));
    }

    private void fail(WebSession session, String username, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(refused(session.signIn(username, "wrong-password-" + i))).isTrue();
        }
    }

    @Test
    void afterFiveFailuresEachAttemptWaitsLongerAndTheRightPasswordWorksAfterTheWait() {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(SignInThrottle.nextAllowed(5, 4, t)).isNull();
        assertThat(SignInThrottle.nextAllowed(5, 5, t)).isEqualTo(t.plusSeconds(2));
        assertThat(SignInThrottle.nextAllowed(5, 6, t)).isEqualTo(t.plusSeconds(4));
        assertThat(SignInThrottle.nextAllowed(5, 7, t)).isEqualTo(t.plusSeconds(8));
        assertThat(SignInThrottle.nextAllowed(5, 40, t)).isEqualTo(t.plus(Duration.ofMinutes(15)));

        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = new WebSession(port);
        fail(session, user.username(), 5);
        assertThat(failures(user)).isEqualTo(5);
        clock.advance(Duration.ofSeconds(2));
        fail(session, user.username(), 1);
        clock.advance(Duration.ofSeconds(4));
        fail(session, user.username(), 1);
        clock.advance(Duration.ofSeconds(8));
        fail(session, user.username(), 1);
        assertThat(failures(user)).as("each failure after its wait counted").isEqualTo(8);
        assertThat(message(session)).contains(BAD, "nouvel essai possible à");

        // During the 16-second wait even the right password is refused, without being checked or counted.
        assertThat(refused(session.signIn(user.username(), Fixtures.PASSWORD))).isTrue();
        assertThat(failures(user)).isEqualTo(8);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'sign_in_throttled' and record_id = ?")
                .param(user.id()).query(Long.class).single()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(16));

        assertThat(refused(session.signIn(user.username(), Fixtures.PASSWORD))).isFalse();
        // Nothing locked the account, and the counter starts again.
        assertThat(accounts.find(user.id()).orElseThrow().locked()).isFalse();
        assertThat(failures(user)).isZero();
    }

    private int failures(UserAccount user) {
        return jdbc.sql("select coalesce(max(failures), 0) from sign_in_throttle where throttle_key = ?")
                .param(SignInThrottle.accountKey(user.username())).query(Integer.class).single();
    }

    @Test
    void theDelayIsCappedAtFifteenMinutes() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        jdbc.sql("insert into sign_in_throttle (throttle_key, failures, last_failure_at) values (?, 40, ?)")
                .params(SignInThrottle.accountKey(user.username()), java.sql.Timestamp.from(clock.instant())).update();
        WebSession session = new WebSession(port);
        // The clock follows real time as well: 30 seconds of margin for a slow machine.
        clock.advance(Duration.ofMinutes(15).minusSeconds(30));
        assertThat(refused(session.signIn(user.username(), Fixtures.PASSWORD))).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(refused(session.signIn(user.username(), Fixtures.PASSWORD))).isFalse();
    }

    @Test
    void failuresFromOneAddressThrottleEveryAccountTriedFromIt() {
        int previous = throttle.setAddressFreeFailures(5);
        try {
            UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
            WebSession session = new WebSession(port);
            for (int i = 0; i < 5; i++) {
                fail(session, "spray" + i + "x" + System.nanoTime(), 1);
            }
            // A different, untouched account from the same address must wait too.
            assertThat(refused(session.signIn(user.username(), Fixtures.PASSWORD))).isTrue();
            clock.advance(Duration.ofSeconds(2));
            assertThat(refused(session.signIn(user.username(), Fixtures.PASSWORD))).isFalse();
        } finally {
            throttle.setAddressFreeFailures(previous);
        }
    }

    @Test
    void unknownUserWrongPasswordThrottledAndDeactivatedGetTheSameAnswer() {
        var agency = fixtures.agency();
        UserAccount user = fixtures.user(agency, Role.CASEWORKER);
        UserAccount deactivated = fixtures.user(agency, Role.CASEWORKER);
        jdbc.sql("update app_user set active = false where id = ?").param(deactivated.id()).update();
        String unknown = "nobody" + System.nanoTime();

        WebSession a = new WebSession(port);
        a.signIn(unknown, "whatever-password");
        String unknownMessage = message(a);
        WebSession b = new WebSession(port);
        b.signIn(user.username(), "wrong-password");
        String wrongMessage = message(b);
        WebSession c = new WebSession(port);
        c.signIn(deactivated.username(), "wrong-password");
        String deactivatedMessage = message(c);
        assertThat(unknownMessage).contains(BAD).isEqualTo(wrongMessage).isEqualTo(deactivatedMessage);

        // Throttled: an unknown username is throttled exactly like a real one, with the same message.
        for (String name : java.util.List.of(unknown, user.username())) {
            jdbc.sql("insert into sign_in_throttle (throttle_key, failures, last_failure_at) values (?, 9, ?) "
                    + "on conflict (throttle_key) do update set failures = 9, last_failure_at = excluded.last_failure_at")
                    .params(SignInThrottle.accountKey(name), java.sql.Timestamp.from(clock.instant())).update();
        }
        assertThat(refused(a.signIn(unknown, "whatever-password"))).isTrue();
        assertThat(refused(b.signIn(user.username(), Fixtures.PASSWORD))).isTrue();
        String time = "\\d{2}:\\d{2}:\\d{2}";
        assertThat(message(a)).contains(BAD, "nouvel essai possible à");
        assertThat(message(a).replaceAll(time, "T")).isEqualTo(message(b).replaceAll(time, "T"));

        // Only the right password of a deactivated account learns it is deactivated.
        c.signIn(deactivated.username(), Fixtures.PASSWORD);
        assertThat(message(c)).contains("désactivé");
    }

    @Test
    void apiTokensKeepWorkingWhileTheirOwnersWebSignInIsThrottled() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(user));
        fail(new WebSession(port), user.username(), 10);
        assertThat(throttle.retryAt(user.username(), "127.0.0.1")).isPresent();
        assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
    }
}
