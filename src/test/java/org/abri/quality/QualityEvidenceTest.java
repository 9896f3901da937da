package org.abri.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.abri.cases.CaseDetails;
import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseWorkflow;
import org.abri.cases.ConsentRecord;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.CaseFileJourneys;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every measure of the quality evidence against a data set with known answers. The cases are
 * made through the application's services, then moved (all their times together) into a period
 * of 2015 that no other test uses, so that the figures of all agencies are exact too; the
 * current-state measures (staff) of all agencies are compared before and after seeding.
 */
class QualityEvidenceTest extends IntegrationTest {

    private static final ZoneId ZONE = ZoneId.of("Africa/Bangui");
    private static final LocalDate FROM = LocalDate.parse("2015-03-01");
    private static final LocalDate TO = LocalDate.parse("2015-05-31");

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    QualityEvidence evidence;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void everyMeasureHasTheKnownAnswerPerAgencyAndForAllAgencies() {
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        Map<String, Measure> before = byKey(evidence.measure(coordinator, null, FROM, TO));

        Agency a = fixtures.agency();
        Agency b = fixtures.agency();
        UserAccount cwA1 = fixtures.user(a, Role.CASEWORKER);
        UserAccount cwA2 = fixtures.user(a, Role.CASEWORKER);
        UserAccount cwA3 = fixtures.user(a, Role.CASEWORKER);
        UserAccount supA = fixtures.supervisor(a, cwA1, cwA2, cwA3);
        UserAccount[] seven = new UserAccount[7];
        for (int i = 0; i < seven.length; i++) {
            seven[i] = fixtures.user(a, Role.CASEWORKER);
        }
        fixtures.supervisor(a, seven);
        jdbc.sql("update app_user set active = false where id = ?").param(cwA3.id()).update();
        UserAccount managerA = fixtures.user(a, Role.AGENCY_MANAGER);
        UserAccount cwB = fixtures.user(b, Role.CASEWORKER);
        UserAccount supB = fixtures.supervisor(b, cwB);
        UserAccount managerB = fixtures.user(b, Role.AGENCY_MANAGER);

        // Agency A. Period 2015-03-01..2015-05-31 in Africa/Bangui (UTC+1).
        UUID a1 = closed(cwA1, supA, true);                      // plan and closure approved, review done
        place(a1, "2015-03-01T00:30");                           // in (still 28 February in UTC)
        UUID a2 = closed(cwA1, supA, false);                     // plan and closure approved, no review
        place(a2, "2015-03-02T10:00");
        UUID a3 = planSubmitted(cwA1);                           // plan waiting for the supervisor
        place(a3, "2015-04-10T10:00");
        UUID a4 = registry.register(fixtures.signIn(cwA1), refusing("Ornella")).id();
        workflow.decideEligibility(fixtures.signIn(cwA1), a4, false, "Hors critères.");
        place(a4, "2015-05-31T23:30");                           // in; closed as not eligible
        UUID a5 = closed(cwA1, supA, true);
        place(a5, "2015-02-28T23:30");                           // out: before the period
        UUID a6 = registry.register(fixtures.signIn(cwA1), fixtures.child("Ornella", "Test")).id();
        place(a6, "2015-06-01T00:30");                           // out: after (still 31 May in UTC)
        registry.registerForDemo(a.id(), a.code(), cwA1.id(), cwA1.id(), fixtures.child("Ornella", "Test"),
                at("2015-04-15T10:00"), "closed");               // a7: closed without any approval
        for (int i = 0; i < 26; i++) {                           // cwA2 over the caseload standard (25)
            registry.registerForDemo(a.id(), a.code(), cwA2.id(), cwA2.id(), fixtures.child("Ornella", "Test"),
                    at("2014-06-01T10:00"), "open");
        }

        // Agency B.
        UUID b1 = closed(cwB, supB, true);
        place(b1, "2015-03-15T12:00");                           // closed less than 90 days before the end
        UUID b2 = registry.register(fixtures.signIn(cwB), refusing("Ornella")).id();
        place(b2, "2015-04-01T09:00");

        // The service map.
        UUID sA1 = service(a, "2015-05-01", true, true);
        service(a, "2014-11-29", true, true);                     // one day too old
        service(a, "2014-11-30", true, true);                     // six months to the day: verified
        service(a, "2015-05-01", false, true);                    // inactive
        service(a, "2015-05-01", true, false);                    // listed after the period
        UUID sB1 = service(b, "2015-01-10", true, true);
        service(null, "2013-01-01", true, true);                  // an organisation off Abri

        // Referrals sent by A (to B's service), and one sent by B to A.
        referral(a, b, a3, sB1, cwA1, "consent", "2015-03-10T10:00", "sent", false);
        referral(a, b, a3, sB1, cwA1, "consent", "2015-04-10T10:00", "accepted", false);
        referral(a, b, a3, sB1, cwA1, "best_interest", "2015-04-11T10:00", "sent", true);
        referral(a, b, a3, sB1, cwA1, "best_interest", "2015-05-01T10:00", "sent", false);
        referral(a, b, a3, sB1, cwA1, "best_interest", "2015-05-02T10:00", "withdrawn", false);
        referral(a, b, a3, sB1, cwA1, "best_interest", "2015-05-03T10:00", "withdrawn", true);
        referral(a, b, a3, sB1, cwA1, "consent", "2015-06-01T00:30", "sent", false);
        referral(b, a, b2, sA1, cwB, "best_interest", "2015-03-20T10:00", "sent", true);

        Map<String, Measure> ofA = byKey(evidence.measure(fixtures.signIn(managerA), a.id(), FROM, TO));
        assertThat(figures(ofA)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "consent_recorded", "4/5",
                "plans_approved", "2/3",
                "closures_approved", "2/3",
                "post_closure_reviews", "1/2",
                "caseworkers_over_caseload", "1/9",
                "supervisors_over_ratio", "1/2",
                "service_map_verified", "2/3",
                "referrals_with_consent", "2/6",
                "best_interest_family_told", "2/3"));
        assertThat(ofA.get("consent_recorded").percent()).isEqualTo(80);
        assertThat(ofA.get("caseworkers_over_caseload").percent()).isEqualTo(11);
        assertThat(ofA.values()).allSatisfy(m -> assertThat(m.recordsHref())
                .startsWith("/quality/evidence/" + m.key() + "?agency=" + a.id() + "&from=2015-03-01&to=2015-05-31"));

