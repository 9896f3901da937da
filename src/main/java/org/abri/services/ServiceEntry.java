package org.abri.services;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One service of the map as a referral sees it. {@code providerAgencyId} is null for a provider
 * that does not use Abri: its referrals are printed and followed by hand. Empty {@code sexes},
 * {@code concerns} or {@code locationIds} mean "anyone" / "everywhere".
 */
public record ServiceEntry(UUID id, UUID providerId, String providerName, UUID providerAgencyId,
        String providerAgencyCode, String sector, String name, String description, String contactPerson,
        String phone, String email, String hours, Integer ageMin, Integer ageMax, List<String> sexes,
        List<String> concerns, String eligibilityNotes, List<UUID> locationIds, String languages, String cost,
        UUID focalPointId, LocalDate lastVerifiedOn, boolean active, int version) {

    /** Whether the provider receives referrals in Abri (otherwise: a printed referral form). */
    public boolean onSystem() {
        return providerAgencyId != null;
    }
}
