package org.abri.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.RuleViolationException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The process as pages: the step buttons of a case page, urgent actions, reassignment, the
 * supervisor's approvals queue and everyone's task list. A refused action comes back to the
 * page with the reason, and what was typed stays in the form.
 */
@Controller
class CaseWorkflowController {

    private final CaseWorkflow workflow;
    private final CaseTasks tasks;
    private final MessageSource messages;
    private final org.abri.audit.AuditLog audit;

    CaseWorkflowController(CaseWorkflow workflow, CaseTasks tasks, MessageSource messages,
            org.abri.audit.AuditLog audit) {
        this.audit = audit;
        this.workflow = workflow;
        this.tasks = tasks;
        this.messages = messages;
    }

    @PostMapping("/cases/{caseId}/workflow/{action}")
    String act(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable String action,
            @RequestParam Map<String, String> params,
            @RequestParam(name = "criteria", required = false) List<String> criteria, RedirectAttributes redirect,
            Locale locale) {
        CaseWorkflow.StepRequest request = new CaseWorkflow.StepRequest(params.getOrDefault("text", ""),
                params.get("threat"), params.get("actionsTaken"), FormValues.uuidOrNull(params.get("urgentActionId")),
                FormValues.uuidOrNull(params.get("caseworkerId")), params.containsKey("confirmed"), criteria);
        return attempt(redirect, locale, params, "/cases/" + caseId, "workflow.done." + action,
                () -> workflow.take(me, caseId, action, request));
    }

    @PostMapping("/approvals/{approvalId}")
    String decide(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID approvalId,
            @RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String comment,
            @RequestParam(defaultValue = "/approvals") String back, RedirectAttributes redirect, Locale locale) {
        String target = back.startsWith("/cases/") || back.equals("/approvals") ? back : "/approvals";
        boolean approve = "approve".equals(decision);
        return attempt(redirect, locale, Map.of("comment", comment), target,
                approve ? "workflow.done.approved" : "workflow.done.returned",
                () -> workflow.decide(me, approvalId, approve, comment));
    }

    @GetMapping("/approvals")
    String approvals(@AuthenticationPrincipal CurrentUser me, Model model) {
        if (!me.has(Role.SUPERVISOR)) {
            throw new org.springframework.security.access.AccessDeniedException("the approvals queue is a supervisor's");
        }
        List<CaseWorkflow.Approval> approvals = workflow.pendingFor(me);
        audit.record(org.abri.audit.AuditAction.SEARCH, CaseRegistry.RECORD_TYPE, null, me.agencyId(), Map.of("list",
                "approvals", "results", approvals.size(), "shown", approvals.stream().map(CaseWorkflow.Approval::caseNumber).toList()));
        model.addAttribute("approvals", approvals);
        return "cases/approvals";
    }

    @GetMapping("/tasks")
    String tasks(@AuthenticationPrincipal CurrentUser me, Model model) {
        Map<CaseTasks.Bucket, List<CaseTasks.Task>> buckets = new LinkedHashMap<>();
        for (CaseTasks.Bucket bucket : CaseTasks.Bucket.values()) {
            buckets.put(bucket, new java.util.ArrayList<>());
        }
        List<CaseTasks.Task> all = tasks.of(me);
        for (CaseTasks.Task task : all) {
            buckets.get(tasks.bucketOf(task)).add(task);
        }
        audit.record(org.abri.audit.AuditAction.SEARCH, CaseRegistry.RECORD_TYPE, null, me.agencyId(), Map.of("list",
                "tasks", "results", all.size(), "shown", all.stream().map(CaseTasks.Task::caseNumber).distinct().toList()));
        model.addAttribute("buckets", buckets);
        model.addAttribute("nothingDue", buckets.values().stream().allMatch(List::isEmpty));
        return "cases/tasks";
    }

    private String attempt(RedirectAttributes redirect, Locale locale, Map<String, String> typed, String back,
            String notice, Supplier<Object> action) {
        try {
            action.get();
            redirect.addFlashAttribute("notice", notice);
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("workflowProblem", e.describe(messages, locale));
            redirect.addFlashAttribute("typed", typed);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("workflowProblem", String.join(" ", e.describe(messages, locale).values()));
            redirect.addFlashAttribute("typed", typed);
        }
        return "redirect:" + back;
    }
}
