package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.abri.identity.Role;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browsable API documentation at /api-docs really works in a browser under its
 * Content-Security-Policy: it renders every tag, accepts a token with "Authorize" and runs
 * a call. Any console error (a CSP violation among them) fails it.
 */
class SwaggerUiBrowserTest extends IntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ABRI_CHROMIUM", "/usr/bin/chromium"));

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @BeforeAll
    static void launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("Chromium is required for the browser tests: " + CHROMIUM);
            }
            assumeTrue(false, "No Chromium at " + CHROMIUM + "; install Debian's chromium to run the browser tests");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void theApiDocumentationRendersUnderItsCspAndRunsACallWithAToken() {
        String token = fixtures.token(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        List<String> consoleErrors = new ArrayList<>();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.setDefaultTimeout(20_000);
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    consoleErrors.add(message.text());
                }
            });
            page.navigate("http://127.0.0.1:" + port + "/api-docs");
            assertThat(page.locator(".swagger-ui .info .title")).containsText("Abri API");
            for (String tag : List.of("Cases", "Me", "Agencies", "Users", "Audit", "Locations", "Lookups")) {
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
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }
}
