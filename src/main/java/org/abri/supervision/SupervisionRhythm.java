package org.abri.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.abri.platform.SqlParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rhythm of supervision: how often each kind of record is due for a caseworker (weekly
 * individual sessions, an observation a month, a competency assessment a quarter) and for a
 * supervisor's team (a team meeting every two weeks, kept on the supervisor's own row). Nothing
 * is stored but the rhythm itself: what is due is computed from the latest record, so a record
 * filled in moves the next date at once. Never held: due one period after the person joined.
 */
@Service
public class SupervisionRhythm {

    public static final String INDIVIDUAL_SUPERVISION = "individual_supervision";
    public static final String TEAM_MEETING = "team_meeting";
    public static final String OBSERVATION = "observation";
    public static final String COMPETENCY_ASSESSMENT = "competency_assessment";

    /** The rhythm per person when the supervisor has set none, in the order the pages show it. */
    public static final Map<String, Period> PERSONAL_DEFAULTS;
    public static final Period TEAM_MEETING_DEFAULT = Period.ofDays(14);
    /** What is due within this many days shows in the supervisor's task list. */
    static final int SHOW_AHEAD_DAYS = 7;
    static final int LONGEST_DAYS = 366;

    static {
        Map<String, Period> defaults = new LinkedHashMap<>();
        defaults.put(INDIVIDUAL_SUPERVISION, Period.ofDays(7));
        defaults.put(OBSERVATION, Period.ofDays(30));
        defaults.put(COMPETENCY_ASSESSMENT, Period.ofDays(90));
        PERSONAL_DEFAULTS = Collections.unmodifiableMap(defaults);
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserAccounts accounts;
    private final AuditLog audit;

    SupervisionRhythm(JdbcClient jdbc, Clock clock, UserAccounts accounts, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.audit = audit;
    }

    /**
     * One kind of record due for a person (or, {@code personId} being the supervisor's and the
     * form the team meeting, for their team): every how many days, the latest, the next.
     */
    public record Due(UUID personId, String formId, int everyDays, boolean custom, LocalDate last, LocalDate dueOn,
            boolean overdue, boolean soon) {
    }

    /** Someone whose rhythm is computed, and since when they are on Abri. */
    record Person(UUID id, String name, LocalDate since) {
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The personal rhythm of each of these people: two queries for all of them. */
    Map<UUID, List<Due>> personal(Collection<Person> people) {
        Map<UUID, List<Due>> dues = new HashMap<>();
        if (people.isEmpty()) {
            return dues;
        }
        List<Object> ids = people.stream().<Object>map(Person::id).toList();
        Map<String, Period> custom = schedules(ids);
        Map<String, LocalDate> latest = new HashMap<>();
        SqlParameters.bind(jdbc.sql("select subject_id, form_id, max(held_on) as last from staff_record where subject_id in ("
                + SqlParameters.marks(ids.size()) + ") group by subject_id, form_id"), ids)
                .query((rs, n) -> latest.put(rs.getObject("subject_id", UUID.class) + "/" + rs.getString("form_id"),
                        rs.getObject("last", LocalDate.class)))
                .list();
        LocalDate today = today();
        for (Person person : people) {
            List<Due> list = new ArrayList<>();
            PERSONAL_DEFAULTS.forEach((form, fallback) -> {
                Period set = custom.get(person.id() + "/" + form);
                list.add(due(person, form, set == null ? fallback : set, set != null, latest.get(person.id() + "/" + form),
                        today));
            });
            dues.put(person.id(), list);
        }
        return dues;
    }

    /** The team meeting of each of these supervisors: when their latest team record was, when the next is due. */
    Map<UUID, Due> teamMeetings(Collection<Person> supervisors) {
        Map<UUID, Due> dues = new HashMap<>();
        if (supervisors.isEmpty()) {
            return dues;
        }
        List<Object> ids = supervisors.stream().<Object>map(Person::id).toList();
        Map<String, Period> custom = schedules(ids);
        List<Object> params = new ArrayList<>();
        params.add(TEAM_MEETING);
        params.addAll(ids);
        Map<UUID, LocalDate> latest = new HashMap<>();
        SqlParameters.bind(jdbc.sql("select created_by, max(held_on) as last from staff_record where subject_id is null "
                + "and form_id = ? and created_by in (" + SqlParameters.marks(ids.size()) + ") group by created_by"), params)
                .query((rs, n) -> latest.put(rs.getObject("created_by", UUID.class), rs.getObject("last", LocalDate.class)))
                .list();
        LocalDate today = today();
        for (Person supervisor : supervisors) {
            Period set = custom.get(supervisor.id() + "/" + TEAM_MEETING);
            dues.put(supervisor.id(), due(supervisor, TEAM_MEETING, set == null ? TEAM_MEETING_DEFAULT : set, set != null,
                    latest.get(supervisor.id()), today));
        }
        return dues;
    }

    /** The supervisor's own team and themselves, with since when each is on Abri. */
    List<Person> teamOf(UUID supervisorId) {
        return jdbc.sql("""
                select u.id, u.full_name, u.created_at from supervision s join app_user u on u.id = s.caseworker_id
                where s.supervisor_id = ? and u.active order by u.full_name""").param(supervisorId)
                .query((rs, n) -> new Person(rs.getObject("id", UUID.class), rs.getString("full_name"), sinceOf(rs.getTimestamp("created_at"))))
                .list();
    }

    Person person(UUID id) {
        return jdbc.sql("select id, full_name, created_at from app_user where id = ?").param(id)
                .query((rs, n) -> new Person(rs.getObject("id", UUID.class), rs.getString("full_name"), sinceOf(rs.getTimestamp("created_at"))))
                .single();
    }

    LocalDate sinceOf(java.sql.Timestamp created) {
        return LocalDate.ofInstant(created.toInstant(), clock.getZone());
    }

    /**
     * Whether this user sets the rhythm of this person: their supervisor (or, for their own team
     * meetings, the supervisor themselves), or their agency's manager.
     */
    public boolean mayManage(CurrentUser user, UUID personId) {
        if (user.agencyId() == null) {
            return false;
        }
        if (user.has(Role.SUPERVISOR) && (user.id().equals(personId) || accounts.superviseesOf(user.id()).contains(personId))) {
            return true;
        }
        return user.has(Role.AGENCY_MANAGER) && accounts.find(personId).map(UserAccount::agencyId)
                .filter(user.agencyId()::equals).isPresent();
    }

    /**
     * Sets how often each form is due for this person, in days ({@code null} or blank: back to
     * the default). Forms: the personal ones, or the team meeting on a supervisor's own row.
     */
    @Transactional
    public void update(CurrentUser user, UUID personId, Map<String, String> everyDays) {
        if (!mayManage(user, personId)) {
            throw new NotFoundException("user.not_found");
        }
        FieldChecks checks = new FieldChecks();
        Map<String, Integer> parsed = new LinkedHashMap<>();
        everyDays.forEach((form, typed) -> {
            if (!PERSONAL_DEFAULTS.containsKey(form) && !TEAM_MEETING.equals(form)) {
                checks.add(form, "validation.invalid_choice");
                return;
            }
            if (typed == null || typed.isBlank()) {
                parsed.put(form, null);
                return;
            }
            try {
                int days = Integer.parseInt(typed.strip());
                if (days < 1 || days > LONGEST_DAYS) {
                    checks.add(form, "validation.range", 1, LONGEST_DAYS);
                } else {
                    parsed.put(form, days);
                }
            } catch (NumberFormatException e) {
                checks.add(form, "validation.range", 1, LONGEST_DAYS);
            }
        });
        checks.throwIfAny();
        parsed.forEach((form, days) -> {
            if (days == null) {
                jdbc.sql("delete from supervision_schedule where caseworker_id = ? and form_id = ?").params(personId, form)
                        .update();
            } else {
                jdbc.sql("""
                        insert into supervision_schedule (caseworker_id, form_id, every, updated_by) values (?, ?, ?, ?)
                        on conflict (caseworker_id, form_id) do update set every = excluded.every, updated_at = now(),
                            updated_by = excluded.updated_by""")
                        .params(personId, form, "P" + days + "D", user.id()).update();
            }
        });
        audit.record(AuditAction.UPDATE, "supervision_schedule", personId, user.agencyId(),
                Map.of("forms", String.join(",", parsed.keySet())));
    }

    private Map<String, Period> schedules(List<Object> ids) {
        Map<String, Period> custom = new HashMap<>();
        SqlParameters.bind(jdbc.sql("select caseworker_id, form_id, every from supervision_schedule where caseworker_id in ("
                + SqlParameters.marks(ids.size()) + ")"), ids)
                .query((rs, n) -> custom.put(rs.getObject("caseworker_id", UUID.class) + "/" + rs.getString("form_id"),
                        Period.parse(rs.getString("every"))))
                .list();
        return custom;
    }

    private static Due due(Person person, String form, Period every, boolean custom, LocalDate last, LocalDate today) {
        LocalDate dueOn = (last != null ? last : person.since()).plus(every);
        return new Due(person.id(), form, every.getDays(), custom, last, dueOn, dueOn.isBefore(today),
                !dueOn.isAfter(today.plusDays(SHOW_AHEAD_DAYS)));
    }
}
