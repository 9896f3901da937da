package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;

/**
 * Pages on a phone's screen (360 px wide) in Arabic: mirrored (right to left) and never wider
 * than the screen, so nothing sits beyond a sideways scroll a caseworker would not think of.
 */
class NarrowArabicBrowserTest extends BrowserTest {

    @Test
    void theSystemAdministratorsPagesFitAPhoneInArabic() {
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        page.setViewportSize(360, 740);
        signIn(systemAdmin);
        page.click("a[hreflang=ar]");
        for (String path : List.of("/admin/system", "/profile", "/admin/agencies", "/")) {
            page.navigate(url(path));
            assertFitsInArabic(path);
        }
        // The profile's table of open sessions is part of the page, within the width.
        assertThat(page.locator("html")).hasAttribute("lang", "ar");
        page.navigate(url("/profile"));
        assertThat(page.locator("table").first()).isVisible();
        assertFitsInArabic("/profile");
    }

    private void assertFitsInArabic(String path) {
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        int overflow = ((Number) page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
        assertThat(overflow).as("horizontal overflow of %s at 360 px", path).isLessThanOrEqualTo(0);
    }
}
