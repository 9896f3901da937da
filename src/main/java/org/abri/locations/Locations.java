package org.abri.locations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The administrative hierarchy of the deployment, three levels deep. */
@Service
public class Locations {

    private static final String WITH_PATHS = """
            with recursive tree as (
                select id, parent_id, level, code, name, name_ar, active, name as path,
                       coalesce(name_ar, name) as path_ar
                from location where parent_id is null
                union all
                select l.id, l.parent_id, l.level, l.code, l.name, l.name_ar, l.active,
                       tree.path || ' > ' || l.name, tree.path_ar || ' < ' || coalesce(l.name_ar, l.name)
                from location l join tree on l.parent_id = tree.id
            )
            select id, parent_id, level, code, name, name_ar, active, path, path_ar from tree""";

    private final JdbcClient jdbc;

    Locations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every location, ordered as a tree (parents before their children). */
    public List<Location> all() {
        return jdbc.sql(WITH_PATHS + " order by path").query(Location.class).list();
    }

    public List<Location> active() {
        return jdbc.sql(WITH_PATHS + " where active order by path").query(Location.class).list();
    }

    public Optional<Location> find(UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql(WITH_PATHS + " where id = ?").param(id).query(Location.class).optional();
    }

    public Optional<Location> findByCode(String code) {
        return jdbc.sql(WITH_PATHS + " where code = ?").param(code).query(Location.class).optional();
    }

    public boolean exists(UUID id) {
        return jdbc.sql("select exists (select 1 from location where id = ? and active)").param(id)
                .query(Boolean.class).single();
    }

    /** SQL that yields the ids of a location and everything under it, bound to one parameter. */
    public static final String SUBTREE = """
            with recursive subtree as (select id from location where id = ?
             union all select l.id from location l join subtree s on l.parent_id = s.id) select id from subtree""";

    /** The ids of a location and of every place under it (none when it does not exist). */
    public List<UUID> subtree(UUID id) {
        return jdbc.sql(SUBTREE).param(id).query(UUID.class).list();
    }

    @Transactional
    public Location create(CurrentUser actor, UUID parentId, String code, String name, String nameAr) {
        actor.require(Role.SYSTEM_ADMIN);
        int level = 1;
        if (parentId != null) {
            Location parent = find(parentId).orElseThrow(() -> new NotFoundException("location.not_found"));
            if (parent.level() >= 3) {
                throw new RuleViolationException("location.too_deep");
            }
            level = parent.level() + 1;
        }
        return insert(parentId, level, code, name, nameAr, false);
    }

    /** For the demo loader, which runs before anyone signs in. */
    @Transactional
    public Location createForDemo(UUID parentId, int level, String code, String name, String nameAr) {
        return insert(parentId, level, code, name, nameAr, true);
    }

    /** How many locations are demo data ({@code demo}) or real data: for the demo loader's checks. */
    public long countByDemoFlag(boolean demo) {
        return jdbc.sql("select count(*) from location where demo = ?").param(demo).query(Long.class).single();
    }

    private Location insert(UUID parentId, int level, String code, String name, String nameAr, boolean demo) {
        String cleanCode = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!cleanCode.matches("[A-Z0-9_-]{1,30}") || name == null || name.isBlank()) {
            throw new RuleViolationException("location.invalid");
        }
        if (jdbc.sql("select exists (select 1 from location where code = ?)").param(cleanCode).query(Boolean.class).single()) {
            throw new RuleViolationException("location.code_taken", cleanCode);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into location (id, parent_id, level, code, name, name_ar, demo) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, parentId, level, cleanCode, name.strip(), nameAr == null || nameAr.isBlank() ? null : nameAr.strip(), demo)
                .update();
        return find(id).orElseThrow();
    }

    @Transactional
    public Location update(CurrentUser actor, UUID id, String name, String nameAr, boolean active) {
        actor.require(Role.SYSTEM_ADMIN);
        if (name == null || name.isBlank()) {
            throw new RuleViolationException("location.invalid");
        }
        int updated = jdbc.sql("update location set name = ?, name_ar = ?, active = ? where id = ?")
                .params(name.strip(), nameAr == null || nameAr.isBlank() ? null : nameAr.strip(), active, id).update();
        if (updated == 0) {
            throw new NotFoundException("location.not_found");
        }
        return find(id).orElseThrow();
    }
}
