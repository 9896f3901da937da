package org.abri.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON shapes of the identity API. None carries a password hash or a token hash. */
final class IdentityApiModels {

    private IdentityApiModels() {
    }

    @Schema(description = "The caller: who, which agency, which roles, which language.")
    record MeView(UUID id, String username, String fullName, String email, UUID agencyId, String agencyCode,
            Set<String> roles, @Schema(allowableValues = {"fr", "en", "ar"}) String locale) {
    }

    @Schema(description = "A new personal API token.")
    record TokenInput(@Schema(example = "Nightly export", maxLength = 80,
            requiredMode = Schema.RequiredMode.REQUIRED) String name) {
    }

    @Schema(description = "A personal API token (never its secret).")
    record TokenView(UUID id, String name, @Schema(description = "The first characters of the secret, to recognise "
            + "it.", example = "abri_Xy3kQ") String tokenPrefix, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt) {

        static TokenView of(ApiTokens.ApiToken token) {
            return new TokenView(token.id(), token.name(), token.tokenPrefix(), token.createdAt(), token.lastUsedAt(),
                    token.revokedAt());
        }
    }

    @Schema(description = "A token just created. `secret` is shown this once and never again: store it safely.")
    record IssuedTokenView(UUID id, String name, String tokenPrefix, Instant createdAt,
            @Schema(description = "Send it as `Authorization: Bearer <secret>`.") String secret) {
    }

    @Schema(description = "A change of the caller's own password.")
    record PasswordChange(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String currentPassword,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = UserAccounts.MIN_PASSWORD_LENGTH)
            String newPassword) {
    }

    @Schema(description = "A new password set by an administrator for a user who lost theirs; it also unlocks "
            + "the account.")
    record PasswordReset(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            minLength = UserAccounts.MIN_PASSWORD_LENGTH) String password) {
    }

    @Schema(description = "An agency sharing the deployment.")
    record AgencyView(UUID id, String code, String name,
            @Schema(allowableValues = {"ministry", "un_agency", "international_ngo", "national_ngo", "other"})
            String kind, boolean active) {

        static AgencyView of(Agency agency) {
            return new AgencyView(agency.id(), agency.code(), agency.name(), agency.kind(), agency.active());
        }
    }

    @Schema(description = "A new agency.")
    record AgencyInput(@Schema(example = "IRC", description = "2 to 10 letters or digits, stored in capitals; "
            + "it starts every case number of the agency.", requiredMode = Schema.RequiredMode.REQUIRED) String code,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
            @Schema(allowableValues = {"ministry", "un_agency", "international_ngo", "national_ngo", "other"},
                    requiredMode = Schema.RequiredMode.REQUIRED) String kind) {
    }

    @Schema(description = "A change of an agency (its code never changes).")
    record AgencyChange(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
            @Schema(allowableValues = {"ministry", "un_agency", "international_ngo", "national_ngo", "other"},
                    requiredMode = Schema.RequiredMode.REQUIRED) String kind,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean active) {
    }

    @Schema(description = "A user as administrators see them.")
    record UserView(UUID id, UUID agencyId, String agencyCode, String username, String fullName, String email,
            String locale, boolean active, boolean locked, Instant lockedUntil, Set<String> roles,
            @Schema(description = "For a supervisor: the caseworkers they supervise.") Set<UUID> supervisees,
            @Schema(description = "Send it back with an edit (optimistic locking).") int version) {

        static UserView of(UserAccount account) {
            return new UserView(account.id(), account.agencyId(), account.agencyCode(), account.username(),
                    account.fullName(), account.email(), account.locale(), account.active(), account.locked(),
                    account.locked() ? account.lockedUntil() : null, roleNames(account.roles()),
                    new TreeSet<>(account.supervisees()), account.version());
        }
    }

    @Schema(description = "A new user. An agency administrator creates users of their own agency only (agencyId "
            + "defaults to it); only the system administrator grants COORDINATION_VIEWER, COORDINATOR or SYSTEM_ADMIN.")
    record UserInput(UUID agencyId,
            @Schema(example = "a.ndiaye", description = "3 to 40 characters: lower-case letters, digits, . _ -",
                    requiredMode = Schema.RequiredMode.REQUIRED) String username,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String fullName, String email,
            @Schema(allowableValues = {"fr", "en", "ar"}) String locale,
            @Schema(description = "Role names, e.g. CASEWORKER, SUPERVISOR, DATA_ENTRY_CLERK, AGENCY_MANAGER, "
                    + "SERVICE_FOCAL_POINT, AGENCY_ADMIN, COORDINATION_VIEWER, COORDINATOR, SYSTEM_ADMIN.",
                    requiredMode = Schema.RequiredMode.REQUIRED) List<String> roles,
            List<UUID> supervisees,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = UserAccounts.MIN_PASSWORD_LENGTH)
            String password) {
    }

    @Schema(description = "A full edit of a user (their agency and username never change). Roles, supervisees and "
            + "email are replaced by what is sent; the language is kept when omitted.")
    record UserChange(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String fullName,
            String email, @Schema(allowableValues = {"fr", "en", "ar"}) String locale,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> roles, List<UUID> supervisees,
            @Schema(description = "The version read before editing; 409 if the user changed since.",
                    requiredMode = Schema.RequiredMode.REQUIRED) Integer version) {
    }

    static Set<String> roleNames(Set<Role> roles) {
        Set<String> names = new TreeSet<>();
        roles.forEach(role -> names.add(role.name()));
        return names;
    }
}
