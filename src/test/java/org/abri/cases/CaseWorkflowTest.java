package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.sop.SopSettings;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.abri.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The case management process on the server: every step in order, the refusals (wrong step,
 * missing record, wrong role, other agency, own approval), urgent action, reassignment, and
 * the deadlines of every SOP setting for every risk level as the clock moves.
 */
class CaseWorkflowTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseTasks tasks;
    @Autowired
    SopSettings sop;
    @Autowired
    MutableClock clock;
    @Autowired
    CaseTimeline timeline;
    @Autowired
    OverdueReminder reminder;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    /** A caseworker and the supervisor of their team, in a new agency. */
    private record Team(Agency agency, UserAccount caseworker, UserAccount supervisor) {
    }

    private Team team() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        return new Team(agency, caseworker, fixtures.supervisor(agency, caseworker));
    }

    private UUID register(UserAccount caseworker, String risk) {
        CaseDetails child = fixtures.child("Halimé", "Djibrine");
        child.setRiskLevel(risk);
        return registry.register(fixtures.signIn(caseworker), child).id();
    }

    private UUID fill(UserAccount user, UUID caseId, String formId) {
        return records.create(fixtures.signIn(user), caseId, formId, org.abri.support.FilledForms.of(formId, "medium")).id();
    }

    /** Filled in with the case's own risk level, so that the assessment leaves it as it is. */
    private void fill(UserAccount user, UUID caseId, String formId, String risk) {
        records.create(fixtures.signIn(user), caseId, formId, org.abri.support.FilledForms.of(formId, risk));
    }

    private List<String> taskKinds(UserAccount user, UUID caseId) {
        return tasks.of(fixtures.signIn(user)).stream().filter(t -> caseId.equals(t.caseId()))
                .map(CaseTasks.Task::kind).toList();
    }

    @Test
    void aCaseGoesThroughEveryStepWithAReturnedPlanAndTheTaskListsFollow() {
        Team team = team();
        UUID caseId = register(team.caseworker(), "medium");
        assertThat(taskKinds(team.caseworker(), caseId)).containsExactly("first_action", "initial_assessment");
        assertThat(taskKinds(team.supervisor(), caseId)).containsExactly("first_action", "initial_assessment");

        CurrentUser caseworker = fixtures.signIn(team.caseworker());
        assertThatThrownBy(() -> workflow.completeAssessment(caseworker, caseId))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("workflow.wrong_step"));
        assertThat(workflow.decideEligibility(caseworker, caseId, true, null).step()).isEqualTo(CaseStep.ASSESSMENT);
        assertThatThrownBy(() -> workflow.completeAssessment(fixtures.signIn(team.caseworker()), caseId))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.arguments()).containsExactly("initial_assessment"));
        fill(team.caseworker(), caseId, "initial_assessment");
        assertThat(taskKinds(team.caseworker(), caseId)).containsExactly("comprehensive_assessment");
        fill(team.caseworker(), caseId, "comprehensive_assessment");
        assertThat(workflow.completeAssessment(fixtures.signIn(team.caseworker()), caseId).step()).isEqualTo(CaseStep.PLANNING);
        assertThat(taskKinds(team.caseworker(), caseId)).containsExactly("case_plan");

        assertThatThrownBy(() -> workflow.submitPlan(fixtures.signIn(team.caseworker()), caseId))
                .isInstanceOf(RuleViolationException.class);
        fill(team.caseworker(), caseId, "case_plan");
        CaseWorkflow.CaseState submitted = workflow.submitPlan(fixtures.signIn(team.caseworker()), caseId);
        UUID firstPlan = submitted.approvals().get(0).id();
        assertThat(taskKinds(team.caseworker(), caseId)).isEmpty();
        assertThat(taskKinds(team.supervisor(), caseId)).containsExactly("approve_plan");
        assertThat(workflow.pendingFor(fixtures.signIn(team.supervisor()))).extracting(CaseWorkflow.Approval::id)
                .containsExactly(firstPlan);

        // The caseworker cannot decide; the supervisor must say why a plan is returned.
        assertThatThrownBy(() -> workflow.decide(fixtures.signIn(team.caseworker()), firstPlan, true, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> workflow.decide(fixtures.signIn(team.supervisor()), firstPlan, false, " "))
                .isInstanceOf(InvalidInputException.class);
        CaseWorkflow.CaseState returned = workflow.decide(fixtures.signIn(team.supervisor()), firstPlan, false,
                "Objectif d'école sans date cible.");
        assertThat(returned.step()).isEqualTo(CaseStep.PLANNING);
        assertThat(jdbc.sql("select kind from notification where user_id = ? order by created_at")
                .param(team.caseworker().id()).query(String.class).list()).containsExactly("plan_returned");
        assertThat(jdbc.sql("select kind from notification where user_id = ?").param(team.supervisor().id())
                .query(String.class).list()).containsExactly("plan_submitted");
        assertThat(taskKinds(team.caseworker(), caseId)).containsExactly("case_plan");
        UUID secondPlan = workflow.submitPlan(fixtures.signIn(team.caseworker()), caseId).approvals().get(0).id();
        CaseWorkflow.CaseState approved = workflow.decide(fixtures.signIn(team.supervisor()), secondPlan, true, null);
        assertThat(approved.step()).isEqualTo(CaseStep.IMPLEMENTATION);
        assertThat(approved.approvals()).extracting(CaseWorkflow.Approval::planVersion).containsExactly(2, 1);
        assertThat(taskKinds(team.caseworker(), caseId)).containsExactly("follow_up", "case_review");
        assertThatThrownBy(() -> workflow.submitPlan(fixtures.signIn(team.caseworker()), caseId))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("workflow.plan_unchanged"));

        assertThatThrownBy(() -> workflow.requestClosure(fixtures.signIn(team.caseworker()), caseId))
                .isInstanceOf(RuleViolationException.class);
        fill(team.caseworker(), caseId, "case_closure");
        CaseWorkflow.CaseState requested = workflow.requestClosure(fixtures.signIn(team.caseworker()), caseId);
        assertThat(requested.step()).isEqualTo(CaseStep.CLOSURE_REQUESTED);
        assertThat(taskKinds(team.supervisor(), caseId)).containsExactly("approve_closure");
        UUID closure = requested.approvals().get(0).id();
        CaseWorkflow.CaseState closed = workflow.decide(fixtures.signIn(team.supervisor()), closure, true, "Bon travail.");
        assertThat(closed.step()).isEqualTo(CaseStep.CLOSED);
        assertThat(jdbc.sql("select status from child_case where id = ?").param(caseId).query(String.class).single())
                .isEqualTo("closed");
        assertThat(taskKinds(team.caseworker(), caseId)).containsExactly("post_closure_review");
        assertThat(workflow.completePostClosureReview(fixtures.signIn(team.caseworker()), caseId, "Enfant scolarisée.")
                .step()).isEqualTo(CaseStep.ARCHIVED);
        assertThat(taskKinds(team.caseworker(), caseId)).isEmpty();
        CaseWorkflow.CaseState reopened = workflow.reopen(fixtures.signIn(team.caseworker()), caseId, "Nouvelle fugue.");
        assertThat(reopened.step()).isEqualTo(CaseStep.ASSESSMENT);
        assertThat(reopened.history()).extracting(CaseWorkflow.Transition::action).containsSubsequence("reopened",
                "post_closure_review", "closure_approved", "closure_requested", "plan_approved", "plan_submitted",
                "plan_returned", "plan_submitted", "assessment_completed", "eligible");
        // The timeline tells every step with its reason, in the reader's language.
        List<TimelineEvent> events = timeline.page(fixtures.signIn(team.supervisor()), caseId, 0, 50,
                java.util.Locale.FRENCH).items();
        assertThat(events.get(0).kind()).isEqualTo("step");
        assertThat(events.get(0).arguments()).containsExactly("Cas rouvert", "Nouvelle fugue.");
        assertThat(events).filteredOn(e -> e.kind().equals("step")).hasSize(10);
        assertThat(jdbc.sql("select count(*) from audit_entry where record_id = ? and detail->>'transition' is not null")
                .param(caseId).query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndOutsidersAreRefused() {
        Team team = team();
        UUID caseId = register(team.caseworker(), "low");
        workflow.decideEligibility(fixtures.signIn(team.caseworker()), caseId, true, null);
        fill(team.caseworker(), caseId, "initial_assessment");
        fill(team.caseworker(), caseId, "comprehensive_assessment");
        workflow.completeAssessment(fixtures.signIn(team.caseworker()), caseId);
        fill(team.caseworker(), caseId, "case_plan");
        // The supervisor submits the plan of their supervisee's case: someone else must approve it.
        UUID plan = workflow.submitPlan(fixtures.signIn(team.supervisor()), caseId).approvals().get(0).id();
        assertThatThrownBy(() -> workflow.decide(fixtures.signIn(team.supervisor()), plan, true, null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("workflow.own_request"));
        assertThat(workflow.pendingFor(fixtures.signIn(team.supervisor()))).isEmpty();

        UserAccount otherSupervisor = fixtures.supervisor(team.agency(), fixtures.user(team.agency(), Role.CASEWORKER));
        assertThatThrownBy(() -> workflow.decide(fixtures.signIn(otherSupervisor), plan, true, null))
                .isInstanceOf(NotFoundException.class);
        UserAccount stranger = fixtures.user(fixtures.agency(), Role.SUPERVISOR);
        assertThatThrownBy(() -> workflow.decide(fixtures.signIn(stranger), plan, true, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> workflow.decideEligibility(fixtures.signIn(fixtures.user(fixtures.agency(),
                Role.CASEWORKER)), caseId, true, null)).isInstanceOf(NotFoundException.class);
        UserAccount manager = fixtures.user(team.agency(), Role.AGENCY_MANAGER);
        assertThat(workflow.state(fixtures.signIn(manager), caseId).step()).isEqualTo(CaseStep.PLANNING);
        assertThatThrownBy(() -> workflow.openUrgentAction(fixtures.signIn(manager), caseId, "x", "y"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> workflow.submitPlan(fixtures.signIn(team.caseworker()), caseId))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("workflow.already_pending"));
    }

    @Test
    void anUrgentActionHeadsTheListsAndLetsTheCaseworkerActFirst() {
        Team team = team();
        UUID calm = register(team.caseworker(), "low");
        UUID threatened = register(team.caseworker(), "low");
        assertThatThrownBy(() -> workflow.actUnderUrgentAction(fixtures.signIn(team.caseworker()), threatened, "vite"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("workflow.no_urgent_action"));
        assertThatThrownBy(() -> workflow.openUrgentAction(fixtures.signIn(team.caseworker()), threatened, " ", ""))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).hasSize(2));
        CaseWorkflow.CaseState urgent = workflow.openUrgentAction(fixtures.signIn(team.caseworker()), threatened,
                "Menacée d'enlèvement par un groupe armé.", "Mise à l'abri chez une famille d'accueil.");
        assertThat(urgent.urgent()).isTrue();
        // The supervisor is told at once, with the case number and who opened it — no child's data.
        assertThat(jdbc.sql("select arguments::text from notification where user_id = ? and kind = 'urgent_action_opened'")
                .param(team.supervisor().id()).query(String.class).list()).singleElement().asString()
                .contains(urgent.caseNumber()).doesNotContain("Halimé", "Djibrine");
        List<CaseTasks.Task> list = tasks.of(fixtures.signIn(team.supervisor()));
        assertThat(list.get(0).caseId()).isEqualTo(threatened);
        assertThat(list.get(0).kind()).isEqualTo("urgent_action");
        assertThat(list).anyMatch(t -> calm.equals(t.caseId()));

        assertThat(workflow.actUnderUrgentAction(fixtures.signIn(team.caseworker()), threatened, "Protection immédiate.")
                .step()).isEqualTo(CaseStep.IMPLEMENTATION);
        fill(team.caseworker(), threatened, "case_closure");
        assertThatThrownBy(() -> workflow.requestClosure(fixtures.signIn(team.caseworker()), threatened))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("workflow.urgent_open"));
        UUID actionId = urgent.urgentActions().get(0).id();
        assertThat(workflow.closeUrgentAction(fixtures.signIn(team.caseworker()), threatened, actionId,
                "Enfant en sécurité.").urgent()).isFalse();
        assertThat(workflow.requestClosure(fixtures.signIn(team.caseworker()), threatened).step())
                .isEqualTo(CaseStep.CLOSURE_REQUESTED);
    }

    @Test
    void anAssessmentThatChangesTheRiskLevelMovesTheDeadlinesAndKeepsTheHistory() {
        Team team = team();
        UUID caseId = register(team.caseworker(), "low");
        workflow.decideEligibility(fixtures.signIn(team.caseworker()), caseId, true, null);
        java.util.Map<String, Object> assessed = org.abri.support.FilledForms.of("initial_assessment", "medium");
        assessed.put("risk_level", "high");
        assessed.put("risk_level_reason", "Menaces répétées du voisin.");
        records.create(fixtures.signIn(team.caseworker()), caseId, "initial_assessment", assessed);
        assertThat(jdbc.sql("select risk_level from child_case where id = ?").param(caseId).query(String.class).single())
                .isEqualTo("high");
        assertThat(records.riskHistory(fixtures.signIn(team.supervisor()), caseId)).singleElement().satisfies(change -> {
            assertThat(change.fromLevel()).isEqualTo("low");
            assertThat(change.toLevel()).isEqualTo("high");
            assertThat(change.sourceForm()).isEqualTo("initial_assessment");
            assertThat(change.reason()).isEqualTo("Menaces répétées du voisin.");
        });
        // The comprehensive assessment is now due on the high-risk delay, not the low-risk one.
        assertDueAfter(team, caseId, "comprehensive_assessment", sop.delay("comprehensive_assessment", "high"));
    }

    @Test
    void anOverdueStepIsNotifiedOnceToTheCaseworkerAndTheSupervisor() {
        Team team = team();
        UUID caseId = register(team.caseworker(), "high");
        try {
            clock.advance(java.time.Duration.ofHours(25));
            reminder.remind();
            reminder.remind();
        } finally {
            clock.reset();
        }
        for (UserAccount user : List.of(team.caseworker(), team.supervisor())) {
            assertThat(jdbc.sql("select arguments->>'step' from notification where user_id = ? and kind = 'step_overdue' and case_id = ?")
                    .params(user.id(), caseId).query(String.class).list()).containsExactly("first_action");
        }
        assertThat(signedIn(team.caseworker()).get("/notifications").body()).contains("Première action");
    }

    @Test
    void notEligibleClosesAtIdentificationWithItsReason() {
        Team team = team();
        UUID caseId = register(team.caseworker(), "low");
        assertThatThrownBy(() -> workflow.decideEligibility(fixtures.signIn(team.caseworker()), caseId, false, ""))
                .isInstanceOf(InvalidInputException.class);
        CaseWorkflow.CaseState closed = workflow.decideEligibility(fixtures.signIn(team.caseworker()), caseId, false,
                "Adulte de 19 ans, orienté vers un service adulte.");
        assertThat(closed.step()).isEqualTo(CaseStep.CLOSED);
        assertThat(closed.history().get(0).reason()).startsWith("Adulte");
    }

    @Test
    void reassigningWarnsAboveTheCaseloadStandard() {
        Team team = team();
        UserAccount busy = fixtures.user(team.agency(), Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(team.agency(), team.caseworker(), busy);
        UUID caseId = register(team.caseworker(), "medium");
        register(busy, "low");
        CurrentUser admin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        sop.update(admin, "caseload_caseworker", "any", "1");
        try {
            assertThatThrownBy(() -> workflow.reassign(fixtures.signIn(supervisor), caseId, busy.id(), false))
                    .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                        assertThat(e.code()).isEqualTo("workflow.caseload_exceeded");
                        assertThat(e.arguments()).contains(2, 1);
                    });
            workflow.reassign(fixtures.signIn(supervisor), caseId, busy.id(), true);
            assertThat(jdbc.sql("select caseworker_id from child_case where id = ?").param(caseId).query(UUID.class)
                    .single()).isEqualTo(busy.id());
            assertThatThrownBy(() -> workflow.reassign(fixtures.signIn(team.caseworker()), caseId,
                    team.caseworker().id(), true)).isInstanceOf(NotFoundException.class);
        } finally {
            sop.update(fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)), "caseload_caseworker", "any", "25");
        }
    }

    @Test
    void everySopDeadlineFallsDueForEveryRiskLevelAsTheClockMoves() {
        for (String risk : List.of("high", "medium", "low")) {
            Team team = team();
            // Identification: first action and initial assessment count from registration.
            UUID identification = register(team.caseworker(), risk);
            assertDueAfter(team, identification, "first_action", sop.delay("first_action", risk));
            assertDueAfter(team, identification, "initial_assessment", sop.delay("initial_assessment", risk));

            // Assessment: the comprehensive assessment counts from the initial one.
            UUID assessment = register(team.caseworker(), risk);
            workflow.decideEligibility(fixtures.signIn(team.caseworker()), assessment, true, null);
            fill(team.caseworker(), assessment, "initial_assessment", risk);
            assertDueAfter(team, assessment, "comprehensive_assessment", sop.delay("comprehensive_assessment", risk));

            // Planning, then implementation: plan, follow-up and review count from the step.
            fill(team.caseworker(), assessment, "comprehensive_assessment", risk);
            workflow.completeAssessment(fixtures.signIn(team.caseworker()), assessment);
            assertDueAfter(team, assessment, "case_plan", sop.delay("case_plan", risk));
            fill(team.caseworker(), assessment, "case_plan", risk);
            UUID plan = workflow.submitPlan(fixtures.signIn(team.caseworker()), assessment).approvals().get(0).id();
            workflow.decide(fixtures.signIn(team.supervisor()), plan, true, null);
            assertDueAfter(team, assessment, "follow_up", sop.delay("follow_up", risk));
            assertDueAfter(team, assessment, "case_review", sop.delay("case_review", risk));

            // Closed: the post-closure review, three months on.
            fill(team.caseworker(), assessment, "case_closure", risk);
            UUID closure = workflow.requestClosure(fixtures.signIn(team.caseworker()), assessment).approvals().get(0).id();
            workflow.decide(fixtures.signIn(team.supervisor()), closure, true, null);
            assertDueAfter(team, assessment, "post_closure_review", sop.delay("post_closure_review", risk));
        }
        assertThat(sop.delay("first_action", "high")).isEqualTo(Duration.ofHours(24));
        assertThat(sop.delay("post_closure_review", "low")).isEqualTo(Duration.ofDays(90));
    }

    /** Not overdue an hour before the delay is over, overdue an hour after; the clock is put back. */
    private void assertDueAfter(Team team, UUID caseId, String kind, Duration delay) {
        try {
            clock.advance(delay.minusHours(1));
            assertThat(bucket(team, caseId, kind)).as("%s an hour before its deadline", kind)
                    .isNotEqualTo(CaseTasks.Bucket.OVERDUE);
            clock.advance(Duration.ofHours(2));
            assertThat(bucket(team, caseId, kind)).as("%s an hour after its deadline", kind)
                    .isEqualTo(CaseTasks.Bucket.OVERDUE);
        } finally {
            clock.reset();
        }
    }

    private CaseTasks.Bucket bucket(Team team, UUID caseId, String kind) {
        CaseTasks.Task task = tasks.of(fixtures.signIn(team.caseworker())).stream()
                .filter(t -> caseId.equals(t.caseId()) && t.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + kind));
        return tasks.bucketOf(task);
    }
}
