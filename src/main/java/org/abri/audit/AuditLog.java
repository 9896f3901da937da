package org.abri.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.ClientAddress;
import org.abri.platform.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only record of who touched which case data, when and from where. Writes
 * join the caller's transaction, so a change and its audit line land or fail together.
 * The table itself refuses updates and deletes (a trigger), whatever the application does.
 */
@Service
public class AuditLog {

    private static final String SELECT = """
            select id, occurred_at, user_id, username, agency_id, action, record_type, record_id, record_agency_id,
                   client_address, detail::text as detail from audit_entry""";

    /**
     * The detail key that ties an entry about a case's own record (a form, a note, a referral, a
     * transfer, a case discussion) to the case, so that the case's trail shows it.
     */
    public static final String CASE_ID = "caseId";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records an action of the signed-in user on one record (or, for a search, on none). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(AuditAction action, String recordType, UUID recordId, UUID recordAgencyId,
            Map<String, ?> detail) {
        CurrentUser user = CurrentUser.inContext().orElse(null);
        jdbc.sql("""
                insert into audit_entry (user_id, username, agency_id, action, record_type, record_id, record_agency_id,
                                         client_address, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(user == null ? null : user.id(), user == null ? null : user.getUsername(),
                        user == null ? null : user.agencyId(), action.code(), recordType, recordId, recordAgencyId,
                        ClientAddress.current(), json.writeValueAsString(detail == null ? Map.of() : detail))
                .update();
    }

    /** Records an action of a named actor (or of nobody known, e.g. a sign-in with an unknown username). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAs(UUID actorId, String actorUsername, UUID actorAgencyId, AuditAction action,
            String recordType, UUID recordId, UUID recordAgencyId, Map<String, ?> detail) {
        jdbc.sql("""
                insert into audit_entry (user_id, username, agency_id, action, record_type, record_id, record_agency_id,
                                         client_address, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(actorId, actorUsername, actorAgencyId, action.code(), recordType, recordId, recordAgencyId,
                        ClientAddress.current(), json.writeValueAsString(detail == null ? Map.of() : detail))
                .update();
    }

    /**
     * Records a read of one case's data (a view of it, or a list of its records) on the case, for
     * a caller that knows the case id but not its agency (looked up here). The detail gets the
     * case id too, like the entries of the case's own records.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordCaseRead(UUID caseId, Map<String, ?> detail) {
        UUID agency = jdbc.sql("select agency_id from child_case where id = ?").param(caseId).query(UUID.class)
                .optional().orElse(null);
        Map<String, Object> all = new java.util.LinkedHashMap<>(detail == null ? Map.of() : detail);
        all.put(CASE_ID, caseId.toString());
        record(AuditAction.READ, "child_case", caseId, agency, all);
    }

    /** The record type of a look at the audit trail. */
    public static final String TRAIL_RECORD_TYPE = "audit_trail";

    /**
     * Audits a look at the trail itself: on the record looked at (so it shows in that record's
     * own trail), or on the user whose actions were looked at.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordTrailRead(CurrentUser viewer, UUID recordId, UUID userId, Page<AuditEntry> shown) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("of", recordId != null ? "record" : userId != null ? "user" : "recent");
        detail.put("page", shown.number());
        detail.put("shown", shown.items().size());
        if (recordId != null) {
            // The agency of the record looked at, as its trail knows it, so its administrators see the look.
            UUID recordAgency = shown.items().stream().filter(e -> recordId.equals(e.recordId()))
                    .map(AuditEntry::recordAgencyId).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(viewer.agencyId());
            record(AuditAction.READ, TRAIL_RECORD_TYPE, recordId, recordAgency, detail);
        } else {
            record(AuditAction.READ, TRAIL_RECORD_TYPE, userId, viewer.agencyId(), detail);
        }
    }

    /**
     * The trail of one record, newest first. For a case, it includes what touched the case's own
     * records (forms, notes, referrals, transfers, case discussions, lists of its notes): those
     * entries carry the case id as {@code caseId} in their detail (see {@link #CASE_ID}).
     */
    public Page<AuditEntry> ofRecord(CurrentUser viewer, UUID recordId, int page, int size) {
        requireViewer(viewer);
        return query(viewer, "(record_id = ? or detail->>'" + CASE_ID + "' = ?::text)", recordId, page, size, true);
    }

    /** What one user did, newest first. */
    public Page<AuditEntry> ofUser(CurrentUser viewer, UUID userId, int page, int size) {
        requireViewer(viewer);
        return query(viewer, "user_id = ?", userId, page, size, false);
    }

    /** What an agency administrator sees: what touched their agency's records or what their users did. */
    private static final String OF_THE_AGENCY = " and (record_agency_id = ? or agency_id = ?)";

    /** How far back the audit page's latest activity reaches. */
    public static final java.time.Duration RECENT = java.time.Duration.ofHours(24);

    /**
     * The latest entries of the last {@link #RECENT} that this administrator may see (their agency's
     * records and users; everything for the system administrator), newest first: what the audit
     * page shows before an id is asked for.
     */
    public List<AuditEntry> recent(CurrentUser viewer, java.time.Instant now, int size) {
        requireViewer(viewer);
        int limit = Math.max(1, Math.min(size, 200));
        java.sql.Timestamp since = java.sql.Timestamp.from(now.minus(RECENT));
        if (viewer.has(Role.SYSTEM_ADMIN)) {
            return jdbc.sql(SELECT + " where occurred_at > ? order by occurred_at desc, id desc limit ?")
                    .param(since).param(limit).query(AuditEntry.class).list();
        }
        return jdbc.sql(SELECT + " where occurred_at > ?" + OF_THE_AGENCY + " order by occurred_at desc, id desc limit ?")
                .param(since).param(viewer.agencyId()).param(viewer.agencyId()).param(limit)
                .query(AuditEntry.class).list();
    }

    private Page<AuditEntry> query(CurrentUser viewer, String condition, UUID value, int page, int size,
            boolean ofRecord) {
        int limit = Math.max(1, Math.min(size, 200));
        int number = Math.max(0, page);
        // An agency administrator sees what touched their agency's records or what their users did.
        // In a record's trail, their users' refused tries on another agency's case stay out: the case
        // would otherwise stop being unknown to them (they are in the trail of those users).
        String scope = viewer.has(Role.SYSTEM_ADMIN) ? ""
                : ofRecord ? " and (record_agency_id = ? or (agency_id = ? and action <> 'access_denied'))"
                : OF_THE_AGENCY;
        var items = jdbc.sql(SELECT + " where " + condition + scope + " order by occurred_at desc, id desc limit ? offset ?");
        var count = jdbc.sql("select count(*) from audit_entry where " + condition + scope);
        int placeholders = condition.length() - condition.replace("?", "").length();
        for (int i = 0; i < placeholders; i++) {
            items = items.param(value);
            count = count.param(value);
        }
        if (!scope.isEmpty()) {
            items = items.param(viewer.agencyId()).param(viewer.agencyId());
            count = count.param(viewer.agencyId()).param(viewer.agencyId());
        }
        List<AuditEntry> entries = items.param(limit).param(number * limit).query(AuditEntry.class).list();
        return new Page<>(entries, number, limit, count.query(Long.class).single());
    }

    private static void requireViewer(CurrentUser viewer) {
        if (!viewer.hasAny(Role.SYSTEM_ADMIN, Role.AGENCY_ADMIN)) {
            throw new AccessDeniedException("audit trail is for administrators");
        }
    }
}
