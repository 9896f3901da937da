package org.abri.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseWorkflow;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.NotFoundException;
import org.abri.support.CaseFileJourneys;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The case file checklist pre-filled from hand-made cases (everything on time; a follow-up
 * missed), the supervisor's correction kept, who sees it; competency assessments and the
 * figures of the progress chart.
 */
class QualityChecksTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    CaseFileChecks checks;
    @Autowired
    Competencies competencies;
    @Autowired
    StaffRecords staffRecords;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    record Team(Agency agency, UserAccount caseworker, UserAccount supervisor, UserAccount otherCaseworker) {
    }

    Team team() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount other = fixtures.user(agency, Role.CASEWORKER);
        return new Team(agency, caseworker, fixtures.supervisor(agency, caseworker), other);
    }

    private Map<String, String> results(CaseFileChecks.Prefill prefill) {
        Map<String, String> results = new LinkedHashMap<>();
        prefill.items().forEach(item -> results.put(item.id(), item.result()));
        return results;
    }

    @Test
    void aCaseWithEverythingOnTimeMeetsEveryItem() {
        Team team = team();
        UUID caseId = CaseFileJourneys.caseInImplementation(fixtures, registry, records, workflow, team.caseworker(), team.supervisor());
        records.create(fixtures.signIn(team.caseworker()), caseId, "follow_up_visit", CaseFileJourneys.followUp());
        records.create(fixtures.signIn(team.caseworker()), caseId, "case_review", CaseFileJourneys.review());
        Map<String, Object> closure = new LinkedHashMap<>(FilledForms.of("case_closure", "medium"));
        closure.put("closure_criteria", List.of("goals_achieved", "child_safe"));
        records.create(fixtures.signIn(team.caseworker()), caseId, "case_closure", closure);
        workflow.requestClosure(fixtures.signIn(team.caseworker()), caseId);

        CaseFileChecks.Prefill prefill = checks.prefill(fixtures.signIn(team.supervisor()), caseId, Locale.FRENCH);
        assertThat(results(prefill)).containsOnlyKeys(CaseFileChecks.ITEMS).allSatisfy((item, result) ->
                assertThat(result).as(item).isEqualTo(CaseFileChecks.MET));
        assertThat(prefill.item("consents").orElseThrow().evidence()).contains("3 sur 3");
        assertThat(prefill.item("closure_criteria").orElseThrow().evidence()).contains("cochés : 2");
        assertThat(prefill.values()).containsEntry("follow_ups", "met").containsKey("follow_ups_evidence");
    }

    @Test
    void aMissedFollowUpIsNotMetAndTheSupervisorsCorrectionIsKept() {
        Team team = team();
        UUID caseId = CaseFileJourneys.caseInImplementation(fixtures, registry, records, workflow, team.caseworker(), team.supervisor());
        // Medium risk: a follow-up at least every 14 days. Twenty days pass without one.
        clock.advance(Duration.ofDays(20));
        CaseFileChecks.Prefill prefill = checks.prefill(fixtures.signIn(team.supervisor()), caseId, Locale.ENGLISH);
        Map<String, String> results = results(prefill);
        assertThat(results).containsEntry("follow_ups", CaseFileChecks.NOT_MET)
                .containsEntry("case_review", CaseFileChecks.MET)
                .containsEntry("plan_approved", CaseFileChecks.MET)
                .containsEntry("closure_criteria", CaseFileChecks.NOT_APPLICABLE);
        assertThat(prefill.item("follow_ups").orElseThrow().evidence()).contains("None since", "(20 days)", "14 day(s)");

        // The supervisor knows the visit happened and was not recorded: corrects the item, says so.
        Map<String, Object> values = new LinkedHashMap<>(prefill.values());
        values.put("case_review", CaseFileChecks.NOT_APPLICABLE);
        values.put("follow_ups_comment", "Visite faite le 12, à saisir.");
        StaffRecord saved = checks.save(fixtures.signIn(team.supervisor()), caseId, LocalDate.now(), "phone", values);
        assertThat(saved.subjectId()).isEqualTo(team.caseworker().id());
        assertThat(saved.caseId()).isEqualTo(caseId);

        CaseFileChecks.CaseCheck latest = checks.latest(fixtures.signIn(team.caseworker()), caseId).orElseThrow();
        assertThat(latest.result("case_review")).isEqualTo(CaseFileChecks.NOT_APPLICABLE);
        assertThat(latest.result("follow_ups")).isEqualTo(CaseFileChecks.NOT_MET);
        assertThat(latest.comment("follow_ups")).isEqualTo("Visite faite le 12, à saisir.");
        assertThat(latest.total()).isEqualTo(8);
        assertThat(latest.applicable()).isEqualTo(6);
        assertThat(latest.met()).isEqualTo(5);

        // The team view's counts.
        List<CaseFileChecks.CaseCheck> summary = checks.summary(fixtures.signIn(team.supervisor()),
                List.of(team.caseworker().id(), team.otherCaseworker().id()));
        assertThat(summary).singleElement().satisfies(check -> {
            assertThat(check.caseId()).isEqualTo(caseId);
            assertThat(check.met()).isEqualTo(5);
            assertThat(check.applicable()).isEqualTo(6);
        });
        assertThat(checks.tallies(fixtures.signIn(team.supervisor()), List.of(team.caseworker().id())))
                .containsEntry(team.caseworker().id(), new CaseFileChecks.Tally(1, 5, 6));
        assertThat(signedIn(team.supervisor()).get("/supervision").body())
                .contains("1 dossier · 83 % des points respectés");

        // Nobody else: another caseworker of the same agency, another agency's manager.
        var other = fixtures.signIn(team.otherCaseworker());
        assertThat(checks.latest(other, caseId)).isEmpty();
        assertThat(checks.summary(other, List.of(team.caseworker().id()))).isEmpty();
        assertThatThrownBy(() -> checks.prefill(other, caseId, Locale.FRENCH)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> staffRecords.read(fixtures.signIn(team.otherCaseworker()), saved.id()))
                .isInstanceOf(NotFoundException.class);
        // Nor may the caseworker check their own file.
        assertThatThrownBy(() -> checks.save(fixtures.signIn(team.caseworker()), caseId, LocalDate.now(), null, values))
                .isInstanceOf(NotFoundException.class);
    }

    static Map<String, Object> assessment(Competencies competencies, int base, String goal) {
        Map<String, Object> values = new LinkedHashMap<>(competencies.prefill());
        List<Map<String, Object>> rows = new ArrayList<>();
        int i = 0;
        for (Object row : (List<?>) values.get("scores")) {
            Map<String, Object> scored = new LinkedHashMap<>((Map<String, Object>) row);
            scored.put("score", Math.min(4, base + (i++ % 2)));
            rows.add(scored);
        }
        values.put("scores", rows);
        values.put("capacity_plan", List.of(Map.of("goal", goal, "activity", "Accompagnement en visite",
                "target_date", LocalDate.now().plusMonths(3).toString())));
        return values;
    }

    @Test
    void twoCompetencyAssessmentsMakeAHistoryAndAChart() {
        Team team = team();
        assertThat(competencies.prefill().get("scores")).asList().hasSize(8);
        var supervisor = fixtures.signIn(team.supervisor());
        competencies.record(supervisor, team.caseworker().id(), LocalDate.now().minusMonths(3), "in_person",
                assessment(competencies, 1, "Mener un entretien avec un jeune enfant"));
        competencies.record(fixtures.signIn(team.supervisor()), team.caseworker().id(), LocalDate.now(), "video",
                assessment(competencies, 2, "Rédiger un plan avec des objectifs datés"));

        Competencies.History history = competencies.history(fixtures.signIn(team.caseworker()), team.caseworker().id(),
                Locale.FRENCH);
        assertThat(history.assessments()).hasSize(2);
        assertThat(history.competencies()).hasSize(8);
        String first = history.competencies().get(0).code();
        assertThat(history.assessments().get(0).score(first)).isEqualTo(1);
        assertThat(history.assessments().get(1).score(first)).isEqualTo(2);
        assertThat(history.competencies().get(0).label()).isEqualTo("Protection de l'enfant et éthique");
        assertThat(history.latestPlan()).extracting(Competencies.PlanLine::goal)
                .containsExactly("Rédiger un plan avec des objectifs datés");

        org.abri.platform.BarChart chart = history.chart(false);
        assertThat(chart.bars()).hasSize(16);
        assertThat(chart.labels()).hasSize(8);
        assertThat(chart.legend()).hasSize(2);
        // Twice as long for a score twice as high, and mirrored right to left.
        assertThat(chart.bars().get(1).width()).isEqualTo(chart.bars().get(0).width() * 2);
        org.abri.platform.BarChart rtl = history.chart(true);
        assertThat(rtl.bars().get(0).x() + rtl.bars().get(0).width())
                .isEqualTo(chart.width() - chart.bars().get(0).x());

        // Seen by the person, their supervisor and their manager; nobody else.
        UserAccount manager = fixtures.user(team.agency(), Role.AGENCY_MANAGER);
        assertThat(competencies.history(fixtures.signIn(manager), team.caseworker().id(), Locale.ENGLISH)
                .assessments()).hasSize(2);
        assertThatThrownBy(() -> competencies.history(fixtures.signIn(team.otherCaseworker()), team.caseworker().id(),
                Locale.FRENCH)).isInstanceOf(NotFoundException.class);
        UserAccount otherManager = fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER);
        assertThatThrownBy(() -> competencies.history(fixtures.signIn(otherManager), team.caseworker().id(),
                Locale.FRENCH)).isInstanceOf(NotFoundException.class);
        // A caseworker does not assess themselves here.
        assertThatThrownBy(() -> competencies.record(fixtures.signIn(team.caseworker()), team.caseworker().id(),
                LocalDate.now(), null, assessment(competencies, 3, "x"))).isInstanceOf(NotFoundException.class);
    }
}
