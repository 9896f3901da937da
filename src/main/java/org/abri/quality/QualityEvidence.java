package org.abri.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.NotFoundException;
import org.abri.platform.SqlParameters;
import org.abri.sop.SopSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Evidence for the quality self-assessment: where Abri's own data can answer an item of the
 * improvement grid, the figure for the period assessed, and the records behind it. The exact
 * definitions are in docs/quality.md ("Evidence measured from Abri's data"); each measure is one
 * query that lists the records counted with whether each meets the definition, and the figure
 * is that list counted, so a figure and its list never disagree.
 *
 * <p>Who: an agency's figures, and their records, are for its agency managers (who may read all
 * the agency's cases). The figures of all agencies together (the coordination group's
 * interagency assessment) are for coordinators and coordination viewers, who open only the
 * records that are not about children: the service map, and the staff counts per agency without
 * names. Anyone else is refused.
 */
@Service
public class QualityEvidence {

    /** The most records a list shows; the figure counts them all. */
    static final int MAX_ROWS = 500;
    static final String LIST = "quality_evidence";

    /** What a measure's records are. */
    public enum Kind { CASE, STAFF, SERVICE, REFERRAL }

    private record Definition(String key, List<String> itemCodes, Kind kind) {
    }

    private static final List<Definition> DEFINITIONS = List.of(
            new Definition("consent_recorded", List.of("2a-1-3", "2a-2-3"), Kind.CASE),
            new Definition("plans_approved", List.of("2c-2-2"), Kind.CASE),
            new Definition("closures_approved", List.of("2f-2-2"), Kind.CASE),
            new Definition("post_closure_reviews", List.of("2f-3-1"), Kind.CASE),
            new Definition("caseworkers_over_caseload", List.of("5b-2-2"), Kind.STAFF),
            new Definition("supervisors_over_ratio", List.of("5b-2-2"), Kind.STAFF),
            new Definition("service_map_verified", List.of("1-3-5"), Kind.SERVICE),
            new Definition("referrals_with_consent", List.of("2d-1-2", "2d-2-2"), Kind.REFERRAL),
            new Definition("best_interest_family_told", List.of("2d-3-1"), Kind.REFERRAL));

    /** The measures whose records are not about children: what the coordination may open for all agencies. */
    static final Set<String> NOT_ABOUT_CHILDREN = Set.of("service_map_verified", "caseworkers_over_caseload",
            "supervisors_over_ratio");

    /** The measures' keys, in the order they are given. */
    public static final List<String> KEYS = DEFINITIONS.stream().map(Definition::key).toList();

    /**
     * One record behind a figure. {@code label}: a case number, a staff member's name, a
     * service's name or a referral's reference; {@code date}: the registration (case), sending
     * (referral) or last verification (service) day; {@code detail}: the case's step, the
     * referral's status or the service's provider; {@code amount}: the open cases or the
     * supervisees a staff member has; {@code met}: counted in the numerator.
     */
    public record Row(UUID id, String label, LocalDate date, String detail, Long amount, String agencyCode,
            boolean met) {
    }

    /** For all agencies, a staff measure per agency, without names. */
    public record AgencyCount(String agencyCode, long numerator, long denominator) {
    }

    /**
     * The records behind a figure: {@code rows} (at most {@link #MAX_ROWS}, {@code truncated}
     * when there are more) or, for a staff measure of all agencies, {@code perAgency}.
     * {@code standard} is the SOP standard of a staff measure, else null.
     */
    public record Evidence(Measure measure, Kind kind, UUID agencyId, LocalDate from, LocalDate to, Integer standard,
            List<Row> rows, boolean truncated, List<AgencyCount> perAgency) {
    }

    private record Query(String sql, List<Object> params) {
    }

    /** The period in instants, and the settings the definitions read, once per call. */
    private record Scope(UUID agencyId, LocalDate from, LocalDate to, ZoneId zone, Timestamp start, Timestamp end,
            Timestamp reviewCutoff, int caseworkerStandard, int supervisorStandard) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SopSettings sop;
    private final AuditLog audit;

    QualityEvidence(JdbcClient jdbc, Clock clock, SopSettings sop, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sop = sop;
        this.audit = audit;
    }

    // ---- who -----------------------------------------------------------------------------

    /**
     * Whether the viewer may see the figures: of an agency (not null), its agency managers; of
     * all agencies (null), coordinators and coordination viewers.
     */
    public static boolean mayMeasure(CurrentUser viewer, UUID agencyId) {
        if (viewer == null) {
            return false;
        }
        if (agencyId == null) {
            return viewer.hasAny(Role.COORDINATOR, Role.COORDINATION_VIEWER);
        }
        return viewer.has(Role.AGENCY_MANAGER) && agencyId.equals(viewer.agencyId());
    }

