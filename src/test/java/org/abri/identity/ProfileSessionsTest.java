package org.abri.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A user's open sessions on their profile: listed, ended (audited), and all ended by a deactivation. */
class ProfileSessionsTest extends IntegrationTest {

    private static final Pattern END_FORM = Pattern.compile("action=\"/profile/sessions/([0-9a-f]+)/end\"");

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;

    private static List<String> endHandles(String page) {
        List<String> handles = new ArrayList<>();
        Matcher matcher = END_FORM.matcher(page);
        while (matcher.find()) {
            handles.add(matcher.group(1));
        }
        return handles;
    }

    private long sessionsOf(UserAccount user) {
        return jdbc.sql("select count(*) from spring_session where principal_name = ?").param(user.username())
                .query(Long.class).single();
    }

    @Test
    void aUserSeesOnlyTheirOwnSessionsAndEndsOneOfThem() {
        Agency agency = fixtures.agency();
        UserAccount user = fixtures.user(agency, Role.CASEWORKER);
        UserAccount colleague = fixtures.user(agency, Role.CASEWORKER);
        WebSession office = signedIn(user);
        WebSession phone = signedIn(user);
        WebSession colleagues = signedIn(colleague);

        String page = office.get("/profile").body();
        assertThat(page).contains("Sessions ouvertes", "Cette session", "127.0.0.1");
        assertThat(page.split("class=\"session-row\"", -1)).as("two sessions, not the colleague's").hasSize(3);
        List<String> others = endHandles(page);
        assertThat(others).as("the current session has no end button").hasSize(1);

        // Another user cannot end it, even knowing its handle.
        colleagues.get("/profile");
        assertThat(colleagues.post("/profile/sessions/" + others.get(0) + "/end", Map.of()).statusCode()).isEqualTo(302);
        assertThat(phone.get("/profile").statusCode()).isEqualTo(200);

        office.get("/profile");
        HttpResponse<String> ended = office.post("/profile/sessions/" + others.get(0) + "/end", Map.of());
        assertThat(ended.headers().firstValue("Location")).get().asString().contains("/profile");
        assertThat(office.get("/profile").body()).contains("Session fermée.");
        HttpResponse<String> signedOut = phone.get("/profile");
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location")).get().asString().endsWith("/login");
        assertThat(sessionsOf(user)).isEqualTo(1L);

        assertThat(jdbc.sql("""
                select detail->>'reason' from audit_entry
                where action = 'end' and record_type = 'session' and record_id = ? and user_id = ?""")
                .params(user.id(), user.id()).query(String.class).list()).containsExactly("ended_by_owner");
    }

    @Test
    void theSessionKeepsTheConfiguredTimeoutAndCookieSettings() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession browser = new WebSession(port);
        HttpResponse<String> signIn = browser.signIn(user.username(), Fixtures.PASSWORD);
        assertThat(signIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = ?")
                .param(user.username()).query(Integer.class).single()).as("ABRI_SESSION_TIMEOUT, 30 minutes")
                .isEqualTo(1800);
    }

    @Test
    void theSessionsListReadsInArabic() {
        UserAccount user = fixtures.userSpeaking("ar", fixtures.agency(), Role.CASEWORKER);
        WebSession browser = signedIn(user);
        String page = browser.get("/profile").body();
        assertThat(page).contains("dir=\"rtl\"", "الجلسات المفتوحة", "هذه الجلسة");
    }

    @Test
    void deactivatingAUserEndsAllTheirSessionsAndIsAudited() {
        Agency agency = fixtures.agency();
        UserAccount user = fixtures.user(agency, Role.CASEWORKER);
        WebSession one = signedIn(user);
        WebSession two = signedIn(user);
        assertThat(sessionsOf(user)).isEqualTo(2L);

        UserAccount admin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        accounts.setActive(fixtures.signIn(admin), user.id(), false);

        assertThat(sessionsOf(user)).isZero();
        for (WebSession session : List.of(one, two)) {
            assertThat(session.get("/profile").headers().firstValue("Location")).get().asString().endsWith("/login");
        }
        assertThat(jdbc.sql("""
                select (detail->>'sessions')::int from audit_entry
                where action = 'end' and record_type = 'session' and record_id = ? and user_id = ?
                  and detail->>'reason' = 'account_deactivated'""")
                .params(user.id(), admin.id()).query(Integer.class).list()).containsExactly(2);
    }

    @Test
    void aBrowserIsNamedWithoutKeepingItsWholeUserAgent() {
        assertThat(OpenSessions.browserOf("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Mobile Safari/537.36")).isEqualTo("Chrome · Android");
        assertThat(OpenSessions.browserOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"))
                .isEqualTo("Firefox · Windows");
        assertThat(OpenSessions.browserOf("Java-http-client/17")).isNull();
        assertThat(OpenSessions.browserOf(null)).isNull();
    }

    private long lastUseOf(UserAccount user) {
        return jdbc.sql("select last_access_time from spring_session where principal_name = ?").param(user.username())
                .query(Long.class).single();
    }

    @Test
    void pagesWithinAMinuteOfTheLastUseWriteNothingBackAndALaterPageMovesTheLastUse() throws InterruptedException {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession web = signedIn(user);
        long atSignIn = lastUseOf(user);
        for (int i = 0; i < 3; i++) {
            Thread.sleep(20);
            assertThat(web.get("/profile").statusCode()).isEqualTo(200);
        }
        assertThat(lastUseOf(user)).as("no write back within the minute").isEqualTo(atSignIn);

        // As if the last use were two minutes ago: the next page writes it again, and the session's
        // end moves with it.
        jdbc.sql("update spring_session set last_access_time = last_access_time - 120000, expiry_time = expiry_time - 120000"
                + " where principal_name = ?").param(user.username()).update();
        long before = System.currentTimeMillis();
        assertThat(web.get("/profile").statusCode()).isEqualTo(200);
        assertThat(lastUseOf(user)).isGreaterThanOrEqualTo(before - 1000);
        long expiry = jdbc.sql("select expiry_time from spring_session where principal_name = ?").param(user.username())
                .query(Long.class).single();
        assertThat(expiry - lastUseOf(user)).isEqualTo(Duration.ofMinutes(30).toMillis());
    }

    @Test
    void theLastUseMovesOnlyByAMinuteOrMore() {
        MapSession stored = new MapSession();
        Instant start = Instant.parse("2026-12-04T08:00:00Z");
        stored.setLastAccessedTime(start);
        SparingSessionRepository.SparingSession session = new SparingSessionRepository.SparingSession(stored);
        session.setLastAccessedTime(start.plusSeconds(59));
        assertThat(stored.getLastAccessedTime()).isEqualTo(start);
        session.setLastAccessedTime(start.plusSeconds(60));
        assertThat(stored.getLastAccessedTime()).isEqualTo(start.plusSeconds(60));
        session.setAttribute("kept", "yes");
        assertThat((String) stored.getAttribute("kept")).isEqualTo("yes");
    }
}
