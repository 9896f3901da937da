package org.abri.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseNotes;
import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Transfers end to end through the API and the pages, against the database: the consent
 * check, who sees a request and what, the move of the case with its whole history, what the
 * sending agency keeps for the SOP's days, and requests that are declined or withdrawn.
 */
class TransfersTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseNotes notes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    @Test
    void aRequestNeedsTheConsentToShareOrABestInterestReasonAndDeclinedOrWithdrawnMovesNothing() {
        Agency a = fixtures.agency();
        Agency b = fixtures.agency();
        UserAccount caseworker = fixtures.user(a, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(a, caseworker);
        UserAccount focalB = fixtures.user(b, Role.SERVICE_FOCAL_POINT);
        UserAccount caseworkerB = fixtures.user(b, Role.CASEWORKER);
        UUID caseId = register(caseworker, "Fatimé", "Abakar");
        ApiClient worker = api(caseworker);
        ApiClient focal = api(focalB);
        String path = "/api/v1/cases/" + caseId + "/transfers";

        Response noConsent = worker.post(path, request(b, null));
        assertThat(noConsent.status()).isEqualTo(422);
        assertThat(noConsent.code()).isEqualTo("transfer.consent_missing");
        assertThat(worker.language("en").post(path, request(b, null)).json().path("message").asString())
                .contains("consent and assent form");
        assertThat(worker.post(path, Map.of("toAgencyId", b.id().toString())).fieldCodes())
                .containsEntry("reason", "validation.required").containsEntry("needs", "validation.required");
        assertThat(worker.post(path, request(a, "Urgence")).fieldCodes())
                .containsEntry("toAgencyId", "validation.invalid_choice");
        assertThat(api(fixtures.user(a, Role.AGENCY_MANAGER)).post(path, request(b, "Urgence")).status())
                .isEqualTo(403);
        assertThat(api(fixtures.user(a, Role.CASEWORKER)).post(path, request(b, "Urgence")).status()).isEqualTo(404);
        assertThat(count("select count(*) from case_transfer where case_id = ?", caseId)).isZero();

        // With a best-interest reason instead: allowed, audited, the supervisor told.
        Response requested = worker.post(path, request(b, "La famille part demain vers la zone de l'agence B."));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        String id = requested.json().path("transfer").path("id").asString();
        assertThat(requested.header("Location")).isEqualTo("/api/v1/transfers/" + id);
        assertThat(requested.json().path("transfer").path("consentGiven").asBoolean()).isFalse();
        assertThat(kindsOf(supervisor)).contains("transfer_without_consent");
        assertThat(kindsOf(focalB)).contains("transfer_requested");
        assertThat(count("""
                select count(*) from audit_entry where record_type = 'case_transfer' and action = 'create'
                  and record_id = ? and detail ->> 'bestInterestReasonRecorded' = 'true'""", UUID.fromString(id)))
                .isEqualTo(1);
        assertThat(worker.post(path, request(b, "Encore")).code()).isEqualTo("transfer.already_open");

        // Withdrawn by the sender: nothing moves; the receiving side may not withdraw.
        assertThat(focal.post("/api/v1/transfers/" + id + "/withdraw", Map.of()).status()).isEqualTo(403);
        Response withdrawn = worker.post("/api/v1/transfers/" + id + "/withdraw", Map.of("reason", "La famille reste."));
        assertThat(withdrawn.json().path("transfer").path("status").asString()).isEqualTo("withdrawn");
        assertThat(kindsOf(focalB)).contains("transfer_withdrawn");
        assertThat(focal.post("/api/v1/transfers/" + id + "/accept",
                Map.of("caseworkerId", caseworkerB.id().toString())).code()).isEqualTo("transfer.not_pending");
        assertThat(agencyOf(caseId)).isEqualTo(a.id());

        // With the consent recorded in the consent and assent form: allowed without a reason; declined.
        recordConsent(caseworker, caseId);
        Response second = worker.post(path, request(b, null));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("transfer").path("consentGiven").asBoolean()).isTrue();
        assertThat(kindsOf(supervisor)).contains("transfer_requested_supervisor");
        String secondId = second.json().path("transfer").path("id").asString();
        assertThat(focal.post("/api/v1/transfers/" + secondId + "/decline", Map.of()).fieldCodes())
                .containsEntry("reason", "validation.required");
        Response declined = focal.post("/api/v1/transfers/" + secondId + "/decline",
                Map.of("reason", "Pas de gestionnaire de cas disponible."));
        assertThat(declined.json().path("transfer").path("status").asString()).isEqualTo("declined");
        assertThat(declined.json().path("child").isNull()).isTrue();
        assertThat(kindsOf(caseworker)).contains("transfer_declined");
        assertThat(agencyOf(caseId)).isEqualTo(a.id());
        assertThat(api(caseworkerB).get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
        assertThat(worker.get("/api/v1/cases/" + caseId).status()).isEqualTo(200);
        assertThat(worker.post("/api/v1/transfers/" + secondId + "/teleport", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void anAcceptedTransferMovesTheCaseWithItsHistoryAndTheSenderReadsWhatItRecordedForTheConfiguredDays() {
        Agency a = fixtures.agency();
        Agency b = fixtures.agency();
        Agency c = fixtures.agency();
        UserAccount caseworker = fixtures.user(a, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(a, caseworker);
        UserAccount managerA = fixtures.user(a, Role.AGENCY_MANAGER);
        UserAccount clerkA = fixtures.user(a, Role.DATA_ENTRY_CLERK);
        UserAccount focalB = fixtures.user(b, Role.SERVICE_FOCAL_POINT);
        UserAccount caseworkerB = fixtures.user(b, Role.CASEWORKER);
        UserAccount focalC = fixtures.user(c, Role.SERVICE_FOCAL_POINT);
        UUID caseId = register(caseworker, "Achta", "Mahamat");
        recordConsent(caseworker, caseId);
        records.create(fixtures.signIn(caseworker), caseId, "initial_assessment", FilledForms.of("initial_assessment", "high"));
        notes.add(fixtures.signIn(caseworker), caseId, "Visite à domicile faite.", false);
        SecurityContextHolder.clearContext();

        Response requested = api(caseworker).post("/api/v1/cases/" + caseId + "/transfers", request(b, null));
        String id = requested.json().path("transfer").path("id").asString();
        String transfer = "/api/v1/transfers/" + id;

        // Outsiders see nothing: a third agency, the receiving agency's caseworker before acceptance.
        assertThat(api(focalC).get(transfer).status()).isEqualTo(404);
        assertThat(api(caseworkerB).get(transfer).status()).isEqualTo(404);
        assertThat(api(caseworkerB).get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
        assertThat(api(focalC).post(transfer + "/accept", Map.of("caseworkerId", caseworkerB.id().toString())).status())
                .isEqualTo(404);
        assertThat(api(fixtures.user(b, Role.AGENCY_ADMIN)).get(transfer).status()).isEqualTo(403);
        assertThat(api(focalC).get("/api/v1/transfers").json().findValuesAsString("id")).doesNotContain(id);

        // The receiving focal point sees what it needs to decide, not the records; the read is audited for A.
        Response seen = api(focalB).get(transfer);
        assertThat(seen.json().path("side").asString()).isEqualTo("incoming");
        assertThat(seen.json().path("child").path("givenNames").asString()).isEqualTo("Achta");
        assertThat(seen.json().path("actions").toString()).contains("accept", "decline");
        assertThat(seen.body()).doesNotContain("Vit chez une tante", "Visite à domicile");
        assertThat(api(focalB).get("/api/v1/transfers").json().findValuesAsString("id")).contains(id);
        assertThat(count("""
                select count(*) from audit_entry where record_type = 'child_case' and action = 'read' and record_id = ?
                  and user_id = ? and record_agency_id = ?""", caseId, focalB.id(), a.id())).isEqualTo(1);

        // Accepted, for one of B's caseworkers (not one of A's).
        assertThat(api(focalB).post(transfer + "/accept", Map.of("caseworkerId", caseworker.id().toString()))
                .fieldCodes()).containsEntry("caseworkerId", "validation.invalid_choice");
        assertThat(api(caseworker).post(transfer + "/accept", Map.of("caseworkerId", caseworkerB.id().toString()))
                .status()).isEqualTo(403);
        Response accepted = api(focalB).post(transfer + "/accept", Map.of("caseworkerId", caseworkerB.id().toString()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("transfer").path("status").asString()).isEqualTo("accepted");
        assertThat(kindsOf(caseworkerB)).contains("transfer_assigned");
        assertThat(kindsOf(caseworker)).contains("transfer_accepted");
        assertThat(kindsOf(supervisor)).contains("transfer_accepted");

        // The receiving caseworker reads the case and its whole history.
        ApiClient newWorker = api(caseworkerB);
        Response theCase = newWorker.get("/api/v1/cases/" + caseId);
        assertThat(theCase.status()).isEqualTo(200);
        assertThat(theCase.json().path("agencyId").asString()).isEqualTo(b.id().toString());
        assertThat(newWorker.get("/api/v1/cases/" + caseId + "/records").json().findValuesAsString("formId"))
                .contains("consent_assent", "initial_assessment");
        assertThat(newWorker.get("/api/v1/cases/" + caseId + "/notes").json().findValuesAsString("body"))
                .contains("Visite à domicile faite.");
        Response timeline = newWorker.get("/api/v1/cases/" + caseId + "/timeline?size=100");
        assertThat(timeline.json().path("items").findValuesAsString("kind")).contains("registered", "form_filled", "note",
                "step");
        assertThat(timeline.body()).contains("Cas transféré à une autre agence");

        // The sending side no longer sees the case by need-to-know.
        assertThat(api(caseworker).get("/api/v1/cases/" + caseId).status()).isEqualTo(404);
        assertThat(api(caseworker).get("/api/v1/cases").json().findValuesAsString("id")).doesNotContain(caseId.toString());
        assertThat(api(managerA).get("/api/v1/cases/" + caseId).status()).isEqualTo(404);

        // What B records afterwards never reaches A's view of its own records.
        records.create(fixtures.signIn(caseworkerB), caseId, "comprehensive_assessment",
                FilledForms.of("comprehensive_assessment", "low"));
        SecurityContextHolder.clearContext();
        String recordsPage = "/transfers/" + id + "/records";
        var page = signedIn(caseworker).get(recordsPage);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Achta", "Vit chez une tante.").doesNotContain("Besoins d&#39;école",
                "Besoins d'école");
        assertThat(count("""
                select count(*) from audit_entry where record_type = 'child_case' and action = 'read' and record_id = ?
                  and user_id = ? and detail ->> 'senderFile' = 'true'""", caseId, caseworker.id())).isEqualTo(1);
        assertThat(signedIn(supervisor).get(recordsPage).statusCode()).isEqualTo(200);
        assertThat(signedIn(managerA).get(recordsPage).statusCode()).isEqualTo(200);
        assertThat(signedIn(clerkA).get(recordsPage).statusCode()).isEqualTo(404);
        assertThat(signedIn(focalC).get(recordsPage).statusCode()).isEqualTo(404);
        assertThat(signedIn(caseworkerB).get(recordsPage).statusCode()).isEqualTo(404);
        WebSession sender = signedIn(caseworker);
        assertThat(sender.get("/transfers/" + id).body()).contains(recordsPage);

        // Read days set to 0: none at all; after the configured days: no more.
        jdbc.sql("update sop_setting set value = '0' where name = 'transfer_sender_read_days'").update();
        try {
            assertThat(sender.get(recordsPage).statusCode()).isEqualTo(404);
        } finally {
            jdbc.sql("update sop_setting set value = '90' where name = 'transfer_sender_read_days'").update();
        }
        assertThat(sender.get(recordsPage).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofDays(91));
        assertThat(sender.get(recordsPage).statusCode()).isEqualTo(404);
        assertThat(sender.get("/transfers/" + id).body()).doesNotContain(recordsPage, "Achta");
    }

    @Test
    void thePagesRequestListAndDecide() {
        Agency a = fixtures.agency();
        Agency b = fixtures.agency();
        UserAccount caseworker = fixtures.user(a, Role.CASEWORKER);
        UserAccount managerB = fixtures.user(b, Role.AGENCY_MANAGER);
        UUID caseId = register(caseworker, "Zara", "Idriss");
        WebSession sender = signedIn(caseworker);
        assertThat(sender.get("/cases/" + caseId).body()).contains("/cases/" + caseId + "/transfer", "/transfers");
        var form = sender.get("/cases/" + caseId + "/transfer");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("consent-missing", b.name()).doesNotContain("value=\"" + a.id() + "\"");
        var refused = sender.post("/cases/" + caseId + "/transfer", Map.of("toAgencyId", b.id().toString(),
                "reason", "Déménagement", "needs", "Suivi scolaire"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("transfer-problem", "Déménagement");
        var done = sender.post("/cases/" + caseId + "/transfer", Map.of("toAgencyId", b.id().toString(),
                "reason", "Déménagement", "needs", "Suivi scolaire", "bestInterestReason", "Départ immédiat."));
        assertThat(done.statusCode()).isEqualTo(302);
        String location = done.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        WebSession receiver = signedIn(managerB);
        assertThat(receiver.get("/transfers").body()).contains("/transfers/" + id);
        assertThat(receiver.get("/transfers/" + id).body()).contains("Zara", "accept-transfer", "decline-transfer");
        var declined = receiver.post("/transfers/" + id + "/decline", Map.of("reason", "Hors zone."));
        assertThat(declined.statusCode()).isEqualTo(302);
        assertThat(receiver.get("/transfers/" + id).body()).contains("Hors zone.").doesNotContain("Zara");
        assertThat(signedIn(fixtures.user(b, Role.CASEWORKER)).get("/transfers/" + id).statusCode()).isEqualTo(404);
    }

    private UUID register(UserAccount caseworker, String givenNames, String familyName) {
        UUID id = registry.register(fixtures.signIn(caseworker), fixtures.child(givenNames, familyName)).id();
        SecurityContextHolder.clearContext();
        return id;
    }

    private void recordConsent(UserAccount caseworker, UUID caseId) {
        String today = LocalDate.now().toString();
        Map<String, Object> consent = Map.of("decision", "given", "method", "verbal", "givenBy", "both", "date", today);
        Map<String, Object> values = new HashMap<>();
        values.put("explanation_date", today);
        values.put("explained_by", "Gestionnaire test");
        values.put("language_used", "Sango");
        values.put("confidentiality_limits_explained", "yes");
        values.put("consent_case_management", consent);
        values.put("consent_data_collection", consent);
        values.put("consent_aggregate_sharing", consent);
        values.put("consent_information_sharing", consent);
        values.put("child_assent", "given");
        records.create(fixtures.signIn(caseworker), caseId, "consent_assent", values);
        SecurityContextHolder.clearContext();
    }

    private ApiClient api(UserAccount user) {
        return new ApiClient(port).as(fixtures.token(user));
    }

    private static Map<String, Object> request(Agency to, String bestInterestReason) {
        Map<String, Object> body = new HashMap<>(Map.of("toAgencyId", to.id().toString(),
                "reason", "La famille déménage dans la zone de l'agence.",
                "needs", "Suivi scolaire et psychosocial en cours."));
        if (bestInterestReason != null) {
            body.put("bestInterestReason", bestInterestReason);
        }
        return body;
    }

    private List<String> kindsOf(UserAccount user) {
        return jdbc.sql("select kind from notification where user_id = ?").param(user.id()).query(String.class).list();
    }

    private UUID agencyOf(UUID caseId) {
        return jdbc.sql("select agency_id from child_case where id = ?").param(caseId).query(UUID.class).single();
    }

    private long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (Object param : params) {
            spec = spec.param(param);
        }
        return spec.query(Long.class).single();
    }
}
