package org.abri.web;

import java.util.List;

import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseTasks;
import org.abri.identity.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page after sign-in: what is late or urgent first, then what this user can reach and
 * their caseload at a glance. Only counts: the cases themselves are on the task page, which audits
 * what it lists.
 */
@Controller
class HomeController {

    private final CaseRegistry cases;
    private final CaseTasks tasks;

    HomeController(CaseRegistry cases, CaseTasks tasks) {
        this.cases = cases;
        this.tasks = tasks;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("caseCounts", cases.counts(me).orElse(null));
        model.addAttribute("mayRegister", cases.mayRegister(me));
        List<CaseTasks.Task> due = tasks.of(me);
        model.addAttribute("urgentCount", due.stream().filter(t -> "urgent_action".equals(t.kind())).count());
        model.addAttribute("overdueCount", due.stream().filter(t -> tasks.bucketOf(t) == CaseTasks.Bucket.OVERDUE).count());
        return "home";
    }
}
