package org.abri.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormValidator;
import org.abri.identity.CurrentUser;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.SqlParameters;
import org.abri.platform.StaleRecordException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filled forms of a case (assessments, plans, follow-up visits…). Who may read or
 * change them is who may read or change the case. Each record keeps the form version it
 * was last saved with; saving it again moves it to the current version, carrying over the
 * values of fields the form no longer asks for. Every read and write is audited.
 */
@Service
public class CaseRecords {

    static final String RECORD_TYPE = "form_record";
    /** Registration is the case itself, not one of its records. */
    public static final String REGISTRATION = "registration";

    private static final String SELECT = """
            select r.id, r.case_id, r.form_id, r.form_version, r.data::text as data, r.version, r.created_at,
                   cu.full_name as created_by_name, r.updated_at, uu.full_name as updated_by_name, c.agency_id
            from form_record r join child_case c on c.id = r.case_id
            join app_user cu on cu.id = r.created_by join app_user uu on uu.id = r.updated_by""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final FormCatalogue catalogue;
    private final FormValidator validator;
    private final AuditLog audit;
    private final CaseRegistry registry;

    CaseRecords(JdbcClient jdbc, JsonMapper json, FormCatalogue catalogue, FormValidator validator, AuditLog audit,
            CaseRegistry registry) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.json = json;
        this.catalogue = catalogue;
        this.validator = validator;
        this.audit = audit;
    }

    /** One saved form of a case, with its values under field ids. */
    public record FormRecord(UUID id, UUID caseId, String formId, int formVersion, Map<String, Object> data,
            int version, Instant createdAt, String createdByName, Instant updatedAt, String updatedByName,
            UUID agencyId) {
    }

    /** The records of a case, newest first, without their values (for the case page). */
    public List<FormRecord> list(CurrentUser reader, UUID caseId) {
        requireReadable(reader, caseId);
        return jdbc.sql(SELECT.replace("r.data::text as data", "'{}' as data")
                        + " where r.case_id = ? order by r.created_at desc")
                .param(caseId).query((rs, n) -> record(rs)).list();
    }

    @Transactional
    public FormRecord create(CurrentUser editor, UUID caseId, String formId, Map<String, ?> submitted) {
        UUID agencyId = requireEditable(editor, caseId);
        FormDefinition form = fillable(formId);
        if (!form.repeatable() && jdbc.sql("select exists (select 1 from form_record where case_id = ? and form_id = ?)")
                .params(caseId, formId).query(Boolean.class).single()) {
            throw new RuleViolationException("form.already_filled");
        }
        Map<String, Object> values = validator.check(form, submitted, Map.of());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into form_record (id, case_id, form_id, form_version, data, created_by, updated_by)
                values (?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(id, caseId, formId, form.version(), json.writeValueAsString(values), editor.id(), editor.id())
                .update();
        audit.record(AuditAction.CREATE, RECORD_TYPE, id, agencyId, Map.of("caseId", caseId.toString(), "form", formId,
                "formVersion", form.version()));
        followRiskLevel(editor, caseId, formId, id, values);
        return load(id);
    }

    @Transactional
    public FormRecord read(CurrentUser reader, UUID recordId) {
        FormRecord found = load(recordId);
        requireReadable(reader, found.caseId());
        audit.record(AuditAction.READ, RECORD_TYPE, recordId, found.agencyId(),
                Map.of("caseId", found.caseId().toString(), "form", found.formId()));
        return found;
    }

    /**
     * Reads a record to take it out of Abri (a printed PDF…): the same need-to-know check and
     * READ entry as {@link #read}, plus an EXPORT entry naming the form and the format, never
     * the child's data. A record of another case answers 404, like one that does not exist.
     */
    @Transactional
    public FormRecord export(CurrentUser reader, UUID caseId, UUID recordId, String format) {
        FormRecord found = read(reader, recordId);
        if (!found.caseId().equals(caseId)) {
            throw new NotFoundException("record.not_found");
        }
        audit.record(AuditAction.EXPORT, RECORD_TYPE, recordId, found.agencyId(),
                Map.of("caseId", caseId.toString(), "form", found.formId(), "format", format));
        return found;
    }

    /** Saves a change made from {@code expectedVersion}; refused if someone saved meanwhile. */
    @Transactional
    public FormRecord update(CurrentUser editor, UUID recordId, Map<String, ?> submitted, int expectedVersion) {
        FormRecord before = load(recordId);
        requireEditable(editor, before.caseId());
        FormDefinition form = fillable(before.formId());
        Map<String, Object> values = validator.check(form, submitted, before.data());
        int updated = jdbc.sql("""
                update form_record set data = ?::jsonb, form_version = ?, version = version + 1, updated_at = now(),
                    updated_by = ? where id = ? and version = ?""")
                .params(json.writeValueAsString(values), form.version(), editor.id(), recordId, expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleRecordException("record.changed_meanwhile");
        }
        followRiskLevel(editor, before.caseId(), before.formId(), recordId, values);
        audit.record(AuditAction.UPDATE, RECORD_TYPE, recordId, before.agencyId(), Map.of("caseId",
                before.caseId().toString(), "form", before.formId(), "fields", changedFields(before.data(), values)));
        return load(recordId);
    }

    /**
     * An assessment, review or follow-up that sets a risk level ({@code risk_level}) updates the
     * case's, which drives its deadlines; the change is kept with who, when, the form and why
     * ({@code risk_level_reason} when the form asks it).
     */
    private void followRiskLevel(CurrentUser editor, UUID caseId, String formId, UUID recordId, Map<String, Object> values) {
        Object level = values.get("risk_level");
        if (!(level instanceof String risk) || !CaseValidation.RISK_LEVELS.contains(risk)) {
            return;
        }
        String current = jdbc.sql("select risk_level from child_case where id = ?").param(caseId).query(String.class).single();
        if (current.equals(risk)) {
            return;
        }
        Object reason = values.get("risk_level_reason");
        jdbc.sql("update child_case set risk_level = ?, updated_at = now(), updated_by = ?, version = version + 1 where id = ?")
                .params(risk, editor.id(), caseId).update();
        jdbc.sql("""
                insert into case_risk_change (case_id, from_level, to_level, source_form, record_id, reason, changed_by)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, current, risk, formId, recordId, reason instanceof String text ? text : null, editor.id())
                .update();
        UUID agencyId = jdbc.sql("select agency_id from child_case where id = ?").param(caseId).query(UUID.class).single();
        audit.record(AuditAction.UPDATE, CaseRegistry.RECORD_TYPE, caseId, agencyId, Map.of("fields",
                List.of("riskLevel"), "from", current, "to", risk, "form", formId));
    }

    /** How the risk level of a case changed, newest first. */
    public record RiskChange(String fromLevel, String toLevel, String sourceForm, String reason,
            java.time.Instant changedAt, String changedByName) {
    }

    public List<RiskChange> riskHistory(CurrentUser reader, UUID caseId) {
        requireReadable(reader, caseId);
        return jdbc.sql("""
                select r.from_level, r.to_level, r.source_form, r.reason, r.changed_at, u.full_name as changed_by_name
                from case_risk_change r left join app_user u on u.id = r.changed_by
                where r.case_id = ? order by r.changed_at desc, r.id desc""").param(caseId).query(RiskChange.class).list();
    }

    /** The form version a record was saved with: what it is displayed with. */
    public FormDefinition definitionOf(FormRecord record) {
        return catalogue.version(record.formId(), record.formVersion());
    }

    /** The forms a case can hold, in their order (registration excepted). */
    public List<FormDefinition> fillableForms() {
        return catalogue.current().stream().filter(form -> !REGISTRATION.equals(form.id()) && !form.aboutStaff())
                .toList();
    }

    private FormDefinition fillable(String formId) {
        if (REGISTRATION.equals(formId)) {
            throw new NotFoundException("form.not_found");
        }
        FormDefinition form = catalogue.get(formId);
        if (form.aboutStaff()) {
            // Supervision records are about staff, never filed on a child's case.
            throw new NotFoundException("form.not_found");
        }
        return form;
    }

    private UUID requireReadable(CurrentUser reader, UUID caseId) {
        return agencyOf(CaseAccess.readable(reader), caseId);
    }

    private UUID requireEditable(CurrentUser editor, UUID caseId) {
        UUID agencyId = requireReadable(editor, caseId);
        if (!registry.mayEdit(editor, caseId)) {
            throw new AccessDeniedException("may read but not edit this case");
        }
        return agencyId;
    }

    private UUID agencyOf(CaseAccess.Condition access, UUID caseId) {
        return SqlParameters.bind(jdbc.sql("select c.agency_id from child_case c where c.id = ? and " + access.sql()).param(caseId),
                access.params()).query(UUID.class).optional().orElseThrow(() -> new NotFoundException("case.not_found"));
    }

    /** The latest record of a form on a case, with its values (no access check: callers have made theirs). */
    java.util.Optional<FormRecord> latest(UUID caseId, String formId) {
        return jdbc.sql(SELECT + " where r.case_id = ? and r.form_id = ? order by r.created_at desc limit 1")
                .params(caseId, formId).query((rs, n) -> record(rs)).optional();
    }

    /** The forms that have at least one record on the case, oldest first. */
    List<String> formsOnFile(UUID caseId) {
        return jdbc.sql("select form_id from form_record where case_id = ? group by form_id order by min(created_at)")
                .param(caseId).query(String.class).list();
    }

    private FormRecord load(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query((rs, n) -> record(rs)).optional()
                .orElseThrow(() -> new NotFoundException("record.not_found"));
    }

    private FormRecord record(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> data = json.readValue(rs.getString("data"), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return new FormRecord(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getString("form_id"), rs.getInt("form_version"), data, rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by_name"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by_name"),
                rs.getObject("agency_id", UUID.class));
    }

    /** The ids of fields whose value changed (never the values: they are the child's data). */
    private static List<String> changedFields(Map<String, ?> before, Map<String, ?> after) {
        java.util.Set<String> ids = new java.util.TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        return ids.stream().filter(id -> !java.util.Objects.equals(String.valueOf(before.get(id)),
                String.valueOf(after.get(id)))).toList();
    }

}