        Map<String, Measure> ofB = byKey(evidence.measure(fixtures.signIn(managerB), b.id(), FROM, TO));
        assertThat(figures(ofB)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "consent_recorded", "1/2",
                "plans_approved", "1/1",
                "closures_approved", "1/1",
                "post_closure_reviews", "0/0",
                "caseworkers_over_caseload", "0/1",
                "supervisors_over_ratio", "0/1",
                "service_map_verified", "1/1",
                "referrals_with_consent", "0/1",
                "best_interest_family_told", "1/1"));
        assertThat(ofB.get("post_closure_reviews").hasData()).isFalse();
        assertThat(ofB.get("post_closure_reviews").percent()).isNull();

        Map<String, Measure> all = byKey(evidence.measure(fixtures.signIn(fixtures.deploymentUser(Role.COORDINATION_VIEWER)),
                null, FROM, TO));
        Map<String, String> allExpected = new LinkedHashMap<>(Map.of(
                "consent_recorded", "5/7",
                "plans_approved", "3/4",
                "closures_approved", "3/4",
                "post_closure_reviews", "1/2",
                "service_map_verified", "3/5",
                "referrals_with_consent", "2/7",
                "best_interest_family_told", "3/4"));
        assertThat(figures(all)).containsAllEntriesOf(allExpected);
        // The staff measures are the state now, of every agency of the shared test database: compare.
        assertThat(delta(before, all, "caseworkers_over_caseload")).isEqualTo("1/10");
        assertThat(delta(before, all, "supervisors_over_ratio")).isEqualTo("1/3");
        assertThat(all.values()).allSatisfy(m -> assertThat(m.recordsHref() != null)
                .as(m.key()).isEqualTo(QualityEvidence.NOT_ABOUT_CHILDREN.contains(m.key())));
        assertThat(all.get("service_map_verified").recordsHref())
                .isEqualTo("/quality/evidence/service_map_verified?agency=&from=2015-03-01&to=2015-05-31");

        // The records behind a figure: the case numbers counted, each marked.
        Map<String, Boolean> consentRows = evidence.records(fixtures.signIn(managerA), "consent_recorded", a.id(), FROM, TO)
                .rows().stream().collect(Collectors.toMap(QualityEvidence.Row::id, QualityEvidence.Row::met))
                .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue));
        assertThat(consentRows).hasSize(5).containsEntry(a1.toString(), true).containsEntry(a3.toString(), true)
                .containsEntry(a4.toString(), false).doesNotContainKeys(a5.toString(), a6.toString());
        QualityEvidence.Evidence staff = evidence.records(fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR)),
                "caseworkers_over_caseload", null, FROM, TO);
        assertThat(staff.rows()).isEmpty();
        assertThat(staff.perAgency()).contains(new QualityEvidence.AgencyCount(a.code(), 1, 9),
                new QualityEvidence.AgencyCount(b.code(), 0, 1));
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where user_id = ? and action = 'search' and record_type = 'child_case'
                and record_agency_id = ? and detail ->> 'measure' = 'consent_recorded'""")
                .params(managerA.id(), a.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyAnAgencysManagersAndTheCoordinationMayMeasure() {
        Agency a = fixtures.agency();
        Agency b = fixtures.agency();
        UserAccount managerB = fixtures.user(b, Role.AGENCY_MANAGER);
        UserAccount caseworker = fixtures.user(a, Role.CASEWORKER);
        UserAccount supervisor = fixtures.user(a, Role.SUPERVISOR);
        UserAccount coordinator = fixtures.deploymentUser(Role.COORDINATOR);
        UserAccount admin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        for (CurrentUser refused : List.of(fixtures.signIn(managerB), fixtures.signIn(caseworker),
                fixtures.signIn(supervisor), fixtures.signIn(coordinator), fixtures.signIn(admin))) {
            assertThatThrownBy(() -> evidence.measure(refused, a.id(), FROM, TO)).isInstanceOf(AccessDeniedException.class);
        }
        for (CurrentUser refused : List.of(fixtures.signIn(managerB), fixtures.signIn(caseworker), fixtures.signIn(admin))) {
            assertThatThrownBy(() -> evidence.measure(refused, null, FROM, TO)).isInstanceOf(AccessDeniedException.class);
        }
        CurrentUser viewer = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATION_VIEWER));
        assertThatThrownBy(() -> evidence.records(viewer, "consent_recorded", null, FROM, TO))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(evidence.records(viewer, "service_map_verified", null, FROM, TO).kind())
                .isEqualTo(QualityEvidence.Kind.SERVICE);
    }

    @Test
    void measuresAreKeyedByItemAndSerialiseAsTheirFiveFields() {
        List<Measure> measures = List.of(new Measure("caseworkers_over_caseload", List.of("5b-2-2"), 1, 4, null),
                new Measure("supervisors_over_ratio", List.of("5b-2-2"), 0, 0, null),
                new Measure("consent_recorded", List.of("2a-1-3", "2a-2-3"), 2, 3, "/quality/evidence/consent_recorded"));
        Map<String, List<Measure>> byItem = QualityEvidence.byItem(measures);
        assertThat(byItem.keySet()).containsExactly("5b-2-2", "2a-1-3", "2a-2-3");
        assertThat(byItem.get("5b-2-2")).extracting(Measure::key)
                .containsExactly("caseworkers_over_caseload", "supervisors_over_ratio");
        assertThat(measures.get(0).percent()).isEqualTo(25);
        assertThat(measures.get(2).percent()).isEqualTo(67);
        assertThat(measures.get(1).percent()).isNull();

        String text = json.writeValueAsString(measures.get(2));
        assertThat(json.readValue(text, Map.class).keySet()).containsExactlyInAnyOrder("key", "itemCodes", "numerator",
                "denominator", "recordsHref");
        assertThat(json.readValue(text, Measure.class)).isEqualTo(measures.get(2));
    }

    @Test
    void everyMeasureHasItsTextsInTheBundles() throws Exception {
        java.util.Properties french = new java.util.Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("src/main/resources/i18n/quality.properties"))) {
            french.load(reader);
        }
        for (String key : QualityEvidence.KEYS) {
            assertThat(french).containsKeys("quality.measure." + key, "quality.measure." + key + ".title",
                    "quality.measure." + key + ".definition", "quality.evidence.met." + key,
                    "quality.evidence.unmet." + key);
        }
        for (QualityEvidence.Kind kind : QualityEvidence.Kind.values()) {
            assertThat(french).containsKey("quality.evidence.column.label." + kind.name());
            if (kind != QualityEvidence.Kind.STAFF) {
                assertThat(french).containsKeys("quality.evidence.column.date." + kind.name(),
                        "quality.evidence.column.detail." + kind.name());
            }
        }
        assertThat(french).containsKeys("quality.evidence.column.amount.caseworkers_over_caseload",
                "quality.evidence.column.amount.supervisors_over_ratio");
    }

    // ---- the data set --------------------------------------------------------------------

    private static Map<String, Measure> byKey(List<Measure> measures) {
        assertThat(measures).extracting(Measure::key).containsExactlyElementsOf(QualityEvidence.KEYS);
        return measures.stream().collect(Collectors.toMap(Measure::key, Function.identity()));
    }

    private static Map<String, String> figures(Map<String, Measure> measures) {
        return measures.values().stream().collect(Collectors.toMap(Measure::key,
                m -> m.numerator() + "/" + m.denominator()));
    }

    private static String delta(Map<String, Measure> before, Map<String, Measure> after, String key) {
        return (after.get(key).numerator() - before.get(key).numerator()) + "/"
                + (after.get(key).denominator() - before.get(key).denominator());
    }

    private static Instant at(String localTime) {
        return LocalDateTime.parse(localTime).atZone(ZONE).toInstant();
    }

    /** A registration whose consent to case management is refused (the others given). */
    private CaseDetails refusing(String givenNames) {
        CaseDetails details = fixtures.child(givenNames, "Test");
        details.setConsents(ConsentRecord.KINDS.stream().map(kind -> new ConsentRecord(kind,
                kind.equals("case_management") ? "refused" : "given", "verbal", "both", LocalDate.now())).toList());
        return details;
    }

    /** A case taken to implementation, its closure approved, and its post-closure review done or not. */
    private UUID closed(UserAccount caseworker, UserAccount supervisor, boolean reviewed) {
        UUID id = CaseFileJourneys.caseInImplementation(fixtures, registry, records, workflow, caseworker, supervisor);
        records.create(fixtures.signIn(caseworker), id, "case_closure", FilledForms.of("case_closure", "medium"));
        UUID closure = workflow.requestClosure(fixtures.signIn(caseworker), id).approvals().get(0).id();
        workflow.decide(fixtures.signIn(supervisor), closure, true, null);
        if (reviewed) {
            workflow.completePostClosureReview(fixtures.signIn(caseworker), id, "Situation stable.");
        }
        return id;
    }

    /** A case at the planning step, its plan submitted and not yet decided. */
    private UUID planSubmitted(UserAccount caseworker) {
        CurrentUser me = fixtures.signIn(caseworker);
        UUID id = registry.register(me, fixtures.child("Ornella", "Test")).id();
        records.create(me, id, "consent_assent", FilledForms.consent("given"));
        workflow.decideEligibility(me, id, true, null);
        records.create(me, id, "initial_assessment", FilledForms.of("initial_assessment", "medium"));
        records.create(me, id, "comprehensive_assessment", FilledForms.of("comprehensive_assessment", "medium"));
        workflow.completeAssessment(me, id);
        records.create(me, id, "case_plan", FilledForms.of("case_plan", "medium"));
        workflow.submitPlan(me, id);
        return id;
    }

    /** Moves every time of a case (registration, steps, approvals) so that it was registered at this local time. */
    private void place(UUID caseId, String localTime) {
        Instant registered = jdbc.sql("select registered_at from child_case where id = ?").param(caseId)
                .query(Timestamp.class).single().toInstant();
        long micros = ChronoUnit.MICROS.between(registered, at(localTime));
        String by = "(? * interval '1 microsecond')";
        jdbc.sql("update child_case set registered_at = registered_at + " + by + ", step_since = step_since + " + by
                + ", closed_at = closed_at + " + by + " where id = ?").params(micros, micros, micros, caseId).update();
        jdbc.sql("update case_transition set occurred_at = occurred_at + " + by + " where case_id = ?")
                .params(micros, caseId).update();
        jdbc.sql("update case_approval set submitted_at = submitted_at + " + by + ", decided_at = decided_at + " + by
                + " where case_id = ?").params(micros, micros, caseId).update();
    }

    /** A service of the map listed at the start of 2015 (or now), last verified on that day. */
    private UUID service(Agency provider, String verifiedOn, boolean active, boolean listedBefore) {
        UUID id = fixtures.service(provider, "health", "Soins test");
        jdbc.sql("update service set last_verified_on = ?::date, active = ?, created_at = case when ? then "
                + "timestamptz '2015-01-01 00:00+01' else created_at end where id = ?")
                .params(verifiedOn, active, listedBefore, id).update();
        return id;
    }

    private void referral(Agency from, Agency to, UUID caseId, UUID serviceId, UserAccount by, String basis,
            String sentAt, String status, boolean familyTold) {
        Instant sent = at(sentAt);
        jdbc.sql("""
                insert into referral (id, reference, case_id, from_agency_id, referred_by, service_id, to_agency_id,
                    sector, urgency, reason, shared_parts, consent_basis, best_interest_reason, family_informed_at,
                    status, sent_at, due_at, withdrawn_at)
                values (?, ?, ?, ?, ?, ?, ?, 'health', 'medium', 'Soins.', '{identity}', ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), "T-" + UUID.randomUUID(), caseId, from.id(), by.id(), serviceId, to.id(),
                        basis, basis.equals("best_interest") ? "Danger immédiat." : null,
                        familyTold ? Timestamp.from(sent.plus(Duration.ofDays(1))) : null, status, Timestamp.from(sent),
                        Timestamp.from(sent.plus(Duration.ofDays(3))),
                        status.equals("withdrawn") ? Timestamp.from(sent.plus(Duration.ofDays(2))) : null)
                .update();
    }
}
