package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deployment contextualises a form in the browser — renames a field in French, hides one,
 * adds a select field — and a caseworker sees the change at once, without a restart.
 */
class FormContextualisationBrowserTest extends BrowserTest {

    @Autowired
    CaseRegistry cases;
    @Autowired
    org.abri.forms.FormCatalogue catalogue;

    /** Puts the shipped follow-up form back, for the other tests sharing this database. */
    @org.junit.jupiter.api.AfterEach
    void restoreTheShippedForm() {
        var admin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        var now = catalogue.get("follow_up_visit");
        catalogue.save(admin, catalogue.version("follow_up_visit", 1).withVersion(now.version()), now.version());
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }

    @Test
    void aChangeMadeByTheAdministratorIsWhatTheCaseworkerFillsInAtOnce() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UUID caseId = cases.register(fixtures.signIn(caseworker), fixtures.child("Aïcha", "Mahamat")).id();
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        UserAccount admin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        // Each run adds its own field to the shared test database's form.
        String fieldId = "sector_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String renamed = "Observations du suivi " + fieldId;

        signIn(admin);
        page.click("header nav a[href='/admin/forms']");
        page.click("#forms a[href='/admin/forms/follow_up_visit']");
        page.fill("[id='f.notes.label.fr']", renamed);
        page.check("#hide-child_seen_alone");
        page.click("#save-form");
        assertThat(page.locator("#notice")).isVisible();

        page.selectOption("#field-target", "situation");
        page.fill("#field-id", fieldId);
        page.selectOption("#field-type", "select");
        page.fill("#field-labelFr", "Secteur de l'orientation " + fieldId);
        page.fill("#field-labelEn", "Referral sector");
        page.fill("#field-labelAr", "قطاع الإحالة");
        page.selectOption("#field-lookup", "service_sector");
        page.click("#add-field-button");
        assertThat(page.locator("#notice")).isVisible();
        assertThat(page.locator("#edit-field-" + fieldId)).isVisible();
        signOut();

        signIn(caseworker);
        page.navigate(url("/cases/" + caseId));
        page.click("#fill-follow_up_visit");
        assertThat(page.locator("label[for='f-notes']")).hasText(renamed);
        assertThat(page.locator("#f-child_seen_alone-yes")).hasCount(0);
        assertThat(page.locator("label[for='f-" + fieldId + "']")).hasText("Secteur de l'orientation " + fieldId);
        assertThat(page.locator("#f-" + fieldId + " option[value='health']")).hasCount(1);
        // A conditional field appears only while its condition holds.
        assertThat(page.locator("#f-new_concerns_detail")).isHidden();
        page.check("#f-new_concerns-yes");
        assertThat(page.locator("#f-new_concerns_detail")).isVisible();
        page.check("#f-new_concerns-no");
        assertThat(page.locator("#f-new_concerns_detail")).isHidden();
        // A new row of a repeating group gets the next index.
        page.click("#f-goal_progress .add-row");
        assertThat(page.locator("[name='goal_progress[1].goal']")).hasCount(1);
        signOut();
    }
}
