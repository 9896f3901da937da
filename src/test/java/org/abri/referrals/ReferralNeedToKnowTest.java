package org.abri.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.ChildCase;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, item 2: what the receiving side of a referral reads is what was consented, as it
 * stood — the exact fields before and after each decision, nothing of a withdrawn or declined
 * referral's texts, the shared part frozen when the case moves to another agency, and never the
 * referring case's internal id.
 */
class ReferralNeedToKnowTest extends IntegrationTest {

    private static final String REASON = "Soins après la fracture du bras, suivi demandé.";
    private static final String DECLINED = "Plus de place au centre ce mois-ci.";
    private static final String WITHDRAWN = "La tante emmène l'enfant à Bambari demain.";
    private static final String FEEDBACK = "Plâtre retiré, rendez-vous honorés.";

    @Autowired
    Fixtures fixtures;
    @Autowired
    Referrals referrals;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    Agency a;
    Agency b;
    Agency c;
    UserAccount caseworkerA;
    UserAccount focalB;
    UserAccount caseworkerB;
    UserAccount focalC;
    UserAccount caseworkerC;
    String given;
    UUID caseId;
    String caseNumber;
    UUID referralId;

    @BeforeEach
    void refer() {
        a = fixtures.agency();
        b = fixtures.agency();
        c = fixtures.agency();
        caseworkerA = fixtures.user(a, Role.CASEWORKER);
        focalB = fixtures.user(b, Role.SERVICE_FOCAL_POINT);
        caseworkerB = fixtures.user(b, Role.CASEWORKER);
        focalC = fixtures.user(c, Role.SERVICE_FOCAL_POINT);
        caseworkerC = fixtures.user(c, Role.CASEWORKER);
        UUID health = fixtures.service(b, "health", "Centre de santé");
        given = "Aminata" + Long.toString(System.nanoTime() % 1_000_000, 36).replaceAll("[0-9]", "x");
        ChildCase registered = registry.register(as(caseworkerA), fixtures.child(given, "Partage"));
        caseId = registered.id();
        caseNumber = registered.caseNumber();
        records.create(as(caseworkerA), caseId, "consent_assent", FilledForms.consent("given"));
        referralId = referrals.send(as(caseworkerA), caseId, new Referrals.ReferralRequest(health, "high", REASON,
                null, List.of("identity", "concerns"), null)).id();
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    @Test
    void whileOpenTheReceiverReadsExactlyTheTickedPartsAndNothingThatNamesTheCase() {
        for (UserAccount receiver : List.of(focalB, caseworkerB)) {
            JsonNode view = api(focalB).get(referral()).json();
            assertThat(view.path("sides").toString()).isEqualTo("[\"receiving\"]");
            assertThat(view.path("reason").asString()).isEqualTo(REASON);
            assertThat(view.path("caseId").isNull() && view.path("caseNumber").isNull()).isTrue();
            if (receiver == focalB) {
                accept();
            }
        }
        Response shared = api(caseworkerB).get(referral() + "/shared-case");
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.json().propertyNames()).containsExactlyInAnyOrder("fields", "records", "frozenAt");
        assertThat(shared.json().path("fields").propertyNames()).containsExactlyInAnyOrder("givenNames",
                "familyName", "otherNames", "sex", "dateOfBirth", "age", "protectionConcerns");
        assertThat(shared.json().path("fields").path("givenNames").asString()).isEqualTo(given);
        assertThat(shared.json().path("frozenAt").isNull()).isTrue();
        for (UserAccount receiver : List.of(focalB, caseworkerB)) {
            assertThat(api(receiver).get(referral()).body() + api(receiver).get(referral() + "/shared-case").body()
                    + page(receiver)).doesNotContain(caseId.toString(), caseNumber, "/cases/");
        }
        // The referring side still reads its case's number and id.
        JsonNode referring = api(caseworkerA).get(referral()).json();
        assertThat(referring.path("caseId").asString()).isEqualTo(caseId.toString());
        assertThat(referring.path("caseNumber").asString()).isEqualTo(caseNumber);
    }

    @Test
    void aDeclinedReferralShowsTheReceiverOnlyThatItWasDeclined() {
        Response declined = api(focalB).post(referral() + "/decline", Map.of("text", DECLINED, "version", version()));
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        // Declined before anyone was assigned: the receiving side is its focal points and manager.
        for (UserAccount receiver : List.of(focalB, fixtures.user(b, Role.AGENCY_MANAGER))) {
            JsonNode view = api(receiver).get(referral()).json();
            assertThat(view.path("status").asString()).isEqualTo("declined");
            assertThat(view.path("answeredAt").isNull()).isFalse();
            assertThat(view.path("reason").isNull() && view.path("declineReason").isNull()
                    && view.path("planAction").isNull()).as(receiver.username()).isTrue();
            assertThat(api(receiver).get(referral() + "/shared-case").status()).isEqualTo(404);
            assertThat(page(receiver)).doesNotContain(REASON, DECLINED, given).contains("shared-closed");
        }
        JsonNode referring = api(caseworkerA).get(referral()).json();
        assertThat(referring.path("declineReason").asString()).isEqualTo(DECLINED);
        assertThat(referring.path("reason").asString()).isEqualTo(REASON);
        assertThat(page(caseworkerA)).contains(DECLINED);
    }

