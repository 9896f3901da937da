package org.abri.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nothing typed is lost to an ended session: a form sent after it says "your session expired"
 * (never the role refusal), htmx gets a notice with a sign-in link instead of the sign-in page,
 * and signing in again returns to a page of this site only.
 */
class SessionExpiryTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFormSentAfterTheSessionEndedSaysSoInFrenchNotAccessDenied() {
        WebSession browser = signedIn("fr");
        HttpResponse<String> refused = browser.post("/cases/search", Map.of("q", "Amina"));

        assertThat(refused.statusCode()).isIn(401, 403);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.body()).contains("<h1>Votre session a expiré</h1>",
                "Ce que vous avez saisi est conservé dans ce navigateur", "/login?continue=")
                .doesNotContain("Accès refusé", "Votre rôle ne permet pas cette action", "Amina");
    }

    @Test
    void aFormSentAfterTheSessionEndedSaysSoInArabic() {
        WebSession browser = signedIn("ar");
        HttpResponse<String> refused = browser.post("/cases/search", Map.of("q", "Amina"));

        assertThat(refused.statusCode()).isIn(401, 403);
        assertThat(refused.body()).contains("dir=\"rtl\"", "انتهت جلستك", "ما أدخلتموه محفوظ في هذا المتصفح")
                .doesNotContain("Votre session", "Accès refusé");
    }

    @Test
    void aRealRoleRefusalKeepsItsOwnMessage() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession browser = new WebSession(port);
        browser.signIn(caseworker.username(), Fixtures.PASSWORD);
        HttpResponse<String> refused = browser.get("/admin/users");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<h1>Accès refusé</h1>", "Votre rôle ne permet pas cette action")
                .doesNotContain("id=\"sign-in-again\"", "id=\"session-kept\"");
    }

    @Test
    void anHtmxRequestWithoutASessionGetsANoticeAndASignInLinkNeverARedirect() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String here = "http://127.0.0.1:" + port + "/cases";
        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(here + "/search"))
                .header("HX-Request", "true").header("HX-Current-URL", here)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=Amina")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(here))
                .header("HX-Request", "true").header("HX-Current-URL", here).header("Cookie", "abri_lang=ar")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> answer : java.util.List.of(posted, read)) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Location")).isEmpty();
            assertThat(answer.headers().firstValue("X-Abri-Session")).hasValue("expired");
            assertThat(answer.body()).contains("id=\"session-expired\"", "href=\"/login?continue=/cases\"")
                    .doesNotContain("<html", "id=\"password\"");
        }
        assertThat(posted.body()).contains("Votre session a expiré");
        assertThat(read.body()).contains("انتهت جلستك");
    }

    @Test
    void signingInReturnsToAPathOfThisSiteOnly() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        assertThat(signInContinuing(caseworker, "/cases?page=2")).isEqualTo("/cases?page=2");
        for (String elsewhere : new String[] {"//evil.example", "https://evil.example/cases", "/\\evil.example",
                "/\t/evil.example", "cases", "javascript:alert(1)"}) {
            assertThat(signInContinuing(caseworker, elsewhere)).as(elsewhere).isEqualTo("/");
        }
        // A mistyped password on the way back keeps the way back.
        WebSession mistyped = new WebSession(port);
        mistyped.get("/login?continue=" + encode("/cases/new"));
        HttpResponse<String> wrong = mistyped.post("/login",
                Map.of("username", caseworker.username(), "password", "not-the-password", "continue", "/cases/new"));
        assertThat(wrong.headers().firstValue("Location")).get().asString().endsWith("/login?error&continue=%2Fcases%2Fnew");
        assertThat(mistyped.get("/login?error&continue=%2Fcases%2Fnew").body())
                .contains("Identifiant ou mot de passe incorrect.", "name=\"continue\" value=\"/cases/new\"");
        jdbc.sql("delete from sign_in_throttle").update();
        // The sign-in page carries only a path it accepts into its form.
        WebSession browser = new WebSession(port);
        assertThat(browser.get("/login?continue=" + encode("/cases/new")).body())
                .contains("name=\"continue\" value=\"/cases/new\"");
        assertThat(browser.get("/login?continue=" + encode("//evil.example")).body()).doesNotContain("name=\"continue\"");
    }

    @Test
    void theReturnPathRuleItself() {
        assertThat(ReturnPath.of("/cases/1/forms/follow_up_visit/new")).hasValue("/cases/1/forms/follow_up_visit/new");
        assertThat(ReturnPath.of("/")).hasValue("/");
        assertThat(ReturnPath.of("//evil.example")).isEmpty();
        assertThat(ReturnPath.of("https://evil.example")).isEmpty();
        assertThat(ReturnPath.of("/\\evil")).isEmpty();
        assertThat(ReturnPath.of("\\\\evil")).isEmpty();
        assertThat(ReturnPath.of("/a\nb")).isEmpty();
        assertThat(ReturnPath.of(null)).isEmpty();
        assertThat(ReturnPath.of("/login?continue=/login")).isEmpty();
        assertThat(ReturnPath.of("/logout")).isEmpty();
        assertThat(ReturnPath.ofAddress("http://127.0.0.1:8080/cases?x=1")).hasValue("/cases?x=1");
        assertThat(ReturnPath.ofAddress("http://127.0.0.1:8080")).isEmpty();
    }

    @Test
    void stayingSignedInIsASmallAuthenticatedCall() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession browser = new WebSession(port);
        browser.signIn(caseworker.username(), Fixtures.PASSWORD);
        browser.get("/cases");
        assertThat(browser.post("/session/keep-alive", Map.of()).statusCode()).isEqualTo(204);
        assertThat(new WebSession(port).post("/session/keep-alive", Map.of()).statusCode()).isIn(401, 403);
    }

    /** Signed in, a page read (its CSRF token kept), then the session deleted as expiry would. */
    private WebSession signedIn(String language) {
        UserAccount caseworker = fixtures.userSpeaking(language, fixtures.agency(), Role.CASEWORKER);
        WebSession browser = new WebSession(port);
        browser.get("/login?lang=" + language);
        browser.signIn(caseworker.username(), Fixtures.PASSWORD);
        assertThat(browser.get("/cases").statusCode()).isEqualTo(200);
        expire(caseworker);
        return browser;
    }

    private void expire(UserAccount user) {
        assertThat(jdbc.sql("delete from spring_session where principal_name = ?").param(user.username()).update())
                .isPositive();
    }

    private String signInContinuing(UserAccount user, String path) {
        WebSession browser = new WebSession(port);
        browser.get("/login");
        HttpResponse<String> signedIn = browser.post("/login",
                Map.of("username", user.username(), "password", Fixtures.PASSWORD, "continue", path));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        return location.replaceFirst("^http://127\\.0\\.0\\.1:" + port, "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
