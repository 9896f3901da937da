package org.abri.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseDetails;
import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.ChildCase;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, item 1: every transfer route (API and pages) for every identity, before the decision,
 * after accept, decline and withdrawal, and after the sender's snapshot is purged, with the exact
 * fields each one gets. A denied read is a 404 that carries nothing of the child or the request.
 */
class TransferNeedToKnowTest extends IntegrationTest {

    private static final String BEST_INTEREST = "Départ de la famille cette nuit, pas de consentement possible.";
    private static final String REASON = "La famille déménage dans la zone de l'agence.";
    private static final String NEEDS = "Suivi scolaire et psychosocial en cours.";

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    Transfers transfers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    Agency a;
    Agency b;
    Agency c;
    /** Everyone, by what they are to the transfer. */
    Map<String, UserAccount> who = new LinkedHashMap<>();
    String given;
    String family;
    UUID caseId;
    String caseNumber;
    String id;

    @BeforeEach
    void cast() {
        a = fixtures.agency();
        b = fixtures.agency();
        c = fixtures.agency();
        UserAccount caseworker = fixtures.user(a, Role.CASEWORKER);
        UserAccount otherCaseworker = fixtures.user(a, Role.CASEWORKER);
        who.put("requester", caseworker);
        who.put("supervisor", fixtures.supervisor(a, caseworker));
        who.put("otherTeamSupervisor", fixtures.supervisor(a, otherCaseworker));
        who.put("managerA", fixtures.user(a, Role.AGENCY_MANAGER));
        who.put("otherCaseworkerA", otherCaseworker);
        who.put("focalB", fixtures.user(b, Role.SERVICE_FOCAL_POINT));
        who.put("managerB", fixtures.user(b, Role.AGENCY_MANAGER));
        who.put("supervisorB", fixtures.user(b, Role.SUPERVISOR));
        who.put("caseworkerB", fixtures.user(b, Role.CASEWORKER));
        who.put("focalC", fixtures.user(c, Role.SERVICE_FOCAL_POINT));
        who.put("managerC", fixtures.user(c, Role.AGENCY_MANAGER));
        who.put("supervisorC", fixtures.user(c, Role.SUPERVISOR));
        who.put("caseworkerC", fixtures.user(c, Role.CASEWORKER));
        given = "Nadia" + UUID.randomUUID().toString().substring(0, 6);
        family = "Snapshot";
        CaseDetails details = fixtures.child(given, family);
        ChildCase registered = registry.register(fixtures.signIn(caseworker), details);
        SecurityContextHolder.clearContext();
        caseId = registered.id();
        caseNumber = registered.caseNumber();
        Response requested = api("requester").post("/api/v1/cases/" + caseId + "/transfers", Map.of(
                "toAgencyId", b.id().toString(), "reason", REASON, "needs", NEEDS, "bestInterestReason", BEST_INTEREST));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        id = requested.json().path("transfer").path("id").asString();
        // The requester, who wrote it, is no decider: the best-interest reason does not come back.
        assertThat(absent(requested.json().path("transfer").path("bestInterestReason"))).isTrue();
    }

    @AfterEach
    void putTheClockBack() {
        clock.reset();
        jdbc.sql("update sop_setting set value = '90' where name = 'transfer_sender_read_days'").update();
    }

    private static final List<String> SENDERS = List.of("requester", "supervisor", "managerA");
    private static final List<String> DECIDERS = List.of("focalB", "managerB", "supervisorB");
    private static final List<String> OUTSIDERS = List.of("otherTeamSupervisor", "otherCaseworkerA", "caseworkerB",
            "focalC", "managerC", "supervisorC", "caseworkerC");

