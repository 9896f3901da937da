package org.abri.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a referral opens, through the API, and what it never opens: the receiving agency reads
 * the shared part of one case and nothing of the referring agency's other cases; a withdrawn
 * referral opens nothing more; no referral leaves without consent or a recorded reason.
 */
class ReferralAuthorizationTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private UserAccount caseworkerA;
    private UUID referredCase;
    private UUID otherCase;
    private UUID healthB;
    private String tokenA;
    private String focalPointB;
    private String caseworkerB;
    private UserAccount caseworkerBAccount;

    @BeforeEach
    void world() {
        api = new ApiClient(port);
        Agency agencyA = fixtures.agency();
        Agency agencyB = fixtures.agency();
        caseworkerA = fixtures.user(agencyA, Role.CASEWORKER);
        caseworkerBAccount = fixtures.user(agencyB, Role.CASEWORKER);
        tokenA = fixtures.token(caseworkerA);
        focalPointB = fixtures.token(fixtures.user(agencyB, Role.SERVICE_FOCAL_POINT));
        caseworkerB = fixtures.token(caseworkerBAccount);
        healthB = fixtures.service(agencyB, "health", "Centre de santé B");
        referredCase = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Aïcha", "Partagée-Test")).id();
        otherCase = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Salamatou", "Autre-Test")).id();
        records.create(fixtures.signIn(caseworkerA), otherCase, "consent_assent", FilledForms.consent("given"));
        SecurityContextHolder.clearContext();
    }

    private ApiClient.Response refer(UUID caseId, String bestInterestReason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("serviceId", healthB.toString(), "urgency", "high",
                "reason", "Soins.", "parts", List.of("identity", "concerns")));
        if (bestInterestReason != null) {
            body.put("bestInterestReason", bestInterestReason);
        }
        return api.as(tokenA).post("/api/v1/cases/" + caseId + "/referrals", body);
    }

    @Test
    void noReferralLeavesWithoutConsentOrARecordedReason() {
        ApiClient.Response refused = refer(referredCase, null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("referral.consent_required");
        assertThat(refer(referredCase, "   ").code()).isEqualTo("referral.consent_required");
        records.create(fixtures.signIn(caseworkerA), referredCase, "consent_assent", FilledForms.consent("refused"));
        SecurityContextHolder.clearContext();
        assertThat(refer(referredCase, null).code()).isEqualTo("referral.consent_required");
        assertThat(jdbc.sql("select count(*) from referral where case_id = ?").param(referredCase).query(Long.class)
                .single()).isZero();
        // A recorded reason lets it through, marked as such.
        ApiClient.Response sent = refer(referredCase, "Le parent est l'auteur présumé.");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("consentBasis").asString()).isEqualTo("best_interest");
    }

    @Test
    void theReceivingAgencyReadsTheSharedPartOfOneCaseAndNothingElseAndNothingAfterWithdrawal() {
        ApiClient.Response sent = refer(otherCase, null);
        assertThat(sent.status()).isEqualTo(201);
        String referral = "/api/v1/referrals/" + sent.json().path("id").asString();
        int version = api.as(focalPointB).get(referral).json().path("version").asInt();
        assertThat(api.as(focalPointB).post(referral + "/accept", Map.of("assignedTo",
                caseworkerBAccount.id().toString(), "version", version)).status()).isEqualTo(200);
        assertThat(api.as(caseworkerB).get(referral + "/shared-case").status()).isEqualTo(200);

        for (String token : List.of(focalPointB, caseworkerB)) {
            // Neither the referred case itself, nor its records, nor any other case of agency A.
            for (UUID caseId : List.of(otherCase, referredCase)) {
                assertThat(api.as(token).get("/api/v1/cases/" + caseId).status()).isIn(403, 404);
                assertThat(api.as(token).get("/api/v1/cases/" + caseId + "/records").status()).isIn(403, 404);
                assertThat(api.as(token).get("/api/v1/cases/" + caseId + "/timeline").status()).isIn(403, 404);
            }
        }
        ApiClient.Response search = api.as(caseworkerB).get("/api/v1/cases?q=Test");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).doesNotContain("Salamatou", "Aïcha", otherCase.toString());
        // A's caseworker withdraws: B's access ends at once, for the page and the API.
        int current = api.as(tokenA).get(referral).json().path("version").asInt();
        assertThat(api.as(tokenA).post(referral + "/withdraw", Map.of("text", "Consentement retiré.", "version", current))
                .status()).isEqualTo(200);
        for (String token : List.of(focalPointB, caseworkerB)) {
            assertThat(api.as(token).get(referral + "/shared-case").status()).isEqualTo(404);
        }
        assertThat(signedIn(caseworkerBAccount).get(referral.replace("/api/v1", "")).body())
                .doesNotContain("Salamatou").doesNotContain("id=\"shared-case\"");
    }

    @Test
    void aReferralToAProviderOffAbriIsFollowedByHandByTheReferringSide() {
        UUID clinic = fixtures.service(null, "legal_aid", "Clinique juridique test");
        ApiClient.Response sent = api.as(tokenA).post("/api/v1/cases/" + otherCase + "/referrals", Map.of(
                "serviceId", clinic.toString(), "urgency", "medium", "reason", "Acte de naissance.",
                "parts", List.of("identity")));
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("offSystem").asBoolean()).isTrue();
        assertThat(sent.json().path("actions").toString()).contains("record-outcome");
        String referral = "/api/v1/referrals/" + sent.json().path("id").asString();
        ApiClient.Response accepted = api.as(tokenA).post(referral + "/record-outcome",
                Map.of("outcome", "accepted", "text", "Rendez-vous pris par téléphone.", "version", 0));
        assertThat(accepted.json().path("status").asString()).isEqualTo("accepted");
        ApiClient.Response closed = api.as(tokenA).post(referral + "/record-outcome",
                Map.of("outcome", "closed", "text", "Acte obtenu.", "version", 1));
        assertThat(closed.json().path("status").asString()).isEqualTo("closed");
        assertThat(closed.json().path("feedback").asString()).isEqualTo("Acte obtenu.");
        // A closing outcome needs its note.
        ApiClient.Response second = api.as(tokenA).post("/api/v1/cases/" + otherCase + "/referrals", Map.of(
                "serviceId", clinic.toString(), "urgency", "low", "reason", "Suivi.", "parts", List.of("identity")));
        ApiClient.Response noNote = api.as(tokenA).post("/api/v1/referrals/" + second.json().path("id").asString()
                + "/record-outcome", Map.of("outcome", "declined", "version", 0));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().path("fields").get(0).path("field").asString()).isEqualTo("text");
        assertThat(noNote.json().path("fields").get(0).path("message").asString()).isNotBlank();
        assertThat(noNote.body()).doesNotContain("Exception");
    }
}
