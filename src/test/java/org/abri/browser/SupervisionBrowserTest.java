package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;

/** Remote supervision in a browser: a session by phone with two agreed actions, then seen by the caseworker. */
class SupervisionBrowserTest extends BrowserTest {

    @Test
    void aSupervisorRecordsAPhoneSessionWithTwoActionsAndTheCaseworkerSeesItUnderMySupervision() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);

        page.navigate(url("/login"));
        signIn(supervisor);
        page.navigate(url("/supervision/records"));
        page.click("#people a.person-link");
        page.click("#new-individual_supervision");
        assertThat(page.locator("#held-on")).hasValue(LocalDate.now().toString());
        page.selectOption("#mode", "phone");
        page.fill("textarea[name='supportive_points']", "Beaucoup de déplacements ; pause prévue vendredi.");
        page.selectOption("select[name='wellbeing']", "some_stress");
        page.fill("input[name='agreed_actions[0].action']", "Mettre à jour les plans de cas");
        page.fill("input[name='agreed_actions[0].due_date']", LocalDate.now().plusDays(7).toString());
        if (page.locator("input[name='agreed_actions[1].action']").count() == 0) {
            page.click("fieldset[data-group='agreed_actions'] .add-row");
        }
        page.fill("input[name='agreed_actions[1].action']", "Lire le guide sur l'entretien avec l'enfant");
        page.click("#save-record");
        assertThat(page.locator("#record-mode")).hasText("Par téléphone");
        assertThat(page.locator("body")).containsText("Mettre à jour les plans de cas");
        signOut();

        signIn(caseworker);
        page.click("#nav-supervision");
        assertThat(page.locator("h1")).hasText("Ma supervision");
        page.click(".supervision-record-row a");
        assertThat(page.locator("#record-mode")).hasText("Par téléphone");
        assertThat(page.locator("body")).containsText("Lire le guide sur l'entretien avec l'enfant");
        assertThat(page.locator("body")).containsText("Beaucoup de déplacements");
        assertThat(page.locator("#edit-record")).hasCount(0);
    }
}