    @Test
    void beforeTheDecisionTheDecidersReadTheRequestAndTheSendersTheirOwnCaseNoOneElseAnything() {
        for (String s : SENDERS) {
            JsonNode view = readable(s);
            assertThat(view.path("side").asString()).isEqualTo("outgoing");
            assertThat(view.path("transfer").path("reason").asString()).isEqualTo(REASON);
            assertThat(view.path("transfer").path("needs").asString()).isEqualTo(NEEDS);
            assertThat(absent(view.path("transfer").path("bestInterestReason"))).as(s).isTrue();
            assertThat(view.path("child").path("givenNames").asString()).isEqualTo(given);
            assertThat(absent(view.path("senderRecordsUntil"))).isTrue();
            assertThat(listed(s).path("transfer").path("reason").asString()).isEqualTo(REASON);
            assertThat(absent(listed(s).path("transfer").path("bestInterestReason"))).as(s).isTrue();
            assertThat(page(s, "/transfers/" + id)).contains(given, REASON.replace("'", "&#39;")).doesNotContain("Départ de la famille");
            assertThat(signedIn(who.get(s)).get("/transfers/" + id + "/records").statusCode()).isEqualTo(404);
        }
        assertThat(readable("requester").path("actions").toString()).contains("withdraw");
        assertThat(readable("managerA").path("actions").toString()).doesNotContain("withdraw");
        for (String d : DECIDERS) {
            JsonNode view = readable(d);
            assertThat(view.path("side").asString()).isEqualTo("incoming");
            assertThat(view.path("transfer").path("bestInterestReason").asString()).as(d).isEqualTo(BEST_INTEREST);
            assertThat(view.path("transfer").path("reason").asString()).isEqualTo(REASON);
            assertThat(view.path("child").path("givenNames").asString()).isEqualTo(given);
            assertThat(view.path("child").path("protectionConcerns").toString()).isEqualTo("[\"neglect\"]");
            assertThat(view.path("actions").toString()).contains("accept", "decline");
            assertThat(listed(d).path("transfer").path("bestInterestReason").asString()).isEqualTo(BEST_INTEREST);
            assertThat(page(d, "/transfers/" + id)).contains(given, "Départ de la famille");
            assertThat(signedIn(who.get(d)).get("/transfers/" + id + "/records").statusCode()).isEqualTo(404);
        }
        // Every showing of the best-interest reason, in a list or on its own, is audited: here two lists
        // (the API's and the page's) and three views (the API once, the page twice) per decider.
        for (String d : DECIDERS) {
            assertThat(count("""
                    select count(*) from audit_entry where record_type = 'case_transfer' and action = 'read'
                      and record_id = ? and user_id = ? and detail ->> 'bestInterestReason' = 'true'
                      and detail ->> 'shownIn' = 'list'""", UUID.fromString(id), who.get(d).id())).as(d).isEqualTo(2);
            assertThat(count("""
                    select count(*) from audit_entry where record_type = 'case_transfer' and action = 'read'
                      and record_id = ? and user_id = ? and detail ->> 'shownIn' = 'view'""",
                    UUID.fromString(id), who.get(d).id())).as(d).isEqualTo(3);
        }
        OUTSIDERS.forEach(this::seesNothing);
        // Nobody outside decides or withdraws; nothing changed.
        for (String o : OUTSIDERS) {
            for (String action : Transfers.ACTIONS) {
                Response r = api(o).post("/api/v1/transfers/" + id + "/" + action,
                        Map.of("caseworkerId", who.get("caseworkerB").id().toString(), "reason", "x"));
                assertThat(r.status()).as(o + " " + action).isIn(403, 404);
                assertThat(r.body()).doesNotContain(given, REASON);
                var p = signedIn(who.get(o)).post("/transfers/" + id + "/" + action,
                        Map.of("caseworkerId", who.get("caseworkerB").id().toString(), "reason", "x"));
                assertThat(p.statusCode()).as(o + " page " + action).isIn(403, 404);
            }
            assertThat(api(o).get("/api/v1/cases/" + caseId).status()).isIn(403, 404);
            assertThat(signedIn(who.get(o)).get("/cases/" + caseId + "/transfer").statusCode()).isIn(403, 404);
        }
        assertThat(api("requester").post("/api/v1/cases/" + caseId + "/transfers", Map.of("toAgencyId",
                c.id().toString(), "reason", "r", "needs", "n", "bestInterestReason", "b")).code())
                .isEqualTo("transfer.already_open");
        assertThat(status()).isEqualTo("requested");
    }

