package org.abri.referrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseSharing;
import org.abri.cases.CaseTasks;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * A referral from agency A to a service of agency B, through the service: consent before
 * sharing, exactly the ticked parts crossing, the receiving side's answers, need-to-know after
 * withdrawal and after closing, the overdue flag on a moved clock.
 */
class ReferralsTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Referrals referrals;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseTasks tasks;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    private Agency agencyA;
    private Agency agencyB;
    private UserAccount caseworkerA;
    private UserAccount supervisorA;
    private UserAccount focalPointB;
    private UserAccount caseworkerB;
    private UserAccount otherCaseworkerB;
    private UUID healthB;
    private UUID caseId;

    @BeforeEach
    void world() {
        agencyA = fixtures.agency();
        agencyB = fixtures.agency();
        caseworkerA = fixtures.user(agencyA, Role.CASEWORKER);
        supervisorA = fixtures.supervisor(agencyA, caseworkerA);
        focalPointB = fixtures.user(agencyB, Role.SERVICE_FOCAL_POINT);
        caseworkerB = fixtures.user(agencyB, Role.CASEWORKER);
        otherCaseworkerB = fixtures.user(agencyB, Role.CASEWORKER);
        healthB = fixtures.service(agencyB, "health", "Soins de santé test");
        caseId = registry.register(as(caseworkerA), fixtures.child("Awa", "Référée-Test")).id();
    }

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    private CurrentUser as(UserAccount user) {
        return fixtures.signIn(user);
    }

    private void consent(String sharing) {
        records.create(as(caseworkerA), caseId, "consent_assent", FilledForms.consent(sharing));
    }

    private Referral refer(List<String> parts, String bestInterestReason) {
        return referrals.send(as(caseworkerA), caseId, new Referrals.ReferralRequest(healthB, "high",
                "Soins après une agression.", null, parts, bestInterestReason));
    }

    @Test
    void withoutConsentAndWithoutAReasonTheReferralIsRefused() {
        assertThatThrownBy(() -> refer(List.of("identity"), null))
                .isInstanceOf(RuleViolationException.class).hasMessage("referral.consent_required");
        consent("refused");
        assertThatThrownBy(() -> refer(List.of("identity"), "  "))
                .isInstanceOf(RuleViolationException.class).hasMessage("referral.consent_required");
        assertThat(jdbc.sql("select count(*) from referral where case_id = ?").param(caseId).query(Long.class).single())
                .isZero();
    }

    @Test
    void aBestInterestReasonLetsItGoAuditedToldToTheSupervisorAndLeavesATaskToTellTheFamily() {
        Referral sent = refer(List.of("identity"), "Le parent est l'auteur présumé ; l'informer mettrait l'enfant en danger.");
        assertThat(sent.consentBasis()).isEqualTo("best_interest");
        assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'referral_without_consent'")
                .param(supervisorA.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select detail::text from audit_entry where record_id = ? and action = 'create'")
                .param(sent.id()).query(String.class).single()).contains("best_interest").contains(sent.reference());
        assertThat(tasks.of(as(caseworkerA))).extracting(CaseTasks.Task::kind).contains("referral_tell_family");
        assertThat(tasks.of(as(supervisorA))).extracting(CaseTasks.Task::kind).contains("referral_tell_family");
        referrals.familyInformed(as(caseworkerA), sent.id(), "Informée par téléphone.", sent.version());
        assertThat(tasks.of(as(caseworkerA))).extracting(CaseTasks.Task::kind).doesNotContain("referral_tell_family");
    }

    @Test
    void theReceivingSideReadsOnlyTheTickedPartsAndAnswersUntilClosed() {
        consent("given");
        records.create(as(caseworkerA), caseId, "initial_assessment", FilledForms.of("initial_assessment", "high"));
        Referral sent = refer(List.of("identity", "concerns"), null);
        assertThat(sent.consentBasis()).isEqualTo("consent");
        assertThat(sent.sharedParts()).containsExactly("identity", "concerns");
        assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'referral_received'")
                .param(focalPointB.id()).query(Long.class).single()).isEqualTo(1);

        // B's focal point opens it: seen; reads exactly identity and concerns, nothing else.
        Referral seen = referrals.get(as(focalPointB), sent.id());
        assertThat(seen.status()).isEqualTo("seen");
        Referrals.SharedPart shared = referrals.sharedPart(as(focalPointB), sent.id());
        assertThat(shared.fields()).containsOnlyKeys("givenNames", "familyName", "otherNames", "sex", "dateOfBirth",
                "age", "protectionConcerns");
        assertThat(shared.fields().get("givenNames")).isEqualTo("Awa");
        assertThat(shared.records()).isEmpty();
        // Nothing else of the case, nor the case itself.
        assertThatThrownBy(() -> registry.read(as(focalPointB), caseId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> records.list(as(caseworkerB), caseId)).isInstanceOf(NotFoundException.class);
        // A caseworker of B not (yet) assigned sees nothing of it.
        assertThatThrownBy(() -> referrals.get(as(caseworkerB), sent.id())).isInstanceOf(NotFoundException.class);

        Referral accepted = referrals.accept(as(focalPointB), sent.id(), caseworkerB.id(), seen.version());
        assertThat(accepted.status()).isEqualTo("accepted");
        assertThat(referrals.sharedPart(as(caseworkerB), sent.id()).fields()).containsOnlyKeys("givenNames",
                "familyName", "otherNames", "sex", "dateOfBirth", "age", "protectionConcerns");
        assertThatThrownBy(() -> referrals.get(as(otherCaseworkerB), sent.id())).isInstanceOf(NotFoundException.class);
        // The assigned caseworker provides and closes; the focal point's answering steps are not theirs.
        assertThatThrownBy(() -> referrals.decline(as(caseworkerB), sent.id(), "non", accepted.version()))
                .isInstanceOf(AccessDeniedException.class);
        Referral provided = referrals.recordService(as(caseworkerB), sent.id(), "Consultation et soins donnés.",
                LocalDate.now(clock), accepted.version());
        Referral closed = referrals.close(as(caseworkerB), sent.id(), "Enfant soignée, rendez-vous de contrôle fixé.",
                provided.version());
        assertThat(closed.status()).isEqualTo("closed");

        // A sees the feedback, and every read of the shared part, by whom.
        Referral seenByA = referrals.get(as(caseworkerA), sent.id());
        assertThat(seenByA.feedback()).isEqualTo("Enfant soignée, rendez-vous de contrôle fixé.");
        assertThat(referrals.events(as(caseworkerA), sent.id())).filteredOn(e -> e.kind().equals("shared_part_read"))
                .extracting(ReferralEvent::actorAgencyCode).containsOnly(agencyB.code()).hasSize(2);
        assertThat(jdbc.sql("select count(*) from audit_entry where record_type = 'child_case' and record_id = ? "
                + "and action = 'read' and agency_id = ? and detail::text like ?")
                .params(caseId, agencyB.id(), "%" + sent.reference() + "%").query(Long.class).single()).isEqualTo(2);
        assertThat(signedIn(caseworkerA).get("/cases/" + caseId + "/timeline").body())
                .contains("Référencement " + sent.reference() + " envoyé : Soins de santé test")
                .contains("Référencement " + sent.reference() + " clôturé");
        assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'referral_closed'")
                .param(caseworkerA.id()).query(Long.class).single()).isEqualTo(1);

        // Readable after closing for the configured days only.
        assertThat(referrals.sharedPart(as(caseworkerB), sent.id()).fields()).containsKey("givenNames");
        clock.advance(Duration.ofDays(31));
        assertThatThrownBy(() -> referrals.sharedPart(as(caseworkerB), sent.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aWithdrawnReferralClosesTheDoorAtOnce() {
        consent("given");
        Referral sent = refer(List.of("identity"), null);
        assertThat(referrals.sharedPart(as(focalPointB), sent.id()).fields()).containsKey("familyName");
        Referral current = referrals.get(as(caseworkerA), sent.id());
        referrals.withdraw(as(caseworkerA), sent.id(), "Consentement retiré par la famille.", current.version());
        assertThatThrownBy(() -> referrals.sharedPart(as(focalPointB), sent.id())).isInstanceOf(NotFoundException.class);
        assertThat(referrals.actionsFor(as(focalPointB), referrals.get(as(focalPointB), sent.id()))).isEmpty();
    }

    @Test
    void askedInformationIsAnsweredAndOnlyTheNewlyTickedPartIsAdded() {
        consent("given");
        Referral sent = refer(List.of("identity"), null);
        Referral asked = referrals.requestInformation(as(focalPointB), sent.id(), "Où vit l'enfant ?",
                referrals.get(as(focalPointB), sent.id()).version());
        assertThat(tasks.of(as(caseworkerA))).extracting(CaseTasks.Task::kind).contains("referral_question");
        Referral answered = referrals.answerInformation(as(caseworkerA), sent.id(), "Voir le lieu.", List.of("location"),
                asked.version());
        assertThat(answered.sharedParts()).containsExactly("identity", "location");
        assertThat(referrals.sharedPart(as(focalPointB), sent.id()).fields()).containsKey("locationId")
                .doesNotContainKey("protectionConcerns");
    }

    @Test
    void aReferralNotAnsweredInTimeIsFlaggedToBothSidesOnce() {
        consent("given");
        Referral sent = refer(List.of("identity"), null);
        assertThat(sent.overdue(clock.instant())).isFalse();
        clock.advance(Duration.ofHours(25));
        // Other tests' referrals may fall due on the same moved clock: count this one's notices.
        assertThat(referrals.flagOverdue()).isPositive();
        referrals.flagOverdue();
        assertThat(jdbc.sql("select count(*) from notification where kind = 'referral_overdue' and user_id in (?, ?)")
                .params(caseworkerA.id(), focalPointB.id()).query(Long.class).single()).isEqualTo(2);
        assertThat(referrals.list(as(focalPointB), Referrals.Box.INBOX, "overdue", 0, 50).items())
                .extracting(Referral::id).containsExactly(sent.id());
        assertThat(referrals.list(as(caseworkerA), Referrals.Box.OUTBOX, "overdue", 0, 50).items())
                .extracting(Referral::id).containsExactly(sent.id());
        assertThat(referrals.summary(as(focalPointB))).isEqualTo(new Referrals.Summary(1, 1, 0));
        assertThat(referrals.summary(as(caseworkerA))).isEqualTo(new Referrals.Summary(0, 0, 1));
        assertThat(signedIn(focalPointB).get("/referrals/summary").body()).contains("id=\"referrals-inbox-overdue\"");
    }

    @Test
    void referralPagesAnswerBothSidesAndRefuseOutsiders() {
        consent("given");
        Referral sent = refer(List.of("identity", "concerns"), null);
        var pageA = signedIn(caseworkerA).get("/referrals/" + sent.id());
        assertThat(pageA.statusCode()).isEqualTo(200);
        assertThat(pageA.body()).contains(sent.reference()).doesNotContain("id=\"shared-case\"");
        var pageB = signedIn(focalPointB).get("/referrals/" + sent.id());
        assertThat(pageB.statusCode()).isEqualTo(200);
        assertThat(pageB.body()).contains("id=\"shared-givenNames\"").contains("id=\"shared-protectionConcerns\"")
                .doesNotContain("id=\"shared-caregiverName\"").doesNotContain("Tante test")
                .doesNotContain("id=\"shared-riskLevel\"");
        Agency third = fixtures.agency();
        assertThat(signedIn(fixtures.user(third, Role.SERVICE_FOCAL_POINT)).get("/referrals/" + sent.id()).statusCode())
                .isEqualTo(404);
        assertThat(signedIn(caseworkerB).get("/referrals/" + sent.id()).statusCode()).isEqualTo(404);
        assertThat(signedIn(caseworkerA).get("/referrals?box=outbox").body()).contains(sent.reference());
        assertThat(signedIn(focalPointB).get("/referrals?box=inbox").body()).contains(sent.reference());
        assertThat(signedIn(caseworkerA).get("/cases/" + caseId + "/referrals").body()).contains(sent.reference());
        assertThat(signedIn(caseworkerB).get("/cases/" + caseId + "/referrals").statusCode()).isEqualTo(404);
        var chooser = signedIn(caseworkerA).get("/cases/" + caseId + "/referrals/new");
        assertThat(chooser.body()).contains("Soins de santé test");
        var form = signedIn(caseworkerA).get("/cases/" + caseId + "/referrals/new?service=" + healthB);
        assertThat(form.body()).contains("id=\"consent-given\"").contains("value=\"identity\" id=\"part-identity\" checked");
        assertThat(signedIn(focalPointB).get("/cases/" + caseId + "/referrals/new").statusCode()).isEqualTo(404);
    }

    @Test
    void aReferralStartsFromAnOpenActionOfTheCasePlan() {
        consent("given");
        java.util.Map<String, Object> plan = new java.util.HashMap<>(FilledForms.of("case_plan", "medium"));
        String due = LocalDate.now().plusDays(10).toString();
        plan.put("actions", List.of(
                java.util.Map.of("action", "Consultation médicale", "action_sector", "health",
                        "action_responsible", "Gestionnaire", "action_due_date", due, "action_status", "planned"),
                java.util.Map.of("action", "Inscription à l'école", "action_sector", "education",
                        "action_responsible", "Gestionnaire", "action_due_date", due, "action_status", "done")));
        UUID planId = records.create(as(caseworkerA), caseId, "case_plan", plan).id();
        var session = signedIn(caseworkerA);
        assertThat(session.get("/cases/" + caseId + "/records/" + planId).body()).contains("id=\"refer-from-plan\"");
        String chooser = session.get("/cases/" + caseId + "/referrals/new").body();
        assertThat(chooser).contains("Consultation médicale").doesNotContain("Inscription à l");
        String fromAction = session.get("/cases/" + caseId + "/referrals/new?filtered=1&sector=health"
                + "&planAction=Consultation%20m%C3%A9dicale&service=" + healthB).body();
        assertThat(fromAction).contains("value=\"Consultation médicale\"");
        Referral sent = referrals.send(as(caseworkerA), caseId, new Referrals.ReferralRequest(healthB, "medium",
                "Consultation demandée.", "Consultation médicale", List.of("identity"), null));
        assertThat(sent.planAction()).isEqualTo("Consultation médicale");
    }

    @Test
    void theChooserShowsTheRecommendedPathwayOfTheChildsConcernInOrder() {
        var details = fixtures.child("Fanta", "Parcours-Test");
        details.setProtectionConcerns(List.of("sexual_violence"));
        UUID survivor = registry.register(as(caseworkerA), details).id();
        String chooser = signedIn(caseworkerA).get("/cases/" + survivor + "/referrals/new").body();
        assertThat(chooser).contains("id=\"pathway\"").contains("dans les 72 heures");
        int health = chooser.indexOf("sector=health");
        int mhpss = chooser.indexOf("sector=mhpss");
        int legal = chooser.indexOf("sector=legal_aid");
        assertThat(health).isPositive().isLessThan(mhpss);
        assertThat(mhpss).isLessThan(legal);
        // Following the first step filters the map by its sector: the health service of B is offered.
        String firstStep = signedIn(caseworkerA).get("/cases/" + survivor + "/referrals/new?filtered=1&sector=health"
                + "&concern=sexual_violence&matchAge=on&matchSex=on").body();
        assertThat(firstStep).contains("Soins de santé test");
    }
}
