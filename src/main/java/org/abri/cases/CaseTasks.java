package org.abri.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.platform.SqlParameters;
import org.abri.sop.SopSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What is due, computed from each case's step, its risk level, what is on file and the
 * deployment's SOP settings — never stored, so a changed setting or a new record moves the
 * deadline at once. A caseworker sees their cases; a supervisor their team's, plus the
 * approvals waiting for them. Urgent cases come first.
 */
@Service
public class CaseTasks {

    private final JdbcClient jdbc;
    private final SopSettings sop;
    private final CaseWorkflow workflow;
    private final Clock clock;
    private final List<CaseTaskSource> sources;

    CaseTasks(JdbcClient jdbc, SopSettings sop, CaseWorkflow workflow, Clock clock, List<CaseTaskSource> sources) {
        this.sources = sources;
        this.jdbc = jdbc;
        this.sop = sop;
        this.workflow = workflow;
        this.clock = clock;
    }

    /**
     * One thing to do on a case, by a date. {@code kind} names it in the bundles (tasks.kind.…);
     * {@code link} is where to do it (the case page when null).
     */
    public record Task(UUID caseId, String caseNumber, String caseworkerName, String riskLevel, boolean urgent,
            String kind, Instant due, String link) {

        public Task(UUID caseId, String caseNumber, String caseworkerName, String riskLevel, boolean urgent,
                String kind, Instant due) {
            this(caseId, caseNumber, caseworkerName, riskLevel, urgent, kind, due, null);
        }

        public String href() {
            return link != null ? link : "/cases/" + caseId;
        }
    }

    public enum Bucket { OVERDUE, TODAY, THIS_WEEK, LATER }

    /** The tasks of every case this user may change, urgent first, then by due date. */
    public List<Task> of(CurrentUser user) {
        CaseAccess.Condition editable = CaseAccess.editable(user);
        if ("false".equals(editable.sql())) {
            return List.of();
        }
        List<Task> tasks = new ArrayList<>();
        SopSettings.Delays delays = sop.delays();
        SqlParameters.bind(jdbc.sql(FACTS + " where c.step <> 'archived' and " + editable.sql()), editable.params())
                .query((rs, n) -> facts(rs)).list().forEach(facts -> tasks.addAll(tasksOf(facts, delays)));
        for (CaseWorkflow.Approval approval : workflow.pendingFor(user)) {
            tasks.add(new Task(approval.caseId(), approval.caseNumber(), approval.submittedByName(), null, false,
                    "approve_" + approval.kind(), approval.submittedAt().plus(Duration.ofDays(2))));
        }
        String inScope = "select c.id from child_case c where " + editable.sql();
        sources.forEach(source -> tasks.addAll(source.tasksOf(user, inScope, editable.params())));
        tasks.sort(Comparator.comparing((Task t) -> !t.urgent()).thenComparing(Task::due));
        return tasks;
    }

    /** The tasks of one case (its page shows the next one). */
    public List<Task> ofCase(UUID caseId) {
        return jdbc.sql(FACTS + " where c.id = ?").param(caseId).query((rs, n) -> facts(rs)).optional()
                .map(facts -> tasksOf(facts, sop.delays())).orElse(List.of()).stream().sorted(Comparator.comparing(Task::due)).toList();
    }

    /** Every overdue task of every open case (for the daily reminder), with who must hear of it. */
    public List<Task> overdue() {
        Instant now = clock.instant();
        List<Task> overdue = new ArrayList<>();
        SopSettings.Delays delays = sop.delays();
        jdbc.sql(FACTS + " where c.step not in ('archived')").query((rs, n) -> facts(rs)).list()
                .forEach(facts -> tasksOf(facts, delays).stream().filter(t -> t.due().isBefore(now)).forEach(overdue::add));
        return overdue;
    }

    /**
     * How many overdue steps each of these caseworkers of this agency has on their cases (the
     * supervisor's team view): two queries for all of them. A caseworker with none is absent from
     * the map.
     */
    public java.util.Map<UUID, Integer> overdueCountsOf(UUID agencyId, java.util.Collection<UUID> caseworkerIds) {
        java.util.Map<UUID, Integer> counts = new java.util.HashMap<>();
        if (caseworkerIds.isEmpty()) {
            return counts;
        }
        Instant now = clock.instant();
        SopSettings.Delays delays = sop.delays();
        String marks = SqlParameters.marks(caseworkerIds.size());
        List<Object> open = new ArrayList<>();
        open.add(agencyId);
        open.addAll(caseworkerIds);
        SqlParameters.bind(jdbc.sql(FACTS + " where c.agency_id = ? and (c.step in " + CaseStep.OPEN_SQL_LIST
                + " or (c.step = 'closed' and c.urgent)) and c.caseworker_id in (" + marks + ")"), open)
                .query((rs, n) -> java.util.Map.entry(rs.getObject("caseworker_id", UUID.class), facts(rs))).list()
                .forEach(row -> {
                    long late = tasksOf(row.getValue(), delays).stream().filter(t -> t.due().isBefore(now)).count();
                    if (late > 0) {
                        counts.merge(row.getKey(), (int) late, Integer::sum);
                    }
                });
        // A closed case without an urgent action has one task, the post-closure review, due a delay
        // after the closure (tasksOf): counted here in SQL, because reading the facts of every closed
        // case took most of the time of an agency's team view at a million cases (bench/README.md).
        StringBuilder due = new StringBuilder("coalesce(c.closed_at, c.step_since) + case c.risk_level");
        List<Object> params = new ArrayList<>();
        params.add(agencyId);
        for (String risk : SopSettings.RISK_LEVELS) {
            due.append(" when ? then make_interval(secs => ?)");
            params.add(risk);
            params.add((double) delays.of("post_closure_review", risk).toSeconds());
        }
        due.append(" end");
        params.add(Timestamp.from(now));
        params.addAll(caseworkerIds);
        SqlParameters.bind(jdbc.sql("select c.caseworker_id, count(*) as late from child_case c where c.agency_id = ? "
                + "and c.step = 'closed' and not c.urgent and " + due + " < ? and c.caseworker_id in (" + marks + ") group by c.caseworker_id"), params)
                .query((rs, n) -> counts.merge(rs.getObject("caseworker_id", UUID.class), rs.getInt("late"), Integer::sum))
                .list();
        return counts;
    }

