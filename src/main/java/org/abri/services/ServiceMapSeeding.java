package org.abri.services;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.abri.services.ServiceInputs.ProviderInput;
import org.abri.services.ServiceInputs.ServiceInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills the service map of a demo deployment, without a signed-in user (like
 * {@code Agencies.createForDemo}): providers and services go through the same checks as the
 * editor's, and are written the same way, but without its role check and audit entry — nobody
 * acts, the demo loader does. Only the demo module calls it, on a database it has found empty.
 */
@Service
public class ServiceMapSeeding {

    /** A provider: an agency on Abri ({@code agencyId}) or an organisation off it (null). */
    public record SeedProvider(String name, UUID agencyId, String contactPerson, String phone, String email,
            String address) {
    }

    /**
     * A service of a provider, with the places it serves, who is eligible (null bounds and empty
     * lists: anyone), its focal point (may be null) and the day it was last verified.
     */
    public record SeedService(UUID providerId, String sector, String name, String description, String contactPerson,
            String phone, String hours, Integer ageMin, Integer ageMax, List<String> sexes, List<String> concerns,
            String eligibilityNotes, List<UUID> locationIds, String languages, String cost, UUID focalPointId,
            LocalDate lastVerifiedOn) {
    }

    private final ServiceMapEditor editor;
    private final JdbcClient jdbc;

    ServiceMapSeeding(ServiceMapEditor editor, JdbcClient jdbc) {
        this.editor = editor;
        this.jdbc = jdbc;
    }

    @Transactional
    public UUID createProviderForDemo(SeedProvider provider) {
        ProviderInput input = new ProviderInput(provider.name(), provider.agencyId(), provider.contactPerson(),
                provider.phone(), provider.email(), provider.address());
        editor.check(input, provider.agencyId());
        return editor.insertProvider(input, provider.agencyId(), null);
    }

    /** {@code keptBy}: the coordinator recorded as having last verified and updated the entry (may be null). */
    @Transactional
    public UUID createServiceForDemo(SeedService service, UUID keptBy) {
        ServiceInput input = new ServiceInput(service.providerId(), service.sector(), service.name(),
                service.description(), service.contactPerson(), service.phone(), null, service.hours(),
                service.ageMin(), service.ageMax(), service.sexes(), service.concerns(), service.eligibilityNotes(),
                service.locationIds(), service.languages(), service.cost(), service.focalPointId(),
                service.lastVerifiedOn());
        editor.check(input);
        return editor.insertService(input, service.providerId(), keptBy);
    }

    /** How many providers the map holds: the demo loader refuses to mix its map with a real one. */
    public long countProviders() {
        return jdbc.sql("select count(*) from service_provider").query(Long.class).single();
    }
}
