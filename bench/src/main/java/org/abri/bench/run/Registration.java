package org.abri.bench.run;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import org.abri.bench.Dataset;

/**
 * Registering a child: through the API (validation, audit, the case read back) and as the bare
 * rows CaseRegistry.register writes (the case number counter, the case, its step, its consents),
 * in one transaction per child as the application does. Both sides register the same synthetic
 * children; every case created is removed at the end so that reruns find the data as generated.
 */
final class Registration {

    private static final String[] GIVEN = {"Bench", "Probe", "Essai", "Test", "Mesure"};
    private static final String[] FAMILY = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"};
    private static final String[] RISKS = {"high", "medium", "low"};

    /** One synthetic child: the same fields for both sides. */
    record Child(String givenNames, String familyName, String sex, int age, String risk, UUID location,
            String concern) {
    }

    final Queue<UUID> created = new ConcurrentLinkedQueue<>();
    private final List<Dataset.PlaceConcern> places;

    Registration(List<Dataset.PlaceConcern> places) {
        this.places = places;
    }

    Child child(int pick) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Dataset.PlaceConcern place = places.get(Math.floorMod(pick, places.size()));
        return new Child(GIVEN[random.nextInt(GIVEN.length)], FAMILY[random.nextInt(FAMILY.length)],
                random.nextBoolean() ? "female" : "male", 1 + random.nextInt(17), RISKS[random.nextInt(3)],
                place.locationId(), place.concern());
    }

    /** The body of POST /api/v1/cases for this child (the three consents given, today). */
    static String json(Child child) {
        String today = LocalDate.now().toString();
        String consent = "{\"decision\":\"given\",\"method\":\"verbal\",\"givenBy\":\"both\",\"givenOn\":\"" + today + "\"}";
        return "{\"givenNames\":\"" + child.givenNames() + "\",\"familyName\":\"" + child.familyName()
                + "\",\"sex\":\"" + child.sex() + "\",\"ageEstimated\":" + child.age()
                + ",\"locationId\":\"" + child.location() + "\",\"protectionConcerns\":[\"" + child.concern()
                + "\"],\"riskLevel\":\"" + child.risk() + "\",\"consents\":{\"case_management\":" + consent
                + ",\"data_collection\":" + consent + ",\"anonymous_data_sharing\":" + consent + "}}";
    }

    /** POST /api/v1/cases as the caseworker; remembers the case created. */
    void viaApi(Http http, String token, int pick) throws Exception {
        var response = http.postJson(token, "/api/v1/cases", json(child(pick)));
        String location = response.headers().firstValue("Location").orElseThrow();
        created.add(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
    }

    /** The rows CaseRegistry.register writes, in one transaction (the same SQL, the same order). */
    void raw(Connection c, Raw.Actor actor, String agencyCode, int pick) throws SQLException {
        Child d = child(pick);
        c.setAutoCommit(false);
        try {
            Instant now = Instant.now();
            UUID id = UUID.randomUUID();
            int year = now.atZone(ZoneOffset.UTC).getYear();
            long next;
            try (PreparedStatement s = c.prepareStatement("select abri_next_case_number(?, ?)")) {
                s.setObject(1, actor.agencyId());
                s.setInt(2, year);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into child_case (id, case_number, agency_id, caseworker_id, registered_by, status, risk_level,
                        given_names, family_name, other_names, sex, date_of_birth, age_estimated, age_estimated_on,
                        nationality, displacement_status, location_id, caregiver_name, caregiver_relationship,
                        protection_concerns, registered_at, updated_at, updated_by, demo)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                Timestamp at = Timestamp.from(now);
                Raw.bind(s, java.util.Arrays.asList(id, "%s-%d-%05d".formatted(agencyCode, year, next), actor.agencyId(),
                        actor.id(), actor.id(), "open", d.risk(), d.givenNames(), d.familyName(), null, d.sex(), null,
                        d.age(), Date.valueOf(LocalDate.ofInstant(now, ZoneOffset.UTC)), null, null, d.location(), null,
                        null, c.createArrayOf("text", new String[] {d.concern()}), at, at, actor.id(), false));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    update child_case set step = case when status = 'closed' then 'closed' else 'identification' end,
                        step_since = registered_at, closed_at = case when status = 'closed' then registered_at end
                    where id = ?""")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("delete from case_consent where case_id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            for (String kind : List.of("case_management", "data_collection", "anonymous_data_sharing")) {
                try (PreparedStatement s = c.prepareStatement("""
                        insert into case_consent (case_id, kind, decision, method, given_by, given_on)
                        values (?, ?, ?, ?, ?, ?)""")) {
                    Raw.bind(s, List.of(id, kind, "given", "verbal", "both", Date.valueOf(LocalDate.now())));
                    s.executeUpdate();
                }
            }
            c.commit();
            created.add(id);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Removes every case this run created, with whatever rows point at them (found from the
     * foreign keys, so a table added later is covered). Audit lines stay: the trail refuses deletes.
     */
    int cleanUp(Connection c) throws SQLException {
        if (created.isEmpty()) {
            return 0;
        }
        UUID[] ids = created.toArray(UUID[]::new);
        List<String[]> referencing = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select cl.relname, a.attname from pg_constraint k join pg_class cl on cl.oid = k.conrelid
                join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
                where k.contype = 'f' and k.confrelid = 'child_case'::regclass and cl.relname <> 'child_case'""");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                referencing.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        int deleted;
        c.setAutoCommit(false);
        try {
            var array = c.createArrayOf("uuid", ids);
            for (String[] table : referencing) {
                try (PreparedStatement s = c.prepareStatement(
                        "delete from " + table[0] + " where " + table[1] + " = any(?)")) {
                    s.setArray(1, array);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("delete from child_case where id = any(?)")) {
                s.setArray(1, array);
                deleted = s.executeUpdate();
            }
            c.commit();
            created.clear();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        // Tens of thousands of deleted rows stay in the indexes until a vacuum, and autovacuum waits
        // for a fifth of the table: without this, the next run's searches walk them (a supervisor's
        // cases read 72,000 index entries for 412 rows).
        try (var s = c.createStatement()) {
            for (String[] table : referencing) {
                s.execute("vacuum (analyze) " + table[0]);
            }
            s.execute("vacuum (analyze) child_case");
        }
        return deleted;
    }
}
