package org.abri.sop;

import java.util.Locale;
import java.util.Map;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.RuleViolationException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The SOP settings page of the system administrator: every delay per risk level, every standard. */
@Controller
@RequestMapping("/admin/sop")
class SopController {

    private final SopSettings settings;
    private final MessageSource messages;

    SopController(SopSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @ModelAttribute
    void requireSystemAdministrator(@AuthenticationPrincipal CurrentUser me) {
        me.require(Role.SYSTEM_ADMIN);
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("settings", settings.all());
        model.addAttribute("delays", SopSettings.DELAYS);
        model.addAttribute("standards", SopSettings.STANDARDS);
        return "admin/sop";
    }

    @PostMapping
    String save(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params, Model model,
            RedirectAttributes redirect, Locale locale) {
        try {
            settings.updateAll(me, params);
        } catch (RuleViolationException e) {
            model.addAttribute("problem", e.describe(messages, locale));
            model.addAttribute("typed", params);
            return page(model);
        }
        redirect.addFlashAttribute("notice", "sop.saved");
        return "redirect:/admin/sop";
    }
}