    /** Whether the viewer may open the records behind a measure: for all agencies, only those not about children. */
    public static boolean mayOpenRecords(CurrentUser viewer, UUID agencyId, String key) {
        return mayMeasure(viewer, agencyId) && KEYS.contains(key)
                && (agencyId != null || NOT_ABOUT_CHILDREN.contains(key));
    }

    // ---- figures -------------------------------------------------------------------------

    /**
     * Every measure for the agency ({@code agencyId}; null: all agencies) over the period, both
     * days included, days in the deployment's time zone. Refused (403) to anyone who may not
     * see these figures.
     */
    public List<Measure> measure(CurrentUser viewer, UUID agencyId, LocalDate from, LocalDate to) {
        if (!mayMeasure(viewer, agencyId)) {
            throw new AccessDeniedException("quality evidence: an agency's managers, or the coordination for all agencies");
        }
        Scope scope = scope(agencyId, from, to);
        List<Measure> measures = new ArrayList<>();
        for (Definition definition : DEFINITIONS) {
            measures.add(figure(viewer, definition, scope));
        }
        return measures;
    }

    /** The measures keyed by item code (a measure answering two items is under both), in order. */
    /**
     * A measured figure in words, for pages and exports: {@code quality.measure.<key>} with the
     * numerator, denominator and percent, or the measure's title and "no data in the period"; the
     * key and the figures as they are when a deployment's bundles have no such sentence.
     */
    public static String describe(org.springframework.context.MessageSource messages, Measure measure,
            java.util.Locale locale) {
        String code = "quality.measure." + measure.key();
        if (!measure.hasData()) {
            return messages.getMessage("quality.measure.titled", new Object[] {
                    messages.getMessage(code + ".title", null, measure.key(), locale),
                    messages.getMessage("quality.measure.no_data", null, "—", locale)}, measure.key() + ": —", locale);
        }
        return messages.getMessage(code, new Object[] {measure.numerator(), measure.denominator(), measure.percent()},
                measure.key() + ": " + measure.numerator() + "/" + measure.denominator(), locale);
    }

    public static Map<String, List<Measure>> byItem(List<Measure> measures) {
        Map<String, List<Measure>> byItem = new LinkedHashMap<>();
        for (Measure measure : measures) {
            for (String code : measure.itemCodes()) {
                byItem.computeIfAbsent(code, k -> new ArrayList<>()).add(measure);
            }
        }
        return byItem;
    }

    /** Where the records behind a measure are listed. */
    public static String recordsHref(String key, UUID agencyId, LocalDate from, LocalDate to) {
        return UriComponentsBuilder.fromPath("/quality/evidence/{key}")
                .queryParam("agency", agencyId == null ? "" : agencyId.toString())
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .buildAndExpand(key).encode().toUriString();
    }

    private Measure figure(CurrentUser viewer, Definition definition, Scope scope) {
        Query rows = rows(definition.key(), scope);
        long[] counts = SqlParameters.bind(jdbc.sql("select count(*) filter (where x.met) as numerator, count(*) as "
                + "denominator from (" + rows.sql() + ") x"), rows.params())
                .query((rs, n) -> new long[] {rs.getLong("numerator"), rs.getLong("denominator")}).single();
        String href = mayOpenRecords(viewer, scope.agencyId(), definition.key())
                ? recordsHref(definition.key(), scope.agencyId(), scope.from(), scope.to()) : null;
        return new Measure(definition.key(), definition.itemCodes(), counts[0], counts[1], href);
    }

    // ---- records -------------------------------------------------------------------------

