package org.abri.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.abri.cases.CaseNotes;
import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.referrals.Referrals;
import org.abri.supervision.StaffRecords;
import org.abri.support.ApiClient;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.PageRoutes;
import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The audit walk: every route that reads case data leaves an audit line, by the user who read,
 * on the right case (or, for a list, of the right kind).
 *
 * <p>The routes come from Spring's own table of handlers, so nothing can hide. The rule:
 * <b>every GET route reads case data unless it is listed in {@link #NO_CASE_DATA} with the
 * reason why not</b>; each of the others must be walked (in {@link #walks()}), and the walk
 * proves its audit line. A new route therefore fails {@link #everyRouteIsWalkedOrListedAsReadingNoCaseData}
 * until someone walks it (and so audits it) or says, in the list, why it shows no child's data.
 * A route about one case or one of its records (a {@code {caseId}}, {@code {recordId}} or
 * {@code {noteId}} in its path, or an {@code {id}} under /cases, /referrals, /transfers or
 * /supervision/records) may never be listed as reading no case data.
 *
 * <p>Routes that only write (POST, PUT, DELETE) are audited by what they change (create,
 * update) and are outside this walk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditWalkTest extends IntegrationTest {

    /** GET routes that show no child's data, each with the reason. Keep it commented and short. */
    static final Map<String, String> NO_CASE_DATA = Map.ofEntries(
            // ---- shell, sign-in, the user's own account
            Map.entry("/", "home: counts of the user's cases, no case listed"),
            Map.entry("/error", "the error page"),
            Map.entry("/login", "the sign-in page"),
            Map.entry("/session-expired", "the notice that a session ended (what was typed stays in the browser)"),
            Map.entry("/profile", "the user's own account and sessions"),
            Map.entry("/notifications", "the user's own notices: a case number and a link, no child's data"),
            Map.entry("/api/v1/me", "the caller's own account"),
            Map.entry("/api/v1/me/tokens", "the caller's own API tokens"),
            Map.entry("/api/v1/me/notifications", "the caller's own notices: a case number and a link"),
            Map.entry("/api/v1/openapi.json", "the API description"),
            Map.entry("/api/v1/openapi.json.yaml", "the API description"),
            Map.entry("/api/v1/openapi.json/swagger-config", "the API description viewer's settings"),
            Map.entry("/api-docs", "the API description viewer"),
            // ---- administration: users, agencies, reference data, configuration, operations
            Map.entry("/admin/users", "staff accounts"),
            Map.entry("/admin/users/new", "a blank account form"),
            Map.entry("/admin/users/{id}", "one staff account"),
            Map.entry("/admin/agencies", "agencies"),
            Map.entry("/admin/agencies/{id}", "one agency"),
            Map.entry("/admin/locations", "the place hierarchy"),
            Map.entry("/admin/locations/{id}", "one place"),
            Map.entry("/admin/lookups", "lookup lists"),
            Map.entry("/admin/lookups/{list}", "one lookup list"),
            Map.entry("/admin/lookups/{list}/{code}", "one lookup value"),
            Map.entry("/admin/forms", "form definitions"),
            Map.entry("/admin/forms/{formId}", "one form definition"),
            Map.entry("/admin/configuration", "the configuration bundle page"),
            Map.entry("/admin/configuration/export", "forms, lookups and SOP settings: no record"),
            Map.entry("/admin/sop", "the SOP deadlines"),
            Map.entry("/admin/referral-sharing", "the default parts shared per sector"),
            Map.entry("/admin/quality-grid", "the quality grid's items"),
            Map.entry("/admin/quality-grid/items/{id}", "one quality grid item"),
            Map.entry("/admin/system", "backups and database status"),
            Map.entry("/admin/system/progress", "progress of a backup or restore"),
            Map.entry("/admin/system/backups/{name}", "a backup file: encrypted, audited as export 'backup' "
                    + "(SystemController); needs a backup on disk, tested by the backup tests"),
            Map.entry("/api/v1/users", "staff accounts"),
            Map.entry("/api/v1/users/{id}", "one staff account"),
            Map.entry("/api/v1/agencies", "agencies"),
            Map.entry("/api/v1/agencies/{id}", "one agency"),
            Map.entry("/api/v1/locations", "places"),
            Map.entry("/api/v1/lookups/{list}", "one lookup list"),
            Map.entry("/api/v1/forms", "form definitions"),
            Map.entry("/api/v1/forms/{formId}", "one form definition"),
            Map.entry("/api/v1/forms/{formId}/versions/{version}", "one version of a form definition"),
            Map.entry("/forms/{formId}/print", "a blank form to print"),
            // ---- the service map: services and organisations, no child
            Map.entry("/services", "the service map"),
            Map.entry("/services/{id}", "one service"),
            Map.entry("/services/{id}/edit", "one service's form"),
            Map.entry("/services/new", "a blank service form"),
            Map.entry("/services/export.xlsx", "the service map as a spreadsheet"),
            Map.entry("/services/import", "the import page"),
            Map.entry("/services/providers", "service providers"),
            Map.entry("/services/providers/{id}", "one service provider"),
            Map.entry("/services/pathways", "referral pathways"),
            Map.entry("/services/pathways/edit", "a pathway's form"),
            Map.entry("/api/v1/services", "the service map"),
            Map.entry("/api/v1/services/{id}", "one service"),
            Map.entry("/api/v1/pathways", "referral pathways"),
            // ---- aggregates and agency quality: counts, no child
            Map.entry("/referrals/summary", "counts of the referrals waiting"),
            Map.entry("/referrals/report", "referral counts per agency, sector and month"),
            Map.entry("/referrals/report.xlsx", "referral counts per agency, sector and month"),
            Map.entry("/api/v1/referrals/report", "referral counts per agency, sector and month"),
            Map.entry("/quality", "the agency's self-assessments"),
            Map.entry("/quality/assessments/{id}", "an agency self-assessment"),
            Map.entry("/quality/assessments/{id}/domains/{number}", "a domain of an agency self-assessment"),
            Map.entry("/quality/assessments/{id}/documents/{documentId}", "a document attached to a self-assessment "
                    + "(audited as read of the assessment)"),
            Map.entry("/quality/assessments/{id}/export.pdf", "an agency self-assessment"),
            Map.entry("/quality/assessments/{id}/export.xlsx", "an agency self-assessment"),
            Map.entry("/quality/progress", "the agency's progress over assessments"),
            Map.entry("/quality/interagency", "shared, anonymous agency profiles"),
            Map.entry("/api/v1/quality/grid", "the quality grid"),
            Map.entry("/api/v1/quality/assessments", "the agency's self-assessments"),
            Map.entry("/api/v1/quality/assessments/{id}", "an agency self-assessment"),
            Map.entry("/api/v1/quality/interagency", "shared, anonymous agency profiles"),
            // ---- staff supervision: about staff, not children
            Map.entry("/supervision/competencies/{userId}", "a staff member's competency history"),
            Map.entry("/supervision/competencies/{userId}/new", "a blank competency assessment"),
            Map.entry("/api/v1/supervision/competencies/{userId}", "a staff member's competency history"),
            Map.entry("/supervision/records/new", "a blank supervision form (a case discussion's picker lists "
                    + "case numbers only)"),
            // ---- blank forms
            Map.entry("/cases/new", "a blank registration form"));

    /** A route about one case or one of its records: never "no case data". */
    static final Pattern CASE_BOUND = Pattern.compile(".*\\{(caseId|recordId|noteId)}.*"
            + "|(/api/v1)?/(cases|referrals|transfers|supervision/records)/\\{id}.*");

    @Autowired
    Fixtures fixtures;
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
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<UUID, String> tokens = new HashMap<>();
    private final Map<UUID, WebSession> sessions = new HashMap<>();
    private Agency agencyA;
    private UserAccount caseworkerA;
    private UserAccount supervisorA;
    private UserAccount managerA;
    private UserAccount adminA;
    private UserAccount caseworkerB;
    private UserAccount managerB;
    private UserAccount focalPointB;
    private UUID caseA;
    private UUID recordA;
    private UUID noteA;
    private UUID referralA;
    private UUID discussionA;
    private UUID actionPoint;
    private UUID caseTransferred;
    private UUID pendingTransfer;
    private UUID caseHandedOver;
    private UUID acceptedTransfer;

    /** One call that must leave an audit line: by whom, where, and on which case (null: a list of recordType). */
    record Walk(UserAccount caller, String path, UUID caseId, String recordType) {
    }

    @BeforeAll
    void world() {
        agencyA = fixtures.agency();
        Agency agencyB = fixtures.agency();
        caseworkerA = fixtures.user(agencyA, Role.CASEWORKER);
        supervisorA = fixtures.supervisor(agencyA, caseworkerA);
        managerA = fixtures.user(agencyA, Role.AGENCY_MANAGER);
        adminA = fixtures.user(agencyA, Role.AGENCY_ADMIN);
        caseworkerB = fixtures.user(agencyB, Role.CASEWORKER);
        managerB = fixtures.user(agencyB, Role.AGENCY_MANAGER);
        focalPointB = fixtures.user(agencyB, Role.SERVICE_FOCAL_POINT);

        caseA = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Ramatou", "Marche-Test")).id();
        recordA = records.create(fixtures.signIn(caseworkerA), caseA, "consent_assent", FilledForms.consent("given"))
                .id();
        noteA = notes.add(fixtures.signIn(caseworkerA), caseA, "Visite faite.", false).id();
        // A plan awaiting the supervisor's decision, for the approvals queue.
        jdbc.sql("""
                insert into case_approval (id, case_id, kind, plan_version, status, submitted_at, submitted_by)
                values (?, ?, 'plan', 1, 'submitted', now(), ?)""").params(UUID.randomUUID(), caseA, caseworkerA.id())
                .update();
        UUID healthB = fixtures.service(agencyB, "health", "Centre de santé marche");
        referralA = referrals.send(fixtures.signIn(caseworkerA), caseA, new Referrals.ReferralRequest(healthB,
                "medium", "Soins demandés.", null, List.of("identity"), null)).id();
        discussionA = staffRecords.create(fixtures.signIn(supervisorA), new StaffRecords.StaffRecordRequest(
                StaffRecords.CASE_DISCUSSION, caseworkerA.id(), caseA, LocalDate.now(), "phone",
                Map.of("question", "Placement ?", "decision", "Rester chez la tante."))).id();
        UUID session = staffRecords.create(fixtures.signIn(supervisorA), new StaffRecords.StaffRecordRequest(
                "individual_supervision", caseworkerA.id(), null, LocalDate.now(), "phone",
                Map.of(StaffRecords.ACTION_POINTS, List.of(Map.of("action", "Relire le plan",
                        "due_date", LocalDate.now().plusDays(7).toString()))))).id();
        actionPoint = jdbc.sql("select id from supervision_action where record_id = ?").param(session)
                .query(UUID.class).single();
        caseTransferred = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Hadiza", "Marche-Test")).id();
        caseHandedOver = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Fanta", "Marche-Test")).id();
        SecurityContextHolder.clearContext();
        pendingTransfer = requestTransfer(caseTransferred, agencyB);
        acceptedTransfer = requestTransfer(caseHandedOver, agencyB);
        assertThat(api(managerB).post("/api/v1/transfers/" + acceptedTransfer + "/accept",
                Map.of("caseworkerId", caseworkerB.id().toString())).status()).isEqualTo(200);
    }

    @AfterAll
    void forget() {
        SecurityContextHolder.clearContext();
    }

    private UUID requestTransfer(UUID caseId, Agency to) {
        ApiClient.Response requested = api(caseworkerA).post("/api/v1/cases/" + caseId + "/transfers",
                Map.of("toAgencyId", to.id().toString(), "reason", "La famille déménage.", "needs", "Suivi scolaire.",
                        "bestInterestReason", "Départ de la famille vers la zone de l'agence B."));
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        return UUID.fromString(requested.json().path("transfer").path("id").asString());
    }

    /** The walk: each route that reads case data, with who may read it on a real case. */
    Map<String, List<Walk>> walks() {
        Map<String, List<Walk>> all = new LinkedHashMap<>();
        String theCase = "/cases/" + caseA;
        String today = LocalDate.now().toString();
        // ---- pages of a case and of its records
        walk(all, "/cases", caseworkerA, "/cases", "child_case");
        walk(all, "/cases", caseworkerA, "/cases?q=Ramatou", "child_case");
        on(all, "/cases/{id}", caseworkerA, theCase, caseA);
        on(all, "/cases/{id}/edit", caseworkerA, theCase + "/edit", caseA);
        on(all, "/cases/{caseId}/forms/{formId}/new", caseworkerA, theCase + "/forms/initial_assessment/new", caseA);
        on(all, "/cases/{caseId}/records/{recordId}", caseworkerA, theCase + "/records/" + recordA, caseA);
        on(all, "/cases/{caseId}/records/{recordId}/edit", caseworkerA, theCase + "/records/" + recordA + "/edit",
                caseA);
        on(all, "/cases/{caseId}/records/{recordId}/print", caseworkerA, theCase + "/records/" + recordA + "/print",
                caseA);
        on(all, "/cases/{caseId}/notes/{noteId}/edit", caseworkerA, theCase + "/notes/" + noteA + "/edit", caseA);
        on(all, "/cases/{caseId}/timeline", caseworkerA, theCase + "/timeline", caseA);
        on(all, "/cases/{caseId}/referrals", caseworkerA, theCase + "/referrals", caseA);
        on(all, "/cases/{caseId}/referrals/new", caseworkerA, theCase + "/referrals/new", caseA);
        on(all, "/cases/{caseId}/transfer", caseworkerA, theCase + "/transfer", caseA);
        on(all, "/cases/{caseId}/file-checks", supervisorA, theCase + "/file-checks", caseA);
        on(all, "/supervision/checklist/new", supervisorA, "/supervision/checklist/new?case=" + caseA, caseA);
        // ---- task lists and queues
        walk(all, "/tasks", caseworkerA, "/tasks", "child_case");
        walk(all, "/approvals", supervisorA, "/approvals", "child_case");
        // ---- referrals: inbox, outbox, one referral
        walk(all, "/referrals", caseworkerA, "/referrals?box=outbox", "referral");
        walk(all, "/referrals", focalPointB, "/referrals?box=inbox", "referral");
        on(all, "/referrals/{id}", caseworkerA, "/referrals/" + referralA, caseA);
        on(all, "/referrals/{id}/print", caseworkerA, "/referrals/" + referralA + "/print", caseA);
        // ---- transfers
        walk(all, "/transfers", managerB, "/transfers", "case_transfer");
        walk(all, "/transfers", caseworkerA, "/transfers", "case_transfer");
        on(all, "/transfers/{id}", managerB, "/transfers/" + pendingTransfer, caseTransferred);
        on(all, "/transfers/{id}/records", caseworkerA, "/transfers/" + acceptedTransfer + "/records", caseHandedOver);
        // ---- supervision: team, records (a case discussion is in its case's trail), action points
        walk(all, "/supervision", supervisorA, "/supervision", "supervision_team");
        walk(all, "/supervision/records", supervisorA, "/supervision/records", "staff_record");
        walk(all, "/supervision/people/{userId}", supervisorA, "/supervision/people/" + caseworkerA.id(),
                "staff_record");
        on(all, "/supervision/records/{id}", supervisorA, "/supervision/records/" + discussionA, caseA);
        on(all, "/supervision/records/{id}/edit", supervisorA, "/supervision/records/" + discussionA + "/edit", caseA);
        walk(all, "/supervision/actions/{id}", caseworkerA, "/supervision/actions/" + actionPoint,
                "supervision_action");
        // ---- quality evidence: the cases behind a measure
        walk(all, "/quality/evidence/{key}", managerA, "/quality/evidence/consent_recorded?agency=" + agencyA.id()
                + "&from=" + today + "&to=" + today, "child_case");
        // ---- the audit trail itself
        on(all, "/audit", adminA, "/audit?record=" + caseA, caseA);
        walk(all, "/audit", adminA, "/audit?user=" + caseworkerA.id(), AuditLog.TRAIL_RECORD_TYPE);

        // ---- the API
        String api = "/api/v1/cases/" + caseA;
        walk(all, "/api/v1/cases", caseworkerA, "/api/v1/cases", "child_case");
        on(all, "/api/v1/cases/{id}", caseworkerA, api, caseA);
        on(all, "/api/v1/cases/{caseId}/notes", caseworkerA, api + "/notes", caseA);
        on(all, "/api/v1/cases/{caseId}/timeline", caseworkerA, api + "/timeline", caseA);
        on(all, "/api/v1/cases/{caseId}/workflow", caseworkerA, api + "/workflow", caseA);
        on(all, "/api/v1/cases/{caseId}/records", caseworkerA, api + "/records", caseA);
        on(all, "/api/v1/records/{recordId}", caseworkerA, "/api/v1/records/" + recordA, caseA);
        walk(all, "/api/v1/approvals", supervisorA, "/api/v1/approvals", "child_case");
        walk(all, "/api/v1/me/tasks", caseworkerA, "/api/v1/me/tasks", "child_case");
        walk(all, "/api/v1/referrals", caseworkerA, "/api/v1/referrals?box=outbox", "referral");
        walk(all, "/api/v1/referrals", focalPointB, "/api/v1/referrals?box=inbox", "referral");
        on(all, "/api/v1/referrals/{id}", focalPointB, "/api/v1/referrals/" + referralA, caseA);
        on(all, "/api/v1/referrals/{id}/shared-case", focalPointB, "/api/v1/referrals/" + referralA + "/shared-case",
                caseA);
        walk(all, "/api/v1/transfers", managerB, "/api/v1/transfers", "case_transfer");
        on(all, "/api/v1/transfers/{id}", managerB, "/api/v1/transfers/" + pendingTransfer, caseTransferred);
        walk(all, "/api/v1/supervision/team", supervisorA, "/api/v1/supervision/team", "supervision_team");
        walk(all, "/api/v1/supervision/records", supervisorA, "/api/v1/supervision/records", "staff_record");
        on(all, "/api/v1/supervision/records/{id}", supervisorA, "/api/v1/supervision/records/" + discussionA, caseA);
        on(all, "/api/v1/audit", adminA, "/api/v1/audit?record=" + caseA, caseA);
        walk(all, "/api/v1/audit", adminA, "/api/v1/audit?user=" + caseworkerA.id(), AuditLog.TRAIL_RECORD_TYPE);
        return all;
    }

    private static void on(Map<String, List<Walk>> all, String route, UserAccount caller, String path, UUID caseId) {
        all.computeIfAbsent(route, r -> new ArrayList<>()).add(new Walk(caller, path, caseId, null));
    }

    private static void walk(Map<String, List<Walk>> all, String route, UserAccount caller, String path,
            String recordType) {
        all.computeIfAbsent(route, r -> new ArrayList<>()).add(new Walk(caller, path, null, recordType));
    }

    @Test
    void everyRouteIsWalkedOrListedAsReadingNoCaseData() {
        Set<String> routes = PageRoutes.get(mappings);
        Map<String, List<Walk>> walks = walks();
        Set<String> unclassified = new TreeSet<>(routes);
        unclassified.removeAll(walks.keySet());
        unclassified.removeAll(NO_CASE_DATA.keySet());
        assertThat(unclassified).as("GET routes neither walked (so: audited) nor listed as reading no case data")
                .isEmpty();
        Set<String> both = new TreeSet<>(walks.keySet());
        both.retainAll(NO_CASE_DATA.keySet());
        assertThat(both).as("routes both walked and listed as no case data").isEmpty();
        Set<String> stale = new TreeSet<>(walks.keySet());
        stale.addAll(NO_CASE_DATA.keySet());
        stale.removeAll(routes);
        assertThat(stale).as("walked or listed routes that the application no longer maps").isEmpty();
        assertThat(NO_CASE_DATA.keySet().stream().filter(route -> CASE_BOUND.matcher(route).matches()))
                .as("routes about a case or one of its records cannot read 'no case data'").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyReadOfCaseDataLeavesAnAuditLineByItsReaderOnItsCase() {
        List<DynamicTest> tests = new ArrayList<>();
        walks().forEach((route, walks) -> walks.forEach(walk -> tests.add(DynamicTest.dynamicTest(
                "GET " + walk.path().replace(caseA.toString(), "{case}"), () -> check(route, walk)))));
        return tests.stream();
    }

    private void check(String route, Walk walk) {
        long before = lastEntry();
        int status = get(walk.caller(), walk.path());
        assertThat(status).as("GET %s (%s) by %s", walk.path(), route, walk.caller().username()).isEqualTo(200);
        long lines;
        if (walk.caseId() != null) {
            lines = jdbc.sql("""
                    select count(*) from audit_entry where id > ? and user_id = ?
                    and (record_id = ? or detail->>'caseId' = ?::text)""")
                    .params(before, walk.caller().id(), walk.caseId(), walk.caseId()).query(Long.class).single();
        } else {
            lines = jdbc.sql("select count(*) from audit_entry where id > ? and user_id = ? and record_type = ?")
                    .params(before, walk.caller().id(), walk.recordType()).query(Long.class).single();
        }
        assertThat(lines).as("audit lines of GET %s (%s) by %s on %s", walk.path(), route,
                walk.caller().username(), walk.caseId() != null ? walk.caseId() : walk.recordType()).isPositive();
        assertThat(jdbc.sql("select detail::text from audit_entry where id > ?").param(before).query(String.class).list())
                .as("audit details of GET %s", walk.path())
                .noneMatch(detail -> Stream.of("Ramatou", "Hadiza", "Fanta", "Marche-Test").anyMatch(detail::contains));
    }

    @Test
    void aRefusedReadOfAnExistingCaseIsAuditedAsAccessDeniedWithItsRouteAndNoChildData() {
        UUID unknown = UUID.randomUUID();
        // Another agency's caseworker: 404 on the page and on the API; a focal point: 403 (no case role).
        UserAccount focalPointA = fixtures.user(agencyA, Role.SERVICE_FOCAL_POINT);
        assertThat(get(caseworkerB, "/cases/" + caseA)).isEqualTo(404);
        assertThat(get(caseworkerB, "/api/v1/cases/" + caseA)).isEqualTo(404);
        assertThat(get(caseworkerB, "/api/v1/records/" + recordA)).isEqualTo(404);
        assertThat(get(focalPointA, "/api/v1/cases/" + caseA + "/workflow")).isEqualTo(403);
        long before = lastEntry();
        assertThat(get(caseworkerB, "/cases/" + unknown)).isEqualTo(404);

        List<Map<String, Object>> denied = jdbc.sql("""
                select user_id, record_type, record_id, record_agency_id, detail->>'route' as route,
                       detail->>'status' as status, detail::text as detail
                from audit_entry where action = 'access_denied' and record_id = ? and user_id in (?, ?) order by id""")
                .params(caseA, caseworkerB.id(), focalPointA.id())
                .query().listOfRows();
        assertThat(denied).extracting(row -> row.get("route")).containsExactly("GET /cases/{id}",
                "GET /api/v1/cases/{id}", "GET /api/v1/records/{recordId}", "GET /api/v1/cases/{caseId}/workflow");
        assertThat(denied).extracting(row -> row.get("user_id")).containsExactly(caseworkerB.id(), caseworkerB.id(),
                caseworkerB.id(), focalPointA.id());
        assertThat(denied).extracting(row -> row.get("status")).containsExactly("404", "404", "404", "403");
        assertThat(denied).allSatisfy(row -> {
            assertThat(row.get("record_type")).isEqualTo("child_case");
            assertThat(row.get("record_agency_id")).isEqualTo(agencyA.id());
            assertThat((String) row.get("detail")).doesNotContain("Ramatou", "Marche");
        });
        assertThat(jdbc.sql("select count(*) from audit_entry where id > ? and action = 'access_denied'")
                .param(before).query(Long.class).single()).as("no line for a case that does not exist").isZero();
    }

    @Test
    void theTrailOfACaseShowsWhatTouchedItsRecordsReferralsAndDiscussions() {
        get(caseworkerA, "/api/v1/records/" + recordA);
        get(supervisorA, "/api/v1/supervision/records/" + discussionA);
        get(focalPointB, "/api/v1/referrals/" + referralA);
        ApiClient.Response trail = api(adminA).get("/api/v1/audit?record=" + caseA + "&size=200");
        assertThat(trail.status()).isEqualTo(200);
        Set<String> types = new TreeSet<>(trail.json().path("items").findValuesAsString("recordType"));
        assertThat(types).contains("child_case", "form_record", "case_note", "referral", "staff_record");
        assertThat(trail.body()).doesNotContain("Ramatou", "Marche-Test");
        // Looking at the trail is itself in the trail.
        assertThat(api(adminA).get("/api/v1/audit?record=" + caseA).json().path("items").get(0).path("recordType")
                .asString()).isEqualTo(AuditLog.TRAIL_RECORD_TYPE);
    }

    private long lastEntry() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_entry").query(Long.class).single();
    }

    private int get(UserAccount user, String path) {
        if (path.startsWith("/api/")) {
            return api(user).get(path).status();
        }
        return sessions.computeIfAbsent(user.id(), id -> signedIn(user)).get(path).statusCode();
    }

    private ApiClient api(UserAccount user) {
        return new ApiClient(port).as(tokens.computeIfAbsent(user.id(), id -> fixtures.token(user)));
    }
}
