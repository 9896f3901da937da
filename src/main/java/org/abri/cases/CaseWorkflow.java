package org.abri.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.SqlParameters;
import org.abri.sop.SopSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a case through the steps of the process, on the server: a step is never skipped
 * except under an open urgent action; plans and closures go to the supervisor, who may not
 * approve their own request; every transition is kept with who, when and why, and audited.
 */
@Service
public class CaseWorkflow {

    static final int TEXT_LIMIT = 4000;

    private final JdbcClient jdbc;
    private final CaseRegistry registry;
    private final UserAccounts accounts;
    private final SopSettings sop;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CaseWorkflow(JdbcClient jdbc, CaseRegistry registry, UserAccounts accounts, SopSettings sop, AuditLog audit,
            Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.accounts = accounts;
        this.sop = sop;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    public record Transition(String fromStep, String toStep, String action, String reason, Instant occurredAt,
            String byName) {
    }

    public record UrgentAction(UUID id, String threat, String actionsTaken, Instant openedAt, String openedByName,
            Instant closedAt, String closedByName, String closingNote) {

        public boolean open() {
            return closedAt == null;
        }
    }

    public record Approval(UUID id, UUID caseId, String caseNumber, String kind, String status, Integer planVersion,
            Instant submittedAt, UUID submittedBy, String submittedByName, Instant decidedAt, String decidedByName,
            String comment) {
    }

    /** Where a case stands: its step, since when, its history and its open questions. */
    public record CaseState(UUID caseId, String caseNumber, CaseStep step, Instant stepSince, boolean urgent,
            List<Transition> history, List<UrgentAction> urgentActions, List<Approval> approvals) {

        public boolean hasOpenUrgentAction() {
            return urgentActions.stream().anyMatch(UrgentAction::open);
        }

        public boolean hasPending(String kind) {
            return approvals.stream().anyMatch(a -> a.kind().equals(kind) && "submitted".equals(a.status()));
        }

        /**
         * The plan or closure ({@code kind}) returned and not yet submitted again, or null: its
         * comment is what the caseworker has to act on, so the case page shows it by the step.
         */
        public Approval standingReturn(String kind) {
            return approvals.stream().filter(a -> a.kind().equals(kind)).findFirst()
                    .filter(a -> "returned".equals(a.status())).orElse(null);
        }
    }

    // ---- reading -------------------------------------------------------------------------

    public CaseState state(CurrentUser reader, UUID caseId) {
        return stateOf(readable(reader, caseId));
    }

    /** The state of a case whose access was checked already (e.g. just before it was reassigned). */
    private CaseState stateOf(Facts facts) {
        UUID caseId = facts.id();
        List<Transition> history = jdbc.sql("""
                select t.from_step, t.to_step, t.action, t.reason, t.occurred_at, u.full_name as by_name
                from case_transition t left join app_user u on u.id = t.user_id
                where t.case_id = ? order by t.occurred_at desc, t.id desc""").param(caseId)
                .query(Transition.class).list();
        List<UrgentAction> urgent = jdbc.sql("""
                select a.id, a.threat, a.actions_taken, a.opened_at, o.full_name as opened_by_name, a.closed_at,
                       c.full_name as closed_by_name, a.closing_note
                from urgent_action a join app_user o on o.id = a.opened_by left join app_user c on c.id = a.closed_by
                where a.case_id = ? order by a.opened_at desc""").param(caseId).query(UrgentAction.class).list();
        return new CaseState(caseId, facts.caseNumber(), facts.step(), facts.stepSince(), facts.urgent(), history,
                urgent, approvals("a.case_id = ?", caseId));
    }

    /** What awaits this supervisor's decision, oldest first (the approvals queue). */
    public List<Approval> pendingFor(CurrentUser supervisor) {
        if (!supervisor.has(Role.SUPERVISOR)) {
            return List.of();
        }
        List<Approval> newestFirst = approvals("""
                a.status = 'submitted' and c.agency_id = ? and a.submitted_by <> ?
                and c.caseworker_id in (select caseworker_id from supervision where supervisor_id = ?)""",
                supervisor.agencyId(), supervisor.id(), supervisor.id());
        List<Approval> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    // ---- the steps -----------------------------------------------------------------------

    /**
     * What a step of the process may carry, as the pages and the API send it: a reason or note
     * ({@code text}), an urgent action's threat and actions, the urgent action to close, the
     * caseworker to reassign to (and the confirmation above the caseload standard), the
     * eligibility criteria met.
     */
    public record StepRequest(String text, String threat, String actionsTaken, UUID urgentActionId,
            UUID caseworkerId, boolean confirmed, List<String> criteria) {

        public StepRequest {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
        }
    }

    /** Takes the step named {@code action} — the names the pages and the API use; an unknown one is not found. */
    public CaseState take(CurrentUser user, UUID caseId, String action, StepRequest request) {
        return switch (action) {
            case "eligible" -> decideEligibility(user, caseId, true, request.text(), request.criteria());
            case "not-eligible" -> decideEligibility(user, caseId, false, request.text());
            case "assessment-completed" -> completeAssessment(user, caseId);
            case "submit-plan" -> submitPlan(user, caseId);
            case "request-closure" -> requestClosure(user, caseId);
            case "post-closure-review" -> completePostClosureReview(user, caseId, request.text());
            case "reopen" -> reopen(user, caseId, request.text());
            case "act-now" -> actUnderUrgentAction(user, caseId, request.text());
            case "urgent-action" -> openUrgentAction(user, caseId, request.threat(), request.actionsTaken());
            case "close-urgent-action" -> closeUrgentAction(user, caseId, request.urgentActionId(), request.text());
            case "reassign" -> reassign(user, caseId, request.caseworkerId(), request.confirmed());
            default -> throw new NotFoundException("request.not_found");
        };
    }

    /** The list of the deployment's eligibility criteria (editable under Lists). */
    public static final String ELIGIBILITY_CRITERIA = "eligibility_criterion";

    /** Identification ends with the eligibility decision: eligible → assessment; not → closed, with the reason. */
    @Transactional
    public CaseState decideEligibility(CurrentUser user, UUID caseId, boolean eligible, String reason) {
        return decideEligibility(user, caseId, eligible, reason, null);
    }

    /**
     * The eligibility decision against the deployment's criteria: eligible only when every
     * criterion in use is met ({@code criteriaMet}: their codes; null when the caller does not
     * check them one by one, e.g. an older API client). The criteria met are kept with the decision.
     */
    @Transactional
    public CaseState decideEligibility(CurrentUser user, UUID caseId, boolean eligible, String reason,
            java.util.Collection<String> criteriaMet) {
        Facts facts = editable(user, caseId);
        requireStep(facts, CaseStep.IDENTIFICATION);
        if (eligible) {
            List<String> unmet = criteriaMet == null ? List.of() : jdbc.sql("""
                    select code from lookup_value where list_name = ? and active order by sort_order, code""")
                    .param(ELIGIBILITY_CRITERIA).query(String.class).list().stream()
                    .filter(code -> !criteriaMet.contains(code)).toList();
            if (!unmet.isEmpty()) {
                throw new RuleViolationException("workflow.criteria_unmet", unmet.size());
            }
            String met = criteriaMet == null || criteriaMet.isEmpty() ? null : String.join(", ", criteriaMet);
            move(user, facts, CaseStep.ASSESSMENT, "eligible", optional(reason) == null ? met
                    : optional(reason) + (met == null ? "" : " (" + met + ")"));
        } else {
            move(user, facts, CaseStep.CLOSED, "not_eligible", required("reason", reason));
        }
        return state(user, caseId);
    }

    /** Assessment ends when the initial and the comprehensive assessments are on file. */
    @Transactional
    public CaseState completeAssessment(CurrentUser user, UUID caseId) {
        Facts facts = editable(user, caseId);
        requireStep(facts, CaseStep.ASSESSMENT);
        requireRecord(caseId, "initial_assessment");
        requireRecord(caseId, "comprehensive_assessment");
        move(user, facts, CaseStep.PLANNING, "assessment_completed", null);
        return state(user, caseId);
    }

    /** The case plan goes to the supervisor; a plan changed after approval goes again (a new version). */
    @Transactional
    public CaseState submitPlan(CurrentUser user, UUID caseId) {
        Facts facts = editable(user, caseId);
        if (facts.step() != CaseStep.PLANNING && facts.step() != CaseStep.IMPLEMENTATION) {
            throw new RuleViolationException("workflow.wrong_step", facts.step().code());
        }
        Map<String, Object> plan = latestRecord(caseId, "case_plan")
                .orElseThrow(() -> new RuleViolationException("workflow.record_missing", "case_plan"));
        if (pending(caseId, "plan")) {
            throw new RuleViolationException("workflow.already_pending");
        }
        UUID recordId = (UUID) plan.get("id");
        int recordVersion = (Integer) plan.get("version");
        Integer approvedVersion = jdbc.sql("""
                select record_version from case_approval where case_id = ? and kind = 'plan' and status = 'approved'
                order by decided_at desc limit 1""").param(caseId).query(Integer.class).optional().orElse(null);
        if (facts.step() == CaseStep.IMPLEMENTATION && approvedVersion != null && approvedVersion == recordVersion) {
            throw new RuleViolationException("workflow.plan_unchanged");
        }
        int planVersion = jdbc.sql("select coalesce(max(plan_version), 0) + 1 from case_approval where case_id = ? and kind = 'plan'")
                .param(caseId).query(Integer.class).single();
        UUID approvalId = UUID.randomUUID();
        jdbc.sql("""
                insert into case_approval (id, case_id, kind, record_id, record_version, snapshot, plan_version, status,
                    submitted_at, submitted_by) values (?, ?, 'plan', ?, ?, ?::jsonb, ?, 'submitted', ?, ?)""")
                .params(approvalId, caseId, recordId, recordVersion, plan.get("data"), planVersion, timestamp(), user.id())
                .update();
        trail(user, facts, "plan_submitted", Map.of("planVersion", planVersion));
        tell("plan_submitted", facts, supervisorsOf(facts), user);
        return state(user, caseId);
    }

    /** The caseworker asks to close the case, with the closure form filled in; the supervisor decides. */
    @Transactional
    public CaseState requestClosure(CurrentUser user, UUID caseId) {
        Facts facts = editable(user, caseId);
        requireStep(facts, CaseStep.IMPLEMENTATION);
        Map<String, Object> closure = latestRecord(caseId, "case_closure")
                .orElseThrow(() -> new RuleViolationException("workflow.record_missing", "case_closure"));
        if (facts.urgent()) {
            throw new RuleViolationException("workflow.urgent_open");
        }
        jdbc.sql("""
                insert into case_approval (id, case_id, kind, record_id, record_version, snapshot, status, submitted_at,
                    submitted_by) values (?, ?, 'closure', ?, ?, ?::jsonb, 'submitted', ?, ?)""")
                .params(UUID.randomUUID(), caseId, closure.get("id"), closure.get("version"), closure.get("data"), timestamp(),
                        user.id())
                .update();
        move(user, facts, CaseStep.CLOSURE_REQUESTED, "closure_requested", null);
        tell("closure_requested", facts, supervisorsOf(facts), user);
        return state(user, caseId);
    }

    /**
     * The supervisor's decision on a plan or a closure. Only a supervisor of the case's
     * caseworker decides, never on their own request; returning needs a comment.
     */
    @Transactional
    public CaseState decide(CurrentUser supervisor, UUID approvalId, boolean approve, String comment) {
        Approval approval = approvals("a.id = ?", approvalId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("approval.not_found"));
        Facts facts = readable(supervisor, approval.caseId());
        if (!supervisor.has(Role.SUPERVISOR) || !supervisorsOf(facts).contains(supervisor.id())) {
            throw new AccessDeniedException("only a supervisor of the caseworker decides");
        }
        if (approval.submittedBy().equals(supervisor.id())) {
            throw new RuleViolationException("workflow.own_request");
        }
        if (!"submitted".equals(approval.status())) {
            throw new RuleViolationException("workflow.already_decided");
        }
        String clean = approve ? optional(comment) : required("comment", comment);
        jdbc.sql("update case_approval set status = ?, decided_at = ?, decided_by = ?, comment = ? where id = ?")
                .params(approve ? "approved" : "returned", timestamp(), supervisor.id(), clean, approvalId).update();
        String outcome = approval.kind() + (approve ? "_approved" : "_returned");
        if ("plan".equals(approval.kind())) {
            if (approve && facts.step() == CaseStep.PLANNING) {
                move(supervisor, facts, CaseStep.IMPLEMENTATION, outcome, clean);
            } else {
                // The step stays (a return, or a revised plan approved in implementation): the comment is still kept.
                trail(supervisor, facts, outcome, clean, Map.of("planVersion", approval.planVersion()));
            }
        } else if (approve) {
            move(supervisor, facts, CaseStep.CLOSED, outcome, clean);
        } else {
            move(supervisor, facts, CaseStep.IMPLEMENTATION, outcome, clean);
        }
        tell(outcome, facts, Set.of(facts.caseworkerId()), supervisor);
        return state(supervisor, approval.caseId());
    }

    /** The review three months after closure; the case is then archived. */
    @Transactional
    public CaseState completePostClosureReview(CurrentUser user, UUID caseId, String note) {
        Facts facts = editable(user, caseId);
        requireStep(facts, CaseStep.CLOSED);
        move(user, facts, CaseStep.ARCHIVED, "post_closure_review", required("note", note));
        return state(user, caseId);
    }

    @Transactional
    public CaseState reopen(CurrentUser user, UUID caseId, String reason) {
        Facts facts = editable(user, caseId);
        if (facts.step().open()) {
            throw new RuleViolationException("workflow.wrong_step", facts.step().code());
        }
        move(user, facts, CaseStep.ASSESSMENT, "reopened", required("reason", reason));
        return state(user, caseId);
    }

    // ---- urgent action -------------------------------------------------------------------

    /** At any step: the threat and what was done at once. The supervisors hear of it immediately. */
    @Transactional
    public CaseState openUrgentAction(CurrentUser user, UUID caseId, String threat, String actionsTaken) {
        Facts facts = editable(user, caseId);
        List<FieldProblem> problems = new java.util.ArrayList<>();
        String cleanThreat = text("threat", threat, problems);
        String cleanActions = text("actionsTaken", actionsTaken, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (!facts.step().open()) {
            throw new RuleViolationException("workflow.wrong_step", facts.step().code());
        }
        jdbc.sql("""
                insert into urgent_action (id, case_id, threat, actions_taken, opened_at, opened_by)
                values (?, ?, ?, ?, ?, ?)""").params(UUID.randomUUID(), caseId, cleanThreat, cleanActions, timestamp(), user.id())
                .update();
        jdbc.sql("update child_case set urgent = true where id = ?").param(caseId).update();
        trail(user, facts, "urgent_action_opened", Map.of());
        tell("urgent_action_opened", facts, supervisorsOf(facts), user);
        return state(user, caseId);
    }

    @Transactional
    public CaseState closeUrgentAction(CurrentUser user, UUID caseId, UUID urgentActionId, String note) {
        Facts facts = editable(user, caseId);
        String clean = required("closingNote", note);
        int closed = jdbc.sql("""
                update urgent_action set closed_at = ?, closed_by = ?, closing_note = ?
                where id = ? and case_id = ? and closed_at is null""")
                .params(timestamp(), user.id(), clean, urgentActionId, caseId).update();
        if (closed == 0) {
            throw new NotFoundException("urgent_action.not_found");
        }
        jdbc.sql("""
                update child_case set urgent = exists (select 1 from urgent_action where case_id = ? and closed_at is null)
                where id = ?""").params(caseId, caseId).update();
        trail(user, facts, "urgent_action_closed", clean, Map.of());
        return state(user, caseId);
    }

    /**
     * Acting first: under an open urgent action the caseworker may go straight to implementation
     * from an earlier step; the reason is recorded and the skipped documents are still due.
     */
    @Transactional
    public CaseState actUnderUrgentAction(CurrentUser user, UUID caseId, String reason) {
        Facts facts = editable(user, caseId);
        if (!facts.urgent()) {
            throw new RuleViolationException("workflow.no_urgent_action");
        }
        if (facts.step() != CaseStep.IDENTIFICATION && facts.step() != CaseStep.ASSESSMENT
                && facts.step() != CaseStep.PLANNING) {
            throw new RuleViolationException("workflow.wrong_step", facts.step().code());
        }
        move(user, facts, CaseStep.IMPLEMENTATION, "urgent_skip", required("reason", reason));
        return state(user, caseId);
    }

    // ---- reassignment --------------------------------------------------------------------

    /** The caseload a caseworker would have, and the standard, to warn before reassigning. */
    public record Caseload(int activeCases, int standard) {
        public boolean exceeded() {
            return activeCases > standard;
        }
    }

    public Caseload caseloadIfAssigned(UUID caseworkerId) {
        int active = jdbc.sql("select count(*) from child_case where caseworker_id = ? and step not in ('closed', 'archived')")
                .param(caseworkerId).query(Integer.class).single();
        return new Caseload(active + 1, sop.standard("caseload_caseworker"));
    }

    /**
     * A supervisor gives the case to another caseworker of the agency. Over the caseload
     * standard the change needs {@code confirmed}: the first call answers with the warning.
     */
    @Transactional
    public CaseState reassign(CurrentUser supervisor, UUID caseId, UUID newCaseworkerId, boolean confirmed) {
        Facts facts = readable(supervisor, caseId);
        if (!supervisor.has(Role.SUPERVISOR) || !supervisorsOf(facts).contains(supervisor.id())) {
            throw new AccessDeniedException("only a supervisor of the caseworker reassigns");
        }
        UserAccount target = accounts.find(newCaseworkerId).filter(UserAccount::active)
                .filter(u -> u.roles().contains(Role.CASEWORKER) && facts.agencyId().equals(u.agencyId()))
                .orElseThrow(() -> new InvalidInputException(List.of(new FieldProblem("caseworkerId",
                        "validation.invalid_choice"))));
        if (target.id().equals(facts.caseworkerId())) {
            throw new RuleViolationException("workflow.same_caseworker");
        }
        Caseload load = caseloadIfAssigned(target.id());
        if (load.exceeded() && !confirmed) {
            throw new RuleViolationException("workflow.caseload_exceeded", target.fullName(), load.activeCases(),
                    load.standard());
        }
        jdbc.sql("update child_case set caseworker_id = ?, updated_at = ?, updated_by = ?, version = version + 1 where id = ?")
                .params(target.id(), timestamp(), supervisor.id(), caseId).update();
        trail(supervisor, facts, "reassigned", Map.of("to", target.id().toString()));
        tell("case_reassigned", facts, Set.of(target.id()), supervisor);
        // The supervisor may not see the case any more (another team's caseworker): answer without re-checking.
        return stateOf(new Facts(facts.id(), facts.caseNumber(), facts.agencyId(), target.id(), facts.step(),
                facts.stepSince(), facts.urgent()));
    }

    // ---- helpers -------------------------------------------------------------------------

    /** What the workflow needs to know of a case. */
    record Facts(UUID id, String caseNumber, UUID agencyId, UUID caseworkerId, CaseStep step, Instant stepSince,
            boolean urgent) {
    }

    private Facts readable(CurrentUser user, UUID caseId) {
        CaseAccess.Condition access = CaseAccess.readable(user);
        return SqlParameters.bind(jdbc.sql("""
                select c.id, c.case_number, c.agency_id, c.caseworker_id, c.step, c.step_since, c.urgent
                from child_case c where c.id = ? and """ + access.sql()).param(caseId), access.params())
                .query((rs, n) -> new Facts(rs.getObject("id", UUID.class), rs.getString("case_number"),
                        rs.getObject("agency_id", UUID.class), rs.getObject("caseworker_id", UUID.class),
                        CaseStep.of(rs.getString("step")), rs.getTimestamp("step_since").toInstant(),
                        rs.getBoolean("urgent")))
                .optional().orElseThrow(() -> new NotFoundException("case.not_found"));
    }

    private Facts editable(CurrentUser user, UUID caseId) {
        Facts facts = readable(user, caseId);
        if (!registry.mayEdit(user, caseId)) {
            throw new AccessDeniedException("may read but not change this case");
        }
        return facts;
    }

    private void requireStep(Facts facts, CaseStep expected) {
        if (facts.step() != expected) {
            throw new RuleViolationException("workflow.wrong_step", facts.step().code());
        }
    }

    private void requireRecord(UUID caseId, String formId) {
        if (latestRecord(caseId, formId).isEmpty()) {
            throw new RuleViolationException("workflow.record_missing", formId);
        }
    }

    private java.util.Optional<Map<String, Object>> latestRecord(UUID caseId, String formId) {
        return jdbc.sql("""
                select id, version, data::text as data from form_record where case_id = ? and form_id = ?
                order by updated_at desc limit 1""").params(caseId, formId)
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getObject("id", UUID.class));
                    row.put("version", rs.getInt("version"));
                    row.put("data", rs.getString("data"));
                    return row;
                }).optional();
    }

