package org.abri.identity;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.IdentityApiModels.PasswordReset;
import org.abri.identity.IdentityApiModels.UserChange;
import org.abri.identity.IdentityApiModels.UserInput;
import org.abri.identity.IdentityApiModels.UserView;
import org.abri.platform.FieldChecks;
import org.abri.platform.Languages;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * User administration. Other roles get 403; an agency administrator manages their own
 * agency's users only, and a user of another agency answers 404 as if it did not exist.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users", description = "User administration: system administrator (everyone) and agency "
        + "administrator (their agency). Users are deactivated, never deleted.")
class UserApiController {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,40}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> ROLE_NAMES =
            Set.copyOf(Arrays.stream(Role.values()).map(Role::name).toList());

    private final UserAccounts accounts;

    UserApiController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(operationId = "listUsers", summary = "List users", description = "The system administrator sees everyone, or one agency with "
            + "`agency`; an agency administrator sees their own agency (asking for another answers 403).")
    List<UserView> list(@AuthenticationPrincipal CurrentUser me,
            @Parameter(description = "Only the users of this agency") @RequestParam(required = false) UUID agency) {
        requireUserAdministrator(me);
        if (agency != null && !me.has(Role.SYSTEM_ADMIN) && !agency.equals(me.agencyId())) {
            throw new AccessDeniedException("not an administrator of this agency");
        }
        return accounts.listVisibleTo(me, agency).stream().map(UserView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "readUser", summary = "Read a user", description = "With its `version`. Never the password hash.")
    UserView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireUserAdministrator(me);
        return UserView.of(accounts.getVisibleTo(me, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createUser", summary = "Create a user", description = "Answers 201 with its Location. A username already used "
            + "answers 422 (user.username_taken).")
    ResponseEntity<UserView> create(@AuthenticationPrincipal CurrentUser me, @RequestBody UserInput input) {
        requireUserAdministrator(me);
        FieldChecks checks = new FieldChecks()
                .matches("username", input.username(), true, USERNAME, "validation.username")
                .text("fullName", input.fullName(), true, 200)
                .minLength("password", input.password(), true, UserAccounts.MIN_PASSWORD_LENGTH);
        Set<Role> roles = checkCommon(checks, input.email(), input.locale(), input.roles());
        checks.throwIfAny();
        UUID agencyId = input.agencyId() == null && !me.has(Role.SYSTEM_ADMIN) ? me.agencyId() : input.agencyId();
        UserAccount created = accounts.create(me, new UserAccounts.AccountChange(agencyId, input.username(),
                input.fullName(), input.email(), input.locale(), roles, supervisees(input.supervisees())),
                input.password());
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(UserView.of(created));
    }

    @PutMapping("/{id}")
    @Operation(operationId = "updateUser", summary = "Edit a user", description = "Full name, email, language, roles and supervisees, from the "
            + "`version` read before; 409 if the user changed since.")
    UserView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody UserChange input) {
        requireUserAdministrator(me);
        UserAccount existing = accounts.getVisibleTo(me, id);
        FieldChecks checks = new FieldChecks().text("fullName", input.fullName(), true, 200)
                .required("version", input.version());
        Set<Role> roles = checkCommon(checks, input.email(), input.locale(), input.roles());
        if (input.supervisees() != null && input.supervisees().contains(id)) {
            checks.add("supervisees", "validation.invalid_choice");
        }
        checks.throwIfAny();
        String locale = input.locale() == null ? existing.locale() : input.locale();
        return UserView.of(accounts.update(me, id, new UserAccounts.AccountChange(null, null, input.fullName(),
                input.email(), locale, roles, supervisees(input.supervisees())), input.version()));
    }

    @PostMapping("/{id}/deactivate")
    @Operation(operationId = "deactivateUser", summary = "Deactivate a user", description = "They can no longer sign in nor use their tokens. "
            + "One cannot deactivate oneself (422).")
    UserView deactivate(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireUserAdministrator(me);
        accounts.setActive(me, id, false);
        return UserView.of(accounts.getVisibleTo(me, id));
    }

    @PostMapping("/{id}/activate")
    @Operation(operationId = "activateUser", summary = "Reactivate a user")
    UserView activate(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireUserAdministrator(me);
        accounts.setActive(me, id, true);
        return UserView.of(accounts.getVisibleTo(me, id));
    }

    @PostMapping("/{id}/unlock")
    @Operation(operationId = "unlockUser", summary = "Unlock a user", description = "Lifts a lock after too many wrong passwords.")
    UserView unlock(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireUserAdministrator(me);
        accounts.unlock(me, id);
        return UserView.of(accounts.getVisibleTo(me, id));
    }

    @PostMapping("/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "resetUserPassword", summary = "Set a new password", description = "For a user who lost theirs; also unlocks the account. "
            + "Answers 204.")
    ResponseEntity<Void> resetPassword(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestBody PasswordReset input) {
        requireUserAdministrator(me);
        accounts.getVisibleTo(me, id);
        new FieldChecks().minLength("password", input.password(), true, UserAccounts.MIN_PASSWORD_LENGTH)
                .throwIfAny();
        accounts.resetPassword(me, id, input.password());
        return ResponseEntity.noContent().build();
    }

    private static void requireUserAdministrator(CurrentUser me) {
        if (!me.hasAny(Role.SYSTEM_ADMIN, Role.AGENCY_ADMIN)) {
            throw new AccessDeniedException("user administration is for administrators");
        }
    }

    private static Set<Role> checkCommon(FieldChecks checks, String email, String locale, List<String> roles) {
        checks.matches("email", email, false, EMAIL, "validation.email").text("email", email, false, 254)
                .choice("locale", locale, Languages.SUPPORTED, false)
                .required("roles", roles);
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        if (roles != null) {
            for (int i = 0; i < roles.size(); i++) {
                String name = roles.get(i);
                if (name == null || !ROLE_NAMES.contains(name)) {
                    checks.add("roles[" + i + "]", "validation.invalid_choice");
                } else {
                    parsed.add(Role.valueOf(name));
                }
            }
        }
        return parsed;
    }

    private static Set<UUID> supervisees(List<UUID> ids) {
        return ids == null ? Set.of() : new LinkedHashSet<>(ids.stream().filter(id -> id != null).toList());
    }
}
