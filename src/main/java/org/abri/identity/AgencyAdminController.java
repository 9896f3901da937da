package org.abri.identity;

import java.util.Locale;
import java.util.UUID;

import org.abri.platform.RuleViolationException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agencies of the deployment, managed by the system administrator alone. */
@Controller
@RequestMapping("/admin/agencies")
class AgencyAdminController {

    private final Agencies agencies;
    private final MessageSource messages;

    AgencyAdminController(Agencies agencies, MessageSource messages) {
        this.agencies = agencies;
        this.messages = messages;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser me, Model model) {
        me.require(Role.SYSTEM_ADMIN);
        return page(model, new Agency(null, "", "", "national_ngo", true), null);
    }

    @PostMapping
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String kind, Model model,
            RedirectAttributes redirect, Locale locale) {
        try {
            Agency created = agencies.create(me, code, name, kind);
            redirect.addFlashAttribute("notice", "admin.agencies.created");
            return "redirect:/admin/agencies/" + created.id();
        } catch (RuleViolationException e) {
            return page(model, new Agency(null, code, name, kind, true), e.describe(messages, locale));
        }
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        me.require(Role.SYSTEM_ADMIN);
        return editPage(model, agencies.get(id), null);
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect,
            Locale locale) {
        me.require(Role.SYSTEM_ADMIN);
        Agency existing = agencies.get(id);
        try {
            agencies.update(me, id, name, kind, active);
            redirect.addFlashAttribute("notice", "admin.saved");
            return "redirect:/admin/agencies/" + id;
        } catch (RuleViolationException e) {
            return editPage(model, new Agency(id, existing.code(), name, kind, active), e.describe(messages, locale));
        }
    }

    private String page(Model model, Agency draft, String problem) {
        model.addAttribute("agencies", agencies.all());
        model.addAttribute("draft", draft);
        model.addAttribute("kinds", Agency.KINDS);
        model.addAttribute("problem", problem);
        return "admin/agencies";
    }

    private String editPage(Model model, Agency agency, String problem) {
        model.addAttribute("agency", agency);
        model.addAttribute("kinds", Agency.KINDS);
        model.addAttribute("problem", problem);
        return "admin/agency";
    }
}