    private boolean pending(UUID caseId, String kind) {
        return jdbc.sql("select exists (select 1 from case_approval where case_id = ? and kind = ? and status = 'submitted')")
                .params(caseId, kind).query(Boolean.class).single();
    }

    private List<Approval> approvals(String condition, Object... params) {
        var spec = jdbc.sql("""
                select a.id, a.case_id, c.case_number, a.kind, a.status, a.plan_version, a.submitted_at, a.submitted_by,
                       s.full_name as submitted_by_name, a.decided_at, d.full_name as decided_by_name, a.comment
                from case_approval a join child_case c on c.id = a.case_id join app_user s on s.id = a.submitted_by
                left join app_user d on d.id = a.decided_by
                where""" + " " + condition + " order by a.submitted_at desc");
        for (Object param : params) {
            spec = spec.param(param);
        }
        return spec.query(Approval.class).list();
    }

    private void move(CurrentUser user, Facts facts, CaseStep to, String action, String reason) {
        Instant now = now();
        jdbc.sql("""
                update child_case set step = ?, step_since = ?, status = ?, closed_at = ?, updated_at = ?, updated_by = ?,
                    version = version + 1 where id = ?""")
                .params(to.code(), Timestamp.from(now), to.open() ? "open" : "closed",
                        to == CaseStep.CLOSED ? Timestamp.from(now) : (to.open() ? null : closedAt(facts.id())),
                        Timestamp.from(now), user.id(), facts.id())
                .update();
        jdbc.sql("""
                insert into case_transition (case_id, from_step, to_step, action, reason, occurred_at, user_id)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(facts.id(), facts.step().code(), to.code(), action, reason, Timestamp.from(now), user.id())
                .update();
        audit.record(AuditAction.UPDATE, CaseRegistry.RECORD_TYPE, facts.id(), facts.agencyId(), Map.of("caseNumber",
                facts.caseNumber(), "transition", action, "from", facts.step().code(), "to", to.code()));
    }

    private void trail(CurrentUser user, Facts facts, String action, Map<String, Object> detail) {
        trail(user, facts, action, null, detail);
    }

    /**
     * A step of the process that does not change the step (a submission, a return, an urgent
     * action…), with its reason or note when it has one: the history shows why, like a move.
     */
    private void trail(CurrentUser user, Facts facts, String action, String reason, Map<String, Object> detail) {
        jdbc.sql("""
                insert into case_transition (case_id, from_step, to_step, action, reason, occurred_at, user_id)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(facts.id(), facts.step().code(), facts.step().code(), action, reason, Timestamp.from(now()),
                        user.id())
                .update();
        Map<String, Object> all = new LinkedHashMap<>(detail);
        all.put("caseNumber", facts.caseNumber());
        all.put("transition", action);
        audit.record(AuditAction.UPDATE, CaseRegistry.RECORD_TYPE, facts.id(), facts.agencyId(), all);
    }

    private Timestamp closedAt(UUID caseId) {
        return jdbc.sql("select closed_at from child_case where id = ?").param(caseId).query(Timestamp.class).single();
    }

    private Set<UUID> supervisorsOf(Facts facts) {
        return new HashSet<>(jdbc.sql("select supervisor_id from supervision where caseworker_id = ?")
                .param(facts.caseworkerId()).query(UUID.class).list());
    }

    private void tell(String kind, Facts facts, Set<UUID> recipients, CurrentUser by) {
        Set<UUID> others = new HashSet<>(recipients);
        others.remove(by.id());
        if (!others.isEmpty()) {
            events.publishEvent(new CaseEvents.CaseEvent(kind, facts.id(), facts.caseNumber(), Set.copyOf(others),
                    by.fullName()));
        }
    }

    private Instant now() {
        return clock.instant();
    }

    /** The clock's time as the database driver takes it. */
    private Timestamp timestamp() {
        return Timestamp.from(clock.instant());
    }

    private static String optional(String text) {
        return text == null || text.isBlank() ? null : limit(text.strip());
    }

    private static String required(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(List.of(new FieldProblem(field, "validation.required")));
        }
        return limit(text.strip());
    }

    private static String text(String field, String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, "validation.required"));
            return null;
        }
        if (text.strip().length() > TEXT_LIMIT) {
            problems.add(new FieldProblem(field, "validation.too_long", TEXT_LIMIT));
            return null;
        }
        return text.strip();
    }

    private static String limit(String text) {
        if (text.length() > TEXT_LIMIT) {
            throw new InvalidInputException(List.of(new FieldProblem("reason", "validation.too_long", TEXT_LIMIT)));
        }
        return text;
    }

}
