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
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the tests in a real browser: Debian's Chromium driven by Playwright (never a
 * downloaded browser). Required under CI, skipped elsewhere when Chromium is missing. Any
 * console error (such as a Content-Security-Policy violation) fails the test.
 */
abstract class BrowserTest extends IntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ABRI_CHROMIUM", "/usr/bin/chromium"));

    private static Playwright playwright;
    private static Browser browser;

    @Autowired
    protected Fixtures fixtures;

    private BrowserContext context;
    protected Page page;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<Integer> expectedRefusals = new ArrayList<>();

    @BeforeAll
    static void launch() {
        boolean required = System.getenv("CI") != null;
        if (!Files.isExecutable(CHROMIUM)) {
            if (required) {
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

    @BeforeEach
    void openPage() {
        context = browser.newContext();
        page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
        // Chromium logs every 4xx answer as a console error: only those the test itself provokes pass.
        consoleErrors.removeIf(error -> error.startsWith("Failed to load resource")
                && expectedRefusals.stream().anyMatch(status -> error.contains("status of " + status + " ")));
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    /** This test provokes an answer with this status (such as 401 for an expired session). */
    protected void expectRefusal(int status) {
        expectedRefusals.add(status);
    }

    protected void signIn(UserAccount user) {
        if (!page.url().endsWith("/login")) {
            page.navigate(url("/login"));
        }
        page.fill("#username", user.username());
        page.fill("#password", Fixtures.PASSWORD);
        page.click("#sign-in");
        assertThat(page.locator("#sign-out")).isVisible();
    }

    protected void signOut() {
        page.click("#sign-out");
        assertThat(page.locator("#sign-in")).isVisible();
    }

    /** The browser itself, for a test that needs several users signed in at once (a context each). */
    protected static Browser browser() {
        return browser;
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
