package org.abri.services;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.Agencies;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccounts;
import org.abri.locations.Locations;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.abri.platform.StaleRecordException;
import org.abri.services.ServiceInputs.ProviderInput;
import org.abri.services.ServiceInputs.ServiceInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the service map: providers and their services are created, edited, deactivated (never
 * deleted: referrals point at them) and verified. A coordinator or a system administrator edits
 * every entry; an agency administrator those of their own agency only (another agency's provider
 * answers 404, as if it did not exist); anyone else is refused. Every change is audited.
 */
@Service
class ServiceMapEditor {

    static final String SECTORS = "service_sector";
    static final List<String> SEXES = List.of("female", "male");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String PROVIDERS = """
            select p.*, a.code as agency_code from service_provider p left join agency a on a.id = p.agency_id""";

    private final JdbcClient jdbc;
    private final ServiceMap map;
    private final AuditLog audit;
    private final Lookups lookups;
    private final Locations locations;
    private final Agencies agencies;
    private final UserAccounts accounts;
    private final Clock clock;

    ServiceMapEditor(JdbcClient jdbc, ServiceMap map, AuditLog audit, Lookups lookups, Locations locations,
            Agencies agencies, UserAccounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.map = map;
        this.audit = audit;
        this.lookups = lookups;
        this.locations = locations;
        this.agencies = agencies;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Whether this user maintains the whole map (not only their agency's entries). */
    static boolean coordinates(CurrentUser me) {
        return me.hasAny(Role.COORDINATOR, Role.SYSTEM_ADMIN);
    }

    /** Whether this user edits at least some entries of the map. */
    static boolean mayEdit(CurrentUser me) {
        return coordinates(me) || me.has(Role.AGENCY_ADMIN) && me.agencyId() != null;
    }

    /** Whether this user may edit this entry (for the pages to offer the buttons). */
    static boolean mayEdit(CurrentUser me, UUID providerAgencyId) {
        return coordinates(me) || me.has(Role.AGENCY_ADMIN) && me.agencyId() != null
                && me.agencyId().equals(providerAgencyId);
    }

    static void requireEditor(CurrentUser me) {
        if (!mayEdit(me)) {
            throw new AccessDeniedException("the service map is kept by coordinators and administrators");
        }
    }

    static void requireCoordinator(CurrentUser me) {
        if (!coordinates(me)) {
            throw new AccessDeniedException("coordinators and system administrators only");
        }
    }

    // ---- providers ----

    /** The providers this editor may use: all for a coordinator, their agency's for an agency administrator. */
    List<ServiceProvider> providers(CurrentUser me) {
        requireEditor(me);
        if (coordinates(me)) {
            return jdbc.sql(PROVIDERS + " order by p.active desc, lower(p.name)").query(ServiceMapEditor::provider).list();
        }
        return jdbc.sql(PROVIDERS + " where p.agency_id = ? order by p.active desc, lower(p.name)").param(me.agencyId())
                .query(ServiceMapEditor::provider).list();
    }

    /** Every provider, for reading (the import matches rows to them). */
    List<ServiceProvider> allProviders() {
        return jdbc.sql(PROVIDERS + " order by lower(p.name)").query(ServiceMapEditor::provider).list();
    }

    ServiceProvider provider(CurrentUser me, UUID id) {
        requireEditor(me);
        ServiceProvider provider = jdbc.sql(PROVIDERS + " where p.id = ?").param(id).query(ServiceMapEditor::provider)
                .optional().orElseThrow(() -> new NotFoundException("provider.not_found"));
        if (!mayEdit(me, provider.agencyId())) {
            throw new NotFoundException("provider.not_found");
        }
        return provider;
    }

    @Transactional
    UUID createProvider(CurrentUser me, ProviderInput input) {
        requireEditor(me);
        UUID agencyId = coordinates(me) ? input.agencyId() : me.agencyId();
        check(input, agencyId);
        UUID id = insertProvider(input, agencyId, me.id());
        audit.record(AuditAction.CREATE, "service_provider", id, agencyId, Map.of());
        return id;
    }

    /** Writes a checked provider; {@code by} may be null (the demo loader, nobody signed in). */
    UUID insertProvider(ProviderInput input, UUID agencyId, UUID by) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into service_provider (id, name, agency_id, contact_person, phone, email, address, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, input.name().strip(), agencyId, clean(input.contactPerson()), clean(input.phone()),
                        clean(input.email()), clean(input.address()), by)
                .update();
        return id;
    }

    @Transactional
    void updateProvider(CurrentUser me, UUID id, ProviderInput input, int expectedVersion) {
        ServiceProvider existing = provider(me, id);
        UUID agencyId = coordinates(me) ? input.agencyId() : existing.agencyId();
        check(input, agencyId);
        int updated = jdbc.sql("""
                update service_provider set name = ?, agency_id = ?, contact_person = ?, phone = ?, email = ?,
                       address = ?, updated_at = now(), updated_by = ?, version = version + 1
                where id = ? and version = ?""")
                .params(input.name().strip(), agencyId, clean(input.contactPerson()), clean(input.phone()),
                        clean(input.email()), clean(input.address()), me.id(), id, expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleRecordException("provider.changed_meanwhile");
        }
        audit.record(AuditAction.UPDATE, "service_provider", id, agencyId, Map.of());
    }

    @Transactional
    void setProviderActive(CurrentUser me, UUID id, boolean active) {
        ServiceProvider existing = provider(me, id);
        jdbc.sql("update service_provider set active = ?, updated_at = now(), updated_by = ?, version = version + 1 "
                + "where id = ?").params(active, me.id(), id).update();
        audit.record(AuditAction.UPDATE, "service_provider", id, existing.agencyId(), Map.of("active", active));
    }

    void check(ProviderInput input, UUID agencyId) {
        FieldChecks checks = new FieldChecks().text("name", input.name(), true, 200)
                .text("contactPerson", input.contactPerson(), false, 200).text("phone", input.phone(), false, 50)
                .matches("email", input.email(), false, EMAIL, "validation.email")
                .text("email", input.email(), false, 254).text("address", input.address(), false, 500);
        if (agencyId != null && agencies.find(agencyId).isEmpty()) {
            checks.add("agencyId", "validation.invalid_choice");
        }
        checks.throwIfAny();
    }

    // ---- services ----

    /** A service this editor may change; another agency's (for an agency administrator) answers 404. */
    ServiceEntry service(CurrentUser me, UUID id) {
        requireEditor(me);
        ServiceEntry entry = map.find(id).orElseThrow(() -> new NotFoundException("service.not_found"));
        if (!mayEdit(me, entry.providerAgencyId())) {
            throw new NotFoundException("service.not_found");
        }
        return entry;
    }

    @Transactional
    UUID createService(CurrentUser me, ServiceInput input) {
        requireEditor(me);
        ServiceProvider provider = providerFor(me, input.providerId());
        check(input);
        UUID id = insertService(input, provider.id(), me.id());
        audit.record(AuditAction.CREATE, "service", id, provider.agencyId(), Map.of("sector", input.sector()));
        return id;
    }

    /** Writes a checked service and its places; {@code by} (who verified it) may be null. */
    UUID insertService(ServiceInput input, UUID providerId, UUID by) {
        UUID id = UUID.randomUUID();
        LocalDate verified = input.lastVerifiedOn() == null ? LocalDate.now(clock) : input.lastVerifiedOn();
        jdbc.sql("""
                insert into service (id, provider_id, sector, name, description, contact_person, phone, email, hours,
                                     age_min, age_max, sexes, concerns, eligibility_notes, languages, cost,
                                     focal_point_id, last_verified_on, last_verified_by, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, providerId, input.sector(), input.name().strip(), clean(input.description()),
                        clean(input.contactPerson()), clean(input.phone()), clean(input.email()), clean(input.hours()),
                        input.ageMin(), input.ageMax(), array(input.sexes()), array(input.concerns()),
                        clean(input.eligibilityNotes()), clean(input.languages()), clean(input.cost()),
                        input.focalPointId(), Date.valueOf(verified), by, by)
                .update();
        saveLocations(id, input.locationIds());
        return id;
    }

    @Transactional
    void updateService(CurrentUser me, UUID id, ServiceInput input, int expectedVersion) {
        ServiceEntry existing = service(me, id);
        ServiceProvider provider = providerFor(me, input.providerId());
        check(input);
        LocalDate verified = input.lastVerifiedOn() == null ? existing.lastVerifiedOn() : input.lastVerifiedOn();
        int updated = jdbc.sql("""
                update service set provider_id = ?, sector = ?, name = ?, description = ?, contact_person = ?, phone = ?,
                       email = ?, hours = ?, age_min = ?, age_max = ?, sexes = ?, concerns = ?, eligibility_notes = ?,
                       languages = ?, cost = ?, focal_point_id = ?, last_verified_on = ?, updated_at = now(),
                       updated_by = ?, version = version + 1
                where id = ? and version = ?""")
                .params(provider.id(), input.sector(), input.name().strip(), clean(input.description()),
                        clean(input.contactPerson()), clean(input.phone()), clean(input.email()), clean(input.hours()),
                        input.ageMin(), input.ageMax(), array(input.sexes()), array(input.concerns()),
                        clean(input.eligibilityNotes()), clean(input.languages()), clean(input.cost()),
                        input.focalPointId(), Date.valueOf(verified), me.id(), id, expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleRecordException("service.changed_meanwhile");
        }
        jdbc.sql("delete from service_location where service_id = ?").param(id).update();
        saveLocations(id, input.locationIds());
        audit.record(AuditAction.UPDATE, "service", id, provider.agencyId(), Map.of("sector", input.sector()));
    }

    @Transactional
    void setServiceActive(CurrentUser me, UUID id, boolean active) {
        ServiceEntry existing = service(me, id);
        jdbc.sql("update service set active = ?, updated_at = now(), updated_by = ?, version = version + 1 where id = ?")
                .params(active, me.id(), id).update();
        audit.record(AuditAction.UPDATE, "service", id, existing.providerAgencyId(), Map.of("active", active));
    }

    /** Marks the entry verified today by this user: it is no longer stale, and its next staleness is reminded. */
    @Transactional
    void verify(CurrentUser me, UUID id) {
        ServiceEntry existing = service(me, id);
        jdbc.sql("""
                update service set last_verified_on = ?, last_verified_by = ?, stale_notified_for = null,
                       updated_at = now(), updated_by = ?, version = version + 1 where id = ?""")
                .params(Date.valueOf(LocalDate.now(clock)), me.id(), me.id(), id).update();
        audit.record(AuditAction.UPDATE, "service", id, existing.providerAgencyId(), Map.of("verified", true));
    }

    /** The active sector codes (the lookup list service_sector). */
    List<LookupValue> sectors() {
        return lookups.active(SECTORS);
    }

    private ServiceProvider providerFor(CurrentUser me, UUID providerId) {
        if (providerId == null) {
            new FieldChecks().add("providerId", "validation.required").throwIfAny();
        }
        return provider(me, providerId);
    }

    /** The field problems of a service (the import reuses it row by row). */
    List<org.abri.platform.InvalidInputException.FieldProblem> problems(ServiceInput input) {
        FieldChecks checks = new FieldChecks()
                .choice("sector", input.sector(), sectors().stream().map(LookupValue::code).toList(), true)
                .text("name", input.name(), true, 200).text("description", input.description(), false, 2000)
                .text("contactPerson", input.contactPerson(), false, 200).text("phone", input.phone(), false, 50)
                .matches("email", input.email(), false, EMAIL, "validation.email")
                .text("email", input.email(), false, 254).text("hours", input.hours(), false, 200)
                .range("ageMin", input.ageMin(), 0, 25).range("ageMax", input.ageMax(), 0, 25)
                .text("eligibilityNotes", input.eligibilityNotes(), false, 1000)
                .text("languages", input.languages(), false, 200).text("cost", input.cost(), false, 200);
        if (input.ageMin() != null && input.ageMax() != null && input.ageMin() > input.ageMax()) {
            checks.add("ageMax", "services.validation.age_order");
        }
        if (input.sexes() != null && !SEXES.containsAll(input.sexes())) {
            checks.add("sexes", "validation.invalid_choice");
        }
        if (input.concerns() != null && !input.concerns().isEmpty()
                && !lookups.allActive(Lookups.PROTECTION_CONCERN, input.concerns())) {
            checks.add("concerns", "validation.invalid_choice");
        }
        if (input.locationIds() != null && !input.locationIds().stream().allMatch(locations::exists)) {
            checks.add("locationIds", "validation.invalid_choice");
        }
        if (input.focalPointId() != null
                && accounts.find(input.focalPointId()).filter(account -> account.active()).isEmpty()) {
            checks.add("focalPointId", "validation.invalid_choice");
        }
        if (input.lastVerifiedOn() != null && input.lastVerifiedOn().isAfter(LocalDate.now(clock))) {
            checks.add("lastVerifiedOn", "validation.date_in_future");
        }
        return checks.problems();
    }

    void check(ServiceInput input) {
        List<org.abri.platform.InvalidInputException.FieldProblem> problems = problems(input);
        if (!problems.isEmpty()) {
            throw new org.abri.platform.InvalidInputException(problems);
        }
    }

    private void saveLocations(UUID serviceId, List<UUID> locationIds) {
        if (locationIds == null) {
            return;
        }
        for (UUID locationId : Set.copyOf(locationIds)) {
            jdbc.sql("insert into service_location (service_id, location_id) values (?, ?)")
                    .params(serviceId, locationId).update();
        }
    }

    private String[] array(List<String> values) {
        return values == null ? new String[0] : values.stream().distinct().toArray(String[]::new);
    }

    static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static ServiceProvider provider(ResultSet rs, int row) throws SQLException {
        return new ServiceProvider(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getObject("agency_id", UUID.class), rs.getString("agency_code"), rs.getString("contact_person"),
                rs.getString("phone"), rs.getString("email"), rs.getString("address"), rs.getBoolean("active"),
                rs.getInt("version"));
    }
}
