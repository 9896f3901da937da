package org.abri.identity;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;
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
 * Every user's own page: who they are, their language, their password, their personal
 * API tokens and their open sessions. A new token's secret is shown once, on the page that
 * follows its creation.
 */
@Controller
@RequestMapping("/profile")
class ProfileController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final MessageSource messages;
    private final OpenSessions sessions;

    ProfileController(UserAccounts accounts, ApiTokens tokens, MessageSource messages, OpenSessions sessions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.messages = messages;
        this.sessions = sessions;
    }

    @GetMapping
    String profile(@AuthenticationPrincipal CurrentUser me, HttpSession session, Model model) {
        model.addAttribute("account", accounts.find(me.id()).orElseThrow());
        model.addAttribute("tokens", tokens.listOwn(me));
        model.addAttribute("sessions", sessions.of(me, session.getId()));
        return "profile";
    }

    /** Ends one of the user's own sessions (a phone left signed in at the office…); audited. */
    @PostMapping("/sessions/{handle}/end")
    String endSession(@AuthenticationPrincipal CurrentUser me, @PathVariable String handle,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", sessions.end(me, handle) ? "profile.sessionEnded" : "profile.sessionGone");
        return "redirect:/profile#sessions";
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
