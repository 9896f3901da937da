package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseWorkflow;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A supervisor checks the file of a case whose follow-up was missed (the item comes pre-filled
 * as not met), saves the check and finds it on the case page; then assesses a caseworker's
 * competencies twice and reads the progress chart and its table of figures.
 */
class QualityCheckBrowserTest extends BrowserTest {

    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    @Test
    void aCaseFileChecklistShowsAMissedFollowUpAsNotMetAndLandsOnTheCasePage() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);
        UUID caseId = org.abri.support.CaseFileJourneys.caseInImplementation(fixtures, registry, records,
                workflow, caseworker, supervisor);
        SecurityContextHolder.clearContext();
        // Medium risk: a follow-up at least every two weeks; three weeks pass without one.
        clock.advance(Duration.ofDays(21));

        signIn(supervisor);
        page.navigate(url("/cases/" + caseId));
        assertThat(page.locator("#no-file-check")).isVisible();
        page.click("#check-file");
        assertThat(page.locator("#computed-follow_ups")).containsText("Non respecté");
        assertThat(page.locator("#f-follow_ups")).hasValue("not_met");
        assertThat(page.locator("#f-follow_ups_evidence")).containsText("21 jours");
        assertThat(page.locator("#computed-plan_approved")).containsText("Respecté");
        assertThat(page.locator("#f-closure_criteria")).hasValue("not_applicable");
        page.fill("#f-follow_ups_comment", "Parlons de l'organisation des visites à domicile.");
        page.selectOption("#mode", "phone");
        page.click("#save-checklist");

        assertThat(page.locator(".alert.ok")).containsText("Vérification du dossier enregistrée");
        assertThat(page.locator("#file-check-summary")).containsText("6 point(s) respecté(s) sur 7");
        assertThat(page.locator("#check-follow_ups .check-result")).hasText("Non respecté");
        assertThat(page.locator("#check-follow_ups")).containsText("Parlons de l'organisation");
        signOut();

        // The caseworker the check is about reads it on the case too.
        signIn(caseworker);
        page.navigate(url("/cases/" + caseId));
        assertThat(page.locator("#check-follow_ups .check-result")).hasText("Non respecté");
        assertThat(page.locator("#check-file")).hasCount(0);
    }

    @Test
    void aCompetencyAssessmentDoneTwiceDrawsTheProgressChart() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);

        signIn(supervisor);
        page.navigate(url("/supervision/competencies/" + caseworker.id()));
        assertThat(page.locator("#no-assessment")).isVisible();
        assess("2026-01-15", 1, "Mener un entretien avec un jeune enfant");
        assertThat(page.locator(".alert.ok")).containsText("Évaluation des compétences enregistrée");
        assess("2026-04-15", 2, "Rédiger un plan avec des objectifs datés");

        assertThat(page.locator("svg#progress-chart")).isVisible();
        assertThat(page.locator("svg#progress-chart rect.bar")).hasCount(16);
        assertThat(page.locator("svg#progress-chart text.row-label")).hasCount(8);
        assertThat(page.locator("#competency-table thead th")).hasCount(3);
        assertThat(page.locator("#competency-table thead")).containsText("2026-01-15");
        assertThat(page.locator("#competency-table thead")).containsText("2026-04-15");
        assertThat(page.locator("#competency-table tbody tr")).hasCount(8);
        assertThat(page.locator("#competency-table tr[data-competency=safeguarding_ethics] td")).hasText(new String[] {"1", "2"});
        assertThat(page.locator("#competency-table tr[data-competency=communication_children] td")).hasText(new String[] {"2", "3"});
        assertThat(page.locator("#capacity-plan")).containsText("Rédiger un plan avec des objectifs datés");
        signOut();

        // The person reads their own history; another caseworker cannot.
        signIn(caseworker);
        page.navigate(url("/supervision/competencies/" + caseworker.id()));
        assertThat(page.locator("svg#progress-chart rect.bar")).hasCount(16);
        assertThat(page.locator("#new-assessment")).hasCount(0);
        signOut();
        UserAccount other = fixtures.user(agency, Role.CASEWORKER);
        signIn(other);
        // (asked without opening the page, whose 404 would be a console error)
        org.assertj.core.api.Assertions.assertThat(page.request().get(url("/supervision/competencies/" + caseworker.id()))
                .status()).isEqualTo(404);
    }

    /** One assessment through the page: every competency scored (alternately base and base + 1), one plan goal. */
    private void assess(String date, int base, String goal) {
        page.click("#new-assessment");
        page.fill("#heldOn", date);
        for (int i = 0; i < 8; i++) {
            page.fill("#f-scores-" + i + "-score", String.valueOf(base + i % 2));
        }
        page.fill("#f-capacity_plan-0-goal", goal);
        page.fill("#f-capacity_plan-0-activity", "Accompagnement en visite");
        page.click("#save-assessment");
        assertThat(page.locator("#competency-table")).isVisible();
    }
}
