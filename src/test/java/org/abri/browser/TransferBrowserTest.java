package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
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
 * A transfer in the browser: the caseworker requests it from the case page (the consent to share
 * is on file), the receiving agency's focal point accepts it for one of its caseworkers, who then
 * opens the case; the sending caseworker no longer has it in her list.
 */
class TransferBrowserTest extends BrowserTest {

    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;

    @Test
    void aCaseworkerRequestsTheReceivingFocalPointAcceptsAndTheNewCaseworkerOpensTheCase() {
        Agency sending = fixtures.agency();
        Agency receiving = fixtures.agency();
        UserAccount caseworker = fixtures.user(sending, Role.CASEWORKER);
        UserAccount focal = fixtures.user(receiving, Role.SERVICE_FOCAL_POINT);
        UserAccount newCaseworker = fixtures.user(receiving, Role.CASEWORKER);
        var registered = registry.register(fixtures.signIn(caseworker), fixtures.child("Kaltouma", "Brahim"));
        UUID caseId = registered.id();
        String today = LocalDate.now().toString();
        Map<String, Object> consent = Map.of("decision", "given", "method", "written", "givenBy", "both", "date", today);
        Map<String, Object> values = new HashMap<>(Map.of("explanation_date", today, "explained_by", "GC test",
                "language_used", "Arabe", "confidentiality_limits_explained", "yes", "child_assent", "given"));
        values.put("consent_case_management", consent);
        values.put("consent_data_collection", consent);
        values.put("consent_aggregate_sharing", consent);
        values.put("consent_information_sharing", consent);
        records.create(fixtures.signIn(caseworker), caseId, "consent_assent", values);
        SecurityContextHolder.clearContext();

        signIn(caseworker);
        page.navigate(url("/cases/" + caseId));
        page.click("#transfer-case");
        assertThat(page.locator("#consent-given")).isVisible();
        page.selectOption("#toAgencyId", receiving.id().toString());
        page.fill("#reason", "La famille s'installe dans la zone de l'agence qui reçoit.");
        page.fill("#needs", "Scolarisation en cours, suivi psychosocial hebdomadaire.");
        page.click("#request-transfer");
        assertThat(page.locator("#transfer-status")).hasText("En attente de réponse");
        signOut();

        signIn(focal);
        assertThat(page.locator("#notification-badge")).containsText("1");
        page.click("#nav-transfers");
        page.click("#incoming a:has-text('" + registered.caseNumber() + "')");
        assertThat(page.locator("#child-name")).hasText("Kaltouma Brahim");
        assertThat(page.locator("#transfer-needs")).containsText("Scolarisation");
        page.selectOption("#caseworkerId", newCaseworker.id().toString());
        page.click("#accept-transfer");
        assertThat(page.locator("#transfer-status")).hasText("Accepté");
        signOut();

        signIn(newCaseworker);
        assertThat(page.locator("#notification-badge")).containsText("1");
        page.navigate(url("/cases"));
        page.click("a:has-text('" + registered.caseNumber() + "')");
        assertThat(page.locator("#case-title")).hasText("Kaltouma Brahim");
        page.click("#history summary");
        assertThat(page.locator("#history")).containsText("Cas transféré à une autre agence");
        signOut();

        signIn(caseworker);
        page.navigate(url("/cases"));
        assertThat(page.locator("a:has-text('" + registered.caseNumber() + "')")).hasCount(0);
    }
}
