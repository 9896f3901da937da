package org.abri.supervision;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.cases.CaseRegistry;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormValidator;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.platform.FieldChecks;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.SqlParameters;
import org.abri.platform.StaleRecordException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records about staff. Who reads one: the person it is about, its author, that person's
 * supervisors, and their agency's manager; a team record (no subject) also its author's
 * supervisees. Nobody else — not other caseworkers, not other agencies: they get 404, as for a
 * record that does not exist. Who writes one: a supervisor about a caseworker they supervise (or
 * their team), an agency manager about any staff member of their agency. Every access is audited.
 */
@Service
public class StaffRecords {

    static final String RECORD_TYPE = "staff_record";
    public static final List<String> MODES = List.of("in_person", "phone", "video");
    /** A group field with this id holds the agreed action points (fields {@code action}, {@code due_date}). */
    public static final String ACTION_POINTS = "agreed_actions";

    private static final String SELECT = """
            select r.id, r.agency_id, r.subject_id, s.full_name as subject_name, r.case_id, c.case_number, r.form_id,
                   r.form_version, r.held_on, r.mode, r.data::text as data, r.version, r.created_at, r.created_by,
                   a.full_name as created_by_name, r.updated_at
            from staff_record r join app_user a on a.id = r.created_by left join app_user s on s.id = r.subject_id
            left join child_case c on c.id = r.case_id""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final FormCatalogue catalogue;
    private final FormValidator validator;
    private final UserAccounts accounts;
    private final CaseRegistry cases;
    private final AuditLog audit;

    StaffRecords(JdbcClient jdbc, JsonMapper json, FormCatalogue catalogue, FormValidator validator,
            UserAccounts accounts, CaseRegistry cases, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.catalogue = catalogue;
        this.validator = validator;
        this.accounts = accounts;
        this.cases = cases;
        this.audit = audit;
    }

    /** What is recorded: the form, about whom (null: the team), on which case if any, when and how. */
    public record StaffRecordRequest(String formId, UUID subjectId, UUID caseId, LocalDate heldOn, String mode,
            Map<String, ?> values) {
    }

    /** The condition, on alias {@code r}, of the records this user may read, with its parameters. */
    static Condition readable(CurrentUser user) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("(r.subject_id = ? or r.created_by = ?");
        params.add(user.id());
        params.add(user.id());
        sql.append(" or (r.subject_id is null and r.created_by in (select supervisor_id from supervision where caseworker_id = ?))");
        params.add(user.id());
        if (user.has(Role.SUPERVISOR)) {
            sql.append(" or r.subject_id in (select caseworker_id from supervision where supervisor_id = ?)");
            params.add(user.id());
        }
        if (user.has(Role.AGENCY_MANAGER) && user.agencyId() != null) {
            sql.append(" or r.agency_id = ?");
            params.add(user.agencyId());
        }
        sql.append(")");
        return new Condition(sql.toString(), params);
    }

    record Condition(String sql, List<Object> params) {
    }

    /** The form of a record about one case of the supervisee (the record's {@code case_id}). */
    public static final String CASE_DISCUSSION = "case_discussion";
    /** Forms recorded about the team rather than one person. */
    public static final List<String> TEAM_FORMS = List.of("team_meeting");

    /** Whether this user may write any supervision record at all (a role question: 403 otherwise). */
    public static boolean mayWriteAny(CurrentUser user) {
        return user.agencyId() != null && user.hasAny(Role.SUPERVISOR, Role.AGENCY_MANAGER);
    }

    /** Whether this user may read any supervision record (staff of an agency); a role question. */
    public static boolean mayReadAny(CurrentUser user) {
        return user.agencyId() != null;
    }

    /**
     * Whether this user may look at the supervision of this staff member: the person themselves,
     * a supervisor of theirs, or the manager of their agency. Nobody else (not even to know the
     * person has records).
     */
    public boolean mayFollow(CurrentUser user, UUID subjectId) {
        if (user.agencyId() == null || subjectId == null) {
            return false;
        }
        if (subjectId.equals(user.id())) {
            return true;
        }
        if (user.has(Role.SUPERVISOR) && accounts.superviseesOf(user.id()).contains(subjectId)) {
            return true;
        }
        return user.has(Role.AGENCY_MANAGER) && accounts.find(subjectId).map(UserAccount::agencyId)
                .filter(user.agencyId()::equals).isPresent();
    }

    /** The open cases of a staff member this user may read, to choose the one of a case discussion. */
    public List<CaseChoice> casesOf(CurrentUser user, UUID caseworkerId) {
        if (caseworkerId == null) {
            return List.of();
        }
        return jdbc.sql("select id, case_number from child_case where caseworker_id = ? and status = 'open' "
                + "order by case_number").param(caseworkerId)
                .query((rs, n) -> new CaseChoice(rs.getObject("id", UUID.class), rs.getString("case_number"))).list()
                .stream().filter(choice -> cases.mayRead(user, choice.id())).toList();
    }

    /** A case offered for a case discussion: its id and number only. */
    public record CaseChoice(UUID id, String caseNumber) {
    }

    /** Whether this user may write records about this staff member (null: their team). */
    public boolean mayRecordAbout(CurrentUser user, UUID subjectId) {
        if (user.agencyId() == null) {
            return false;
        }
        if (subjectId == null) {
            return user.hasAny(Role.SUPERVISOR, Role.AGENCY_MANAGER);
        }
        if (user.has(Role.SUPERVISOR) && accounts.superviseesOf(user.id()).contains(subjectId)) {
            return true;
        }
        return user.has(Role.AGENCY_MANAGER) && accounts.find(subjectId).map(UserAccount::agencyId)
                .filter(user.agencyId()::equals).isPresent();
    }

    @Transactional
    public StaffRecord create(CurrentUser author, StaffRecordRequest request) {
        if (!author.hasAny(Role.SUPERVISOR, Role.AGENCY_MANAGER)) {
            throw new AccessDeniedException("supervision records are written by supervisors and managers");
        }
        if (!mayRecordAbout(author, request.subjectId())) {
            throw new NotFoundException("user.not_found");
        }
        FormDefinition form = staffForm(request.formId());
        FieldChecks checks = new FieldChecks().required("heldOn", request.heldOn())
                .choice("mode", request.mode(), MODES, false);
        if (CASE_DISCUSSION.equals(form.id())) {
            checks.required("caseId", request.caseId());
        }
        if (request.heldOn() != null && request.heldOn().isAfter(LocalDate.now())) {
            checks.add("heldOn", "validation.date_in_future");
        }
        if (request.caseId() != null && !cases.mayRead(author, request.caseId())) {
            throw new NotFoundException("case.not_found");
        }
        Map<String, Object> values = checkedTogether(checks, form, request.values(), Map.of());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into staff_record (id, agency_id, subject_id, case_id, form_id, form_version, held_on, mode, data,
                    created_by, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(id, author.agencyId(), request.subjectId(), request.caseId(), form.id(), form.version(),
                        Date.valueOf(request.heldOn()), blankToNull(request.mode()), json.writeValueAsString(values),
                        author.id(), author.id())
                .update();
        saveActionPoints(id, form, request.subjectId(), values);
        audit.record(AuditAction.CREATE, RECORD_TYPE, id, author.agencyId(), auditDetail(form.id(), request.caseId()));
        return load(id);
    }

    /** Saves an edit made from {@code expectedVersion}; the action points follow the new values. */
    @Transactional
    public StaffRecord update(CurrentUser editor, UUID id, LocalDate heldOn, String mode, Map<String, ?> submitted,
            int expectedVersion) {
        StaffRecord before = read(editor, id);
        if (!before.createdBy().equals(editor.id())) {
            throw new AccessDeniedException("only its author changes a supervision record");
        }
        FormDefinition form = staffForm(before.formId());
        FieldChecks checks = new FieldChecks().required("heldOn", heldOn).choice("mode", mode, MODES, false);
        if (heldOn != null && heldOn.isAfter(LocalDate.now())) {
            checks.add("heldOn", "validation.date_in_future");
        }
        Map<String, Object> values = checkedTogether(checks, form, submitted, before.data());
        int updated = jdbc.sql("""
                update staff_record set held_on = ?, mode = ?, data = ?::jsonb, form_version = ?, updated_at = now(),
                    updated_by = ?, version = version + 1
                where id = ? and version = ?""")
                .params(Date.valueOf(heldOn), blankToNull(mode), json.writeValueAsString(values), form.version(),
                        editor.id(), id, expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleRecordException("staff_record.changed_meanwhile");
        }
        jdbc.sql("delete from supervision_action where record_id = ? and done_at is null").param(id).update();
        saveActionPoints(id, form, before.subjectId(), values);
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, before.agencyId(), auditDetail(form.id(), before.caseId()));
        return load(id);
    }

    /** One record, if this user may read it (404 otherwise). Audited. */
    @Transactional
    public StaffRecord read(CurrentUser reader, UUID id) {
        Condition readable = readable(reader);
        StaffRecord found = SqlParameters.bind(jdbc.sql(SELECT + " where r.id = ? and " + readable.sql()).param(id), readable.params())
                .query(this::record).optional().orElseThrow(() -> new NotFoundException("staff_record.not_found"));
        audit.record(AuditAction.READ, RECORD_TYPE, id, found.agencyId(), auditDetail(found.formId(), found.caseId()));
        return found;
    }

    /** A case discussion is also in its case's trail: its entries carry the case id. */
    private static Map<String, Object> auditDetail(String formId, UUID caseId) {
        return caseId == null ? Map.of("form", formId) : Map.of("form", formId, "caseId", caseId.toString());
    }

    /**
     * The records this user may read, newest first: about one staff member ({@code subjectId}),
     * of one form ({@code formId}), or on one case ({@code caseId}) — each filter optional.
     */
    @Transactional
    public List<StaffRecord> list(CurrentUser reader, UUID subjectId, String formId, UUID caseId) {
        Condition readable = readable(reader);
        StringBuilder sql = new StringBuilder(SELECT).append(" where ").append(readable.sql());
        List<Object> params = new ArrayList<>(readable.params());
        if (subjectId != null) {
            sql.append(" and r.subject_id = ?");
            params.add(subjectId);
        }
        if (formId != null) {
            sql.append(" and r.form_id = ?");
            params.add(formId);
        }
        if (caseId != null) {
            sql.append(" and r.case_id = ?");
            params.add(caseId);
        }
        sql.append(" order by r.held_on desc, r.created_at desc limit 500");
        List<StaffRecord> found = SqlParameters.bind(jdbc.sql(sql.toString()), params).query(this::record).list();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("results", found.size());
        detail.put("subject", subjectId == null ? "" : subjectId.toString());
        detail.put("form", formId == null ? "" : formId);
        if (caseId != null) {
            detail.put("caseId", caseId.toString());
        }
        audit.record(AuditAction.SEARCH, RECORD_TYPE, null, reader.agencyId(), detail);
        return found;
    }

    /** The supervision forms (subject "staff") as they stand. */
    public List<FormDefinition> forms() {
        return catalogue.current().stream().filter(FormDefinition::aboutStaff).toList();
    }

    public FormDefinition definitionOf(StaffRecord record) {
        return catalogue.version(record.formId(), record.formVersion());
    }

    FormDefinition staffForm(String formId) {
        FormDefinition form = catalogue.current(formId == null ? "" : formId)
                .orElseThrow(() -> new NotFoundException("form.not_found"));
        if (!form.aboutStaff()) {
            throw new NotFoundException("form.not_found");
        }
        return form;
    }

    /** The values as the form accepts them; refused with every problem at once, the record's own and the form's. */
    private Map<String, Object> checkedTogether(FieldChecks checks, FormDefinition form, Map<String, ?> submitted,
            Map<String, Object> before) {
        List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
        try {
            checks.throwIfAny();
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        Map<String, Object> values = null;
        try {
            values = validator.check(form, submitted, before);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return values;
    }

    private void saveActionPoints(UUID recordId, FormDefinition form, UUID subjectId, Map<String, Object> values) {
        if (subjectId == null || form.field(ACTION_POINTS).isEmpty()
                || !(values.get(ACTION_POINTS) instanceof List<?> rows)) {
            return;
        }
        for (Object row : rows) {
            if (row instanceof Map<?, ?> point && point.get("action") != null) {
                Object due = point.get("due_date");
                jdbc.sql("insert into supervision_action (id, record_id, owner_id, action, due_on) values (?, ?, ?, ?, ?)")
                        .params(UUID.randomUUID(), recordId, subjectId, point.get("action").toString(),
                                due == null ? null : Date.valueOf(LocalDate.parse(due.toString())))
                        .update();
            }
        }
    }

    StaffRecord load(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(this::record).single();
    }

    private StaffRecord record(ResultSet rs, int row) throws SQLException {
        Map<String, Object> data = json.readValue(rs.getString("data"), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return new StaffRecord(rs.getObject("id", UUID.class), rs.getObject("agency_id", UUID.class),
                rs.getObject("subject_id", UUID.class), rs.getString("subject_name"), rs.getObject("case_id", UUID.class),
                rs.getString("case_number"), rs.getString("form_id"), rs.getInt("form_version"),
                rs.getObject("held_on", LocalDate.class), rs.getString("mode"), data, rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getObject("created_by", UUID.class),
                rs.getString("created_by_name"), rs.getTimestamp("updated_at").toInstant());
    }


    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
