package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;

/** A coordinator adds an organisation's service to the map; a caseworker finds it by filtering. */
class ServiceMapBrowserTest extends BrowserTest {

    @Test
    void aCoordinatorAddsAServiceThatACaseworkerFindsByFiltering() {
        UserAccount coordinator = fixtures.deploymentUser(Role.COORDINATOR);
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        String word = "Bangassou" + Long.toString(System.nanoTime() % 1_000_000, 36);

        signIn(coordinator);
        page.click("header nav a[href='/services']");
        page.click("#providers-link");
        page.fill("#name", "Clinique Espérance " + word);
        page.fill("#phone", "+236 72 00 00 00");
        page.click("#create-provider");
        assertThat(page.locator(".alert.ok, #notice")).hasCount(0);
        page.selectOption("#sector", "health");
        page.fill("#name", "Soins aux survivants " + word);
        page.fill("#hours", "24h/24");
        page.fill("#ageMin", "20");
        page.fill("#ageMax", "5");
        page.check("#concern-sexual_violence");
        page.click("#save-service");
        // Refused, with the reason beside the field, and what was typed kept.
        assertThat(page.locator("#ageMax-error")).containsText("âge maximum");
        assertThat(page.locator("#name")).hasValue("Soins aux survivants " + word);
        assertThat(page.locator("#concern-sexual_violence")).isChecked();
        page.fill("#ageMin", "0");
        page.fill("#ageMax", "17");
        page.click("#save-service");
        assertThat(page.locator("#notice")).containsText("ajouté");
        signOut();

        signIn(caseworker);
        page.click("header nav a[href='/services']");
        page.selectOption("#f-sector", "health");
        page.selectOption("#f-concern", "sexual_violence");
        page.fill("#f-age", "12");
        page.fill("#f-q", word);
        page.click("#apply-filter");
        assertThat(page.locator("#services .service-name")).hasText("Soins aux survivants " + word);
        assertThat(page.locator("#services .off-system")).isVisible();
        page.fill("#f-age", "19");
        page.click("#apply-filter");
        assertThat(page.locator("#no-services")).isVisible();
    }
}
