package org.abri.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.abri.platform.FormValues;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * User administration pages. An agency administrator sees and manages the users of their
 * own agency; the system administrator every user. A user of another agency answers 404.
 * A refused save shows the form again with what was typed.
 */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

    private final UserAccounts accounts;
    private final Agencies agencies;
    private final MessageSource messages;

    UserAdminController(UserAccounts accounts, Agencies agencies, MessageSource messages) {
        this.accounts = accounts;
        this.agencies = agencies;
        this.messages = messages;
    }

    /** What the user form posts; strings throughout so that nothing typed is lost to conversion. */
    static class UserForm {
        private String agencyId;
        private String username;
        private String fullName;
        private String email;
        private String locale = "fr";
        private List<String> roles = new ArrayList<>();
        private List<String> supervisees = new ArrayList<>();
        private String password;
        private int version;

        static UserForm of(UserAccount account) {
            UserForm form = new UserForm();
            form.agencyId = account.agencyId() == null ? "" : account.agencyId().toString();
            form.username = account.username();
            form.fullName = account.fullName();
            form.email = account.email();
            form.locale = account.locale();
            form.roles = account.roles().stream().map(Role::name).toList();
            form.supervisees = account.supervisees().stream().map(UUID::toString).toList();
            form.version = account.version();
            return form;
        }

        UserAccounts.AccountChange toChange() {
            Set<Role> chosenRoles = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                try {
                    chosenRoles.add(Role.valueOf(role));
                } catch (IllegalArgumentException e) {
                    throw new RuleViolationException("user.roles_required");
                }
            }
            Set<UUID> chosenSupervisees = new LinkedHashSet<>();
            for (String id : supervisees) {
                UUID supervisee = FormValues.uuidOrNull(id);
                if (supervisee == null) {
                    throw new RuleViolationException("user.supervisee_invalid");
                }
                chosenSupervisees.add(supervisee);
            }
            return new UserAccounts.AccountChange(FormValues.uuidOrNull(agencyId), username, fullName, email, locale,
                    chosenRoles, chosenSupervisees);
        }

        public String getAgencyId() { return agencyId; }
        public void setAgencyId(String agencyId) { this.agencyId = agencyId; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getFullName() { return fullName; }
        public void setFullName(String fullName) { this.fullName = fullName; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getLocale() { return locale; }
        public void setLocale(String locale) { this.locale = locale; }
        public List<String> getRoles() { return roles; }
        public void setRoles(List<String> roles) { this.roles = roles == null ? new ArrayList<>() : roles; }
        public List<String> getSupervisees() { return supervisees; }
        public void setSupervisees(List<String> supervisees) {
            this.supervisees = supervisees == null ? new ArrayList<>() : supervisees;
        }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public int getVersion() { return version; }
        public void setVersion(int version) { this.version = version; }
    }

    /**
     * Runs before every handler here: only administrators reach user administration (403);
     * which users they may see is then decided per record (404 for the others).
     */
    @ModelAttribute
    void requireAnyAdministrator(@AuthenticationPrincipal CurrentUser me) {
        if (!me.hasAny(Role.SYSTEM_ADMIN, Role.AGENCY_ADMIN)) {
            throw new AccessDeniedException("user administration is for administrators");
        }
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String agency, Model model) {
        UUID agencyFilter = FormValues.uuidOrNull(agency);
        model.addAttribute("users", accounts.listVisibleTo(me, agencyFilter));
        model.addAttribute("agencyFilter", agencyFilter);
        model.addAttribute("agencies", me.has(Role.SYSTEM_ADMIN) ? agencies.all() : List.of());
        return "admin/users";
    }

    @GetMapping("/new")
    String newUser(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String agency, Model model) {
        UserForm form = new UserForm();
        UUID agencyId = me.has(Role.SYSTEM_ADMIN) ? FormValues.uuidOrNull(agency) : me.agencyId();
        requireAdministrator(me, agencyId);
        form.setAgencyId(agencyId == null ? "" : agencyId.toString());
        return form(me, model, form, null, null);
    }

    @PostMapping
    String create(@AuthenticationPrincipal CurrentUser me, @ModelAttribute("form") UserForm form,
            org.springframework.validation.BindingResult binding, Model model, RedirectAttributes redirect,
            Locale locale) {
        if (!me.has(Role.SYSTEM_ADMIN)) {
            form.setAgencyId(me.agencyId() == null ? "" : me.agencyId().toString());
        }
        requireAdministrator(me, FormValues.uuidOrNull(form.getAgencyId()));
        if (binding.hasErrors()) {
            // A value not of its type (only hidden fields are not text): the form again, as typed.
            form.setPassword(null);
            return form(me, model, form, null, messages.getMessage("errorPage.badRequest.text", null, locale));
        }
        try {
            UserAccount created = accounts.create(me, form.toChange(), form.getPassword());
            redirect.addFlashAttribute("notice", "admin.users.created");
            return "redirect:/admin/users/" + created.id();
        } catch (RuleViolationException e) {
            form.setPassword(null);
            return form(me, model, form, null, e.describe(messages, locale));
        }
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        UserAccount account = accounts.getVisibleTo(me, id);
        return form(me, model, UserForm.of(account), account, null);
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @ModelAttribute("form") UserForm form,
            org.springframework.validation.BindingResult binding, Model model, RedirectAttributes redirect,
            Locale locale) {
        UserAccount existing = accounts.getVisibleTo(me, id);
        if (binding.hasErrors()) {
            return form(me, model, form, existing, messages.getMessage("errorPage.badRequest.text", null, locale));
        }
        try {
            accounts.update(me, id, form.toChange(), form.getVersion());
            redirect.addFlashAttribute("notice", "admin.users.saved");
            return "redirect:/admin/users/" + id;
        } catch (RuleViolationException e) {
            return form(me, model, form, existing, e.describe(messages, locale));
        } catch (StaleRecordException e) {
            // Keep what was typed, move to the new version, and say why nothing was saved.
            UserAccount current = accounts.getVisibleTo(me, id);
            form.setVersion(current.version());
            return form(me, model, form, current, messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
    }

    @PostMapping("/{id}/active")
    String setActive(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam boolean active,
            RedirectAttributes redirect, Locale locale) {
        return act(redirect, id, locale, active ? "admin.users.activated" : "admin.users.deactivated",
                () -> accounts.setActive(me, id, active));
    }

    @PostMapping("/{id}/unlock")
    String unlock(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect,
            Locale locale) {
        return act(redirect, id, locale, "admin.users.unlocked", () -> accounts.unlock(me, id));
    }

    @PostMapping("/{id}/password")
    String resetPassword(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String newPassword, RedirectAttributes redirect, Locale locale) {
        return act(redirect, id, locale, "admin.users.passwordReset", () -> accounts.resetPassword(me, id, newPassword));
    }

    private String act(RedirectAttributes redirect, UUID id, Locale locale, String notice, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("problem", e.describe(messages, locale));
        }
        return "redirect:/admin/users/" + id;
    }

    private String form(CurrentUser me, Model model, UserForm form, UserAccount existing, String problem) {
        UUID agencyId = existing != null ? existing.agencyId() : FormValues.uuidOrNull(form.getAgencyId());
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        if (problem != null) {
            model.addAttribute("problem", problem);
        }
        model.addAttribute("agency", agencyId == null ? null : agencies.find(agencyId).orElse(null));
        model.addAttribute("agencies", me.has(Role.SYSTEM_ADMIN) && existing == null ? agencies.all() : List.of());
        model.addAttribute("grantableRoles", java.util.Arrays.stream(Role.values())
                .filter(role -> !role.deploymentLevel() || me.has(Role.SYSTEM_ADMIN)).toList());
        model.addAttribute("caseworkers", agencyId == null ? List.of() : accounts.activeWithRole(agencyId, Role.CASEWORKER)
                .stream().filter(caseworker -> existing == null || !caseworker.id().equals(existing.id())).toList());
        return "admin/user";
    }

    private static void requireAdministrator(CurrentUser me, UUID agencyId) {
        if (!me.has(Role.SYSTEM_ADMIN) && !UserAccounts.canAdminister(me, agencyId)) {
            throw new AccessDeniedException("not an administrator of this agency");
        }
    }
}
