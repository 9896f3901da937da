package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what, for every endpoint of /api/v1: without a token, with a revoked or an
 * unknown token → 401; a role without the permission → 403; a record of another agency (or
 * outside the caller's need-to-know) → 404, without a trace of its content; and the call that
 * is allowed really works. A second test proves the table covers every operation of the
 * OpenAPI document, so a new endpoint cannot be added without its authorization checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthorizationTest extends IntegrationTest {

    private static final String NEW_PASSWORD = "a-brand-new-passphrase";

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private Agency agencyA;
    private Agency agencyB;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, UserAccount> usersByLabel = new LinkedHashMap<>();
    private String revokedToken;
    private UUID caseA;
    private String caseANumber;
    private UserAccount caseworkerA;
    private UserAccount targetB;
    private UserAccount passwordChanger;
    private UUID spareTokenOfCaseworkerA;
    private String spareSecretOfCaseworkerA;
    private String formId;
    private UUID planApproval;
    private UUID recordA;
    @org.springframework.beans.factory.annotation.Autowired
    org.abri.cases.CaseRecords records;
    @org.springframework.beans.factory.annotation.Autowired
    org.abri.forms.FormCatalogue catalogue;
    @Autowired
    org.abri.notifications.Notifications notifications;
    private UUID notificationOfCaseworkerA;
    private UserAccount caseworkerB;
    private UUID caseToTransfer;
    private UUID transferredCase;
    private String pendingTransfer;
    private UUID serviceB;
    private UUID providerB;
    @Autowired
    org.abri.cases.CaseNotes notes;

    @Autowired
    org.abri.referrals.Referrals referrals;
    private UUID healthServiceB;
    private UUID referralA;
    private UUID caseReferred;
    @Autowired
    org.abri.supervision.StaffRecords staffRecords;
    private UUID staffRecordA;
    @Autowired
    org.abri.quality.QualityAssessments quality;
    private UUID qualityPreviousA;
    private UUID qualityA;
    private UUID qualityActionA;

    /** A caller that must be refused, and how. */
    record Refusal(String caller, int status, String path) {
        Refusal(String caller, int status) {
            this(caller, status, null);
        }
    }

    /** One operation: the refusals to check, then the call that must succeed and what to check of it. */
    record Endpoint(String method, String template, String path, Supplier<Object> body, List<Refusal> refusals,
            boolean openToEveryRole, String allowedCaller, int allowedStatus, Consumer<Response> thenCheck) {
    }

    @BeforeAll
    void world() {
        api = new ApiClient(port);
        agencyA = fixtures.agency();
        agencyB = fixtures.agency();
        caseworkerA = fixtures.user(agencyA, Role.CASEWORKER);
        UserAccount otherCaseworkerA = fixtures.user(agencyA, Role.CASEWORKER);
        targetB = fixtures.user(agencyB, Role.CASEWORKER);
        passwordChanger = fixtures.user(agencyA, Role.DATA_ENTRY_CLERK);
        Map<String, UserAccount> users = new LinkedHashMap<>();
        users.put("caseworker A", caseworkerA);
        users.put("unassigned caseworker A", otherCaseworkerA);
        users.put("supervisor A", fixtures.supervisor(agencyA, otherCaseworkerA));
        users.put("data entry clerk A", fixtures.user(agencyA, Role.DATA_ENTRY_CLERK));
        users.put("agency manager A", fixtures.user(agencyA, Role.AGENCY_MANAGER));
        users.put("focal point A", fixtures.user(agencyA, Role.SERVICE_FOCAL_POINT));
        users.put("agency admin A", fixtures.user(agencyA, Role.AGENCY_ADMIN));
        caseworkerB = fixtures.user(agencyB, Role.CASEWORKER);
        users.put("caseworker B", caseworkerB);
        users.put("agency manager B", fixtures.user(agencyB, Role.AGENCY_MANAGER));
        users.put("agency admin B", fixtures.user(agencyB, Role.AGENCY_ADMIN));
        users.put("focal point B", fixtures.user(agencyB, Role.SERVICE_FOCAL_POINT));
        users.put("coordination viewer", fixtures.deploymentUser(Role.COORDINATION_VIEWER));
        users.put("coordinator", fixtures.deploymentUser(Role.COORDINATOR));
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        users.put("system admin", systemAdmin);
        users.put("password changer", passwordChanger);
        users.put("supervisor of caseworker A", fixtures.supervisor(agencyA, caseworkerA));
        users.forEach((label, user) -> tokens.put(label, fixtures.token(user)));
        usersByLabel.putAll(users);
        // The most powerful token there is, revoked: it must open nothing.
        revokedToken = fixtures.revokedToken(systemAdmin);

        var registered = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Zénabou", "Ouédraogo-Test"));
        SecurityContextHolder.clearContext();
        caseA = registered.id();
        caseANumber = registered.caseNumber();
        // A plan of case A awaiting its supervisor's decision (the steps before it are tested elsewhere).
        planApproval = UUID.randomUUID();
        jdbc.sql("""
                insert into case_approval (id, case_id, kind, plan_version, status, submitted_at, submitted_by)
                values (?, ?, 'plan', 1, 'submitted', now(), ?)""").params(planApproval, caseA, caseworkerA.id()).update();
        formId = "api_form_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        catalogue.save(fixtures.signIn(systemAdmin), org.abri.forms.ExampleForms.everyType(formId), 0);
        recordA = records.create(fixtures.signIn(caseworkerA), caseA, formId,
                Map.of("name", "Zénabou Ouédraogo-Test", "separated", "no")).id();
        notes.add(fixtures.signIn(caseworkerA), caseA, "Note visible to the agency", false);
        notes.add(fixtures.signIn(caseworkerA), caseA, "Only for the supervisor", true);
        SecurityContextHolder.clearContext();
        notifications.notify(caseworkerA.id(), "plan_returned", caseA, "/cases/" + caseA,
                Map.of("caseNumber", caseANumber, "by", "Superviseure Test"));
        notificationOfCaseworkerA = jdbc.sql("select id from notification where user_id = ?").param(caseworkerA.id())
                .query(UUID.class).single();
        // Another case of caseworker A, referred to a health service of agency B, sharing identity only
        // (case A itself stays unknown to agency B: the audit refusal below depends on it).
        caseReferred = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Mariam", "Référée-Test")).id();
        records.create(fixtures.signIn(caseworkerA), caseA, "consent_assent", org.abri.support.FilledForms.consent("given"));
        records.create(fixtures.signIn(caseworkerA), caseReferred, "consent_assent",
                org.abri.support.FilledForms.consent("given"));
        healthServiceB = fixtures.service(agencyB, "health", "Centre de santé B");
        referralA = referrals.send(fixtures.signIn(caseworkerA), caseReferred, new org.abri.referrals.Referrals.ReferralRequest(
                healthServiceB, "medium", "Soins demandés.", null, List.of("identity"), null)).id();
        SecurityContextHolder.clearContext();
        // Two more cases of caseworker A: one to request a transfer of, one already awaiting agency B's answer.
        caseToTransfer = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Hawa", "Transfert-Test")).id();
        transferredCase = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Mariam", "Transfert-Test")).id();
        SecurityContextHolder.clearContext();
        pendingTransfer = api.as(tokens.get("caseworker A")).post("/api/v1/cases/" + transferredCase + "/transfers",
                transferInput(b(), "Départ de la famille vers la zone de l'agence B.")).json().path("transfer").path("id")
                .asString();
        serviceB = fixtures.service(agencyB, "health", "Centre de santé B");
        providerB = jdbc.sql("select provider_id from service where id = ?").param(serviceB).query(UUID.class).single();
        // A supervision session about caseworker A, by their supervisor.
        UserAccount supervisorOfA = accounts.findByUsername(usernameOf("supervisor of caseworker A")).orElseThrow();
        staffRecordA = staffRecords.create(fixtures.signIn(supervisorOfA), new org.abri.supervision.StaffRecords
                .StaffRecordRequest("individual_supervision", caseworkerA.id(), null, java.time.LocalDate.now(), "phone",
                        Map.of("supportive_points", "Soutien proposé."))).id();
        // A completed self-assessment of agency A with an action in its plan, and the next one in progress.
        var managerA = fixtures.signIn(users.get("agency manager A"));
        var scopeA = new org.abri.quality.QualityAssessments.Scope(agencyA.id());
        java.time.LocalDate periodEnd = java.time.LocalDate.now().minusDays(1);
        var previous = quality.start(managerA, scopeA, periodEnd.minusMonths(6), periodEnd);
        quality.complete(managerA, previous.id(), previous.version(), true);
        qualityPreviousA = previous.id();
        qualityActionA = quality.plan(managerA, previous.id(), quality.profile(previous.id()).domain(1).gaps().get(0).id(),
                "Rédiger les procédures", "Responsable qualité", periodEnd.plusMonths(2)).id();
        qualityA = quality.start(managerA, scopeA, periodEnd.minusMonths(3), periodEnd).id();
        SecurityContextHolder.clearContext();
        Response spare = api.as(tokens.get("caseworker A")).post("/api/v1/me/tokens", Map.of("name", "spare"));
        spareTokenOfCaseworkerA = UUID.fromString(spare.json().path("id").asString());
        spareSecretOfCaseworkerA = spare.json().path("secret").asString();
    }

    @AfterAll
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    List<Endpoint> endpoints() {
        String a = agencyA.id().toString();
        String b = agencyB.id().toString();
        String target = "/api/v1/users/" + targetB.id();
        String theCase = "/api/v1/cases/" + caseA;
        List<Refusal> userAdminRefusals = List.of(new Refusal("caseworker A", 403),
                new Refusal("agency manager B", 403), new Refusal("coordination viewer", 403),
                new Refusal("agency admin A", 404));
        List<Endpoint> all = new ArrayList<>();

        // ---- me ----
        all.add(open("GET", "/api/v1/me", "/api/v1/me",
                r -> assertThat(r.json().path("id").asString()).isNotBlank()));
        all.add(open("GET", "/api/v1/me/tokens", "/api/v1/me/tokens",
                r -> assertThat(r.json().isArray()).isTrue()));
        all.add(new Endpoint("POST", "/api/v1/me/tokens", "/api/v1/me/tokens", () -> Map.of("name", "ci"), List.of(),
                false, "focal point A", 201,
                r -> assertThat(r.json().path("secret").asString()).startsWith("abri_")));
        all.add(new Endpoint("DELETE", "/api/v1/me/tokens/{id}", "/api/v1/me/tokens/" + spareTokenOfCaseworkerA,
                null, List.of(new Refusal("caseworker B", 404), new Refusal("system admin", 404)), false,
                "caseworker A", 204,
                r -> assertThat(api.as(spareSecretOfCaseworkerA).get("/api/v1/me").status()).isEqualTo(401)));
        all.add(new Endpoint("PUT", "/api/v1/me/password", "/api/v1/me/password",
                () -> Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD), List.of(), false,
                "password changer", 204, r -> {
                    assertThat(jdbc.sql("select password_hash from app_user where id = ?")
                            .param(passwordChanger.id()).query(String.class).single()).startsWith("$2");
                    // A password change revokes the user's tokens (issue 17); later endpoints get a new one.
                    assertThat(api.as(tokens.get("password changer")).get("/api/v1/me").status()).isEqualTo(401);
                    tokens.put("password changer", fixtures.token(passwordChanger));
                }));

        // ---- my notifications ----
        all.add(open("GET", "/api/v1/me/notifications", "/api/v1/me/notifications",
                r -> assertThat(r.json().path("items").isArray()).isTrue()));
        all.add(new Endpoint("POST", "/api/v1/me/notifications/{id}/read",
                "/api/v1/me/notifications/" + notificationOfCaseworkerA + "/read", null,
                List.of(new Refusal("caseworker B", 404), new Refusal("agency manager A", 404),
                        new Refusal("system admin", 404)),
                false, "caseworker A", 204, r -> assertThat(jdbc.sql("select read_at is not null from notification "
                        + "where id = ?").param(notificationOfCaseworkerA).query(Boolean.class).single()).isTrue()));
        all.add(new Endpoint("POST", "/api/v1/me/notifications/read-all", "/api/v1/me/notifications/read-all", null,
                List.of(), true, "caseworker A", 204, r -> assertThat(jdbc.sql("select count(*) from notification "
                        + "where user_id = ? and read_at is null").param(caseworkerA.id()).query(Long.class).single())
                        .isZero()));

        // ---- cases ----
        all.add(new Endpoint("GET", "/api/v1/cases", "/api/v1/cases", null,
                List.of(new Refusal("focal point A", 403), new Refusal("agency admin A", 403),
                        new Refusal("system admin", 403), new Refusal("coordination viewer", 403)),
                false, "caseworker A", 200, r -> assertThat(ids(r.json().path("items"))).contains(caseA.toString())));
        all.add(new Endpoint("POST", "/api/v1/cases/search", "/api/v1/cases/search",
                () -> java.util.Map.of("status", "open"),
                List.of(new Refusal("focal point A", 403), new Refusal("agency admin A", 403),
                        new Refusal("system admin", 403), new Refusal("coordination viewer", 403)),
                false, "caseworker A", 200, r -> assertThat(ids(r.json().path("items"))).contains(caseA.toString())));
        all.add(new Endpoint("POST", "/api/v1/cases", "/api/v1/cases",
                () -> ApiClient.caseInput(fixtures.child("Awa", "Refusée"), null),
                List.of(new Refusal("focal point A", 403), new Refusal("agency manager A", 403),
                        new Refusal("agency admin A", 403), new Refusal("system admin", 403),
                        new Refusal("coordination viewer", 403)),
                false, "caseworker A", 201, r -> {
                    assertThat(r.header("Location")).isEqualTo("/api/v1/cases/" + r.json().path("id").asString());
                    assertThat(jdbc.sql("select count(*) from child_case where family_name = 'Refusée'")
                            .query(Long.class).single()).isEqualTo(1);
                }));
        all.add(new Endpoint("GET", "/api/v1/cases/{id}", theCase, null,
                List.of(new Refusal("focal point A", 403), new Refusal("agency admin A", 403),
                        new Refusal("system admin", 403), new Refusal("coordination viewer", 403),
                        new Refusal("unassigned caseworker A", 404), new Refusal("supervisor A", 404),
                        new Refusal("caseworker B", 404), new Refusal("agency manager B", 404)),
                false, "agency manager A", 200,
                r -> assertThat(r.json().path("caseNumber").asString()).isEqualTo(caseANumber)));
        all.add(new Endpoint("PUT", "/api/v1/cases/{id}", theCase, () -> {
            var details = fixtures.child("Zénabou", "Ouédraogo-Test");
            details.setCaregiverName("Changed by the API");
            return ApiClient.caseInput(details, currentCaseVersion());
        }, List.of(new Refusal("focal point A", 403), new Refusal("system admin", 403),
                new Refusal("agency manager A", 403), new Refusal("unassigned caseworker A", 404),
                new Refusal("caseworker B", 404), new Refusal("agency manager B", 404)),
                false, "caseworker A", 200, r -> {
                    assertThat(r.json().path("caregiverName").asString()).isEqualTo("Changed by the API");
                    assertThat(r.json().path("version").asInt()).isEqualTo(1);
                }));

        // ---- agencies ----
        all.add(open("GET", "/api/v1/agencies", "/api/v1/agencies",
                r -> assertThat(ids(r.json())).contains(a, b)));
        all.add(open("GET", "/api/v1/agencies/{id}", "/api/v1/agencies/" + b,
                r -> assertThat(r.json().path("code").asString()).isEqualTo(agencyB.code())));
        all.add(new Endpoint("POST", "/api/v1/agencies", "/api/v1/agencies",
                () -> Map.of("code", "AZ" + (System.nanoTime() % 100000), "name", "Agence API", "kind", "other"),
                List.of(new Refusal("agency admin A", 403), new Refusal("agency manager A", 403),
                        new Refusal("caseworker A", 403), new Refusal("coordination viewer", 403)),
                false, "system admin", 201, r -> assertThat(r.header("Location")).startsWith("/api/v1/agencies/")));
        all.add(new Endpoint("PUT", "/api/v1/agencies/{id}", "/api/v1/agencies/" + b,
                () -> Map.of("name", "Agence B renommée", "kind", "national_ngo", "active", true),
                List.of(new Refusal("agency admin B", 403), new Refusal("agency admin A", 403),
                        new Refusal("caseworker B", 403)),
                false, "system admin", 200,
                r -> assertThat(r.json().path("name").asString()).isEqualTo("Agence B renommée")));

        // ---- users ----
        all.add(new Endpoint("GET", "/api/v1/users", "/api/v1/users", null,
                List.of(new Refusal("caseworker A", 403), new Refusal("agency manager A", 403),
                        new Refusal("focal point A", 403), new Refusal("coordination viewer", 403),
                        new Refusal("agency admin A", 403, "/api/v1/users?agency=" + b)),
                false, "agency admin A", 200, r -> {
                    assertThat(ids(r.json())).contains(caseworkerA.id().toString())
                            .doesNotContain(targetB.id().toString());
                    assertThat(r.body()).doesNotContainIgnoringCase("password");
                }));
        all.add(new Endpoint("POST", "/api/v1/users", "/api/v1/users", () -> newUser(b),
                List.of(new Refusal("caseworker B", 403), new Refusal("agency manager B", 403),
                        new Refusal("agency admin A", 403)),
                false, "agency admin B", 201,
                r -> assertThat(r.json().path("agencyId").asString()).isEqualTo(b)));
        all.add(new Endpoint("GET", "/api/v1/users/{id}", target, null, userAdminRefusals, false, "agency admin B",
                200, r -> assertThat(r.json().path("username").asString()).isEqualTo(targetB.username())));
        all.add(new Endpoint("PUT", "/api/v1/users/{id}", target, () -> Map.of("fullName", "Renamed by admin B",
                "roles", List.of("CASEWORKER"), "version", currentUserVersion(targetB)), userAdminRefusals, false,
                "agency admin B", 200,
                r -> assertThat(r.json().path("fullName").asString()).isEqualTo("Renamed by admin B")));
        all.add(new Endpoint("POST", "/api/v1/users/{id}/deactivate", target + "/deactivate", null,
                userAdminRefusals, false, "agency admin B", 200,
                r -> assertThat(r.json().path("active").asBoolean()).isFalse()));
        all.add(new Endpoint("POST", "/api/v1/users/{id}/activate", target + "/activate", null, userAdminRefusals,
                false, "agency admin B", 200, r -> assertThat(r.json().path("active").asBoolean()).isTrue()));
        all.add(new Endpoint("POST", "/api/v1/users/{id}/unlock", target + "/unlock", null, userAdminRefusals, false,
                "system admin", 200, r -> assertThat(r.json().path("locked").asBoolean()).isFalse()));
        all.add(new Endpoint("POST", "/api/v1/users/{id}/password", target + "/password",
                () -> Map.of("password", NEW_PASSWORD), userAdminRefusals, false, "agency admin B", 204,
                r -> assertThat(r.body()).isEmpty()));

        // ---- reference data ----
        all.add(open("GET", "/api/v1/locations", "/api/v1/locations",
                r -> assertThat(ids(r.json())).contains(fixtures.location().id().toString())));
        all.add(open("GET", "/api/v1/lookups/{list}", "/api/v1/lookups/protection_concern",
                r -> assertThat(r.json().findValuesAsString("code")).contains("neglect")));

        // ---- forms and the records of a case ----
        all.add(open("GET", "/api/v1/forms", "/api/v1/forms",
                r -> assertThat(r.json().findValuesAsString("id")).contains("follow_up_visit", formId)));
        all.add(open("GET", "/api/v1/forms/{formId}", "/api/v1/forms/" + formId,
                r -> assertThat(r.json().path("sections").get(0).path("fields").size()).isGreaterThan(10)));
        all.add(open("GET", "/api/v1/forms/{formId}/versions/{version}", "/api/v1/forms/" + formId + "/versions/1",
                r -> assertThat(r.json().path("version").asInt()).isEqualTo(1)));
        List<Refusal> recordReaders = List.of(new Refusal("focal point A", 403), new Refusal("agency admin A", 403),
                new Refusal("system admin", 403), new Refusal("coordination viewer", 403),
                new Refusal("unassigned caseworker A", 404), new Refusal("caseworker B", 404),
                new Refusal("agency manager B", 404));
        all.add(new Endpoint("GET", "/api/v1/cases/{caseId}/records", theCase + "/records", null, recordReaders,
                false, "agency manager A", 200, r -> assertThat(ids(r.json())).contains(recordA.toString())));
        all.add(new Endpoint("POST", "/api/v1/cases/{caseId}/records", theCase + "/records",
                () -> Map.of("formId", formId, "values", Map.of("name", "Awa", "separated", "no", "siblings", 2)),
                List.of(new Refusal("focal point A", 403), new Refusal("agency manager A", 403),
                        new Refusal("system admin", 403), new Refusal("unassigned caseworker A", 404),
                        new Refusal("caseworker B", 404)),
                false, "caseworker A", 201, r -> {
                    assertThat(r.header("Location")).isEqualTo("/api/v1/records/" + r.json().path("id").asString());
                    assertThat(r.json().path("values").path("siblings").asInt()).isEqualTo(2);
                }));
        all.add(new Endpoint("GET", "/api/v1/records/{recordId}", "/api/v1/records/" + recordA, null, recordReaders,
                false, "agency manager A", 200,
                r -> assertThat(r.json().path("values").path("separated").asString()).isEqualTo("no")));
        all.add(new Endpoint("PUT", "/api/v1/records/{recordId}", "/api/v1/records/" + recordA,
                () -> Map.of("version", currentRecordVersion(), "values", Map.of("name", "Zénabou Ouédraogo-Test",
                        "separated", "yes", "separation_date", "2026-01-15")),
                List.of(new Refusal("focal point A", 403), new Refusal("agency manager A", 403),
                        new Refusal("unassigned caseworker A", 404), new Refusal("caseworker B", 404)),
                false, "caseworker A", 200,
                r -> assertThat(r.json().path("values").path("separation_date").asString()).isEqualTo("2026-01-15")));

        // ---- the process ----
        all.add(new Endpoint("GET", "/api/v1/cases/{caseId}/workflow", theCase + "/workflow", null, recordReaders,
                false, "agency manager A", 200, r -> assertThat(r.json().path("step").asString()).isNotBlank()));
        all.add(new Endpoint("POST", "/api/v1/cases/{caseId}/workflow/{action}", theCase + "/workflow/urgent-action",
                () -> Map.of("threat", "Menace", "actionsTaken", "Mise à l'abri"),
                List.of(new Refusal("focal point A", 403), new Refusal("agency manager A", 403),
                        new Refusal("system admin", 403), new Refusal("unassigned caseworker A", 404),
                        new Refusal("caseworker B", 404)),
                false, "caseworker A", 200, r -> assertThat(r.json().path("urgent").asBoolean()).isTrue()));
        // ---- supervision: the team view ----
        all.add(new Endpoint("GET", "/api/v1/supervision/team", "/api/v1/supervision/team", null,
                List.of(new Refusal("caseworker A", 403), new Refusal("data entry clerk A", 403),
                        new Refusal("focal point A", 403), new Refusal("agency admin A", 403),
                        new Refusal("coordination viewer", 403), new Refusal("system admin", 403)),
                false, "supervisor of caseworker A", 200,
                r -> assertThat(r.json().path("teams").get(0).path("members").findValuesAsString("id"))
                        .containsExactly(caseworkerA.id().toString())));
        all.add(new Endpoint("GET", "/api/v1/approvals", "/api/v1/approvals", null,
                List.of(new Refusal("focal point A", 403), new Refusal("coordination viewer", 403),
                        new Refusal("system admin", 403)),
                false, "supervisor of caseworker A", 200,
                r -> assertThat(r.json().findValuesAsString("id")).contains(planApproval.toString())));
        all.add(new Endpoint("POST", "/api/v1/approvals/{approvalId}", "/api/v1/approvals/" + planApproval,
                () -> Map.of("decision", "approve"),
                List.of(new Refusal("focal point A", 403), new Refusal("caseworker A", 403),
                        new Refusal("supervisor A", 404), new Refusal("caseworker B", 404)),
                false, "supervisor of caseworker A", 200,
                r -> assertThat(jdbc.sql("select status from case_approval where id = ?").param(planApproval)
                        .query(String.class).single()).isEqualTo("approved")));
        all.add(open("GET", "/api/v1/me/tasks", "/api/v1/me/tasks", r -> assertThat(r.json().isArray()).isTrue()));
        // ---- notes and timeline of a case ----
        all.add(new Endpoint("GET", "/api/v1/cases/{caseId}/notes", theCase + "/notes", null, recordReaders,
                false, "agency manager A", 200, r -> {
                    assertThat(r.json().findValuesAsString("body")).contains("Note visible to the agency");
                    assertThat(r.body()).doesNotContain("Only for the supervisor");
                }));
        all.add(new Endpoint("POST", "/api/v1/cases/{caseId}/notes", theCase + "/notes",
                () -> Map.of("body", "Visite faite, la famille va bien.", "supervisorOnly", false),
                List.of(new Refusal("focal point A", 403), new Refusal("agency manager A", 403),
                        new Refusal("system admin", 403), new Refusal("coordination viewer", 403),
                        new Refusal("unassigned caseworker A", 404), new Refusal("supervisor A", 404),
                        new Refusal("caseworker B", 404)),
                false, "caseworker A", 201, r -> {
                    assertThat(r.json().path("body").asString()).isEqualTo("Visite faite, la famille va bien.");
                    assertThat(r.json().path("editable").asBoolean()).isTrue();
                }));
        all.add(new Endpoint("GET", "/api/v1/cases/{caseId}/timeline", theCase + "/timeline", null, recordReaders,
                false, "agency manager A", 200, r -> {
                    assertThat(r.json().path("items").findValuesAsString("kind")).contains("registered", "note")
                            .doesNotContain("note_supervisor_only");
                    assertThat(r.json().path("total").asLong()).isGreaterThanOrEqualTo(3);
                }));

        // ---- supervision: competency assessments (the person, their supervisors, their manager) ----
        all.add(new Endpoint("GET", "/api/v1/supervision/competencies/{userId}",
                "/api/v1/supervision/competencies/" + caseworkerA.id(), null,
                List.of(new Refusal("unassigned caseworker A", 404), new Refusal("supervisor A", 404),
                        new Refusal("caseworker B", 404), new Refusal("agency manager B", 404),
                        new Refusal("agency admin A", 404), new Refusal("system admin", 404)),
                false, "supervisor of caseworker A", 200, r -> {
                    assertThat(r.json().path("fullName").asString()).isEqualTo(caseworkerA.fullName());
                    assertThat(r.json().path("competencies").findValuesAsString("code")).contains("case_planning");
                }));

        // ---- referrals ----
        String referral = "/api/v1/referrals/" + referralA;
        all.add(new Endpoint("GET", "/api/v1/referrals", "/api/v1/referrals?box=outbox", null,
                List.of(new Refusal("coordination viewer", 403), new Refusal("system admin", 403)),
                false, "caseworker A", 200, r -> assertThat(r.json().path("items").findValuesAsString("id"))
                        .contains(referralA.toString())));
        all.add(new Endpoint("POST", "/api/v1/cases/{caseId}/referrals", theCase + "/referrals",
                () -> Map.of("serviceId", healthServiceB.toString(), "urgency", "low", "reason", "Scolarisation.",
                        "parts", List.of("identity")),
                List.of(new Refusal("coordination viewer", 403), new Refusal("system admin", 403),
                        new Refusal("focal point A", 404), new Refusal("unassigned caseworker A", 404),
                        new Refusal("caseworker B", 404), new Refusal("focal point B", 404)),
                false, "caseworker A", 201, r -> {
                    assertThat(r.header("Location")).isEqualTo("/api/v1/referrals/" + r.json().path("id").asString());
                    assertThat(r.json().path("sharedParts").get(0).asString()).isEqualTo("identity");
                    assertThat(r.json().path("consentBasis").asString()).isEqualTo("consent");
                }));
        all.add(new Endpoint("GET", "/api/v1/referrals/{id}", referral, null,
                List.of(new Refusal("coordination viewer", 403), new Refusal("caseworker B", 404),
                        new Refusal("agency admin B", 404), new Refusal("unassigned caseworker A", 404)),
                false, "focal point B", 200, r -> {
                    assertThat(r.json().path("status").asString()).isEqualTo("seen");
                    assertThat(r.json().path("caseId").isNull()).isTrue();
                    assertThat(r.body()).doesNotContain(caseANumber);
                }));
        all.add(new Endpoint("GET", "/api/v1/referrals/{id}/shared-case", referral + "/shared-case", null,
                List.of(new Refusal("coordination viewer", 403), new Refusal("caseworker B", 404),
                        new Refusal("caseworker A", 404), new Refusal("agency manager A", 404),
                        new Refusal("agency admin B", 404)),
                false, "focal point B", 200, r -> {
                    assertThat(r.json().path("fields").path("familyName").asString()).isEqualTo("Référée-Test");
                    assertThat(r.json().path("fields").has("caregiverName")).isFalse();
                    assertThat(r.json().path("fields").has("protectionConcerns")).isFalse();
                }));
        all.add(new Endpoint("POST", "/api/v1/referrals/{id}/{action}", referral + "/request-information",
                () -> Map.of("text", "Le numéro de téléphone de la tante ?", "version", currentReferralVersion()),
                List.of(new Refusal("coordination viewer", 403), new Refusal("caseworker B", 404),
                        new Refusal("caseworker A", 403)),
                false, "focal point B", 200,
                r -> assertThat(r.json().path("status").asString()).isEqualTo("information_requested")));

        all.add(new Endpoint("GET", "/api/v1/referrals/report", "/api/v1/referrals/report?by=receiving", null,
                List.of(new Refusal("caseworker A", 403), new Refusal("supervisor A", 403),
                        new Refusal("focal point B", 403), new Refusal("agency admin A", 403),
                        new Refusal("data entry clerk A", 403)),
                false, "agency manager B", 200, r -> {
                    assertThat(r.json().path("rows").findValuesAsString("agencyCode")).contains(agencyB.code());
                    assertThat(r.json().path("total").path("sent").asLong()).isPositive();
                    assertThat(r.body()).doesNotContain("Mariam", "Référée-Test");
                }));

        // ---- the service map ----
        String service = "/api/v1/services/" + serviceB;
        List<Refusal> mapKeepers = List.of(new Refusal("caseworker A", 403), new Refusal("coordination viewer", 403),
                new Refusal("focal point A", 403), new Refusal("agency manager B", 403),
                new Refusal("agency admin A", 404));
        all.add(open("GET", "/api/v1/services", "/api/v1/services?sector=health",
                r -> assertThat(ids(r.json())).contains(serviceB.toString())));
        all.add(open("GET", "/api/v1/services/{id}", service,
                r -> assertThat(r.json().path("name").asString()).isEqualTo("Centre de santé B")));
        all.add(new Endpoint("POST", "/api/v1/services", "/api/v1/services",
                () -> Map.of("providerId", providerB.toString(), "sector", "mhpss", "name", "Écoute B"), mapKeepers,
                false, "agency admin B", 201, r -> {
                    assertThat(r.header("Location")).isEqualTo("/api/v1/services/" + r.json().path("id").asString());
                    assertThat(r.json().path("stale").asBoolean()).isFalse();
                }));
        all.add(new Endpoint("PUT", "/api/v1/services/{id}", service,
                () -> Map.of("providerId", providerB.toString(), "sector", "health", "name", "Centre de santé B",
                        "hours", "24h/24", "version", currentServiceVersion()), mapKeepers, false, "coordinator", 200,
                r -> assertThat(r.json().path("hours").asString()).isEqualTo("24h/24")));
        all.add(new Endpoint("POST", "/api/v1/services/{id}/verify", service + "/verify", null, mapKeepers, false,
                "system admin", 200, r -> assertThat(r.json().path("stale").asBoolean()).isFalse()));
        all.add(open("GET", "/api/v1/pathways", "/api/v1/pathways?concern=sexual_violence",
                r -> {
                    assertThat(r.json().path("steps").size()).isEqualTo(4);
                    assertThat(r.json().path("steps").get(0).path("sector").asString()).isEqualTo("health");
                    assertThat(r.json().path("steps").get(0).path("withinHours").asInt()).isEqualTo(72);
                    assertThat(r.json().path("steps").get(3).path("sector").asString()).isEqualTo("security_police");
                }));

        // ---- audit ----
        all.add(new Endpoint("GET", "/api/v1/audit", "/api/v1/audit?record=" + caseA, null,
                List.of(new Refusal("caseworker A", 403), new Refusal("agency manager A", 403),
                        new Refusal("coordination viewer", 403), new Refusal("agency admin B", 404),
                        new Refusal("agency admin B", 404, "/api/v1/audit?user=" + caseworkerA.id())),
                false, "agency admin A", 200,
                r -> assertThat(r.json().path("items").findValuesAsString("action")).contains("create")));

        // ---- transfers to another agency ----
        String transfer = "/api/v1/transfers/" + pendingTransfer;
        all.add(new Endpoint("POST", "/api/v1/cases/{caseId}/transfers", "/api/v1/cases/" + caseToTransfer + "/transfers",
                () -> transferInput(b, "Départ immédiat."),
                List.of(new Refusal("focal point A", 403), new Refusal("agency manager A", 403),
                        new Refusal("system admin", 403), new Refusal("coordination viewer", 403),
                        new Refusal("unassigned caseworker A", 404), new Refusal("supervisor A", 404),
                        new Refusal("caseworker B", 404)),
                false, "caseworker A", 201, r -> assertThat(r.header("Location")).startsWith("/api/v1/transfers/")));
        all.add(new Endpoint("GET", "/api/v1/transfers", "/api/v1/transfers", null,
                List.of(new Refusal("agency admin A", 403), new Refusal("system admin", 403),
                        new Refusal("coordination viewer", 403)),
                false, "agency manager B", 200, r -> assertThat(ids(r.json())).contains(pendingTransfer)));
        all.add(new Endpoint("GET", "/api/v1/transfers/{id}", transfer, null,
                List.of(new Refusal("agency admin B", 403), new Refusal("system admin", 403),
                        new Refusal("caseworker B", 404), new Refusal("unassigned caseworker A", 404),
                        new Refusal("supervisor A", 404), new Refusal("focal point A", 404),
                        new Refusal("data entry clerk A", 404)),
                false, "agency manager B", 200,
                r -> assertThat(r.json().path("child").path("givenNames").asString()).isEqualTo("Mariam")));
        all.add(new Endpoint("POST", "/api/v1/transfers/{id}/{action}", transfer + "/accept",
                () -> Map.of("caseworkerId", caseworkerB.id().toString()),
                List.of(new Refusal("system admin", 403), new Refusal("agency admin B", 403),
                        new Refusal("caseworker A", 403), new Refusal("caseworker B", 404),
                        new Refusal("unassigned caseworker A", 404)),
                false, "agency manager B", 200, r -> assertThat(jdbc.sql("select agency_id from child_case where id = ?")
                        .param(transferredCase).query(UUID.class).single()).isEqualTo(agencyB.id())));
        // ---- supervision records ----
        String staffRecord = "/api/v1/supervision/records/" + staffRecordA;
        all.add(new Endpoint("GET", "/api/v1/supervision/records", "/api/v1/supervision/records", null,
                List.of(new Refusal("system admin", 403), new Refusal("coordination viewer", 403),
                        new Refusal("coordinator", 403),
                        new Refusal("unassigned caseworker A", 404,
                                "/api/v1/supervision/records?subject=" + caseworkerA.id()),
                        new Refusal("supervisor A", 404, "/api/v1/supervision/records?subject=" + caseworkerA.id()),
                        new Refusal("agency admin A", 404, "/api/v1/supervision/records?subject=" + caseworkerA.id()),
                        new Refusal("agency manager B", 404, "/api/v1/supervision/records?subject=" + caseworkerA.id())),
                false, "caseworker A", 200, r -> assertThat(ids(r.json())).contains(staffRecordA.toString())));
        all.add(new Endpoint("POST", "/api/v1/supervision/records", "/api/v1/supervision/records",
                () -> Map.of("formId", "individual_supervision", "subjectId", caseworkerA.id().toString(),
                        "heldOn", java.time.LocalDate.now().toString(), "mode", "video",
                        "values", Map.of("developmental_points", "Par l'API")),
                List.of(new Refusal("caseworker A", 403), new Refusal("agency admin A", 403),
                        new Refusal("system admin", 403), new Refusal("focal point A", 403),
                        new Refusal("supervisor A", 404), new Refusal("agency manager B", 404)),
                false, "supervisor of caseworker A", 201, r -> {
                    assertThat(r.header("Location")).startsWith("/api/v1/supervision/records/");
                    assertThat(r.json().path("mode").asString()).isEqualTo("video");
                }));
        all.add(new Endpoint("GET", "/api/v1/supervision/records/{id}", staffRecord, null,
                List.of(new Refusal("system admin", 403), new Refusal("coordination viewer", 403),
                        new Refusal("unassigned caseworker A", 404), new Refusal("supervisor A", 404),
                        new Refusal("agency admin A", 404), new Refusal("caseworker B", 404),
                        new Refusal("agency manager B", 404), new Refusal("agency admin B", 404)),
                false, "caseworker A", 200, r -> {
                    assertThat(r.json().path("values").path("supportive_points").asString()).isEqualTo("Soutien proposé.");
                    assertThat(jdbc.sql("select count(*) from audit_entry where record_type = 'staff_record' "
                            + "and action = 'read' and record_id = ? and user_id = ?").params(staffRecordA,
                            caseworkerA.id()).query(Long.class).single()).isPositive();
                }));

        // ---- quality self-assessment: the agency's manager; the coordination group sees shared profiles ----
        String assessment = "/api/v1/quality/assessments/" + qualityA;
        List<Refusal> otherThanManagerA = List.of(new Refusal("caseworker A", 404), new Refusal("supervisor A", 404),
                new Refusal("agency admin A", 404), new Refusal("agency manager B", 404),
                new Refusal("coordinator", 404), new Refusal("coordination viewer", 404),
                new Refusal("system admin", 404));
        all.add(new Endpoint("GET", "/api/v1/quality/grid", "/api/v1/quality/grid", null,
                List.of(new Refusal("caseworker A", 403), new Refusal("supervisor A", 403),
                        new Refusal("focal point A", 403), new Refusal("agency admin A", 403)),
                false, "agency manager A", 200, r -> assertThat(r.json().path("items").size()).isEqualTo(135)));
        all.add(new Endpoint("GET", "/api/v1/quality/assessments", "/api/v1/quality/assessments", null,
                List.of(new Refusal("caseworker A", 403), new Refusal("agency admin A", 403),
                        new Refusal("system admin", 403)),
                false, "agency manager A", 200, r -> assertThat(r.json().findValuesAsString("id"))
                        .containsExactly(qualityA.toString(), qualityPreviousA.toString())));
        all.add(new Endpoint("GET", "/api/v1/quality/assessments/{id}", assessment, null, otherThanManagerA,
                false, "agency manager A", 200, r -> {
                    assertThat(r.json().path("profile").size()).isEqualTo(8);
                    assertThat(r.json().path("items").size()).isEqualTo(135);
                    assertThat(r.json().path("previousAssessmentId").asString()).isEqualTo(qualityPreviousA.toString());
                    assertThat(r.json().path("previousPlan").findValuesAsString("id"))
                            .containsExactly(qualityActionA.toString());
                }));
        all.add(new Endpoint("PUT", "/api/v1/quality/assessments/{id}/answers", assessment + "/answers",
                () -> List.of(Map.of("item", "1-1-1", "met", true, "note", "Procédures signées")), otherThanManagerA,
                false, "agency manager A", 200, r -> assertThat(r.body()).contains("Procédures signées")));
        all.add(new Endpoint("POST", "/api/v1/quality/assessments/{id}/follow-ups/{actionId}",
                assessment + "/follow-ups/" + qualityActionA, () -> Map.of("outcome", "in_progress"),
                otherThanManagerA, false, "agency manager A", 200,
                r -> assertThat(r.json().path("outcome").asString()).isEqualTo("in_progress")));
        all.add(new Endpoint("POST", "/api/v1/quality/assessments/{id}/actions", assessment + "/actions",
                () -> Map.of("item", "3-1-1", "action", "Cartographier les acteurs", "owner", "Directrice",
                        "dueOn", java.time.LocalDate.now().plusMonths(1).toString()),
                otherThanManagerA, false, "agency manager A", 201,
                r -> assertThat(r.json().path("item").asString()).isEqualTo("3-1-1")));
        all.add(new Endpoint("POST", "/api/v1/quality/assessments/{id}/complete", assessment + "/complete",
                () -> Map.of("version", 0, "shared", true), otherThanManagerA, false, "agency manager A", 200,
                r -> assertThat(r.json().path("assessment").path("status").asString()).isEqualTo("completed")));
        all.add(new Endpoint("GET", "/api/v1/quality/interagency", "/api/v1/quality/interagency", null,
                List.of(new Refusal("caseworker A", 403), new Refusal("agency manager A", 403),
                        new Refusal("system admin", 403)),
                false, "coordination viewer", 200, r -> {
                    assertThat(r.json().findValuesAsString("agencyId")).contains(agencyA.id().toString());
                    assertThat(r.body()).doesNotContain("Procédures signées");
                }));
        all.add(new Endpoint("POST", "/api/v1/quality/assessments", "/api/v1/quality/assessments",
                () -> Map.of("from", java.time.LocalDate.now().minusMonths(1).toString(),
                        "to", java.time.LocalDate.now().minusDays(1).toString()),
                List.of(new Refusal("caseworker A", 403), new Refusal("system admin", 403),
                        new Refusal("coordination viewer", 403), new Refusal("agency admin A", 403)),
                false, "agency manager A", 201,
                r -> assertThat(r.json().path("previousAssessmentId").asString()).isEqualTo(qualityA.toString())));
        return all;
    }

    private String usernameOf(String label) {
        return usersByLabel.get(label).username();
    }

    private String b() {
        return agencyB.id().toString();
    }

    private static Map<String, Object> transferInput(String toAgency, String bestInterestReason) {
        return Map.of("toAgencyId", toAgency, "reason", "La famille déménage.", "needs", "Suivi scolaire en cours.",
                "bestInterestReason", bestInterestReason);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesWhoMayNotCallItAndServesWhoMay() {
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(
                endpoint.method() + " " + endpoint.template(), () -> check(endpoint)));
    }

    @Test
    void theTableCoversEveryOperationOfTheOpenApiDocument() {
        JsonNode paths = api.get("/api/v1/openapi.json").json().path("paths");
        Set<String> documented = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        Set<String> checked = new TreeSet<>();
        endpoints().forEach(endpoint -> checked.add(endpoint.method() + " " + endpoint.template()));
        assertThat(checked).isEqualTo(documented).hasSize(73);
    }

    @Test
    void theFieldCheckReadsTheSchemasAndFindsAFieldTheyDoNotDeclare() {
        Endpoint read = endpoints().stream().filter(e -> e.method().equals("GET")
                && e.template().equals("/api/v1/cases/{id}")).findFirst().orElseThrow();
        JsonNode schema = responseSchema(read);
        assertThat(schema.path("properties").has("caseNumber")).isTrue();
        JsonNode answer = api.as(tokens.get(read.allowedCaller())).get(read.path()).json();
        List<String> undeclared = new ArrayList<>();
        undeclaredFields(answer, schema, "", undeclared, 0);
        assertThat(undeclared).isEmpty();
        ((tools.jackson.databind.node.ObjectNode) answer).put("internalNote", "x");
        ((tools.jackson.databind.node.ObjectNode) answer.path("consents").path("case_management"))
                .put("hidden", "x");
        undeclaredFields(answer, schema, "", undeclared, 0);
        assertThat(undeclared).containsExactlyInAnyOrder(".internalNote", ".consents.case_management.hidden");
    }

    @Test
    void aTokenOfADeactivatedUserOrAMalformedHeaderOpensNothing() {
        UserAccount leaver = fixtures.user(agencyA, Role.CASEWORKER);
        String token = fixtures.token(leaver);
        assertThat(api.as(token).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(api.as(tokens.get("agency admin A")).post("/api/v1/users/" + leaver.id() + "/deactivate", null)
                .status()).isEqualTo(200);
        assertThat(api.as(token).get("/api/v1/me").code()).isEqualTo("auth.required");
        assertThat(api.send("GET", "/api/v1/me", null, null).status()).isEqualTo(401);
        assertThat(api.as("not-an-abri-token").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.as(token.substring(0, token.length() - 2) + "xx").get("/api/v1/me").status()).isEqualTo(401);
    }

    private void check(Endpoint endpoint) {
        Object body = endpoint.body() == null ? null : endpoint.body().get();
        for (String stranger : new String[] {null, revokedToken, "abri_" + UUID.randomUUID()}) {
            Response refused = call(api.as(stranger), endpoint.method(), endpoint.path(), body);
            assertThat(refused.status()).as("%s without a valid token", endpoint.path()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("auth.required");
        }
        for (Refusal refusal : endpoint.refusals()) {
            String path = refusal.path() == null ? endpoint.path() : refusal.path();
            Object refusedBody = endpoint.body() == null ? null : endpoint.body().get();
            Response refused = call(api.as(tokens.get(refusal.caller())), endpoint.method(), path, refusedBody);
            assertThat(refused.status()).as("%s %s by %s: %s", endpoint.method(), path, refusal.caller(), refused)
                    .isEqualTo(refusal.status());
            assertThat(refused.code()).as("code of %s", refused)
                    .matches(refusal.status() == 403 ? "auth\\.forbidden" : "[a-z_]+\\.(record_)?not_found");
            assertThat(refused.body()).doesNotContain("Zénabou", "Ouédraogo", caseANumber);
        }
        if (endpoint.openToEveryRole()) {
            tokens.forEach((caller, token) -> assertThat(
                    call(api.as(token), endpoint.method(), endpoint.path(), body).status())
                    .as("%s by %s", endpoint.path(), caller).isEqualTo(endpoint.allowedStatus()));
        }
        Object allowedBody = endpoint.body() == null ? null : endpoint.body().get();
        Response allowed = call(api.as(tokens.get(endpoint.allowedCaller())), endpoint.method(), endpoint.path(),
                allowedBody);
        assertThat(allowed.status()).as("%s %s by %s: %s", endpoint.method(), endpoint.path(),
                endpoint.allowedCaller(), allowed).isEqualTo(endpoint.allowedStatus());
        endpoint.thenCheck().accept(allowed);
        if (allowed.status() < 300 && allowed.body() != null && !allowed.body().isBlank()) {
            // What the caller got holds no field the contract does not declare: a field added to a
            // view reaches nobody until it is documented (and so looked at by a reviewer).
            List<String> undeclared = new ArrayList<>();
            undeclaredFields(allowed.json(), responseSchema(endpoint), "", undeclared, 0);
            assertThat(undeclared).as("fields of %s %s outside its OpenAPI schema", endpoint.method(),
                    endpoint.template()).isEmpty();
        }
    }

    private JsonNode spec;

    /** The schema the OpenAPI document gives for the operation's success answer, or a missing node. */
    private JsonNode responseSchema(Endpoint endpoint) {
        if (spec == null) {
            spec = api.as(null).get("/api/v1/openapi.json").json();
        }
        JsonNode responses = spec.path("paths").path(endpoint.template()).path(endpoint.method().toLowerCase())
                .path("responses");
        JsonNode response = responses.path(String.valueOf(endpoint.allowedStatus()));
        if (response.isMissingNode()) {
            for (String code : responses.propertyNames()) {
                if (code.startsWith("2")) {
                    response = responses.path(code);
                    break;
                }
            }
        }
        JsonNode content = response.path("content");
        for (String type : content.propertyNames()) {
            return resolve(content.path(type).path("schema"));
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/components/schemas/")
                ? spec.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()))
                : schema;
    }

    private void undeclaredFields(JsonNode value, JsonNode schema, String at, List<String> undeclared, int depth) {
        schema = resolve(schema);
        if (schema.isMissingNode() || depth > 12 || schema.has("oneOf") || schema.has("anyOf")) {
            return;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                undeclaredFields(item, schema.path("items"), at + "[]", undeclared, depth + 1);
            }
        } else if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode extra = schema.path("additionalProperties");
            if (!properties.isObject() && !extra.isObject()) {
                return; // a free-form object (form values, a detail map): any key is the data itself
            }
            for (String name : value.propertyNames()) {
                if (properties.has(name)) {
                    undeclaredFields(value.path(name), properties.path(name), at + "." + name, undeclared, depth + 1);
                } else if (extra.isObject()) {
                    undeclaredFields(value.path(name), extra, at + "." + name, undeclared, depth + 1);
                } else {
                    undeclared.add(at + "." + name);
                }
            }
        }
    }

    private int currentReferralVersion() {
        return jdbc.sql("select version from referral where id = ?").param(referralA).query(Integer.class).single();
    }

    private int currentRecordVersion() {
        return jdbc.sql("select version from form_record where id = ?").param(recordA).query(Integer.class).single();
    }

    private Endpoint open(String method, String template, String path, Consumer<Response> thenCheck) {
        return new Endpoint(method, template, path, null, List.of(), true, "caseworker A", 200, thenCheck);
    }

    private static Response call(ApiClient client, String method, String path, Object body) {
        return switch (method) {
            case "GET" -> client.get(path);
            case "DELETE" -> client.delete(path);
            case "POST" -> client.post(path, body);
            case "PUT" -> client.put(path, body);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static List<String> ids(JsonNode array) {
        return array.findValuesAsString("id");
    }

    private int currentServiceVersion() {
        return jdbc.sql("select version from service where id = ?").param(serviceB).query(Integer.class).single();
    }

    private int currentCaseVersion() {
        return jdbc.sql("select version from child_case where id = ?").param(caseA).query(Integer.class).single();
    }

    private int currentUserVersion(UserAccount user) {
        return accounts.find(user.id()).orElseThrow().version();
    }

    private Map<String, Object> newUser(String agencyId) {
        return Map.of("agencyId", agencyId, "username", "api" + Long.toString(System.nanoTime(), 36),
                "fullName", "Nouvelle recrue", "roles", List.of("CASEWORKER"), "password", NEW_PASSWORD);
    }
}
