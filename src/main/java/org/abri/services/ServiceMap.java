package org.abri.services;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.abri.platform.SqlParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the service map. Every signed-in user may browse it: it holds no child data.
 * An entry is stale when it was last verified more than six months ago (the coordination
 * group's rule: the map is updated at least every six months).
 */
@Service
public class ServiceMap {

    static final int MONTHS_BEFORE_STALE = 6;

    private static final String SELECT = """
            select s.*, p.name as provider_name, p.agency_id as provider_agency_id, a.code as provider_agency_code,
                   coalesce((select array_agg(sl.location_id) from service_location sl where sl.service_id = s.id),
                            '{}') as location_ids
            from service s join service_provider p on p.id = s.provider_id left join agency a on a.id = p.agency_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    ServiceMap(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<ServiceEntry> find(UUID id) {
        return jdbc.sql(SELECT + " where s.id = ?").param(id).query(ServiceMap::entry).optional();
    }

    /** The active services matching the filter, by sector then provider and name. */
    public List<ServiceEntry> search(ServiceFilter filter) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where s.active and p.active");
        List<Object> params = new ArrayList<>();
        if (filter.sector() != null && !filter.sector().isBlank()) {
            sql.append(" and s.sector = ?");
            params.add(filter.sector());
        }
        if (filter.locationId() != null) {
            // Served where the service covers the place or any place above it, or covers everywhere.
            // (A text block strips its leading spaces: the separating space is appended first.)
            sql.append(' ').append("""
                     and (not exists (select 1 from service_location sl where sl.service_id = s.id)
                          or exists (select 1 from service_location sl where sl.service_id = s.id and sl.location_id in
                              (with recursive up as (select id, parent_id from location where id = ?
                               union all select l.id, l.parent_id from location l join up on l.id = up.parent_id)
                               select id from up)))""");
            params.add(filter.locationId());
        }
        if (filter.concern() != null && !filter.concern().isBlank()) {
            sql.append(" and (s.concerns = '{}' or ? = any (s.concerns))");
            params.add(filter.concern());
        }
        if (filter.age() != null) {
            sql.append(" and (s.age_min is null or s.age_min <= ?) and (s.age_max is null or s.age_max >= ?)");
            params.add(filter.age());
            params.add(filter.age());
        }
        if (filter.sex() != null && !filter.sex().isBlank()) {
            sql.append(" and (s.sexes = '{}' or ? = any (s.sexes))");
            params.add(filter.sex());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            sql.append(" and abri_normalize(s.name || ' ' || p.name || ' ' || coalesce(s.description, '')) like ?");
            params.add("%" + filter.text().strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(" order by s.sector, p.name, s.name limit 500");
        return SqlParameters.bind(jdbc.sql(sql.toString()), params).query(ServiceMap::entry).list();
    }

    /** Every active service of an active provider, without the page limit of a search (the export). */
    List<ServiceEntry> allActive() {
        return jdbc.sql(SELECT + " where s.active and p.active order by s.sector, p.name, s.name")
                .query(ServiceMap::entry).list();
    }

    /** Whether the entry needs verifying again (last verified more than six months ago). */
    public boolean stale(ServiceEntry entry) {
        return entry.lastVerifiedOn().isBefore(staleBefore());
    }

    /** Entries verified before this day are stale. */
    public LocalDate staleBefore() {
        return staleBefore(LocalDate.now(clock));
    }

    /** Entries verified before the returned day were stale on this day. */
    public static LocalDate staleBefore(LocalDate day) {
        return day.minusMonths(MONTHS_BEFORE_STALE);
    }

    static ServiceEntry entry(ResultSet rs, int row) throws SQLException {
        return new ServiceEntry(rs.getObject("id", UUID.class), rs.getObject("provider_id", UUID.class),
                rs.getString("provider_name"), rs.getObject("provider_agency_id", UUID.class),
                rs.getString("provider_agency_code"), rs.getString("sector"), rs.getString("name"),
                rs.getString("description"), rs.getString("contact_person"), rs.getString("phone"),
                rs.getString("email"), rs.getString("hours"), (Integer) rs.getObject("age_min", Integer.class),
                rs.getObject("age_max", Integer.class), SqlParameters.texts(rs.getArray("sexes")), SqlParameters.texts(rs.getArray("concerns")),
                rs.getString("eligibility_notes"), uuids(rs.getArray("location_ids")), rs.getString("languages"),
                rs.getString("cost"), rs.getObject("focal_point_id", UUID.class),
                rs.getObject("last_verified_on", LocalDate.class), rs.getBoolean("active"), rs.getInt("version"));
    }


    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(o -> (UUID) o).toList();
    }
}
