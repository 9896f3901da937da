package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Locator;
import org.abri.identity.Role;
import org.junit.jupiter.api.Test;

/**
 * The browsable API documentation at /api-docs really works in a browser under its
 * Content-Security-Policy: it renders every tag, accepts a token with "Authorize" and runs
 * a call. Any console error (a CSP violation among them) fails it (see {@link BrowserTest}).
 */
class SwaggerUiBrowserTest extends BrowserTest {

    @Test
    void theApiDocumentationRendersUnderItsCspAndRunsACallWithAToken() {
        String token = fixtures.token(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        page.setDefaultTimeout(20_000);
        page.navigate(url("/api-docs"));
        assertThat(page.locator(".swagger-ui .info .title")).containsText("Abri API");
        for (String tag : List.of("Cases", "Me", "Agencies", "Users", "Audit", "Locations", "Lookups", "Forms")) {
            assertThat(page.locator("#operations-tag-" + tag)).isVisible();
        }

        page.click(".swagger-ui .authorize");
        page.locator(".modal-ux input[type=text]").fill(token);
        page.click(".modal-ux .auth-btn-wrapper button[type=submit]");
        page.click(".modal-ux button.close-modal");

        Locator readMe = page.locator("#operations-Me-readMe");
        readMe.locator(".opblock-summary").first().click();
        readMe.locator(".try-out__btn").click();
        readMe.locator(".execute").click();
        assertThat(readMe.locator(".live-responses-table tr.response .response-col_status").first()).hasText("200");
        assertThat(readMe.locator(".live-responses-table .microlight").first()).containsText("CASEWORKER");
    }
}