    @Test
    void afterAcceptanceTheSenderReadsTheSnapshotOnlyAndTheReceiversTheCaseThroughNeedToKnow() {
        accept();
        // What the receiving agency records afterwards: a new concern, a higher risk, a new form.
        ApiClient newWorker = api("caseworkerB");
        ChildCase now = registry.read(fixtures.signIn(who.get("caseworkerB")), caseId);
        CaseDetails edit = now.toDetails();
        edit.setProtectionConcerns(List.of("neglect", "child_labour"));
        edit.setRiskLevel("high");
        edit.setCaregiverName("Oncle apres transfert");
        registry.update(fixtures.signIn(who.get("caseworkerB")), caseId, edit);
        records.create(fixtures.signIn(who.get("caseworkerB")), caseId, "comprehensive_assessment",
                FilledForms.of("comprehensive_assessment", "low"));
        SecurityContextHolder.clearContext();
        assertThat(newWorker.get("/api/v1/cases/" + caseId).json().path("protectionConcerns").toString())
                .contains("child_labour");

        for (String s : SENDERS) {
            JsonNode view = readable(s);
            assertThat(view.path("child").path("givenNames").asString()).isEqualTo(given);
            assertThat(view.path("child").path("protectionConcerns").toString()).as(s).isEqualTo("[\"neglect\"]");
            assertThat(view.path("child").path("riskLevel").asString()).isEqualTo("medium");
            assertThat(view.toString()).doesNotContain("child_labour", "Oncle apres transfert");
            assertThat(absent(view.path("transfer").path("bestInterestReason"))).isTrue();
            assertThat(view.path("senderRecordsUntil").isMissingNode()).isFalse();
            assertThat(absent(view.path("senderRecordsUntil"))).isFalse();
            var records = signedIn(who.get(s)).get("/transfers/" + id + "/records");
            assertThat(records.statusCode()).as(s).isEqualTo(200);
            assertThat(records.body()).contains(given, "Tante test")
                    .doesNotContain("Oncle apres transfert", "comprehensive_assessment", "Besoins d&#39;école");
            assertThat(page(s, "/transfers/" + id)).contains("/transfers/" + id + "/records")
                    .doesNotContain("Oncle apres transfert");
            assertThat(api(s).get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
        }
        // The receiving deciders: the request's details only with the case itself (the manager of B),
        // the child's data never through the transfer.
        for (String d : DECIDERS) {
            JsonNode view = readable(d);
            assertThat(absent(view.path("child"))).as(d).isTrue();
            assertThat(view.path("actions").size()).isZero();
            assertThat(page(d, "/transfers/" + id)).doesNotContain(given);
            assertThat(signedIn(who.get(d)).get("/transfers/" + id + "/records").statusCode()).isEqualTo(404);
        }
        assertThat(readable("managerB").path("transfer").path("bestInterestReason").asString()).isEqualTo(BEST_INTEREST);
        assertThat(readable("managerB").path("transfer").path("reason").asString()).isEqualTo(REASON);
        for (String d : List.of("focalB", "supervisorB")) {
            JsonNode t = readable(d).path("transfer");
            assertThat(absent(t.path("bestInterestReason")) && absent(t.path("reason")) && absent(t.path("needs")))
                    .as(d).isTrue();
            assertThat(absent(listed(d).path("transfer").path("bestInterestReason"))).isTrue();
            assertThat(t.path("status").asString()).isEqualTo("accepted");
            assertThat(api(d).get("/api/v1/cases/" + caseId).status()).isIn(403, 404);
        }
        assertThat(newWorker.get("/api/v1/cases/" + caseId).status()).isEqualTo(200);
        OUTSIDERS.forEach(this::seesNothing);
        for (String anyone : who.keySet()) {
            assertThat(api(anyone).post("/api/v1/transfers/" + id + "/withdraw", Map.of()).status()).isIn(403, 404, 422);
        }
        assertThat(status()).isEqualTo("accepted");
    }

    @Test
    void afterADeclineOrAWithdrawalTheReceivingSideKeepsOnlyTheOutcome() {
        Response declined = api("focalB").post("/api/v1/transfers/" + id + "/decline", Map.of("reason", "Hors zone."));
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        for (String d : DECIDERS) {
            JsonNode t = readable(d).path("transfer");
            assertThat(t.path("status").asString()).isEqualTo("declined");
            assertThat(t.path("decisionReason").asString()).isEqualTo("Hors zone.");
            assertThat(absent(t.path("reason")) && absent(t.path("needs")) && absent(t.path("bestInterestReason")))
                    .as(d).isTrue();
            assertThat(absent(readable(d).path("child"))).isTrue();
            assertThat(listed(d).toString()).doesNotContain(REASON, "Départ de la famille");
            assertThat(page(d, "/transfers/" + id)).doesNotContain(given, "Départ de la famille", "Suivi scolaire");
        }
        for (String s : SENDERS) {
            JsonNode view = readable(s);
            assertThat(view.path("child").path("givenNames").asString()).as(s).isEqualTo(given);
            assertThat(view.path("transfer").path("reason").asString()).isEqualTo(REASON);
            assertThat(absent(view.path("transfer").path("bestInterestReason"))).isTrue();
            assertThat(signedIn(who.get(s)).get("/transfers/" + id + "/records").statusCode()).isEqualTo(404);
        }
        OUTSIDERS.forEach(this::seesNothing);

        // A second request, withdrawn by the sender: the receiving side sees that it was withdrawn, nothing else.
        Response again = api("requester").post("/api/v1/cases/" + caseId + "/transfers", Map.of(
                "toAgencyId", b.id().toString(), "reason", REASON, "needs", NEEDS, "bestInterestReason", BEST_INTEREST));
        id = again.json().path("transfer").path("id").asString();
        Response withdrawn = api("requester").post("/api/v1/transfers/" + id + "/withdraw",
                Map.of("reason", "La famille reste chez la tante."));
        assertThat(withdrawn.json().path("transfer").path("status").asString()).isEqualTo("withdrawn");
        for (String d : DECIDERS) {
            JsonNode view = readable(d);
            JsonNode t = view.path("transfer");
            assertThat(t.path("status").asString()).isEqualTo("withdrawn");
            assertThat(absent(t.path("reason")) && absent(t.path("needs")) && absent(t.path("bestInterestReason"))
                    && absent(t.path("decisionReason")) && absent(view.path("child"))).as(d).isTrue();
            assertThat(page(d, "/transfers/" + id)).doesNotContain(given, "chez la tante", "Suivi scolaire");
        }
        for (String s : SENDERS) {
            assertThat(readable(s).path("transfer").path("decisionReason").asString())
                    .isEqualTo("La famille reste chez la tante.");
        }
        OUTSIDERS.forEach(this::seesNothing);
    }

    @Test
    void aRequesterReassignedAwayNoLongerReadsTheTransferAndTheNewCaseworkerIsTheFormerOne() {
        UserAccount next = fixtures.user(a, Role.CASEWORKER);
        jdbc.sql("insert into supervision (supervisor_id, caseworker_id) values (?, ?)")
                .params(who.get("supervisor").id(), next.id()).update();
        jdbc.sql("update child_case set caseworker_id = ? where id = ?").params(next.id(), caseId).update();
        who.put("reassignedRequester", who.get("requester"));
        who.put("next", next);
        seesNothing("reassignedRequester");
        assertThat(readable("next").path("child").path("givenNames").asString()).isEqualTo(given);
        assertThat(readable("next").path("actions").toString()).contains("withdraw");
        assertThat(api("reassignedRequester").post("/api/v1/transfers/" + id + "/withdraw", Map.of()).status())
                .isEqualTo(404);
        accept();
        seesNothing("reassignedRequester");
        assertThat(readable("next").path("child").path("givenNames").asString()).isEqualTo(given);
        assertThat(signedIn(next).get("/transfers/" + id + "/records").statusCode()).isEqualTo(200);
        assertThat(readable("supervisor").path("transfer").path("fromCaseworkerId").asString()).isEqualTo(next.id().toString());
    }

    @Test
    void afterThePurgeTheSenderSeesTheTransfersMetadataOnly() {
        // Other tests' transfers share the database: the purge's count includes theirs, so what is
        // checked is this transfer's snapshot.
        accept();
        transfers.purgeExpiredSnapshots();
        assertThat(snapshots()).isEqualTo(1);
        clock.advance(Duration.ofDays(30));
        transfers.purgeExpiredSnapshots();
        assertThat(snapshots()).isEqualTo(1);
        assertThat(signedIn(who.get("requester")).get("/transfers/" + id + "/records").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofDays(61));
        assertThat(transfers.purgeExpiredSnapshots()).isPositive();
        assertThat(snapshots()).isZero();
        assertThat(count("""
                select count(*) from audit_entry where record_type = 'case_transfer' and record_id = ?
                  and detail ->> 'senderSnapshot' = 'purged'""", UUID.fromString(id))).isEqualTo(1);
        // Gone, not hidden: a longer reading period afterwards brings nothing back.
        jdbc.sql("update sop_setting set value = '3650' where name = 'transfer_sender_read_days'").update();
        for (String s : SENDERS) {
            JsonNode view = readable(s);
            JsonNode t = view.path("transfer");
            assertThat(t.path("caseNumber").asString()).isEqualTo(caseNumber);
            assertThat(t.path("status").asString()).isEqualTo("accepted");
            assertThat(t.path("fromAgencyId").asString()).isEqualTo(a.id().toString());
            assertThat(t.path("toAgencyId").asString()).isEqualTo(b.id().toString());
            assertThat(absent(t.path("decidedAt"))).isFalse();
            assertThat(absent(view.path("child")) && absent(view.path("senderRecordsUntil")) && absent(t.path("reason"))
                    && absent(t.path("needs")) && absent(t.path("bestInterestReason"))).as(s).isTrue();
            assertThat(view.toString()).doesNotContain(given);
            assertThat(listed(s).toString()).doesNotContain(given, REASON);
            var records = signedIn(who.get(s)).get("/transfers/" + id + "/records");
            assertThat(records.statusCode()).isEqualTo(404);
            assertThat(records.body()).doesNotContain(given);
            assertThat(page(s, "/transfers/" + id)).contains("sender-records-gone", caseNumber)
                    .doesNotContain(given, "/records", "Suivi scolaire");
        }
        OUTSIDERS.forEach(this::seesNothing);
    }

    @Test
    void badInputOnTheTransferRoutesNeverGivesA500() {
        String t = "/api/v1/transfers/";
        List<Response> answers = List.of(
                api("focalB").get(t + "not-a-uuid"),
                api("focalB").post(t + "not-a-uuid/accept", Map.of()),
                api("focalB").post(t + id + "/accept", Map.of("caseworkerId", "zzz")),
                api("focalB").post(t + id + "/accept", Map.of("caseworkerId", UUID.randomUUID().toString())),
                api("focalB").send("POST", t + id + "/accept", "{not json", "application/json"),
                api("focalB").send("POST", t + id + "/decline", "[1,2]", "application/json"),
                api("focalB").post(t + id + "/decline", Map.of("reason", "x".repeat(5000))),
                api("focalB").post(t + id + "/%00", Map.of()),
                api("focalB").post(t + UUID.randomUUID() + "/accept", Map.of()),
                api("requester").post("/api/v1/cases/not-a-uuid/transfers", Map.of()),
                api("requester").send("POST", "/api/v1/cases/" + caseId + "/transfers", "{\"toAgencyId\": 5", "application/json"),
                api("requester").post("/api/v1/cases/" + caseId + "/transfers", Map.of("toAgencyId", "nope")),
                api("requester").post("/api/v1/cases/" + caseId + "/transfers", Map.of("toAgencyId",
                        List.of(1), "reason", Map.of())));
        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isBetween(400, 499);
            assertThat(r.body()).doesNotContain(given, REASON, "Exception");
        }
        var focal = signedIn(who.get("focalB"));
        assertThat(focal.get("/transfers/not-a-uuid").statusCode()).isBetween(400, 499);
        assertThat(focal.get("/transfers/not-a-uuid/records").statusCode()).isBetween(400, 499);
        assertThat(focal.post("/transfers/" + id + "/accept", Map.of("caseworkerId", "zz")).statusCode()).isEqualTo(302);
        assertThat(focal.post("/transfers/" + id + "/teleport", Map.of()).statusCode()).isEqualTo(404);
        var requester = signedIn(who.get("requester"));
        assertThat(requester.get("/cases/not-a-uuid/transfer").statusCode()).isBetween(400, 499);
        assertThat(requester.post("/cases/" + caseId + "/transfer", Map.of("toAgencyId", "zz", "reason",
                "x".repeat(5000))).statusCode()).isLessThan(500);
        assertThat(status()).isEqualTo("requested");
    }

