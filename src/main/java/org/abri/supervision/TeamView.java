package org.abri.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.cases.CaseStep;
import org.abri.cases.CaseTasks;
import org.abri.cases.CaseWorkflow;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.Page;
import org.abri.platform.SqlParameters;
import org.abri.sop.SopSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The supervisor's view of their team at a glance: for each person they supervise, open cases
 * by risk level, overdue steps, approvals waiting, the latest individual session and what the
 * rhythm says is next, and the caseload against the SOP standards. A supervisor sees their own
 * team; an agency manager every supervisor's team of their agency; nobody else (403). A handful
 * of queries for the whole view, never one per case.
 */
@Service
public class TeamView {

    public static final String CASELOAD_CASEWORKER = "caseload_caseworker";
    public static final String CASELOAD_SUPERVISOR = "caseload_supervisor";
    public static final String CASELOAD_DATA_ENTRY = "caseload_data_entry";

    private final JdbcClient jdbc;
    private final CaseTasks tasks;
    private final CaseWorkflow workflow;
    private final SopSettings sop;
    private final SupervisionRhythm rhythm;
    private final AuditLog audit;

    TeamView(JdbcClient jdbc, CaseTasks tasks, CaseWorkflow workflow, SopSettings sop, SupervisionRhythm rhythm,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.workflow = workflow;
        this.sop = sop;
        this.rhythm = rhythm;
        this.audit = audit;
    }

    /**
     * One supervised person. {@code caseload} is what the standard counts: open cases assigned
     * (a caseworker) or open cases registered (a data entry clerk), against {@code standard}.
     */
    public record Member(UUID id, String name, boolean dataEntry, int high, int medium, int low, int caseload,
            int standard, int overdue, int pendingApprovals, LocalDate lastIndividualSupervision,
            List<SupervisionRhythm.Due> rhythm) {

        public int openCases() {
            return high + medium + low;
        }

        public boolean overStandard() {
            return caseload > standard;
        }
    }

    /** One supervisor's team; {@code myQueue} the approvals waiting for the viewer themselves (their queue). */
    public record Team(UUID supervisorId, String supervisorName, int standard, SupervisionRhythm.Due teamMeeting,
            List<Member> members) {

        public int size() {
            return members.size();
        }

        public boolean overStandard() {
            return members.size() > standard;
        }

        public int pendingApprovals() {
            return members.stream().mapToInt(Member::pendingApprovals).sum();
        }
    }

    /**
     * An agency manager sees the teams of their agency {@value #TEAMS_PER_PAGE} at a time, by
     * supervisor's name: a ministry has hundreds, and computing every caseworker's figures at once
     * took about 1.8 s at a million cases (bench/README.md).
     */
    public static final int TEAMS_PER_PAGE = 20;

    /**
     * The view: a page of teams ({@code page} from 0, of {@code totalTeams}), and the length of the
     * viewer's own approvals queue (a supervisor's).
     */
    public record Overview(List<Team> teams, int myQueue, boolean supervisor, int page, int pageSize, long totalTeams) {

        /** The teams as a page, for the pager under them. */
        public Page<Team> asPage() {
            return new Page<>(teams, page, pageSize, totalTeams);
        }
    }

    public Overview of(CurrentUser viewer) {
        return of(viewer, 0);
    }

    public Overview of(CurrentUser viewer, int page) {
        String scope;
        List<Object> scopeParams = new ArrayList<>();
        if (viewer.agencyId() == null) {
            throw new AccessDeniedException("the team view is a supervisor's or an agency manager's");
        }
        if (viewer.has(Role.AGENCY_MANAGER)) {
            scope = "sup.agency_id = ? and sup.active and exists (select 1 from user_role ur where ur.user_id = sup.id"
                    + " and ur.role = 'SUPERVISOR')";
            scopeParams.add(viewer.agencyId());
        } else if (viewer.has(Role.SUPERVISOR)) {
            scope = "sup.id = ?";
            scopeParams.add(viewer.id());
        } else {
            throw new AccessDeniedException("the team view is a supervisor's or an agency manager's");
        }
        int wanted = Math.max(page, 0);
        long total = SqlParameters.bind(jdbc.sql("select count(*) from app_user sup where " + scope), scopeParams)
                .query(Long.class).single();
        List<Team> teams = teams(viewer.agencyId(), scope, scopeParams, wanted);
        int myQueue = viewer.has(Role.SUPERVISOR) ? workflow.pendingFor(viewer).size() : 0;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("teams", teams.size());
        detail.put("page", wanted);
        audit.record(AuditAction.SEARCH, "supervision_team", null, viewer.agencyId(), detail);
        return new Overview(teams, myQueue, viewer.has(Role.SUPERVISOR), wanted, TEAMS_PER_PAGE, total);
    }

    private record Row(UUID supervisorId, UUID id, String name, LocalDate since, boolean dataEntry) {
    }

