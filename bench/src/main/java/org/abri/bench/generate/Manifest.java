package org.abri.bench.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.abri.bench.Dataset;
import org.abri.bench.Dataset.NameProbe;
import org.abri.bench.Dataset.PlaceConcern;
import org.abri.bench.Dataset.Persona;
import org.abri.bench.generate.Staff.User;

/**
 * What the benchmark needs to query the generated deployment: four personas with an API token
 * each, names to search for as a caseworker would type them (checked to be found by the
 * application's own name match), case numbers and place/concern pairs of the manager's agency.
 */
final class Manifest {

    static final int PROBES = 200;
    static final int CASE_NUMBERS = 200;
    static final int PLACES_AND_CONCERNS = 50;

    private Manifest() {
    }

    static Dataset build(Connection db, Cases cases, Generate.Options o, long loadMillis) throws Exception {
        Staff staff = cases.staff;
        int[] perAgency = new int[staff.agencies.size()];
        for (int i = 0; i < cases.n; i++) {
            perAgency[cases.agency[i]]++;
        }
        int largest = 0;
        for (int a = 1; a < perAgency.length; a++) {
            if (perAgency[a] > perAgency[largest]) {
                largest = a;
            }
        }
        Staff.Agency agency = staff.agencies.get(largest);
        User caseworker = typical(db, staff, "select caseworker_id, count(*) filter (where status = 'open') from child_case "
                + "where agency_id = ? group by 1", agency.id());
        User supervisor = staff.users.get(caseworker.supervisor);
        User manager = staff.managers.get(largest);
        User clerk = typical(db, staff, "select registered_by, count(*) from child_case where agency_id = ? and registered_by in "
                + "(select user_id from user_role where role = 'DATA_ENTRY_CLERK') group by 1", agency.id());
        Rng rng = new Rng(o.seed(), 0, 0x70CE5);
        db.setAutoCommit(true);
        Persona cw = persona(db, rng, caseworker, agency);
        Persona sup = persona(db, rng, supervisor, agency);
        Persona man = persona(db, rng, manager, agency);
        Persona cl = persona(db, rng, clerk, agency);
        return new Dataset(o.seed(), cases.n, staff.agencies.size(), staff.users.size(), Generate.now(), loadMillis,
                cw, sup, man, cl, probes(db, rng, caseworker, agency), caseNumbers(db, agency),
                placesAndConcerns(db, agency));
    }

    private static Persona persona(Connection db, Rng rng, User user, Staff.Agency agency) throws Exception {
        String token = Generate.issueToken(db, rng, user.id, "benchmark");
        return new Persona(user.id, user.username, Generate.PASSWORD, agency.id(), token);
    }

    /** The user whose count (second column) is the median, ties broken by username. */
    private static User typical(Connection db, Staff staff, String sql, UUID agencyId) throws SQLException {
        List<long[]> counts = new ArrayList<>();
        java.util.Map<UUID, User> byId = new java.util.HashMap<>();
        for (User u : staff.users) {
            byId.put(u.id, u);
        }
        List<User> users = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setObject(1, agencyId);
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                users.add(byId.get(rs.getObject(1, UUID.class)));
                counts.add(new long[] {rs.getLong(2), users.size() - 1});
            }
        }
        counts.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : users.get((int) a[1]).username.compareTo(users.get((int) b[1]).username));
        return users.get((int) counts.get(counts.size() / 2)[1]);
    }

    /** The application's name match (NameMatch) over the cases the caseworker may read. */
    private static final String FOUND = "select count(*) from child_case c where c.agency_id = ? and c.caseworker_id = ?";

    private static List<NameProbe> probes(Connection db, Rng rng, User caseworker, Staff.Agency agency) throws SQLException {
        List<String> registered = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "select given_names, family_name from child_case where agency_id = ? and caseworker_id = ? order by case_number")) {
            q.setObject(1, agency.id());
            q.setObject(2, caseworker.id);
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                registered.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        List<NameProbe> probes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int attempt = 0; probes.size() < PROBES && attempt < PROBES * 10 && !registered.isEmpty(); attempt++) {
            String name = registered.get(attempt % registered.size());
            String typed = Names.typed(rng, name);
            if (!seen.add(name + "|" + typed) && attempt < PROBES * 5) {
                continue;
            }
            if (found(db, caseworker, agency, typed)) {
                probes.add(new NameProbe(name, typed));
            }
        }
        return probes;
    }

    static boolean found(Connection db, User caseworker, Staff.Agency agency, String typed) throws SQLException {
        StringBuilder sql = new StringBuilder(FOUND);
        List<String> words = new ArrayList<>();
        for (String word : typed.split("[\\s,;]+")) {
            if (word.isBlank()) {
                continue;
            }
            words.add(word);
            sql.append(" and (c.search_names like '%' || abri_normalize(?) || '%'");
            if (word.length() >= 3) {
                sql.append(" or c.phonetic_codes && abri_phonetic_codes(?) or abri_normalize(?) <% c.search_names");
            }
            sql.append(")");
        }
        try (PreparedStatement q = db.prepareStatement(sql.toString())) {
            int k = 1;
            q.setObject(k++, agency.id());
            q.setObject(k++, caseworker.id);
            for (String word : words) {
                q.setString(k++, word);
                if (word.length() >= 3) {
                    q.setString(k++, word);
                    q.setString(k++, word);
                }
            }
            ResultSet rs = q.executeQuery();
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static List<String> caseNumbers(Connection db, Staff.Agency agency) throws SQLException {
        List<String> numbers = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(
                "select case_number from child_case where agency_id = ? order by md5(case_number) limit " + CASE_NUMBERS)) {
            q.setObject(1, agency.id());
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                numbers.add(rs.getString(1));
            }
        }
        return numbers;
    }

    /** Half communes, half districts (a district's search covers its communes), each with a concern of its cases. */
    private static List<PlaceConcern> placesAndConcerns(Connection db, Staff.Agency agency) throws SQLException {
        List<PlaceConcern> pairs = new ArrayList<>();
        for (String place : List.of("l.id", "l.parent_id")) {
            try (PreparedStatement q = db.prepareStatement("""
                    select %s as place, concern from child_case c join location l on l.id = c.location_id and l.level = 3,
                        unnest(c.protection_concerns) as concern
                    where c.agency_id = ? group by 1, 2 order by md5(%s::text || concern) limit %d"""
                    .formatted(place, place, PLACES_AND_CONCERNS / 2))) {
                q.setObject(1, agency.id());
                ResultSet rs = q.executeQuery();
                while (rs.next()) {
                    pairs.add(new PlaceConcern(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        return pairs;
    }
}