    public Bucket bucketOf(Task task) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        LocalDate dueDay = LocalDate.ofInstant(task.due(), clock.getZone());
        if (task.due().isBefore(now)) {
            return Bucket.OVERDUE;
        }
        if (dueDay.equals(today)) {
            return Bucket.TODAY;
        }
        return dueDay.isAfter(today.plusDays(7)) ? Bucket.LATER : Bucket.THIS_WEEK;
    }

    /*
     * Each sub-select sits in a case on the step that needs it: PostgreSQL runs a sub-select of a
     * case branch only when that branch is taken, so a closed case costs no look-up and an open one
     * only those of its step. Computed for every case of an agency (its team view), the look-ups of
     * all steps made that view take seconds at a million cases (bench/README.md).
     */
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

    private record Facts(UUID id, String caseNumber, String riskLevel, CaseStep step, Instant stepSince,
            Instant registeredAt, Instant closedAt, boolean urgent, String caseworkerName, Instant urgentSince,
            Instant initialAt, Instant comprehensiveAt, Instant followUpAt, Instant reviewAt, boolean acted,
            boolean planPending) {
    }

    private static Facts facts(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Facts(rs.getObject("id", UUID.class), rs.getString("case_number"), rs.getString("risk_level"),
                CaseStep.of(rs.getString("step")), instant(rs.getTimestamp("step_since")),
                instant(rs.getTimestamp("registered_at")), instant(rs.getTimestamp("closed_at")), rs.getBoolean("urgent"),
                rs.getString("caseworker_name"), instant(rs.getTimestamp("urgent_since")),
                instant(rs.getTimestamp("initial_at")), instant(rs.getTimestamp("comprehensive_at")),
                instant(rs.getTimestamp("follow_up_at")), instant(rs.getTimestamp("review_at")), rs.getBoolean("acted"),
                rs.getBoolean("plan_pending"));
    }

    private static List<Task> tasksOf(Facts c, SopSettings.Delays delays) {
        List<Task> tasks = new ArrayList<>();
        if (c.urgentSince() != null) {
            tasks.add(task(c, "urgent_action", c.urgentSince()));
        }
        switch (c.step()) {
            case IDENTIFICATION -> {
                if (!c.acted()) {
                    tasks.add(task(c, "first_action", c.registeredAt().plus(delays.of("first_action", c.riskLevel()))));
                }
                if (c.initialAt() == null) {
                    tasks.add(task(c, "initial_assessment", c.registeredAt().plus(delays.of("initial_assessment", c.riskLevel()))));
                }
            }
            case ASSESSMENT -> {
                if (c.initialAt() == null) {
                    tasks.add(task(c, "initial_assessment", c.registeredAt().plus(delays.of("initial_assessment", c.riskLevel()))));
                }
                if (c.comprehensiveAt() == null) {
                    Instant from = Optional.ofNullable(c.initialAt()).orElse(c.stepSince());
                    tasks.add(task(c, "comprehensive_assessment", from.plus(delays.of("comprehensive_assessment", c.riskLevel()))));
                }
            }
            case PLANNING -> {
                if (!c.planPending()) {
                    tasks.add(task(c, "case_plan", c.stepSince().plus(delays.of("case_plan", c.riskLevel()))));
                }
            }
            case IMPLEMENTATION -> {
                tasks.add(task(c, "follow_up", latest(c.followUpAt(), c.stepSince()).plus(delays.of("follow_up", c.riskLevel()))));
                tasks.add(task(c, "case_review", latest(c.reviewAt(), c.stepSince()).plus(delays.of("case_review", c.riskLevel()))));
            }
            case CLOSED -> tasks.add(task(c, "post_closure_review",
                    Optional.ofNullable(c.closedAt()).orElse(c.stepSince()).plus(delays.of("post_closure_review", c.riskLevel()))));
            default -> { }
        }
        return tasks;
    }



    private static Task task(Facts c, String kind, Instant due) {
        return new Task(c.id(), c.caseNumber(), c.caseworkerName(), c.riskLevel(), c.urgent(), kind, due);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : (b == null || a.isAfter(b) ? a : b);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
