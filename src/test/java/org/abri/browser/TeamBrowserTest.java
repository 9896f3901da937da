package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.abri.cases.CaseDetails;
import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseWorkflow;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.FilledForms;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The supervisor's team view in the browser: a caseworker above the caseload standard is
 * flagged in words, and the approvals queue is reached from the team view and worked there.
 */
class TeamBrowserTest extends BrowserTest {

    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseWorkflow workflow;

    @Test
    void theTeamViewFlagsACaseloadAboveTheStandardAndLeadsToTheApprovalsQueue() {
        Agency agency = fixtures.agency();
        UserAccount busy = fixtures.user(agency, Role.CASEWORKER);
        UserAccount planner = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, busy, planner);
        for (int i = 0; i < 26; i++) {
            CaseDetails child = fixtures.child("Fatimé", "Oumar");
            child.setRiskLevel("low");
            registry.register(fixtures.signIn(busy), child);
        }
        var registered = registry.register(fixtures.signIn(planner), fixtures.child("Kaltouma", "Idriss"));
        UUID caseId = registered.id();
        CurrentUser caseworker = fixtures.signIn(planner);
        workflow.decideEligibility(caseworker, caseId, true, null);
        records.create(caseworker, caseId, "initial_assessment", FilledForms.of("initial_assessment", "medium"));
        records.create(caseworker, caseId, "comprehensive_assessment", FilledForms.of("comprehensive_assessment", "medium"));
        workflow.completeAssessment(caseworker, caseId);
        records.create(caseworker, caseId, "case_plan", FilledForms.of("case_plan", "medium"));
        workflow.submitPlan(caseworker, caseId);
        SecurityContextHolder.clearContext();

        signIn(supervisor);
        page.click("#nav-team");
        assertThat(page.locator("h1")).hasText("Mon équipe");
        assertThat(page.locator("#member-" + busy.id() + " .caseload")).containsText("26 / 25");
        assertThat(page.locator("#member-" + busy.id() + " .breach")).containsText("Au-delà de la norme (+1)");
        assertThat(page.locator("#member-" + planner.id() + " .breach")).hasCount(0);
        assertThat(page.locator("#member-" + planner.id() + " .pending-count")).hasText("1");
        assertThat(page.locator("#approvals-queue")).containsText("Approbations en attente de votre décision : 1");

        page.click("#approvals-queue a");
        assertThat(page.locator(".approval")).hasCount(1);
        assertThat(page.locator(".approval")).containsText(registered.caseNumber());
        page.click("button[value=approve]");
        assertThat(page.locator(".alert.ok")).isVisible();
        assertThat(page.locator(".approval")).hasCount(0);

        page.click("#nav-team");
        assertThat(page.locator("#approvals-queue")).containsText("Approbations en attente de votre décision : 0");
        assertThat(page.locator("#member-" + planner.id() + " .pending-count")).hasText("0");
    }
}
