package org.abri.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.platform.FormValues;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The process over JSON: where a case stands, its transitions, the supervisor's decisions
 * and the caller's task list. The same service as the pages: same rules, same audit.
 */
@RestController
@Tag(name = "Case workflow", description = "Steps of a case, urgent actions, approvals and tasks.")
class CaseWorkflowApiController {

    private final CaseWorkflow workflow;
    private final CaseTasks tasks;
    private final org.abri.audit.AuditLog audit;

    CaseWorkflowApiController(CaseWorkflow workflow, CaseTasks tasks, org.abri.audit.AuditLog audit) {
        this.audit = audit;
        this.workflow = workflow;
        this.tasks = tasks;
    }

    /** What a transition may carry: a reason or note ({@code text}), an urgent action's texts, a caseworker. */
    record TransitionInput(String text, String threat, String actionsTaken, String urgentActionId, String caseworkerId,
            Boolean confirmed, List<String> criteria) {
    }

    record DecisionInput(String decision, String comment) {
    }

    record TaskView(UUID caseId, String caseNumber, String kind, Instant due, String bucket, boolean urgent,
            String riskLevel, String link) {
    }

    @GetMapping(path = "/api/v1/cases/{caseId}/workflow", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getCaseWorkflow", summary = "Where a case stands: step, history, urgent actions, approvals",
            description = "`history`, newest first: each step of the process with `action`, who (`byName`), when "
                    + "(`occurredAt`) and why (`reason`: the reason given, the note closing an urgent action, the "
                    + "supervisor's comment on a plan or a closure, approved or returned).")
    CaseWorkflow.CaseState state(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId) {
        requireReader(me);
        CaseWorkflow.CaseState state = workflow.state(me, caseId);
        audit.recordCaseRead(caseId, java.util.Map.of("view", "workflow"));
        return state;
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/workflow/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "moveCase", summary = "Take a step of the process",
            description = "`action`: eligible, not-eligible (text: reason), assessment-completed, submit-plan, "
                    + "request-closure, post-closure-review (text), reopen (text), urgent-action (threat, actionsTaken), "
                    + "close-urgent-action (urgentActionId, text), act-now (text), reassign (caseworkerId, confirmed). "
                    + "`eligible` takes `criteria`: the codes of the eligibility criteria met (all must be). "
                    + "A step out of order answers 422 with the reason. Audited.")
    CaseWorkflow.CaseState move(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @PathVariable String action, @RequestBody(required = false) TransitionInput input) {
        requireReader(me);
        TransitionInput in = input == null ? new TransitionInput(null, null, null, null, null, null, null) : input;
        try {
            return transition(me, caseId, action, in);
        } catch (org.abri.platform.InvalidInputException e) {
            // The reason, note or closing note of a transition all arrive as `text`: name them so.
            throw new org.abri.platform.InvalidInputException(e.problems().stream().map(p -> java.util.Set.of("reason",
                    "note", "closingNote").contains(p.field()) ? new org.abri.platform.InvalidInputException.FieldProblem(
                    "text", p.code(), p.arguments()) : p).toList());
        }
    }

    private CaseWorkflow.CaseState transition(CurrentUser me, UUID caseId, String action, TransitionInput in) {
        return workflow.take(me, caseId, action, new CaseWorkflow.StepRequest(in.text(), in.threat(),
                in.actionsTaken(), FormValues.uuidOrNull(in.urgentActionId()), FormValues.uuidOrNull(in.caseworkerId()),
                Boolean.TRUE.equals(in.confirmed()), in.criteria()));
    }

    @GetMapping(path = "/api/v1/approvals", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listPendingApprovals", summary = "Plans and closures awaiting the caller's decision, oldest first")
    List<CaseWorkflow.Approval> pending(@AuthenticationPrincipal CurrentUser me) {
        requireReader(me);
        List<CaseWorkflow.Approval> approvals = workflow.pendingFor(me);
        audit.record(org.abri.audit.AuditAction.SEARCH, CaseRegistry.RECORD_TYPE, null, me.agencyId(), java.util.Map.of(
                "list", "approvals", "results", approvals.size(), "shown",
                approvals.stream().map(CaseWorkflow.Approval::caseNumber).toList()));
        return approvals;
    }

    @PostMapping(path = "/api/v1/approvals/{approvalId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "decideApproval", summary = "Approve or return a plan or a closure",
            description = "`decision`: approve or return (a comment is required to return). Never on one's own request.")
    CaseWorkflow.CaseState decide(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID approvalId,
            @RequestBody DecisionInput input) {
        requireReader(me);
        if (!"approve".equals(input.decision()) && !"return".equals(input.decision())) {
            throw new org.abri.platform.InvalidInputException(List.of(
                    new org.abri.platform.InvalidInputException.FieldProblem("decision", "validation.invalid_choice")));
        }
        return workflow.decide(me, approvalId, "approve".equals(input.decision()), input.comment());
    }

    @GetMapping(path = "/api/v1/me/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listMyTasks", summary = "What is due on the caller's cases (or team's), urgent first",
            description = "bucket keeps one group: overdue, today, this_week or later.")
    List<TaskView> tasks(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String bucket) {
        CaseTasks.Bucket wanted = null;
        if (bucket != null && !bucket.isBlank()) {
            wanted = java.util.Arrays.stream(CaseTasks.Bucket.values()).filter(b -> b.name().equalsIgnoreCase(bucket.strip()))
                    .findFirst().orElseThrow(() -> new org.abri.platform.InvalidInputException(List.of(
                            new org.abri.platform.InvalidInputException.FieldProblem("bucket", "validation.invalid_choice"))));
        }
        List<TaskView> views = new java.util.ArrayList<>();
        List<CaseTasks.Task> all = tasks.of(me);
        audit.record(org.abri.audit.AuditAction.SEARCH, CaseRegistry.RECORD_TYPE, null, me.agencyId(), java.util.Map.of(
                "list", "tasks", "results", all.size(), "shown",
                all.stream().map(CaseTasks.Task::caseNumber).distinct().toList()));
        for (CaseTasks.Task t : all) {
            CaseTasks.Bucket in = tasks.bucketOf(t);
            if (wanted == null || in == wanted) {
                views.add(new TaskView(t.caseId(), t.caseNumber(), t.kind(), t.due(), in.name().toLowerCase(), t.urgent(),
                        t.riskLevel(), t.href()));
            }
        }
        return views;
    }

    private static void requireReader(CurrentUser me) {
        if (!CaseAccess.mayReadAny(me)) {
            throw new AccessDeniedException("this role reads no case");
        }
    }

}
