package org.abri.services;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What an editor sends for a provider or a service (pages, API and spreadsheet import alike). */
final class ServiceInputs {

    private ServiceInputs() {
    }

    record ProviderInput(String name, UUID agencyId, String contactPerson, String phone, String email,
            String address) {
    }

    /**
     * A service. {@code lastVerifiedOn} is used by the import only (null: today for a new entry, kept
     * for an existing one); the pages and the API verify with their own action.
     */
    record ServiceInput(UUID providerId, String sector, String name, String description, String contactPerson,
            String phone, String email, String hours, Integer ageMin, Integer ageMax, List<String> sexes,
            List<String> concerns, String eligibilityNotes, List<UUID> locationIds, String languages, String cost,
            UUID focalPointId, LocalDate lastVerifiedOn) {

        static ServiceInput of(ServiceEntry entry) {
            return new ServiceInput(entry.providerId(), entry.sector(), entry.name(), entry.description(),
                    entry.contactPerson(), entry.phone(), entry.email(), entry.hours(), entry.ageMin(),
                    entry.ageMax(), entry.sexes(), entry.concerns(), entry.eligibilityNotes(), entry.locationIds(),
                    entry.languages(), entry.cost(), entry.focalPointId(), entry.lastVerifiedOn());
        }
    }
}
