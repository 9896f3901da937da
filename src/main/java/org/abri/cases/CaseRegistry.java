package org.abri.cases;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.locations.Locations;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.abri.platform.NotFoundException;
import org.abri.platform.Page;
import org.abri.platform.SqlParameters;
import org.abri.platform.StaleRecordException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers children, finds and reads their cases, and records changes, always within the
 * reader's need-to-know and always leaving an audit line. A case the reader may not see
 * answers exactly like a case that does not exist.
 */
@Service
public class CaseRegistry {

    static final String RECORD_TYPE = "child_case";

    private static final String SELECT_CASE = """
            select c.*, a.code as agency_code, w.full_name as caseworker_name, u.full_name as updated_by_name
            from child_case c join agency a on a.id = c.agency_id join app_user w on w.id = c.caseworker_id
            left join app_user u on u.id = c.updated_by""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final UserAccounts accounts;
    private final CaseValidation validation;
    private final tools.jackson.databind.json.JsonMapper json;
    private final Locations locations;

    CaseRegistry(JdbcClient jdbc, AuditLog audit, UserAccounts accounts, CaseValidation validation,
            tools.jackson.databind.json.JsonMapper json, Locations locations) {
        this.json = json;
        this.locations = locations;
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.validation = validation;
    }

    // ---- registering ---------------------------------------------------------------------

    @Transactional
    public ChildCase register(CurrentUser actor, CaseDetails details) {
        if (!CaseAccess.mayRegister(actor)) {
            throw new AccessDeniedException("may not register cases");
        }
        UUID caseworker = caseworkerFor(actor, details.getCaseworkerId());
        validation.check(details);
        UUID id = insert(actor.agencyId(), actor.agencyCode(), caseworker, actor.id(), details, Instant.now(), "open",
                false);
        ChildCase registered = load(id);
        audit.record(AuditAction.CREATE, RECORD_TYPE, id, registered.agencyId(),
                Map.of("caseNumber", registered.caseNumber()));
        return registered;
    }

    /**
     * Registers a child with the deployment's own registration fields ({@code extra}, already
     * checked against {@code formVersion} of the registration form), in one transaction.
     */
    @Transactional
    public ChildCase register(CurrentUser actor, CaseDetails details, Map<String, Object> extra, int formVersion) {
        ChildCase registered = register(actor, details);
        saveExtras(registered.id(), extra, formVersion);
        return registered;
    }

    /** Saves an edit with the deployment's own registration fields, in one transaction. */
    @Transactional
    public ChildCase update(CurrentUser editor, UUID id, CaseDetails details, Map<String, Object> extra,
            int formVersion) {
        ChildCase updated = update(editor, id, details);
        saveExtras(id, extra, formVersion);
        return updated;
    }

    /** The deployment's own registration fields of a case the reader may see. */
    public Map<String, Object> registrationExtras(CurrentUser reader, UUID id) {
        CaseAccess.Condition access = CaseAccess.readable(reader);
        String data = SqlParameters.bind(jdbc.sql("select c.form_data::text from child_case c where c.id = ? and " + access.sql())
                .param(id), access.params()).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("case.not_found"));
        return json.readValue(data, new tools.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {
        });
    }

    private void saveExtras(UUID id, Map<String, Object> extra, int formVersion) {
        jdbc.sql("update child_case set form_data = ?::jsonb, form_version = ? where id = ?")
                .params(json.writeValueAsString(extra == null ? Map.of() : extra), formVersion, id).update();
    }

    /** For the demo loader, which runs before anyone signs in; validates like a real registration. */
    @Transactional
    public ChildCase registerForDemo(UUID agencyId, String agencyCode, UUID caseworkerId, UUID registeredBy,
            CaseDetails details, Instant registeredAt, String status) {
        validation.check(details);
        return load(insert(agencyId, agencyCode, caseworkerId, registeredBy, details, registeredAt, status, true));
    }

    /**
     * How many cases are demo data ({@code demo}) or real data: a bare count for the demo
     * loader's checks, which reveals no child and so needs no reader.
     */
    public long countByDemoFlag(boolean demo) {
        return jdbc.sql("select count(*) from child_case where demo = ?").param(demo).query(Long.class).single();
    }

    /** The caseworkers a case can be assigned to by this user at registration. */
    public List<UserAccount> assignableCaseworkers(CurrentUser actor) {
        if (!CaseAccess.mayRegister(actor)) {
            return List.of();
        }
        List<UserAccount> caseworkers = accounts.activeWithRole(actor.agencyId(), Role.CASEWORKER);
        if (actor.has(Role.DATA_ENTRY_CLERK)) {
            return caseworkers;
        }
        Set<UUID> allowed = new java.util.HashSet<>();
        allowed.add(actor.id());
        if (actor.has(Role.SUPERVISOR)) {
            allowed.addAll(accounts.superviseesOf(actor.id()));
        }
        return caseworkers.stream().filter(c -> allowed.contains(c.id())).toList();
    }

    private UUID caseworkerFor(CurrentUser actor, UUID requested) {
        if (requested == null) {
            if (actor.hasAny(Role.CASEWORKER, Role.SUPERVISOR)) {
                return actor.id();
            }
            throw new InvalidInputException(List.of(new FieldProblem("caseworkerId", "validation.required")));
        }
        if (requested.equals(actor.id()) && actor.hasAny(Role.CASEWORKER, Role.SUPERVISOR)) {
            return requested;
        }
        boolean allowed = assignableCaseworkers(actor).stream().anyMatch(c -> c.id().equals(requested));
        if (!allowed) {
            throw new InvalidInputException(List.of(new FieldProblem("caseworkerId", "validation.invalid_choice")));
        }
        return requested;
    }

    private UUID insert(UUID agencyId, String agencyCode, UUID caseworker, UUID registeredBy, CaseDetails d,
            Instant registeredAt, String status, boolean demo) {
        UUID id = UUID.randomUUID();
        String caseNumber = nextCaseNumber(agencyId, agencyCode, registeredAt);
        jdbc.sql("""
                insert into child_case (id, case_number, agency_id, caseworker_id, registered_by, status, risk_level,
                    given_names, family_name, other_names, sex, date_of_birth, age_estimated, age_estimated_on,
                    nationality, displacement_status, location_id, caregiver_name, caregiver_relationship,
                    protection_concerns, registered_at, updated_at, updated_by, demo)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, caseNumber, agencyId, caseworker, registeredBy, status, d.getRiskLevel(),
                        d.getGivenNames().strip(), d.getFamilyName().strip(), blankToNull(d.getOtherNames()),
                        d.getSex(), date(d.getDateOfBirth()), d.getDateOfBirth() == null ? d.getAgeEstimated() : null,
                        d.getDateOfBirth() == null ? date(LocalDate.ofInstant(registeredAt, java.time.ZoneOffset.UTC)) : null,
                        blankToNull(d.getNationality()), blankToNull(d.getDisplacementStatus()), d.getLocationId(),
                        blankToNull(d.getCaregiverName()), blankToNull(d.getCaregiverRelationship()),
                        d.getProtectionConcerns().toArray(String[]::new), Timestamp.from(registeredAt),
                        Timestamp.from(registeredAt), registeredBy, demo)
                .update();
        // The step follows: a case registered closed (the demo loader's) is at the closed step.
        jdbc.sql("""
                update child_case set step = case when status = 'closed' then 'closed' else 'identification' end,
                    step_since = registered_at, closed_at = case when status = 'closed' then registered_at end
                where id = ?""").param(id).update();
        saveConsents(id, d.getConsents());
        return id;
    }

    /** AGENCY-YEAR-SEQUENCE, e.g. "IRC-2026-00042": short enough to say on the phone. */
    private String nextCaseNumber(UUID agencyId, String agencyCode, Instant registeredAt) {
        int year = Year.from(registeredAt.atZone(java.time.ZoneOffset.UTC)).getValue();
        long next = jdbc.sql("select abri_next_case_number(?, ?)").params(agencyId, year).query(Long.class).single();
        return "%s-%d-%05d".formatted(agencyCode, year, next);
    }

    private void saveConsents(UUID caseId, List<ConsentRecord> consents) {
        jdbc.sql("delete from case_consent where case_id = ?").param(caseId).update();
        for (ConsentRecord consent : consents) {
            if (consent != null && consent.decision() != null) {
                jdbc.sql("""
                        insert into case_consent (case_id, kind, decision, method, given_by, given_on)
                        values (?, ?, ?, ?, ?, ?)""")
                        .params(caseId, consent.kind(), consent.decision(), consent.method(), consent.givenBy(),
                                date(consent.givenOn()))
                        .update();
            }
        }
    }

    // ---- reading -------------------------------------------------------------------------

    @Transactional
    public ChildCase read(CurrentUser reader, UUID id) {
        ChildCase found = find(CaseAccess.readable(reader), id);
        audit.record(AuditAction.READ, RECORD_TYPE, id, found.agencyId(), Map.of("caseNumber", found.caseNumber()));
        return found;
    }

    /** Whether this user may read the case (need-to-know), without reading it. */
    public boolean mayRead(CurrentUser user, UUID id) {
        CaseAccess.Condition readable = CaseAccess.readable(user);
        return SqlParameters.bind(jdbc.sql("select exists (select 1 from child_case c where c.id = ? and " + readable.sql() + ")")
                .param(id), readable.params()).query(Boolean.class).single();
    }

    /**
     * The cases this user may read, as a subquery selecting their ids ({@code sql}, bound to
     * {@code params} in order), for another module's lists (e.g. the referrals of my cases).
     */
    public CaseScope readableScope(CurrentUser user) {
        CaseAccess.Condition readable = CaseAccess.readable(user);
        return new CaseScope("select c.id from child_case c where " + readable.sql(), readable.params());
    }

    /** A subquery of case ids and its parameters. */
    public record CaseScope(String sql, List<Object> params) {
    }

    /** Whether this user may change the case (assumes they may read it). */
    public boolean mayEdit(CurrentUser user, UUID id) {
        CaseAccess.Condition editable = CaseAccess.editable(user);
        return SqlParameters.bind(jdbc.sql("select exists (select 1 from child_case c where c.id = ? and " + editable.sql() + ")")
                .param(id), editable.params()).query(Boolean.class).single();
    }

    /** Open cases by risk level and closed cases this user may see; empty if they see none by role. */
    public java.util.Optional<CaseCounts> counts(CurrentUser user) {
        CaseAccess.Condition access = CaseAccess.readable(user);
        if ("false".equals(access.sql())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(SqlParameters.bind(jdbc.sql("""
                select count(*) filter (where c.status = 'open' and c.risk_level = 'high') as high,
                       count(*) filter (where c.status = 'open' and c.risk_level = 'medium') as medium,
                       count(*) filter (where c.status = 'open' and c.risk_level = 'low') as low,
                       count(*) filter (where c.status = 'closed') as closed
                from child_case c where """ + access.sql()), access.params()).query(CaseCounts.class).single());
    }

    public boolean mayRegister(CurrentUser user) {
        return CaseAccess.mayRegister(user);
    }

    /** Counts of cases, without any personal data. */
    public record CaseCounts(long high, long medium, long low, long closed) {
    }

    @Transactional
    public Page<CaseSummary> search(CurrentUser reader, CaseQuery query) {
        CaseAccess.Condition access = CaseAccess.readable(reader);
        StringBuilder where = new StringBuilder(access.sql());
        List<Object> params = new ArrayList<>(access.params());
        if (query.status() != null) {
            where.append(" and c.status = ?");
            params.add(query.status());
        }
        if (query.riskLevel() != null) {
            where.append(" and c.risk_level = ?");
            params.add(query.riskLevel());
        }
        if (query.concern() != null) {
            where.append(" and c.protection_concerns @> array[?]::text[]");
            params.add(query.concern());
        }
        if (query.locationId() != null) {
            // The place's ids bound one by one, so that the planner sees how few they are: given
            // the recursive sub-select, it guessed hundreds and read every case of the concern
            // instead (bench/README.md).
            List<UUID> places = locations.subtree(query.locationId());
            if (places.isEmpty()) {
                where.append(" and false");
            } else {
                where.append(" and c.location_id in (").append(SqlParameters.marks(places.size())).append(")");
                params.addAll(places);
            }
        }
        if (query.text() != null) {
            NameMatch.append(query.text(), where, params);
        }
        long total = SqlParameters.bind(jdbc.sql("select count(*) from child_case c where " + where), params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add((long) query.page() * query.size());
        // The page's ids first, from the filter alone, then the rows shown: the ids and the order can
        // come from an index (only-scan), and the table and the caseworker are read for 25 cases, not
        // for every match (bench/README.md). The caseworker is never null, so the join drops none.
        List<CaseSummary> items = SqlParameters.bind(jdbc.sql("""
                select c.id, c.case_number, c.given_names, c.family_name, c.sex, c.date_of_birth, c.age_estimated,
                       c.age_estimated_on, c.risk_level, c.status, c.protection_concerns, c.location_id,
                       w.full_name as caseworker_name, c.registered_at
                from (select c.id from child_case c
                      where %s order by c.risk_rank, c.registered_at desc, c.id limit ? offset ?) p
                join child_case c on c.id = p.id join app_user w on w.id = c.caseworker_id
                order by c.risk_rank, c.registered_at desc, c.id""".formatted(where)),
                pageParams).query((rs, n) -> summary(rs)).list();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("results", total);
        detail.put("shown", items.stream().map(CaseSummary::caseNumber).toList());
        detail.put("nameSearch", query.text() != null);
        audit.record(AuditAction.SEARCH, RECORD_TYPE, null, reader.agencyId(), detail);
        return new Page<>(items, query.page(), query.size(), total);
    }

    private ChildCase find(CaseAccess.Condition access, UUID id) {
        return SqlParameters.bind(jdbc.sql(SELECT_CASE + " where c.id = ? and " + access.sql()).param(id), access.params())
                .query((rs, n) -> childCase(rs)).optional()
                .orElseThrow(() -> new NotFoundException("case.not_found"));
    }

    ChildCase load(UUID id) {
        return jdbc.sql(SELECT_CASE + " where c.id = ?").param(id).query((rs, n) -> childCase(rs)).single();
    }

    /** The case if this user may change it; otherwise 404, like a case that does not exist. */
    ChildCase findEditable(CurrentUser user, UUID id) {
        return find(CaseAccess.editable(user), id);
    }

    // ---- changing ------------------------------------------------------------------------

    /**
     * Saves an edit made from {@code details.version}. If someone saved the case since, the
     * save is refused with {@link StaleRecordException} and nothing is written.
     */
    @Transactional
    public ChildCase update(CurrentUser editor, UUID id, CaseDetails details) {
        ChildCase before = find(CaseAccess.readable(editor), id);
        if (!mayEdit(editor, id)) {
            throw new AccessDeniedException("may read but not edit this case");
        }
        if (details.getVersion() == null) {
            throw new InvalidInputException(List.of(new FieldProblem("version", "validation.required")));
        }
        validation.check(details);
        boolean keepEstimate = details.getDateOfBirth() == null && Objects.equals(details.getAgeEstimated(), before.age())
                && before.dateOfBirth() == null;
        int updated = jdbc.sql("""
                update child_case set risk_level = ?, given_names = ?, family_name = ?, other_names = ?, sex = ?,
                    date_of_birth = ?, age_estimated = ?, age_estimated_on = ?, nationality = ?,
                    displacement_status = ?, location_id = ?, caregiver_name = ?, caregiver_relationship = ?,
                    protection_concerns = ?, updated_at = now(), updated_by = ?, version = version + 1
                where id = ? and version = ?""")
                .params(details.getRiskLevel(), details.getGivenNames().strip(), details.getFamilyName().strip(),
                        blankToNull(details.getOtherNames()), details.getSex(), date(details.getDateOfBirth()),
                        details.getDateOfBirth() == null ? (keepEstimate ? before.ageEstimated() : details.getAgeEstimated()) : null,
                        details.getDateOfBirth() == null ? (keepEstimate ? date(before.ageEstimatedOn()) : date(LocalDate.now())) : null,
                        blankToNull(details.getNationality()), blankToNull(details.getDisplacementStatus()),
                        details.getLocationId(), blankToNull(details.getCaregiverName()),
                        blankToNull(details.getCaregiverRelationship()),
                        details.getProtectionConcerns().toArray(String[]::new), editor.id(), id, details.getVersion())
                .update();
        if (updated == 0) {
            throw new StaleRecordException("case.changed_meanwhile");
        }
        saveConsents(id, details.getConsents());
        ChildCase after = load(id);
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, after.agencyId(),
                Map.of("caseNumber", after.caseNumber(), "fields", before.toDetails().fieldsDifferingFrom(after.toDetails())));
        return after;
    }

    // ---- mapping -------------------------------------------------------------------------


    private ChildCase childCase(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<ConsentRecord> consents = jdbc.sql(
                "select kind, decision, method, given_by, given_on from case_consent where case_id = ? order by kind")
                .param(id).query(ConsentRecord.class).list();
        return new ChildCase(id, rs.getString("case_number"), rs.getObject("agency_id", UUID.class),
                rs.getString("agency_code"), rs.getObject("caseworker_id", UUID.class), rs.getString("caseworker_name"),
                rs.getString("status"), rs.getString("risk_level"), rs.getString("given_names"),
                rs.getString("family_name"), rs.getString("other_names"), rs.getString("sex"),
                localDate(rs.getDate("date_of_birth")), (Integer) rs.getObject("age_estimated", Integer.class),
                localDate(rs.getDate("age_estimated_on")), rs.getString("nationality"),
                rs.getString("displacement_status"), rs.getObject("location_id", UUID.class),
                rs.getString("caregiver_name"), rs.getString("caregiver_relationship"),
                SqlParameters.texts(rs.getArray("protection_concerns")), consents, rs.getTimestamp("registered_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by_name"), rs.getInt("version"));
    }

    private static CaseSummary summary(ResultSet rs) throws SQLException {
        return new CaseSummary(rs.getObject("id", UUID.class), rs.getString("case_number"),
                rs.getString("given_names"), rs.getString("family_name"), rs.getString("sex"),
                localDate(rs.getDate("date_of_birth")), rs.getObject("age_estimated", Integer.class),
                localDate(rs.getDate("age_estimated_on")), rs.getString("risk_level"), rs.getString("status"),
                SqlParameters.texts(rs.getArray("protection_concerns")), rs.getObject("location_id", UUID.class),
                rs.getString("caseworker_name"), rs.getTimestamp("registered_at").toInstant());
    }


    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
