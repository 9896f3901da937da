package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;

/**
 * Setting up a deployment in the browser: the system administrator creates an agency and
 * its administrator, who then creates a caseworker, who can sign in.
 */
class AdministratorBrowserTest extends BrowserTest {

    @Test
    void theSystemAdministratorSetsUpAnAgencyWhoseAdministratorCreatesACaseworker() {
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        String code = "B" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        String suffix = code.toLowerCase();

        signIn(systemAdmin);
        page.click("header nav a[href='/admin/agencies']");
        page.fill("#code", code);
        page.fill("#name", "Association Espoir " + code);
        page.selectOption("#kind", "national_ngo");
        page.click("#create-agency");
        assertThat(page.locator(".alert.ok")).containsText("Agence créée");

        page.click("text=Utilisateurs de l'agence");
        page.click("#new-user");
        page.fill("#username", "admin-" + suffix);
        page.fill("#fullName", "Béatrice Admin " + code);
        page.fill("#password", "agency-admin-password");
        page.check("#role-AGENCY_ADMIN");
        page.click("#save-user");
        assertThat(page.locator(".alert.ok")).hasText("Utilisateur créé.");
        signOut();

        page.fill("#username", "admin-" + suffix);
        page.fill("#password", "agency-admin-password");
        page.click("#sign-in");
        page.click("header nav a[href='/admin/users']");
        page.click("#new-user");
        // An agency administrator is offered agency roles only.
        assertThat(page.locator("#role-SYSTEM_ADMIN")).hasCount(0);
        page.fill("#username", "Aristide N'Garo");
        page.fill("#fullName", "Aristide Caseworker " + code);
        page.fill("#password", "caseworker-password");
        page.check("#role-CASEWORKER");
        page.click("#save-user");
        // Refused by the server: the message says why, and what was typed is kept.
        assertThat(page.locator("#problem")).containsText("L'identifiant doit compter 3 à 40 caractères");
        assertThat(page.locator("#fullName")).hasValue("Aristide Caseworker " + code);
        assertThat(page.locator("#role-CASEWORKER")).isChecked();
        page.fill("#username", "cw-" + suffix);
        page.fill("#password", "caseworker-password");
        page.click("#save-user");
        assertThat(page.locator(".alert.ok")).hasText("Utilisateur créé.");
        signOut();

        page.fill("#username", "cw-" + suffix);
        page.fill("#password", "caseworker-password");
        page.click("#sign-in");
        assertThat(page.locator("#register-child")).isVisible();
    }
}
