package org.abri.web;

import org.abri.cases.CaseRegistry;
import org.abri.identity.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page after sign-in: what this user can reach, and their caseload at a glance. */
@Controller
class HomeController {

    private final CaseRegistry cases;

    HomeController(CaseRegistry cases) {
        this.cases = cases;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("caseCounts", cases.counts(me).orElse(null));
        model.addAttribute("mayRegister", cases.mayRegister(me));
        return "home";
    }
}
