package org.abri.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.locations.Locations;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.abri.platform.FieldChecks;
import org.abri.platform.StaleRecordException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referral pathways: for a protection concern, the recommended referrals in order, set by the
 * coordination group. A pathway may be given for a place; the pathway of the most specific place
 * at or above the child's location wins, then the general one (no place).
 */
@Service
public class ServicePathways {

    /** A configured pathway: its concern, its place (null: everywhere) and its steps in order. */
    record Pathway(UUID id, String concern, UUID locationId, List<PathwayStep> steps, int version) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Lookups lookups;
    private final Locations locations;

    ServicePathways(JdbcClient jdbc, AuditLog audit, Lookups lookups, Locations locations) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.lookups = lookups;
        this.locations = locations;
    }

    /**
     * The recommended steps for this concern at this place (null: the general pathway), in order;
     * empty when the coordination group set none.
     */
    public List<PathwayStep> pathway(String concern, UUID locationId) {
        return applicable(concern, locationId).map(Pathway::steps).orElse(List.of());
    }

    /** The pathway that applies: of the place itself, else of the nearest place above it, else the general one. */
    Optional<Pathway> applicable(String concern, UUID locationId) {
        if (concern == null || concern.isBlank()) {
            return Optional.empty();
        }
        Optional<UUID> id = jdbc.sql("""
                with recursive up as (select id, parent_id, 0 as depth from location where id = ?
                                      union all select l.id, l.parent_id, up.depth + 1 from location l
                                      join up on l.id = up.parent_id)
                select p.id from service_pathway p left join up on up.id = p.location_id
                where p.concern = ? and (p.location_id is null or up.id is not null)
                order by p.location_id is null, up.depth limit 1""")
                .params(locationId, concern).query(UUID.class).optional();
        return id.map(this::find);
    }

    /** The pathway set for exactly this concern and place, if any (for its edit page). */
    Optional<Pathway> exact(String concern, UUID locationId) {
        return jdbc.sql("select id from service_pathway where concern = ? and location_id is not distinct from ?")
                .params(concern, locationId).query(UUID.class).optional().map(this::find);
    }

    /** Every configured pathway. */
    List<Pathway> all() {
        return jdbc.sql("select id from service_pathway order by concern, location_id nulls first").query(UUID.class)
                .list().stream().map(this::find).toList();
    }

    private Pathway find(UUID id) {
        List<PathwayStep> steps = jdbc.sql("""
                select position, sector, within_hours, note from service_pathway_step where pathway_id = ?
                order by position""").param(id)
                .query((rs, row) -> new PathwayStep(rs.getInt("position"), rs.getString("sector"),
                        rs.getObject("within_hours", Integer.class), rs.getString("note")))
                .list();
        return jdbc.sql("select concern, location_id, version from service_pathway where id = ?").param(id)
                .query((rs, row) -> new Pathway(id, rs.getString("concern"), rs.getObject("location_id", UUID.class),
                        steps, rs.getInt("version")))
                .single();
    }

    /**
     * Replaces the steps of the pathway of this concern and place (created when new, from version
     * 0). Blank steps are dropped; the others are renumbered in the order given. No step at all
     * removes the pathway's steps (the general pathway then applies).
     */
    @Transactional
    void save(CurrentUser me, String concern, UUID locationId, List<PathwayStep> typed, int expectedVersion) {
        ServiceMapEditor.requireCoordinator(me);
        List<String> sectors = lookups.all(ServiceMapEditor.SECTORS).stream().map(LookupValue::code).toList();
        FieldChecks checks = new FieldChecks()
                .choice("concern", concern, lookups.all(Lookups.PROTECTION_CONCERN).stream().map(LookupValue::code)
                        .toList(), true);
        if (locationId != null && !locations.exists(locationId)) {
            checks.add("location", "validation.invalid_choice");
        }
        List<PathwayStep> steps = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            PathwayStep step = typed.get(i);
            boolean blank = FieldChecks.blank(step.sector()) && step.withinHours() == null
                    && FieldChecks.blank(step.note());
            if (blank) {
                continue;
            }
            checks.choice("steps[" + i + "].sector", step.sector(), sectors, true)
                    .range("steps[" + i + "].withinHours", step.withinHours(), 1, 24 * 365)
                    .text("steps[" + i + "].note", step.note(), false, 1000);
            steps.add(new PathwayStep(steps.size() + 1, step.sector(), step.withinHours(),
                    ServiceMapEditor.clean(step.note())));
        }
        checks.throwIfAny();
        Optional<Pathway> existing = exact(concern, locationId);
        UUID id;
        if (existing.isEmpty()) {
            if (expectedVersion != 0) {
                throw new StaleRecordException("pathway.changed_meanwhile");
            }
            id = UUID.randomUUID();
            jdbc.sql("insert into service_pathway (id, concern, location_id, updated_by) values (?, ?, ?, ?)")
                    .params(id, concern, locationId, me.id()).update();
        } else {
            id = existing.get().id();
            int updated = jdbc.sql("""
                    update service_pathway set version = version + 1, updated_at = now(), updated_by = ?
                    where id = ? and version = ?""").params(me.id(), id, expectedVersion).update();
            if (updated == 0) {
                throw new StaleRecordException("pathway.changed_meanwhile");
            }
            jdbc.sql("delete from service_pathway_step where pathway_id = ?").param(id).update();
        }
        for (PathwayStep step : steps) {
            jdbc.sql("""
                    insert into service_pathway_step (pathway_id, position, sector, within_hours, note)
                    values (?, ?, ?, ?, ?)""")
                    .params(id, step.position(), step.sector(), step.withinHours(), step.note()).update();
        }
        audit.record(existing.isEmpty() ? AuditAction.CREATE : AuditAction.UPDATE, "service_pathway", id, null,
                Map.of("concern", concern, "steps", steps.size()));
    }
}