    private List<Team> teams(UUID agencyId, String scope, List<Object> scopeParams, int page) {
        List<SupervisionRhythm.Person> supervisorPeople = new ArrayList<>();
        Map<UUID, String> supervisorNames = new LinkedHashMap<>();
        List<Object> pageParams = new ArrayList<>(scopeParams);
        pageParams.add(TEAMS_PER_PAGE);
        pageParams.add((long) page * TEAMS_PER_PAGE);
        SqlParameters.bind(jdbc.sql("select sup.id, sup.full_name, sup.created_at from app_user sup where " + scope
                + " order by sup.full_name, sup.id limit ? offset ?"), pageParams)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    supervisorNames.put(id, rs.getString("full_name"));
                    return supervisorPeople.add(new SupervisionRhythm.Person(id, rs.getString("full_name"), rhythm.sinceOf(rs.getTimestamp("created_at"))));
                }).list();
        if (supervisorNames.isEmpty()) {
            return List.of();
        }
        List<Object> supervisorIds = new ArrayList<>(supervisorNames.keySet());
        List<Row> rows = SqlParameters.bind(jdbc.sql("""
                select s.supervisor_id, u.id, u.full_name, u.created_at,
                       exists (select 1 from user_role r where r.user_id = u.id and r.role = 'DATA_ENTRY_CLERK')
                       and not exists (select 1 from user_role r where r.user_id = u.id and r.role = 'CASEWORKER') as data_entry
                from supervision s join app_user u on u.id = s.caseworker_id join app_user sup on sup.id = s.supervisor_id
                where u.active and u.agency_id = sup.agency_id and s.supervisor_id in (""" + SqlParameters.marks(supervisorIds.size())
                + ") order by u.full_name"), supervisorIds)
                .query((rs, n) -> new Row(rs.getObject("supervisor_id", UUID.class), rs.getObject("id", UUID.class),
                        rs.getString("full_name"), rhythm.sinceOf(rs.getTimestamp("created_at")), rs.getBoolean("data_entry")))
                .list();
        Map<UUID, SupervisionRhythm.Person> people = new LinkedHashMap<>();
        rows.forEach(row -> people.putIfAbsent(row.id(), new SupervisionRhythm.Person(row.id(), row.name(), row.since())));
        List<Object> ids = new ArrayList<>(people.keySet());

        Map<UUID, int[]> byRisk = new HashMap<>();
        Map<UUID, Integer> registered = new HashMap<>();
        Map<UUID, Integer> pending = new HashMap<>();
        Map<UUID, LocalDate> lastIndividual = new HashMap<>();
        if (!ids.isEmpty()) {
            String marks = SqlParameters.marks(ids.size());
            List<Object> agencyAndIds = new ArrayList<>();
            agencyAndIds.add(agencyId);
            agencyAndIds.addAll(ids);
            SqlParameters.bind(jdbc.sql("select caseworker_id, risk_level, count(*) as n from child_case where agency_id = ? and step in "
                    + CaseStep.OPEN_SQL_LIST + " and caseworker_id in (" + marks + ") group by caseworker_id, risk_level"), agencyAndIds)
                    .query((rs, n) -> {
                        int[] counts = byRisk.computeIfAbsent(rs.getObject("caseworker_id", UUID.class), k -> new int[3]);
                        counts[SopSettings.RISK_LEVELS.indexOf(rs.getString("risk_level"))] = rs.getInt("n");
                        return counts;
                    }).list();
            // Only data entry clerks have a caseload of cases they entered; asking for everyone's read
            // a whole agency's cases for nothing.
            List<Object> clerks = rows.stream().filter(Row::dataEntry).map(row -> (Object) row.id()).distinct().toList();
            if (!clerks.isEmpty()) {
                SqlParameters.bind(jdbc.sql("select registered_by, count(*) as n from child_case where step not in "
                        + "('closed', 'archived') and registered_by in (" + SqlParameters.marks(clerks.size())
                        + ") group by registered_by"), clerks)
                        .query((rs, n) -> registered.put(rs.getObject("registered_by", UUID.class), rs.getInt("n"))).list();
            }
            SqlParameters.bind(jdbc.sql("select c.caseworker_id, count(*) as n from case_approval a join child_case c on "
                    + "c.id = a.case_id where a.status = 'submitted' and c.caseworker_id in (" + marks + ") group by c.caseworker_id"),
                    ids).query((rs, n) -> pending.put(rs.getObject("caseworker_id", UUID.class), rs.getInt("n"))).list();
            List<Object> params = new ArrayList<>();
            params.add(SupervisionRhythm.INDIVIDUAL_SUPERVISION);
            params.addAll(ids);
            SqlParameters.bind(jdbc.sql("select subject_id, max(held_on) as last from staff_record where form_id = ? and "
                    + "subject_id in (" + marks + ") group by subject_id"), params)
                    .query((rs, n) -> lastIndividual.put(rs.getObject("subject_id", UUID.class),
                            rs.getObject("last", LocalDate.class))).list();
        }
        Map<UUID, Integer> overdue = tasks.overdueCountsOf(agencyId, people.keySet());
        Map<UUID, List<SupervisionRhythm.Due>> dues = rhythm.personal(people.values());
        Map<UUID, SupervisionRhythm.Due> meetings = rhythm.teamMeetings(supervisorPeople);
        int caseworkerStandard = sop.standard(CASELOAD_CASEWORKER);
        int dataEntryStandard = sop.standard(CASELOAD_DATA_ENTRY);
        int supervisorStandard = sop.standard(CASELOAD_SUPERVISOR);

        Map<UUID, List<Member>> members = new LinkedHashMap<>();
        for (Row row : rows) {
            int[] risk = byRisk.getOrDefault(row.id(), new int[3]);
            int caseload = row.dataEntry() ? registered.getOrDefault(row.id(), 0) : risk[0] + risk[1] + risk[2];
            members.computeIfAbsent(row.supervisorId(), k -> new ArrayList<>()).add(new Member(row.id(), row.name(),
                    row.dataEntry(), risk[0], risk[1], risk[2], caseload,
                    row.dataEntry() ? dataEntryStandard : caseworkerStandard, overdue.getOrDefault(row.id(), 0),
                    pending.getOrDefault(row.id(), 0), lastIndividual.get(row.id()), dues.getOrDefault(row.id(), List.of())));
        }
        List<Team> teams = new ArrayList<>();
        supervisorNames.forEach((id, name) -> teams.add(new Team(id, name, supervisorStandard, meetings.get(id),
                members.getOrDefault(id, List.of()))));
        return teams;
    }
}
