package org.abri.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.abri.cases.CaseNotes;
import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agencies;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.quality.QualityAssessments;
import org.abri.referrals.Referrals;
import org.abri.supervision.StaffRecords;
import org.abri.support.ApiClient;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.PageRoutes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.webjars.WebJarVersionLocator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every page of the application on a phone (360 px), in French and in Arabic, each opened by a
 * role that may open it: the document is never wider than the screen (a table stacks or scrolls
 * inside its own box), and axe-core finds no serious or critical accessibility violation
 * (WCAG 2.x A/AA and axe's best practices).
 *
 * <p>The pages come from Spring's table of handlers ({@link PageRoutes}): a GET route outside
 * /api/ is a page, and each must be visited ({@link #visits()}) or listed in {@link #NOT_PAGES}
 * with the reason. A new page therefore fails this test until someone gives it a visit.
 */
class EveryPageBrowserTest extends BrowserTest {

    /** GET routes outside /api/ that do not draw a page of their own, each with the reason. */
    static final Map<String, String> NOT_PAGES = Map.ofEntries(
            // ---- files
            Map.entry("/admin/configuration/export", "a download: the configuration bundle (JSON)"),
            Map.entry("/admin/system/backups/{name}", "a download: an encrypted backup file"),
            Map.entry("/cases/{caseId}/records/{recordId}/print", "a PDF"),
            Map.entry("/forms/{formId}/print", "a PDF"),
            Map.entry("/referrals/{id}/print", "a PDF"),
            Map.entry("/quality/assessments/{id}/export.pdf", "a PDF"),
            Map.entry("/quality/assessments/{id}/export.xlsx", "a spreadsheet"),
            Map.entry("/quality/assessments/{id}/documents/{documentId}", "a download: an attached document"),
            Map.entry("/referrals/report.xlsx", "a spreadsheet"),
            Map.entry("/services/export.xlsx", "a spreadsheet"),
            // ---- fragments, drawn inside a page that is visited
            Map.entry("/admin/system/progress", "a fragment htmx swaps into /admin/system"),
            Map.entry("/referrals/summary", "a fragment htmx swaps into the home page"),
            Map.entry("/cases/{caseId}/referrals", "a fragment htmx swaps into the case page"),
            Map.entry("/cases/{caseId}/file-checks", "a fragment htmx swaps into the case page"),
            // ---- not ours
            Map.entry("/api-docs", "Swagger UI's own page for the API description (SwaggerUiBrowserTest)"));

    /**
     * Rules of axe left out, each with the reason. Empty: every rule runs. (A rule may only be
     * left out here with a written reason.)
     */
    static final Map<String, String> RULES_LEFT_OUT = Map.of();

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
            "best-practice");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseNotes notes;
    @Autowired
    Referrals referrals;
    @Autowired
    StaffRecords staffRecords;
    @Autowired
    QualityAssessments assessments;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Agencies agencies;

    /** One page opened by one user (null: signed out). */
    record Visit(UserAccount user, String path, int status) {
    }

    private final Map<String, List<Visit>> visits = new LinkedHashMap<>();

    private void visit(String route, UserAccount user, String path) {
        visits.computeIfAbsent(route, r -> new ArrayList<>()).add(new Visit(user, path, 200));
    }

    private void visit(String route, UserAccount user) {
        visit(route, user, route);
    }

    /** The world every page is opened in, and who opens which page. */
    private Map<String, List<Visit>> visits() {
        // Real names are long, and some carry a word too long for a phone's line (a web address).
        Agency agencyA = agencies.createForDemo("W" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(),
                "Organisation nationale pour la protection de l'enfance et de la famille (ONPEF) — "
                        + "www.protection-enfance-centrafrique-bangui.example.org", "national_ngo");
        Agency agencyB = fixtures.agency();
        UserAccount caseworker = fixtures.user(agencyA, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agencyA, caseworker);
        UserAccount manager = fixtures.user(agencyA, Role.AGENCY_MANAGER);
        UserAccount agencyAdmin = fixtures.user(agencyA, Role.AGENCY_ADMIN);
        UserAccount managerB = fixtures.user(agencyB, Role.AGENCY_MANAGER);
        UserAccount caseworkerB = fixtures.user(agencyB, Role.CASEWORKER);
        UserAccount focalPointB = fixtures.user(agencyB, Role.SERVICE_FOCAL_POINT);
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        UserAccount coordinator = fixtures.deploymentUser(Role.COORDINATOR);

        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Aïssatou", "Étroite-Test")).id();
        UUID recordId = records.create(fixtures.signIn(caseworker), caseId, "consent_assent",
                FilledForms.consent("given")).id();
        UUID noteId = notes.add(fixtures.signIn(caseworker), caseId, "Visite faite.", false).id();
        UUID healthB = fixtures.service(agencyB, "health", "Centre de santé communautaire et de nutrition "
                + "thérapeutique ambulatoire de Bangui-Boy-Rabe (CSNTA-BBR)");
        UUID referralId = referrals.send(fixtures.signIn(caseworker), caseId, new Referrals.ReferralRequest(healthB,
                "medium", "Soins demandés.", null, List.of("identity"), null)).id();
        UUID discussionId = staffRecords.create(fixtures.signIn(supervisor), new StaffRecords.StaffRecordRequest(
                StaffRecords.CASE_DISCUSSION, caseworker.id(), caseId, LocalDate.now(), "phone",
                Map.of("question", "Placement ?", "decision", "Rester chez la tante."))).id();
        UUID session = staffRecords.create(fixtures.signIn(supervisor), new StaffRecords.StaffRecordRequest(
                "individual_supervision", caseworker.id(), null, LocalDate.now(), "phone",
                Map.of(StaffRecords.ACTION_POINTS, List.of(Map.of("action", "Relire le plan",
                        "due_date", LocalDate.now().plusDays(7).toString()))))).id();
        UUID actionPoint = jdbc.sql("select id from supervision_action where record_id = ?").param(session)
                .query(UUID.class).single();
        var managerUser = fixtures.signIn(manager);
        UUID assessmentId = assessments.start(managerUser, QualityAssessments.scopeOf(managerUser).orElseThrow(),
                LocalDate.now().minusMonths(6), LocalDate.now().minusDays(1)).id();
        UUID moving = registry.register(fixtures.signIn(caseworker), fixtures.child("Hawa", "Étroite-Test")).id();
        UUID handedOver = registry.register(fixtures.signIn(caseworker), fixtures.child("Zara", "Étroite-Test")).id();
        SecurityContextHolder.clearContext();
        String pendingTransfer = requestTransfer(caseworker, moving, agencyB);
        String acceptedTransfer = requestTransfer(caseworker, handedOver, agencyB);
        assertThat(new ApiClient(port).as(fixtures.token(managerB)).post("/api/v1/transfers/" + acceptedTransfer
                + "/accept", Map.of("caseworkerId", caseworkerB.id().toString())).status()).isEqualTo(200);
        Map<String, Object> lookup = jdbc.sql("select list_name, code from lookup_value order by list_name, code limit 1")
                .query().singleRow();
        UUID gridItem = jdbc.sql("select id from quality_item order by id limit 1").query(UUID.class).single();
        UUID provider = jdbc.sql("select provider_id from service where id = ?").param(healthB).query(UUID.class)
                .single();

        String theCase = "/cases/" + caseId;
        // ---- the shell and the user's own pages
        visit("/login", null); // signed out
        visit("/session-expired", null);
        visit("/", caseworker);
        visit("/", supervisor);
        visit("/", systemAdmin);
        visits.computeIfAbsent("/error", r -> new ArrayList<>()).add(new Visit(caseworker, "/no-such-page", 404));
        visits.get("/error").add(new Visit(caseworker, "/cases/" + UUID.randomUUID(), 404));
        visit("/profile", caseworker);
        visit("/notifications", caseworker);
        // ---- cases
        visit("/cases", caseworker);
        visit("/cases/new", caseworker);
        visit("/cases/{id}", caseworker, theCase);
        visit("/cases/{id}/edit", caseworker, theCase + "/edit");
        visit("/cases/{caseId}/forms/{formId}/new", caseworker, theCase + "/forms/initial_assessment/new");
        visit("/cases/{caseId}/records/{recordId}", caseworker, theCase + "/records/" + recordId);
        visit("/cases/{caseId}/records/{recordId}/edit", caseworker, theCase + "/records/" + recordId + "/edit");
        visit("/cases/{caseId}/notes/{noteId}/edit", caseworker, theCase + "/notes/" + noteId + "/edit");
        visit("/cases/{caseId}/timeline", caseworker, theCase + "/timeline");
        visit("/cases/{caseId}/referrals/new", caseworker, theCase + "/referrals/new");
        visit("/cases/{caseId}/transfer", caseworker, theCase + "/transfer");
        visit("/cases/{id}", supervisor, theCase);
        visit("/tasks", caseworker);
        visit("/approvals", supervisor);
        // ---- referrals and transfers
        visit("/referrals", caseworker, "/referrals?box=outbox");
        visit("/referrals", focalPointB, "/referrals?box=inbox");
        visit("/referrals/{id}", caseworker, "/referrals/" + referralId);
        visit("/referrals/report", manager);
        visit("/transfers", managerB);
        visit("/transfers/{id}", managerB, "/transfers/" + pendingTransfer);
        visit("/transfers/{id}/records", caseworker, "/transfers/" + acceptedTransfer + "/records");
        // ---- supervision
        visit("/supervision", supervisor);
        visit("/supervision/people/{userId}", supervisor, "/supervision/people/" + caseworker.id());
        visit("/supervision/records", supervisor);
        visit("/supervision/records/new", supervisor, "/supervision/records/new?form=individual_supervision&subject="
                + caseworker.id());
        visit("/supervision/records/new", supervisor, "/supervision/records/new?form=" + StaffRecords.CASE_DISCUSSION
                + "&subject=" + caseworker.id() + "&case=" + caseId);
        visit("/supervision/records/{id}", supervisor, "/supervision/records/" + discussionId);
        visit("/supervision/records/{id}/edit", supervisor, "/supervision/records/" + discussionId + "/edit");
        visit("/supervision/actions/{id}", caseworker, "/supervision/actions/" + actionPoint);
        visit("/supervision/checklist/new", supervisor, "/supervision/checklist/new?case=" + caseId);
        visit("/supervision/competencies/{userId}", supervisor, "/supervision/competencies/" + caseworker.id());
        visit("/supervision/competencies/{userId}/new", supervisor,
                "/supervision/competencies/" + caseworker.id() + "/new");
        // ---- services
        visit("/services", caseworker);
        visit("/services/{id}", caseworker, "/services/" + healthB);
        visit("/services/{id}/edit", coordinator, "/services/" + healthB + "/edit");
        visit("/services/new", coordinator);
        visit("/services/import", coordinator);
        visit("/services/providers", coordinator);
        visit("/services/providers/{id}", coordinator, "/services/providers/" + provider);
        visit("/services/pathways", caseworker);
        visit("/services/pathways/edit", coordinator);
        // ---- quality
        visit("/quality", manager);
        visit("/quality/assessments/{id}", manager, "/quality/assessments/" + assessmentId);
        visit("/quality/assessments/{id}/domains/{number}", manager, "/quality/assessments/" + assessmentId
                + "/domains/1");
        visit("/quality/progress", manager);
        visit("/quality/interagency", coordinator);
        visit("/quality/evidence/{key}", manager, "/quality/evidence/consent_recorded?agency=" + agencyA.id());
        // ---- administration
        visit("/admin/users", agencyAdmin);
        visit("/admin/users/new", agencyAdmin);
        visit("/admin/users/{id}", agencyAdmin, "/admin/users/" + caseworker.id());
        visit("/admin/agencies", systemAdmin);
        visit("/admin/agencies/{id}", systemAdmin, "/admin/agencies/" + agencyA.id());
        visit("/admin/locations", systemAdmin);
        visit("/admin/locations/{id}", systemAdmin, "/admin/locations/" + fixtures.location().id());
        visit("/admin/lookups", systemAdmin);
        visit("/admin/lookups/{list}", systemAdmin, "/admin/lookups/" + lookup.get("list_name"));
        visit("/admin/lookups/{list}/{code}", systemAdmin, "/admin/lookups/" + lookup.get("list_name") + "/"
                + lookup.get("code"));
        visit("/admin/forms", systemAdmin);
        visit("/admin/forms/{formId}", systemAdmin, "/admin/forms/consent_assent");
        visit("/admin/configuration", systemAdmin);
        visit("/admin/sop", systemAdmin);
        visit("/admin/referral-sharing", coordinator);
        visit("/admin/quality-grid", coordinator);
        visit("/admin/quality-grid/items/{id}", coordinator, "/admin/quality-grid/items/" + gridItem);
        visit("/admin/system", systemAdmin);
        visit("/audit", agencyAdmin);
        visit("/audit", agencyAdmin, "/audit?record=" + caseId);
        return visits;
    }

    private String requestTransfer(UserAccount caseworker, UUID caseId, Agency to) {
        ApiClient.Response requested = new ApiClient(port).as(fixtures.token(caseworker)).post(
                "/api/v1/cases/" + caseId + "/transfers", Map.of("toAgencyId", to.id().toString(),
                        "reason", "La famille déménage.", "needs", "Suivi scolaire.",
                        "bestInterestReason", "Départ de la famille vers la zone de l'agence B."));
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        return requested.json().path("transfer").path("id").asString();
    }

    /** The pages: GET routes outside /api/. */
    private Set<String> pages() {
        Set<String> pages = new TreeSet<>();
        for (String route : PageRoutes.get(mappings)) {
            if (!route.startsWith("/api/")) {
                pages.add(route);
            }
        }
        return pages;
    }

    @Test
    void everyPageFitsAPhoneAndPassesAxeInFrenchAndArabic() throws IOException {
        Map<String, List<Visit>> all = visits();
        Set<String> unvisited = new TreeSet<>(pages());
        unvisited.removeAll(all.keySet());
        unvisited.removeAll(NOT_PAGES.keySet());
        assertThat(unvisited).as("pages neither visited nor listed in NOT_PAGES with a reason").isEmpty();
        Set<String> stale = new TreeSet<>(all.keySet());
        stale.addAll(NOT_PAGES.keySet());
        stale.removeAll(pages());
        assertThat(stale).as("visited or listed routes the application no longer maps").isEmpty();

        String axe = axeSource();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> violations = new TreeMap<>();
        Map<UUID, Page> pages = new LinkedHashMap<>();
        List<BrowserContext> contexts = new ArrayList<>();
        List<String> consoleErrors = new ArrayList<>();
        String[] current = {""};
        try {
            for (String lang : List.of("fr", "ar")) {
                for (var entry : all.entrySet()) {
                    for (Visit visit : entry.getValue()) {
                        Page page = visit.user() == null ? signedOut(contexts, consoleErrors, current)
                                : pages.computeIfAbsent(visit.user().id(), id -> signedIn(visit.user(), contexts,
                                        consoleErrors, current));
                        current[0] = lang + " " + entry.getKey();
                        String path = visit.path() + (visit.path().contains("?") ? "&" : "?") + "lang=" + lang;
                        Response response = page.navigate(url(path));
                        if (response == null || response.status() != visit.status()) {
                            problems.add(current[0] + ": status " + (response == null ? "none" : response.status())
                                    + ", expected " + visit.status());
                            continue;
                        }
                        page.waitForLoadState();
                        check(page, lang, current[0], axe, problems, violations);
                    }
                }
            }
        } finally {
            contexts.forEach(BrowserContext::close);
        }
        // Rule ids and counts only: never a page's text (a child's name) in the test's output.
        System.out.println("axe serious/critical violations (rule: pages): " + violations);
        problems.addAll(consoleErrors);
        assertThat(problems).as("pages too wide at 360 px, failing axe, not opened, or with console errors").isEmpty();
    }

    private void check(Page page, String lang, String where, String axe, List<String> problems,
            Map<String, Integer> violations) {
        String dir = (String) page.evaluate("() => document.documentElement.getAttribute('dir')");
        String pageLang = (String) page.evaluate("() => document.documentElement.getAttribute('lang')");
        if (!lang.equals(pageLang) || !("ar".equals(lang) ? "rtl" : "ltr").equals(dir)) {
            problems.add(where + ": lang=" + pageLang + " dir=" + dir);
        }
        int overflow = ((Number) page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
        if (overflow > 0) {
            problems.add(where + ": " + overflow + " px wider than the screen; widest: " + page.evaluate("""
                    () => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right
                      > document.documentElement.clientWidth + 1 || e.getBoundingClientRect().left < -1)
                      .slice(-3).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))
                      .join(' ')"""));
        }
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(axe);
        }
        String found = (String) page.evaluate("async ([tags, off]) => { const r = await axe.run(document, "
                + "{ runOnly: { type: 'tag', values: tags }, rules: Object.fromEntries(off.map(id => [id, { enabled: false }])), "
                + "resultTypes: ['violations'] }); return JSON.stringify(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')) })));"
                + "}", List.of(TAGS, List.copyOf(RULES_LEFT_OUT.keySet())));
        for (JsonNode violation : JsonMapper.builder().build().readTree(found)) {
            violations.merge(violation.path("id").asString(), 1, Integer::sum);
            problems.add(where + ": axe " + violation.path("impact").asString() + " " + violation.path("id").asString()
                    + " at " + violation.path("targets"));
        }
    }

    private Page signedOut(List<BrowserContext> contexts, List<String> consoleErrors, String[] current) {
        return newPage(contexts, consoleErrors, current);
    }

    private Page signedIn(UserAccount user, List<BrowserContext> contexts, List<String> consoleErrors,
            String[] current) {
        Page page = newPage(contexts, consoleErrors, current);
        page.navigate(url("/login"));
        page.fill("#username", user.username());
        page.fill("#password", Fixtures.PASSWORD);
        page.click("#sign-in");
        page.waitForSelector("#sign-out");
        return page;
    }

    private Page newPage(List<BrowserContext> contexts, List<String> consoleErrors, String[] current) {
        Browser browser = browser();
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740));
        contexts.add(context);
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onConsoleMessage(message -> {
            // The error pages are asked for on purpose: their own 404 is the answer, not a fault.
            if ("error".equals(message.type()) && !(current[0].endsWith(" /error")
                    && message.text().startsWith("Failed to load resource"))) {
                consoleErrors.add(current[0] + ": " + message.text());
            }
        });
        return page;
    }

    private static String axeSource() throws IOException {
        String version = new WebJarVersionLocator().version("axe-core");
        assertThat(version).as("axe-core on the test classpath (org.webjars.npm:axe-core)").isNotNull();
        try (InputStream in = EveryPageBrowserTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/" + version + "/axe.min.js")) {
            assertThat(in).as("axe-core %s on the test classpath (org.webjars.npm:axe-core)", version).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
