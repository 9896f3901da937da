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
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.locations.Location;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A caseworker's first day, in a real browser (Debian's Chromium driven by Playwright):
 * sign in, register a child, find her again by a misspelled name, sign out; once in French
 * and once in Arabic, right to left. Any console error (such as a CSP violation) fails it.
 */
class CaseworkerBrowserTest extends IntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ABRI_CHROMIUM", "/usr/bin/chromium"));

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new ArrayList<>();

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
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

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
        page.fill("#q", "elodi ngakotou");
        page.click("#search");
        assertThat(page.locator("#results .case-name")).hasText(new String[] {"Élodie Ngakoutou"});

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

    private void signIn(UserAccount user) {
        if (!page.url().endsWith("/login")) {
            page.navigate(url("/login"));
        }
        page.fill("#username", user.username());
        page.fill("#password", Fixtures.PASSWORD);
        page.click("#sign-in");
        assertThat(page.locator("#sign-out")).isVisible();
    }

    private void signOut() {
        page.click("#sign-out");
        assertThat(page.locator("#sign-in")).isVisible();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
