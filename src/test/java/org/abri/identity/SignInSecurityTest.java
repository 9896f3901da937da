package org.abri.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-in protections: lockout, hashed passwords, strict headers, sessions that end. */
class SignInSecurityTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Value("${server.servlet.session.timeout}")
    String sessionTimeout;

    @Test
    void fiveWrongPasswordsThrottleTheAccountWithoutLockingIt() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = new WebSession(port);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(session.signIn(user.username(), "wrong-password-" + attempt).headers().firstValue("Location"))
                    .get().asString().endsWith("/login?error");
        }
        assertThat(session.get("/login?error").body()).contains("Identifiant ou mot de passe incorrect.",
                "nouvel essai possible à");
        assertThat(accounts.find(user.id()).orElseThrow().locked()).isFalse();
        jdbc.sql("delete from sign_in_throttle").update();
    }

    @Test
    void aWrongPasswordSaysSoWithoutSayingWhetherTheUserExists() {
        WebSession session = new WebSession(port);
        session.signIn("nobody-" + System.nanoTime(), "whatever-password");
        String unknown = session.get("/login?error").body();
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        session.signIn(user.username(), "wrong-password");
        String wrong = session.get("/login?error").body();
        assertThat(unknown).contains("Identifiant ou mot de passe incorrect.");
        assertThat(wrong).contains("Identifiant ou mot de passe incorrect.");
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        String hash = jdbc.sql("select password_hash from app_user where id = ?").param(user.id())
                .query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain(Fixtures.PASSWORD);
    }

    @Test
    void pagesCarryStrictSecurityHeaders() {
        HttpResponse<String> login = new WebSession(port).get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(login.body()).doesNotContain("<script>", "style=\"", "onclick");
        assertThat(sessionTimeout).isEqualTo("30m");
    }

    @Test
    void aDeactivatedUsersOpenSessionIsRefusedOnTheNextRequest() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = new WebSession(port);
        session.signIn(user.username(), Fixtures.PASSWORD);
        assertThat(session.get("/cases").statusCode()).isEqualTo(200);

        jdbc.sql("update app_user set active = false where id = ?").param(user.id()).update();

        HttpResponse<String> after = session.get("/cases");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).get().asString().endsWith("/login");
        HttpResponse<String> again = session.signIn(user.username(), Fixtures.PASSWORD);
        assertThat(again.headers().firstValue("Location")).get().asString().endsWith("/login?error");
    }
}
