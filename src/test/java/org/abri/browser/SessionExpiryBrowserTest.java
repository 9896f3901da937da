package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nothing typed is ever lost (issue 18): a follow-up visit typed while the session ends is saved
 * after signing in again, with its draft restored; an htmx search after expiry says so with a
 * sign-in link; another user of the browser never sees a draft, and none is left after sign-out.
 */
class SessionExpiryBrowserTest extends BrowserTest {

    private static final String DRAFT_KEYS =
            "() => Object.keys(localStorage).filter(k => k.startsWith('abri.draft.')).length";

    @Autowired
    CaseRegistry cases;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aVisitTypedWhileTheSessionEndsIsSavedAfterSigningInAgain() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UUID caseId = cases.register(fixtures.signIn(caseworker), fixtures.child("Mariam", "Haroun")).id();
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        String visitForm = "/cases/" + caseId + "/forms/follow_up_visit/new";
        String visitDate = LocalDateTime.now().minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();

        signIn(caseworker);
        page.navigate(url(visitForm));
        page.fill("[name='visit_date']", visitDate);
        page.selectOption("[name='contact_type']", "home_visit");
        page.check("#f-new_concerns-no");
        page.selectOption("[name='risk_level']", "medium");
        page.fill("[name='notes']", "Visite à domicile, la tante était présente.");
        page.fill("[name='goal_progress[0].goal']", "Retour à l'école");
        page.selectOption("[name='goal_progress[0].progress_status']", "in_progress");
        page.click("#f-goal_progress .add-row");
        page.fill("[name='goal_progress[1].goal']", "Soutien psychosocial");
        page.selectOption("[name='goal_progress[1].progress_status']", "not_started");

        expire(caseworker);
        expectRefusal(403);
        page.click("#save-record");
        assertThat(page.locator("h1")).hasText("Votre session a expiré");
        assertThat(page.locator("#session-kept")).containsText("conservé dans ce navigateur");
        assertThat(page.locator("body")).not().containsText("Accès refusé");

        page.click("#sign-in-again");
        assertThat(page.url()).contains("/login?continue=");
        page.fill("#username", caseworker.username());
        page.fill("#password", org.abri.support.Fixtures.PASSWORD);
        page.click("#sign-in");
        assertThat(page.locator("#draft-restored")).isVisible();
        assertThat(page.url()).endsWith(visitForm);
        assertThat(page.locator("[name='notes']")).hasValue("Visite à domicile, la tante était présente.");
        assertThat(page.locator("[name='contact_type']")).hasValue("home_visit");
        assertThat(page.locator("#f-new_concerns-no")).isChecked();
        // The row added while typing is back too.
        assertThat(page.locator("[name='goal_progress[1].goal']")).hasValue("Soutien psychosocial");
        assertThat(page.locator("[name='goal_progress[1].progress_status']")).hasValue("not_started");

        page.click("#save-record");
        page.waitForURL("**/cases/" + caseId + "/records/**");
        assertThat(page.locator("main .alert.ok")).isVisible();
        assertThat(jdbc.sql("select count(*) from form_record where case_id = ? and form_id = 'follow_up_visit'")
                .param(caseId).query(Integer.class).single()).isEqualTo(1);
        // Saved: the draft is gone.
        assertThat((Integer) page.evaluate(DRAFT_KEYS)).isZero();
    }

    @Test
    void anHtmxSearchAfterExpirySaysSoWithASignInLinkBackToTheList() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        signIn(caseworker);
        page.navigate(url("/cases"));

        expire(caseworker);
        expectRefusal(401);
        page.locator("#q").pressSequentially("amina");
        assertThat(page.locator("#session-expired")).containsText("Votre session a expiré");
        assertThat(page.locator("#session-expired a")).hasAttribute("href", "/login?continue=%2Fcases");
        assertThat(page.locator("#results")).isVisible();
        assertThat(page.url()).endsWith("/cases");

        page.click("#session-expired a");
        page.fill("#username", caseworker.username());
        page.fill("#password", org.abri.support.Fixtures.PASSWORD);
        page.click("#sign-in");
        assertThat(page.locator("#case-filters")).isVisible();
        assertThat(page.url()).endsWith("/cases");
    }

    @Test
    void anotherUserOfTheBrowserNeverSeesADraftAndNoneIsLeftAfterSignOut() {
        UserAccount first = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UserAccount second = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        signIn(first);
        page.navigate(url("/cases/new"));
        page.fill("#givenNames", "Zara");
        assertThat((Integer) page.evaluate(DRAFT_KEYS)).isEqualTo(1);

        // The first user walks away; the session ends; someone else signs in on this browser.
        expire(first);
        page.navigate(url("/login"));
        signIn(second);
        page.navigate(url("/cases/new"));
        assertThat(page.locator("#givenNames")).hasValue("");
        assertThat(page.locator("#draft-restored")).hasCount(0);
        page.fill("#givenNames", "Yasmine");
        assertThat((Integer) page.evaluate(DRAFT_KEYS)).isEqualTo(2);

        signOut();
        assertThat((Integer) page.evaluate(DRAFT_KEYS)).isZero();
    }

    @Test
    void twoMinutesBeforeTheTimeoutAWarningOffersToStaySignedIn() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        page.clock().install();
        signIn(caseworker);
        page.navigate(url("/cases"));
        assertThat(page.locator("#idle-warning")).hasCount(0);

        page.clock().runFor(28 * 60_000 + 1_000);
        assertThat(page.locator("#idle-warning")).containsText("deux minutes");
        page.click("#stay-signed-in");
        assertThat(page.locator("#idle-warning")).hasCount(0);
        assertThat(page.locator("#session-expired")).hasCount(0);

        // Left alone for the whole timeout: the expiry notice, with its way back.
        page.clock().runFor(30 * 60_000 + 1_000);
        assertThat(page.locator("#session-expired a")).hasAttribute("href", "/login?continue=%2Fcases");
    }

    /** As the session's timeout would: its row is gone. */
    private void expire(UserAccount user) {
        assertThat(jdbc.sql("delete from spring_session where principal_name = ?").param(user.username()).update())
                .isPositive();
    }
}