    // ---- helpers -------------------------------------------------------------------------

    private void accept() {
        Response accepted = api("focalB").post("/api/v1/transfers/" + id + "/accept",
                Map.of("caseworkerId", who.get("caseworkerB").id().toString()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(absent(accepted.json().path("child"))).isTrue();
    }

    /** Reads the transfer through the API and the pages, for someone who may. */
    private JsonNode readable(String name) {
        Response r = api(name).get("/api/v1/transfers/" + id);
        assertThat(r.status()).as(name + ": " + r).isEqualTo(200);
        assertThat(signedIn(who.get(name)).get("/transfers/" + id).statusCode()).as(name).isEqualTo(200);
        assertThat(signedIn(who.get(name)).get("/transfers").body()).as(name).contains("/transfers/" + id);
        return r.json();
    }

    private JsonNode listed(String name) {
        for (JsonNode l : api(name).get("/api/v1/transfers").json()) {
            if (id.equals(l.path("transfer").path("id").asString())) {
                return l;
            }
        }
        throw new AssertionError(name + " does not list the transfer");
    }

    /** Every read route answers 404 (or 403 for a role outside transfers) and carries nothing. */
    private void seesNothing(String name) {
        Response one = api(name).get("/api/v1/transfers/" + id);
        assertThat(one.status()).as(name).isEqualTo(404);
        assertThat(one.body()).doesNotContain(given, caseNumber, REASON, "Départ");
        Response list = api(name).get("/api/v1/transfers");
        if (list.status() == 200) {
            assertThat(list.body()).as(name).doesNotContain(id, caseNumber, given);
        } else {
            assertThat(list.status()).isEqualTo(403);
        }
        var session = signedIn(who.get(name));
        for (String path : List.of("/transfers/" + id, "/transfers/" + id + "/records")) {
            var p = session.get(path);
            assertThat(p.statusCode()).as(name + " " + path).isEqualTo(404);
            assertThat(p.body()).doesNotContain(given, caseNumber, "Départ", "Suivi scolaire");
        }
        var listPage = session.get("/transfers");
        assertThat(listPage.body()).as(name).doesNotContain(id, caseNumber);
    }

    private String page(String name, String path) {
        var p = signedIn(who.get(name)).get(path);
        assertThat(p.statusCode()).as(name + " " + path).isEqualTo(200);
        return p.body();
    }

    private ApiClient api(String name) {
        return new ApiClient(port).as(fixtures.token(who.get(name)));
    }

    private static boolean absent(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    private String status() {
        return jdbc.sql("select status from case_transfer where id = ?").param(UUID.fromString(id))
                .query(String.class).single();
    }

    private long snapshots() {
        return count("select count(*) from case_transfer_snapshot where transfer_id = ?", UUID.fromString(id));
    }

    private long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (Object param : params) {
            spec = spec.param(param);
        }
        return spec.query(Long.class).single();
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