    @Test
    void aWithdrawnReferralShowsTheReceiverOnlyThatItWasWithdrawn() {
        accept();
        Response withdrawn = api(caseworkerA).post(referral() + "/withdraw",
                Map.of("text", WITHDRAWN, "version", version()));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        for (UserAccount receiver : List.of(focalB, caseworkerB)) {
            JsonNode view = api(receiver).get(referral()).json();
            assertThat(view.path("status").asString()).isEqualTo("withdrawn");
            assertThat(view.path("reason").isNull()).isTrue();
            assertThat(api(receiver).get(referral() + "/shared-case").status()).isEqualTo(404);
            String page = page(receiver);
            assertThat(page).contains("event-withdrawn").doesNotContain(WITHDRAWN.replace("'", "&#39;"), REASON, given);
            assertThat(api(receiver).get("/api/v1/me/notifications").body()).doesNotContain("Bambari", given);
        }
        assertThat(page(caseworkerA)).contains(WITHDRAWN.replace("'", "&#39;"));
    }

    @Test
    void aClosedReferralIsReadForTheConfiguredDaysThenNoMore() {
        accept();
        api(caseworkerB).post(referral() + "/close", Map.of("text", FEEDBACK, "version", version()));
        JsonNode view = api(caseworkerB).get(referral()).json();
        assertThat(view.path("status").asString()).isEqualTo("closed");
        assertThat(view.path("reason").asString()).isEqualTo(REASON);
        assertThat(api(caseworkerB).get(referral() + "/shared-case").status()).isEqualTo(200);
        int days = jdbc.sql("select value::int from sop_setting where name = 'referral_read_days_after_close'")
                .query(Integer.class).single();
        clock.advance(Duration.ofDays(days + 1));
        assertThat(api(caseworkerB).get(referral() + "/shared-case").status()).isEqualTo(404);
        assertThat(page(caseworkerB)).doesNotContain(given).contains("shared-closed");
    }

    @Test
    void whenTheCaseMovesToAnotherAgencyTheReceiverKeepsTheSharedPartAsTheReferringAgencyHeldIt() {
        // Open and waiting for an answer from the referring side when the case moves.
        Response asked = api(focalB).post(referral() + "/request-information",
                Map.of("text", "Quel est le niveau de risque ?", "version", version()));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        JsonNode beforeTheMove = api(focalB).get(referral() + "/shared-case").json().path("fields");
        Response requested = api(caseworkerA).post("/api/v1/cases/" + caseId + "/transfers", Map.of(
                "toAgencyId", c.id().toString(), "reason", "La famille déménage.", "needs", "Suivi médical."));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        Response accepted = api(focalC).post("/api/v1/transfers/" + requested.json().path("transfer").path("id")
                .asString() + "/accept", Map.of("caseworkerId", caseworkerC.id().toString()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        // The new agency records a new name and a new concern: neither reaches agency B.
        String renamed = "Renommee" + given;
        jdbc.sql("update child_case set given_names = ?, protection_concerns = array['child_labour', 'neglect'] "
                + "where id = ?").params(renamed, caseId).update();
        assertThat(api(caseworkerC).get("/api/v1/cases/" + caseId).json().path("givenNames").asString())
                .isEqualTo(renamed);

        Response shared = api(focalB).get(referral() + "/shared-case");
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.json().path("frozenAt").isNull()).isFalse();
        assertThat(shared.json().path("fields").path("givenNames").asString()).isEqualTo(given);
        assertThat(shared.json().path("fields").path("protectionConcerns").toString()).isEqualTo("[\"neglect\"]");
        // Field for field what agency B read the moment before the move (dates, ages and lists alike).
        assertThat(shared.json().path("fields")).isEqualTo(beforeTheMove);
        assertThat(shared.body()).doesNotContain(renamed, "child_labour", caseId.toString());
        String page = page(focalB);
        assertThat(page).contains("shared-frozen", "event-case_moved", given)
                .doesNotContain(renamed, caseId.toString(), caseNumber);
        assertThat(api(focalB).get(referral()).json().path("sharedPartFrozenAt").isNull()).isFalse();
        // The new agency may answer the question, but shares nothing more of the case through this referral.
        Response more = api(caseworkerC).post(referral() + "/answer",
                Map.of("text", "Voir avec nous.", "parts", List.of("risk"), "version", version()));
        assertThat(more.status()).isEqualTo(400);
        assertThat(more.fieldCodes()).containsEntry("parts", "referral.parts_frozen");
        assertThat(api(focalB).get(referral() + "/shared-case").json().path("fields").has("riskLevel")).isFalse();
        // An answer without more parts goes through, and the part stays frozen.
        Response answered = api(caseworkerC).post(referral() + "/answer", Map.of("text", "Risque élevé.",
                "version", version()));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(api(focalB).get(referral() + "/shared-case").json().path("fields").path("givenNames").asString())
                .isEqualTo(given);
    }

    @Test
    void aReferralFormWithAnUnknownServiceAndUrgencyIsNoError() {
        WebSession session = signedIn(caseworkerA);
        session.get("/cases/" + caseId + "/referrals/new");
        var answer = session.post("/cases/" + caseId + "/referrals", Map.of("service", "zz", "urgency", "extreme",
                "reason", "Motif saisi à garder"));
        assertThat(answer.statusCode()).isLessThan(500);
    }

    private void accept() {
        Response accepted = api(focalB).post(referral() + "/accept",
                Map.of("assignedTo", caseworkerB.id().toString(), "version", version()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** The referral's version as stored (read straight from the table, whoever acts next). */
    private int version() {
        return jdbc.sql("select version from referral where id = ?").param(referralId).query(Integer.class).single();
    }

    private String referral() {
        return "/api/v1/referrals/" + referralId;
    }

    private ApiClient api(UserAccount user) {
        return new ApiClient(port).as(fixtures.token(user));
    }

    private String page(UserAccount user) {
        return signedIn(user).get("/referrals/" + referralId).body();
    }

    private CurrentUser as(UserAccount user) {
        return fixtures.signIn(user);
    }
}