    /**
     * The records behind one measure. An unknown measure is not found (404); a viewer who may
     * not open them is refused (403). Every opening is audited (a list: action search), with
     * the case numbers or references shown.
     */
    @Transactional
    public Evidence records(CurrentUser viewer, String key, UUID agencyId, LocalDate from, LocalDate to) {
        Definition definition = DEFINITIONS.stream().filter(d -> d.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("quality.evidence_not_found"));
        if (!mayOpenRecords(viewer, agencyId, key)) {
            throw new AccessDeniedException("quality evidence: not for this viewer");
        }
        Scope scope = scope(agencyId, from, to);
        Measure measure = figure(viewer, definition, scope);
        Query rows = rows(key, scope);
        Integer standard = switch (key) {
            case "caseworkers_over_caseload" -> scope.caseworkerStandard();
            case "supervisors_over_ratio" -> scope.supervisorStandard();
            default -> null;
        };
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("list", LIST);
        detail.put("measure", key);
        detail.put("from", from.toString());
        detail.put("to", to.toString());
        detail.put("results", measure.denominator());
        if (agencyId == null && definition.kind() == Kind.STAFF) {
            List<AgencyCount> perAgency = SqlParameters.bind(jdbc.sql("select x.agency_code, count(*) filter (where x.met)"
                    + " as numerator, count(*) as denominator from (" + rows.sql() + ") x group by x.agency_code"
                    + " order by x.agency_code"), rows.params())
                    .query((rs, n) -> new AgencyCount(rs.getString("agency_code"), rs.getLong("numerator"),
                            rs.getLong("denominator"))).list();
            audit.record(AuditAction.SEARCH, recordType(definition.kind()), null, null, detail);
            return new Evidence(measure, definition.kind(), null, from, to, standard, List.of(), false, perAgency);
        }
        List<Object> params = new ArrayList<>(rows.params());
        params.add(MAX_ROWS + 1);
        List<Row> found = SqlParameters.bind(jdbc.sql("select * from (" + rows.sql() + ") x order by x.label, x.id limit ?"),
                params).query((rs, n) -> row(rs, scope.zone())).list();
        boolean truncated = found.size() > MAX_ROWS;
        List<Row> shown = truncated ? found.subList(0, MAX_ROWS) : found;
        if (definition.kind() != Kind.STAFF) {
            detail.put("shown", shown.stream().map(Row::label).toList());
        }
        audit.record(AuditAction.SEARCH, recordType(definition.kind()), null, agencyId, detail);
        return new Evidence(measure, definition.kind(), agencyId, from, to, standard, List.copyOf(shown), truncated,
                List.of());
    }

    private static String recordType(Kind kind) {
        return switch (kind) {
            case CASE -> "child_case";
            case STAFF -> "app_user";
            case SERVICE -> "service";
            case REFERRAL -> "referral";
        };
    }

    private static Row row(ResultSet rs, ZoneId zone) throws SQLException {
        Timestamp at = rs.getTimestamp("at");
        java.sql.Date day = rs.getDate("on_date");
        LocalDate date = at != null ? LocalDate.ofInstant(at.toInstant(), zone) : day != null ? day.toLocalDate() : null;
        long amount = rs.getLong("amount");
        return new Row(rs.getObject("id", UUID.class), rs.getString("label"), date, rs.getString("detail"),
                rs.wasNull() ? null : amount, rs.getString("agency_code"), rs.getBoolean("met"));
    }

    // ---- definitions ---------------------------------------------------------------------

