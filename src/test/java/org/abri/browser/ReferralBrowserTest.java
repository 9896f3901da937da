package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.FilledForms;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The walk-through in Chromium: agency A's caseworker refers a child to a health
 * service of agency B sharing only identity and concern; B's focal point accepts and assigns;
 * B's caseworker sees those fields and nothing else (on the page and through the API), records
 * the service and closes; A sees the feedback and who read what.
 */
class ReferralBrowserTest extends BrowserTest {

    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;

    @Test
    void aChildIsReferredToAnotherAgencyWhichSeesOnlyWhatWasShared() {
        Agency agencyA = fixtures.agency();
        Agency agencyB = fixtures.agency();
        UserAccount caseworkerA = fixtures.user(agencyA, Role.CASEWORKER);
        UserAccount focalPointB = fixtures.user(agencyB, Role.SERVICE_FOCAL_POINT);
        UserAccount caseworkerB = fixtures.user(agencyB, Role.CASEWORKER);
        fixtures.service(agencyB, "health", "Clinique de l'amitié test");
        UUID caseId = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Nadège", "Yakité-Test")).id();
        records.create(fixtures.signIn(caseworkerA), caseId, "consent_assent", FilledForms.consent("given"));
        records.create(fixtures.signIn(caseworkerA), caseId, "initial_assessment",
                FilledForms.of("initial_assessment", "high"));
        SecurityContextHolder.clearContext();

        // A refers from the case page: the map filtered for her, then what to share.
        signIn(caseworkerA);
        page.navigate(url("/cases/" + caseId));
        page.click("#refer-child");
        page.locator("tr.service-row:has-text(\"Clinique de l'amitié test\") a.button").click();
        assertThat(page.locator("#consent-given")).isVisible();
        // The health minimum is ticked by default: identity and concerns, nothing more.
        assertThat(page.locator("#part-identity")).isChecked();
        assertThat(page.locator("#part-concerns")).isChecked();
        assertThat(page.locator("#part-caregiver")).not().isChecked();
        assertThat(page.locator("#part-form-initial_assessment")).not().isChecked();
        page.selectOption("#urgency", "high");
        page.fill("#reason", "Soins médicaux après une agression ; accompagnement demandé.");
        page.click("#send-referral");
        assertThat(page.locator(".referral-status .tag").first()).hasText("Envoyé");
        String reference = page.locator("h1 span").first().textContent().replace("Référencement ", "").strip();
        signOut();

        // B's focal point finds it in the inbox, reads the shared part, accepts and assigns.
        signIn(focalPointB);
        page.navigate(url("/referrals"));
        page.click("#referral-" + reference + " a");
        assertThat(page.locator("#shared-givenNames")).hasText("Nadège");
        page.selectOption("#assignedTo", caseworkerB.id().toString());
        page.click("#accept-referral");
        assertThat(page.locator("#referral-assignee")).hasText(caseworkerB.fullName());
        signOut();

        // B's caseworker: the shared fields, field by field, and nothing else.
        signIn(caseworkerB);
        page.navigate(url("/referrals?box=inbox"));
        page.click("#referral-" + reference + " a");
        assertThat(page.locator("#shared-givenNames")).hasText("Nadège");
        assertThat(page.locator("#shared-familyName")).hasText("Yakité-Test");
        assertThat(page.locator("#shared-sex")).hasText("Fille");
        assertThat(page.locator("#shared-age")).hasText("11");
        assertThat(page.locator("#shared-protectionConcerns")).containsText("Négligence");
        for (String unshared : new String[] {"riskLevel", "locationId", "caregiverName", "caregiverRelationship",
                "nationality", "displacementStatus"}) {
            assertThat(page.locator("#shared-" + unshared)).hasCount(0);
        }
        assertThat(page.locator(".shared-record")).hasCount(0);
        assertThat(page.locator("main")).not().containsText("Tante test");
        String referralUrl = page.url();
        UUID referralId = UUID.fromString(referralUrl.substring(referralUrl.lastIndexOf('/') + 1));
        // The same through the API; the case itself stays closed to B.
        ApiClient.Response shared = new ApiClient(port).as(fixtures.token(caseworkerB))
                .get("/api/v1/referrals/" + referralId + "/shared-case");
        assertThat(shared.status()).isEqualTo(200);
        java.util.Set<String> keys = new java.util.TreeSet<>();
        shared.json().path("fields").propertyNames().forEach(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("givenNames", "familyName", "otherNames", "sex", "dateOfBirth",
                "age", "protectionConcerns");
        assertThat(shared.json().path("records").size()).isZero();
        assertThat(shared.body()).doesNotContain("Tante test");
        assertThat(signedIn(caseworkerB).get("/cases/" + caseId).statusCode()).isEqualTo(404);

        // B records the service and closes with feedback.
        page.navigate(referralUrl);
        page.fill("#service-text", "Consultation, soins et traitement préventif donnés.");
        page.click("#record-service");
        assertThat(page.locator("#service-provided")).containsText("Consultation");
        page.fill("#feedback-text", "Enfant soignée ; contrôle dans deux semaines au centre.");
        page.click("#close-referral");
        assertThat(page.locator(".referral-status .tag").first()).hasText("Clôturé");
        signOut();

        // A sees the feedback, the closed status and every read of the shared part by B.
        signIn(caseworkerA);
        page.navigate(url("/cases/" + caseId));
        page.click("#case-referrals a:has-text('" + reference + "')");
        assertThat(page.locator("#referral-feedback")).hasText("Enfant soignée ; contrôle dans deux semaines au centre.");
        assertThat(page.locator("#service-provided")).containsText("Consultation");
        assertThat(page.locator("#referral-history .event-shared_part_read").first()).containsText(agencyB.code());
        assertThat(page.locator("#shared-case")).hasCount(0);
    }
}
