package org.abri.identity;

import java.io.Serial;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user, as every module sees them: who, which agency, which roles. */
public final class CurrentUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final String username;
    private final String fullName;
    private final UUID agencyId;
    private final String agencyCode;
    private final Set<Role> roles;
    private final String locale;
    private final boolean active;
    private final Instant lockedUntil;
    private String passwordHash;

    CurrentUser(UUID id, String username, String fullName, UUID agencyId, String agencyCode, Set<Role> roles,
            String locale, boolean active, Instant lockedUntil, String passwordHash) {
        this.id = id;
        this.username = username;
        this.fullName = fullName;
        this.agencyId = agencyId;
        this.agencyCode = agencyCode;
        this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        this.locale = locale;
        this.active = active;
        this.lockedUntil = lockedUntil;
        this.passwordHash = passwordHash;
    }

    /** The user of the current request, if one is signed in. */
    public static Optional<CurrentUser> inContext() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public UUID id() {
        return id;
    }

    public String fullName() {
        return fullName;
    }

    /** Null for deployment-level users such as the first system administrator. */
    public UUID agencyId() {
        return agencyId;
    }

    public String agencyCode() {
        return agencyCode;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Refuses (403) a user who does not hold the role, e.g. before a system administrator's change. */
    public void require(Role role) {
        if (!has(role)) {
            throw new org.springframework.security.access.AccessDeniedException(role.name() + " only");
        }
    }

    public boolean hasAny(Role... candidates) {
        for (Role candidate : candidates) {
            if (roles.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    public Locale locale() {
        return Locale.forLanguageTag(locale);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(Instant.now());
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CurrentUser user && user.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CurrentUser[" + username + "]";
    }
}