    private Scope scope(UUID agencyId, LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new NotFoundException("quality.evidence_period");
        }
        ZoneId zone = clock.getZone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Duration delay = sop.delay("post_closure_review", "any");
        Instant cutoff = (now.isBefore(end) ? now : end).minus(delay);
        return new Scope(agencyId, from, to, zone, Timestamp.from(start), Timestamp.from(end), Timestamp.from(cutoff),
                sop.standard("caseload_caseworker"), sop.standard("caseload_supervisor"));
    }

    /**
     * The records a measure counts, one row each: id, label, at (a timestamp) or on_date (a
     * date), detail, amount, agency_code, met. The agency condition is on {@code column}.
     */
    private static Query rows(String key, Scope s) {
        List<Object> params = new ArrayList<>();
        String sql = switch (key) {
            case "consent_recorded" -> {
                params.add(s.start());
                params.add(s.end());
                yield """
                        select c.id, c.case_number as label, c.registered_at as at, null::date as on_date,
                               c.step as detail, null::bigint as amount, a.code as agency_code,
                               exists (select 1 from case_consent k where k.case_id = c.id
                                       and k.kind = 'case_management' and k.decision = 'given') as met
                        from child_case c join agency a on a.id = c.agency_id
                        where c.registered_at >= ? and c.registered_at < ?""" + agency(" c.agency_id", s, params);
            }
            case "plans_approved" -> {
                params.add(s.start());
                params.add(s.end());
                yield """
                        select c.id, c.case_number as label, c.registered_at as at, null::date as on_date,
                               c.step as detail, null::bigint as amount, a.code as agency_code,
                               bool_or(p.status = 'approved') as met
                        from case_approval p join child_case c on c.id = p.case_id join agency a on a.id = c.agency_id
                        where p.kind = 'plan' and p.submitted_at >= ? and p.submitted_at < ?"""
                        + agency(" c.agency_id", s, params) + " group by c.id, a.code";
            }
            case "closures_approved" -> {
                params.add(s.start());
                params.add(s.end());
                yield """
                        select c.id, c.case_number as label, c.registered_at as at, null::date as on_date,
                               c.step as detail, null::bigint as amount, a.code as agency_code,
                               exists (select 1 from case_approval p where p.case_id = c.id and p.kind = 'closure'
                                       and p.status = 'approved' and p.decided_at <= c.closed_at) as met
                        from child_case c join agency a on a.id = c.agency_id
                        where c.step in ('closed', 'archived') and c.closed_at >= ? and c.closed_at < ?
                          and not exists (select 1 from case_transition t where t.case_id = c.id
                                          and t.action = 'not_eligible' and t.occurred_at = c.closed_at)"""
                        + agency(" c.agency_id", s, params);
            }
            case "post_closure_reviews" -> {
                params.add(s.start());
                params.add(s.reviewCutoff());
                yield """
                        select c.id, c.case_number as label, c.registered_at as at, null::date as on_date,
                               c.step as detail, null::bigint as amount, a.code as agency_code,
                               exists (select 1 from case_transition t where t.case_id = c.id
                                       and t.action = 'post_closure_review' and t.to_step = 'archived'
                                       and t.occurred_at >= c.closed_at) as met
                        from child_case c join agency a on a.id = c.agency_id
                        where c.step in ('closed', 'archived') and c.closed_at >= ? and c.closed_at <= ?
                          and not exists (select 1 from case_transition t where t.case_id = c.id
                                          and t.action = 'not_eligible' and t.occurred_at = c.closed_at)"""
                        + agency(" c.agency_id", s, params);
            }
            case "caseworkers_over_caseload" -> {
                params.add(s.caseworkerStandard());
                yield """
                        select u.id, u.full_name as label, null::timestamptz as at, null::date as on_date,
                               null::text as detail, count(c.id) as amount, a.code as agency_code,
                               count(c.id) > ? as met
                        from app_user u join user_role r on r.user_id = u.id and r.role = 'CASEWORKER'
                             join agency a on a.id = u.agency_id
                             left join child_case c on c.caseworker_id = u.id and c.status = 'open'
                        where u.active""" + agency(" u.agency_id", s, params) + " group by u.id, a.code";
            }
            case "supervisors_over_ratio" -> {
                params.add(s.supervisorStandard());
                yield """
                        select u.id, u.full_name as label, null::timestamptz as at, null::date as on_date,
                               null::text as detail, count(w.id) as amount, a.code as agency_code,
                               count(w.id) > ? as met
                        from app_user u join user_role r on r.user_id = u.id and r.role = 'SUPERVISOR'
                             join agency a on a.id = u.agency_id
                             left join supervision v on v.supervisor_id = u.id
                             left join app_user w on w.id = v.caseworker_id and w.active and w.agency_id = u.agency_id
                        where u.active""" + agency(" u.agency_id", s, params) + " group by u.id, a.code";
            }
            case "service_map_verified" -> {
                params.add(java.sql.Date.valueOf(org.abri.services.ServiceMap.staleBefore(s.to())));
                params.add(s.end());
                yield """
                        select v.id, v.name as label, null::timestamptz as at, v.last_verified_on as on_date,
                               p.name as detail, null::bigint as amount, a.code as agency_code,
                               v.last_verified_on >= ? as met
                        from service v join service_provider p on p.id = v.provider_id
                             left join agency a on a.id = p.agency_id
                        where v.active and p.active and v.created_at < ?""" + agency(" p.agency_id", s, params);
            }
            case "referrals_with_consent", "best_interest_family_told" -> {
                boolean told = key.equals("best_interest_family_told");
                params.add(s.start());
                params.add(s.end());
                yield """
                        select r.id, r.reference as label, r.sent_at as at, null::date as on_date,
                               r.status as detail, null::bigint as amount, a.code as agency_code, %s as met
                        from referral r join agency a on a.id = r.from_agency_id
                        where r.sent_at >= ? and r.sent_at < ?%s""".formatted(
                                told ? "r.family_informed_at is not null" : "r.consent_basis = 'consent'",
                                told ? " and r.consent_basis = 'best_interest'"
                                        + " and not (r.status = 'withdrawn' and r.family_informed_at is null)" : "")
                        + agency(" r.from_agency_id", s, params);
            }
            default -> throw new NotFoundException("quality.evidence_not_found");
        };
        return new Query(sql, params);
    }

    private static String agency(String column, Scope s, List<Object> params) {
        if (s.agencyId() == null) {
            return "";
        }
        params.add(s.agencyId());
        return " and" + column + " = ?";
    }
}
