package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.abri.identity.Agencies;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pages on a phone's screen (360 px wide) in Arabic: mirrored (right to left) and never wider
 * than the screen, so nothing sits beyond a sideways scroll a caseworker would not think of.
 */
class NarrowArabicBrowserTest extends BrowserTest {

    @Autowired
    Agencies agencies;

    @Test
    void theSystemAdministratorsPagesFitAPhoneInArabic() {
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        // Real agency names are long, and some carry a word too long for a phone's line (a web address).
        agencies.createForDemo("L" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(),
                "Organisation nationale pour la protection de l'enfance et de la famille (ONPEF) — "
                        + "www.protection-enfance-centrafrique-bangui.example.org", "national_ngo");
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
