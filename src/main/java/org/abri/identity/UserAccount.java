package org.abri.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user as administrators see them (never the password hash). */
public record UserAccount(UUID id, UUID agencyId, String agencyCode, String username, String fullName, String email,
        String locale, boolean active, Instant lockedUntil, Set<Role> roles, Set<UUID> supervisees, int version) {

    public boolean locked() {
        return lockedUntil != null && lockedUntil.isAfter(Instant.now());
    }
}
