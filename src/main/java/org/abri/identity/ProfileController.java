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

/**
 * Every user's own page: who they are, their language, their password and their personal
 * API tokens. A new token's secret is shown once, on the page that follows its creation.
 */
@Controller
@RequestMapping("/profile")
class ProfileController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final MessageSource messages;

    ProfileController(UserAccounts accounts, ApiTokens tokens, MessageSource messages) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.messages = messages;
    }

    @GetMapping
    String profile(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("account", accounts.find(me.id()).orElseThrow());
        model.addAttribute("tokens", tokens.listOwn(me));
        return "profile";
    }

    @PostMapping("/password")
    String changePassword(@AuthenticationPrincipal CurrentUser me,
            @RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword, RedirectAttributes redirect, Locale locale) {
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw new RuleViolationException("user.password_mismatch");
            }
            accounts.changeOwnPassword(me, currentPassword, newPassword);
            redirect.addFlashAttribute("notice", "profile.passwordChanged");
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("problem", e.describe(messages, locale));
        }
        return "redirect:/profile";
    }

    @PostMapping("/tokens")
    String createToken(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String name,
            RedirectAttributes redirect, Locale locale) {
        try {
            ApiTokens.IssuedToken issued = tokens.create(me, name);
            redirect.addFlashAttribute("newSecret", issued.secret());
            redirect.addFlashAttribute("notice", "profile.tokenCreated");
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("problem", e.describe(messages, locale));
            redirect.addFlashAttribute("tokenName", name);
        }
        return "redirect:/profile";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        tokens.revoke(me, id);
        redirect.addFlashAttribute("notice", "profile.tokenRevoked");
        return "redirect:/profile";
    }
}
