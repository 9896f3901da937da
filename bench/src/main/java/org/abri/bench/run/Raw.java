package org.abri.bench.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The application's SQL, reproduced statement by statement from its code (CaseAccess, CaseRegistry.search,
 * NameMatch, CaseTasks.of and its task sources) and run straight over JDBC: the floor against which
 * the API's latency is compared. A small pool: one connection per concurrent thread, kept open.
 */
final class Raw {

    /** A user as the application sees them for need-to-know: id, agency, roles. */
    record Actor(UUID id, UUID agencyId, Set<String> roles) {

        boolean has(String role) {
            return roles.contains(role);
        }
    }

    /** SQL and its parameters, in order. */
    record Statement(String sql, List<Object> params) {
    }

    private static final Pattern CASE_NUMBER = Pattern.compile("[A-Za-z0-9]{2,10}-\\d{4}(-\\d{0,6})?");

    private final String url;
    private final String user;
    private final String password;
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private Connection setup;
    private final List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());

    Raw(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A connection for setting up and reading (not for the measured calls). */
    synchronized Connection connection() {
        if (setup == null) {
            setup = open();
        }
        return setup;
    }

    /** A connection of the pool (opened when none is idle): one per concurrent thread at most. */
    Connection borrow() {
        Connection connection = idle.pollFirst();
        return connection != null ? connection : open();
    }

    void release(Connection connection) {
        idle.offerFirst(connection);
    }

    Connection open() {
        try {
            // The session the application's pool opens (DatabaseConfiguration).
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password == null ? "" : password);
            properties.setProperty("options", "-c jit=off -c plan_cache_mode=force_custom_plan");
            Connection connection = DriverManager.getConnection(url, properties);
            opened.add(connection);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    void closeAll() {
        for (Connection connection : opened) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    Actor actor(UUID userId) throws SQLException {
        Connection c = connection();
        UUID agency;
        try (PreparedStatement s = c.prepareStatement("select agency_id from app_user where id = ?")) {
            s.setObject(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                agency = rs.getObject(1, UUID.class);
            }
        }
        Set<String> roles = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement("select role from user_role where user_id = ?")) {
            s.setObject(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
        }
        return new Actor(userId, agency, roles);
    }

    // ---- need-to-know: CaseAccess.readable / editable -------------------------------------------

    static Statement readable(Actor user) {
        List<String> grants = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (user.has("AGENCY_MANAGER")) {
            grants.add("true");
        }
        editGrants(user, grants, params);
        return scoped(user, grants, params);
    }

    static Statement editable(Actor user) {
        List<String> grants = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        editGrants(user, grants, params);
        return scoped(user, grants, params);
    }

    private static void editGrants(Actor user, List<String> grants, List<Object> params) {
        if (user.has("CASEWORKER")) {
            grants.add("c.caseworker_id = ?");
            params.add(user.id());
        }
        if (user.has("SUPERVISOR")) {
            grants.add("c.caseworker_id = any (array(select ?::uuid union all "
                    + "select caseworker_id from supervision where supervisor_id = ?))");
            params.add(user.id());
            params.add(user.id());
        }
        if (user.has("DATA_ENTRY_CLERK")) {
            grants.add("c.registered_by = ?");
            params.add(user.id());
        }
    }

    private static Statement scoped(Actor user, List<String> grants, List<Object> params) {
        if (grants.isEmpty() || user.agencyId() == null) {
            return new Statement("false", List.of());
        }
        List<Object> all = new ArrayList<>();
        all.add(user.agencyId());
        all.addAll(params);
        return new Statement("(c.agency_id = ? and ((" + String.join(") or (", grants) + ")))", all);
    }

    // ---- CaseRegistry.search: a count, then a page -----------------------------------------------

    /** Locations.SUBTREE: the ids of a place and of every place under it. */
    static final String SUBTREE = """
            with recursive subtree as (select id from location where id = ?
             union all select l.id from location l join subtree s on l.parent_id = s.id) select id from subtree""";

    /** The ids of a place's subtree, read once per place before the load (the app reads them on each call). */
    List<UUID> subtree(UUID location) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s = connection().prepareStatement(SUBTREE)) {
            s.setObject(1, location);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /**
     * The statements of GET /api/v1/cases with these filters (page 0, size 25): with a place, the
     * read of its subtree ({@code places}, read beforehand), then the count and the page.
     */
    static List<Statement> search(Actor reader, String text, String status, String risk, String concern,
            UUID location, List<UUID> places) {
        Statement access = readable(reader);
        StringBuilder where = new StringBuilder(access.sql());
        List<Object> params = new ArrayList<>(access.params());
        if (status != null) {
            where.append(" and c.status = ?");
            params.add(status);
        }
        if (risk != null) {
            where.append(" and c.risk_level = ?");
            params.add(risk);
        }
        if (concern != null) {
            where.append(" and c.protection_concerns @> array[?]::text[]");
            params.add(concern);
        }
        List<Statement> statements = new ArrayList<>();
        if (location != null) {
            statements.add(new Statement(SUBTREE, List.of(location)));
            if (places.isEmpty()) {
                where.append(" and false");
            } else {
                where.append(" and c.location_id in (").append(String.join(", ", java.util.Collections.nCopies(places.size(), "?")))
                        .append(")");
                params.addAll(places);
            }
        }
        if (text != null) {
            nameMatch(text.strip(), where, params);
        }
        Statement count = new Statement("select count(*) from child_case c where " + where, params);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(25);
        pageParams.add(0L);
        Statement page = new Statement("""
                select c.id, c.case_number, c.given_names, c.family_name, c.sex, c.date_of_birth, c.age_estimated,
                       c.age_estimated_on, c.risk_level, c.status, c.protection_concerns, c.location_id,
                       w.full_name as caseworker_name, c.registered_at
                from (select c.id from child_case c
                      where %s order by c.risk_rank, c.registered_at desc, c.id limit ? offset ?) p
                join child_case c on c.id = p.id join app_user w on w.id = c.caseworker_id
                order by c.risk_rank, c.registered_at desc, c.id""".formatted(where),
                pageParams);
        statements.add(count);
        statements.add(page);
        return statements;
    }

    /** NameMatch.append. */
    private static void nameMatch(String text, StringBuilder where, List<Object> params) {
        if (CASE_NUMBER.matcher(text).matches()) {
            where.append(" and c.case_number like ?");
            params.add(text.toUpperCase() + "%");
            return;
        }
        for (String word : text.split("[\\s,;]+")) {
            if (word.isBlank()) {
                continue;
            }
            where.append(" and (c.search_names like '%' || abri_normalize(?) || '%'");
            params.add(word);
            if (word.length() >= 3) {
                where.append(" or c.phonetic_codes && abri_phonetic_codes(?)");
                params.add(word);
                where.append(" or abri_normalize(?) <% c.search_names");
                params.add(word);
            }
            where.append(")");
        }
    }

    // ---- CaseTasks.of: GET /api/v1/me/tasks -----------------------------------------------------

    private static final String FACTS = """
            select c.id, c.caseworker_id, c.case_number, c.risk_level, c.step, c.step_since, c.registered_at, c.closed_at, c.urgent,
                   w.full_name as caseworker_name,
                   case when c.urgent then -- kept true while an urgent action is open (CaseWorkflow)
                       (select min(opened_at) from urgent_action u where u.case_id = c.id and u.closed_at is null) end as urgent_since,
                   case when c.step in ('identification', 'assessment') then
                       (select max(created_at) from form_record r where r.case_id = c.id and r.form_id = 'initial_assessment') end as initial_at,
                   case when c.step = 'assessment' then
                       (select max(created_at) from form_record r where r.case_id = c.id and r.form_id = 'comprehensive_assessment') end as comprehensive_at,
                   case when c.step = 'implementation' then
                       (select max(created_at) from form_record r where r.case_id = c.id and r.form_id = 'follow_up_visit') end as follow_up_at,
                   case when c.step = 'implementation' then
                       (select max(created_at) from form_record r where r.case_id = c.id and r.form_id = 'case_review') end as review_at,
                   case when c.step = 'identification' then
                       exists (select 1 from form_record r where r.case_id = c.id) or exists
                       (select 1 from case_transition t where t.case_id = c.id) else true end as acted,
                   case when c.step = 'planning' then
                       exists (select 1 from case_approval a where a.case_id = c.id and a.kind = 'plan' and a.status = 'submitted')
                       else false end as plan_pending
            from child_case c join app_user w on w.id = c.caseworker_id""";

    /**
     * The statements of a task list, in the application's order: the case facts, the approvals
     * awaiting a supervisor, the referral to-dos, the open supervision action points, and for a
     * supervisor the rhythm of their team (team, schedules, latest records, themselves, their
     * schedule, their latest team meeting). The team's ids are read first, as the application
     * reads them before the statements that depend on them.
     */
    List<Statement> tasks(Actor user) throws SQLException {
        List<Statement> statements = new ArrayList<>();
        Statement editable = editable(user);
        if ("false".equals(editable.sql())) {
            return statements;
        }
        statements.add(new Statement(FACTS + " where c.step <> 'archived' and " + editable.sql(), editable.params()));
        if (user.has("SUPERVISOR")) {
            statements.add(new Statement("""
                    select a.id, a.case_id, c.case_number, a.kind, a.status, a.plan_version, a.submitted_at, a.submitted_by,
                           s.full_name as submitted_by_name, a.decided_at, d.full_name as decided_by_name, a.comment
                    from case_approval a join child_case c on c.id = a.case_id join app_user s on s.id = a.submitted_by
                    left join app_user d on d.id = a.decided_by
                    where a.status = 'submitted' and c.agency_id = ? and a.submitted_by <> ?
                    and c.caseworker_id in (select caseworker_id from supervision where supervisor_id = ?) order by a.submitted_at desc""",
                    List.of(user.agencyId(), user.id(), user.id())));
        }
        String inScope = "select c.id from child_case c where " + editable.sql();
        List<Object> referralParams = new ArrayList<>(List.of(2L * 24 * 3600, 7L * 24 * 3600));
        referralParams.addAll(editable.params());
        statements.add(new Statement("""
                select r.id, r.case_id, c.case_number, w.full_name as caseworker_name, c.risk_level, c.urgent,
                       case when r.status = 'information_requested' then 'referral_question' else 'referral_tell_family' end as kind,
                       case when r.status = 'information_requested'
                            then (select max(e.occurred_at) from referral_event e where e.referral_id = r.id
                                  and e.kind = 'information_requested') + make_interval(secs => ?)
                            else r.sent_at + make_interval(secs => ?) end as due
                from referral r join child_case c on c.id = r.case_id join app_user w on w.id = c.caseworker_id
                where (r.status = 'information_requested'
                       or (r.consent_basis = 'best_interest' and r.family_informed_at is null and r.status <> 'withdrawn'))
                  and r.case_id in (%s)""".formatted(inScope), referralParams));
        statements.add(new Statement("""
                select a.id, a.record_id, a.owner_id, o.full_name as owner_name, a.action, a.due_on, a.done_at,
                       d.full_name as done_by_name, r.form_id, r.held_on, r.created_by as author_id, w.full_name as author_name,
                       r.agency_id
                from supervision_action a join staff_record r on r.id = a.record_id join app_user o on o.id = a.owner_id
                join app_user w on w.id = r.created_by left join app_user d on d.id = a.done_by
                where a.owner_id = ? and a.done_at is null order by a.due_on nulls last, r.held_on""", List.of(user.id())));
        if (user.has("SUPERVISOR") && user.agencyId() != null) {
            String team = """
                    select u.id, u.full_name, u.created_at from supervision s join app_user u on u.id = s.caseworker_id
                    where s.supervisor_id = ? and u.active order by u.full_name""";
            statements.add(new Statement(team, List.of(user.id())));
            List<Object> ids = new ArrayList<>();
            try (PreparedStatement s = connection().prepareStatement(team)) {
                s.setObject(1, user.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            if (!ids.isEmpty()) {
                String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
                statements.add(new Statement("select caseworker_id, form_id, every from supervision_schedule where caseworker_id in ("
                        + marks + ")", ids));
                statements.add(new Statement("select subject_id, form_id, max(held_on) as last from staff_record where subject_id in ("
                        + marks + ") group by subject_id, form_id", ids));
            }
            statements.add(new Statement("select id, full_name, created_at from app_user where id = ?", List.of(user.id())));
            statements.add(new Statement("select caseworker_id, form_id, every from supervision_schedule where caseworker_id in (?)",
                    List.of(user.id())));
            statements.add(new Statement("select created_by, max(held_on) as last from staff_record where subject_id is null "
                    + "and form_id = ? and created_by in (?) group by created_by", List.of("team_meeting", user.id())));
        }
        return statements;
    }

    // ---- running ---------------------------------------------------------------------------------

    /** Runs the statements one after the other on this thread's connection, reading every row. */
    void run(List<Statement> statements) throws SQLException {
        Connection c = borrow();
        try {
            runOn(c, statements);
        } finally {
            release(c);
        }
    }

    private static void runOn(Connection c, List<Statement> statements) throws SQLException {
        for (Statement statement : statements) {
            try (PreparedStatement s = c.prepareStatement(statement.sql())) {
                bind(s, statement.params());
                try (ResultSet rs = s.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getObject(i);
                        }
                    }
                }
            }
        }
    }

    static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }
}
