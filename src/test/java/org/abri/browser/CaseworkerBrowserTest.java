package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.locations.Location;
import org.junit.jupiter.api.Test;

/**
 * A caseworker's first day, in a real browser (Debian's Chromium driven by Playwright):
 * sign in, register a child, find her again by a misspelled name, sign out; once in French
 * and once in Arabic, right to left; the name searched never appears in the address. Any
 * console error (such as a CSP violation) fails it.
 */
class CaseworkerBrowserTest extends BrowserTest {

    @Test
    void caseworkerRegistersAChildFindsHerByAMisspelledNameAndSignsOut() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        Location location = fixtures.location();

        signIn(caseworker);
        assertThat(page.locator("html")).hasAttribute("lang", "fr");
        assertThat(page.locator("html")).hasAttribute("dir", "ltr");

        page.click("#register-child");
        registerChild("Élodie", "Ngakoutou", null, location);
        assertThat(page.locator("#case-title")).hasText("Élodie Ngakoutou");
        assertThat(page.locator("#case-number")).containsText(agency.code() + "-");

        page.navigate(url("/cases"));
        // The live search (htmx, posted): results appear as she types, the address does not change.
        page.locator("#q").pressSequentially("elodi ngakotou");
        assertThat(page.locator("#results .case-name")).hasText(new String[] {"Élodie Ngakoutou"});
        assertThat(page.url()).endsWith("/cases");
        page.click("#search");
        assertThat(page.locator("#results .case-name")).hasText(new String[] {"Élodie Ngakoutou"});
        // Posted: the name is in no address, so in no history entry nor access log.
        assertThat(page.url()).endsWith("/cases/search").doesNotContain("elodi", "ngakotou");

        signOut();
        assertThat(page.locator(".alert.ok")).hasText("Vous êtes déconnecté.");
    }

    @Test
    void theSameFlowInArabicIsRightToLeft() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.userSpeaking("ar", agency, Role.CASEWORKER);
        Location location = fixtures.location();

        page.navigate(url("/login"));
        page.click("a[hreflang=ar]");
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.locator("#sign-in")).hasText("دخول");
        signIn(caseworker);
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.locator("html")).hasAttribute("lang", "ar");

        page.click("#register-child");
        assertThat(page.locator("h1")).hasText("تسجيل طفل");
        registerChild("Fatimé", "Abakar", "فاطمة أبكر", location);
        assertThat(page.locator("#case-title")).hasText("Fatimé Abakar");

        page.navigate(url("/cases"));
        page.fill("#q", "Fatime Abacar");
        page.click("#search");
        assertThat(page.locator("#results .case-name")).hasText(new String[] {"Fatimé Abakar"});
        page.fill("#q", "فاطمة");
        page.click("#search");
        assertThat(page.locator("#results .case-name")).hasText(new String[] {"Fatimé Abakar"});
        assertThat(page.url()).doesNotContain("Fatime", "%D9%81");

        signOut();
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.locator(".alert.ok")).hasText("تم تسجيل خروجك.");
    }

    @Test
    void aFormWithMistakesKeepsWhatWasTyped() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        signIn(caseworker);
        page.navigate(url("/cases/new"));
        page.fill("#givenNames", "Grâce");
        page.fill("#otherNames", "Grace Yakite");
        page.click("#save-case");

        assertThat(page.locator("#form-problems")).isVisible();
        assertThat(page.locator("#familyName-error")).hasText("Ce champ est obligatoire.");
        assertThat(page.locator("#givenNames")).hasValue("Grâce");
        assertThat(page.locator("#otherNames")).hasValue("Grace Yakite");
    }

    private void registerChild(String givenNames, String familyName, String otherNames, Location location) {
        page.fill("#givenNames", givenNames);
        page.fill("#familyName", familyName);
        if (otherNames != null) {
            page.fill("#otherNames", otherNames);
        }
        page.check("#sex-female");
        page.fill("#ageEstimated", "9");
        page.selectOption("#nationality", "caf");
        page.selectOption("#displacementStatus", "idp");
        page.selectOption("#locationId", location.id().toString());
        page.fill("#caregiverName", "Mireille");
        page.selectOption("#caregiverRelationship", "aunt_uncle");
        page.check("#concern-separated");
        page.check("#concern-psychosocial_distress");
        page.check("#risk-high");
        for (int i = 0; i < 3; i++) {
            page.check("#consent-" + i + "-given");
            page.selectOption("#consent-" + i + "-method", "verbal");
            page.selectOption("#consent-" + i + "-givenBy", "both");
        }
        page.click("#save-case");
    }
}
