package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One case through every step in the browser, as its caseworker and her supervisor: an urgent
 * action, a returned plan, approvals, closure and the post-closure review, with the task lists
 * checked at each point. The forms themselves are filled through the service (their pages are
 * tested on their own); every step, decision and list is driven through the pages.
 */
class CaseProcessBrowserTest extends BrowserTest {

    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;

    @Test
    void aCaseworkerAndHerSupervisorTakeOneCaseThroughEveryStep() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);
        var registered = registry.register(fixtures.signIn(caseworker), fixtures.child("Rokia", "Haroun"));
        UUID caseId = registered.id();
        SecurityContextHolder.clearContext();
        String number = registered.caseNumber();

        signIn(caseworker);
        page.navigate(url("/tasks"));
        assertThat(page.locator("tr.task-row:has-text('" + number + "')")).hasCount(2);
        page.navigate(url("/cases/" + caseId));
        assertThat(page.locator("#current-step")).hasText("Identification et enregistrement");

        // Urgent action first: the supervisor hears of it, the case heads every list.
        page.click("#urgent-action-form summary");
        page.fill("#threat", "Menacée par un groupe armé près de l'école.");
        page.fill("#actionsTaken", "Mise à l'abri chez une tante, police prévenue.");
        page.click("#open-urgent");
        assertThat(page.locator("#urgent-open")).isVisible();
        page.click("#eligible");
        assertThat(page.locator("#workflow-problem")).containsText("critère");
        page.locator("#eligibility-form input[name=criteria]").all().forEach(com.microsoft.playwright.Locator::check);
        page.click("#eligible");
        assertThat(page.locator("#current-step")).hasText("Évaluation");
        fill(caseworker, caseId, "initial_assessment");
        fill(caseworker, caseId, "comprehensive_assessment");
        page.navigate(url("/cases/" + caseId));
        page.click("#assessment-completed");
        assertThat(page.locator("#current-step")).hasText("Plan de prise en charge");
        page.fill("#close-urgent-text", "L'enfant est en sécurité chez sa tante.");
        page.click("#close-urgent");
        assertThat(page.locator("#urgent-open")).hasCount(0);

        // A plan submitted, returned with a comment, submitted again.
        page.click("#submit-plan");
        assertThat(page.locator("#workflow-problem")).containsText("case_plan");
        fill(caseworker, caseId, "case_plan");
        page.navigate(url("/cases/" + caseId));
        page.click("#submit-plan");
        page.navigate(url("/tasks"));
        assertThat(page.locator("tr.task-row:has-text('" + number + "')")).hasCount(0);
        signOut();

        signIn(supervisor);
        assertThat(page.locator("#notification-badge")).containsText("2");
        page.navigate(url("/approvals"));
        page.fill("textarea[name=comment]", "Ajoutez une date cible à l'objectif d'école.");
        page.click("button[value=return]");
        assertThat(page.locator(".alert.ok")).isVisible();
        signOut();

        signIn(caseworker);
        page.navigate(url("/tasks"));
        assertThat(page.locator("tr.task-row:has-text('" + number + "')")).containsText("Plan de prise en charge");
        page.navigate(url("/cases/" + caseId));
        page.click("#submit-plan");
        signOut();

        signIn(supervisor);
        page.navigate(url("/tasks"));
        assertThat(page.locator("tr.task-row:has-text('" + number + "')")).containsText("Plan à approuver");
        page.navigate(url("/cases/" + caseId));
        page.click(".approval button.approve");
        assertThat(page.locator("#current-step")).hasText("Mise en œuvre et suivi");
        signOut();

        signIn(caseworker);
        page.navigate(url("/tasks"));
        assertThat(page.locator("tr.task-row:has-text('" + number + "')")).hasCount(2);
        fill(caseworker, caseId, "case_closure");
        page.navigate(url("/cases/" + caseId));
        page.click("#request-closure");
        assertThat(page.locator("#current-step")).hasText("Clôture demandée");
        signOut();

        signIn(supervisor);
        page.navigate(url("/cases/" + caseId));
        page.click(".approval button.approve");
        assertThat(page.locator("#current-step")).hasText("Clôturé");
        signOut();

        signIn(caseworker);
        page.navigate(url("/tasks"));
        assertThat(page.locator("tr.task-row:has-text('" + number + "')")).containsText("Revue post-clôture");
        page.navigate(url("/cases/" + caseId));
        page.fill("#review-text", "Rokia va à l'école, la famille a les contacts.");
        page.click("#post-closure-review");
        assertThat(page.locator("#current-step")).hasText("Archivé (revue post-clôture faite)");
        page.click("#history summary");
        assertThat(page.locator("#history tr")).hasCount(11);
        page.navigate(url("/tasks"));
        assertThat(page.locator("tr.task-row:has-text('" + number + "')")).hasCount(0);
    }

    private void fill(UserAccount user, UUID caseId, String formId) {
        records.create(fixtures.signIn(user), caseId, formId, org.abri.support.FilledForms.of(formId, "high"));
        SecurityContextHolder.clearContext();
    }
}
