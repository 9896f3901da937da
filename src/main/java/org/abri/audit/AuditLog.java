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

    /** The trail of one record, newest first. */
    public Page<AuditEntry> ofRecord(CurrentUser viewer, UUID recordId, int page, int size) {
        requireViewer(viewer);
        return query(viewer, "record_id = ?", recordId, page, size);
    }

    /** What one user did, newest first. */
    public Page<AuditEntry> ofUser(CurrentUser viewer, UUID userId, int page, int size) {
        requireViewer(viewer);
        return query(viewer, "user_id = ?", userId, page, size);
    }

    private Page<AuditEntry> query(CurrentUser viewer, String condition, UUID value, int page, int size) {
        int limit = Math.max(1, Math.min(size, 200));
        int number = Math.max(0, page);
        // An agency administrator sees what touched their agency's records or what their users did.
        String scope = viewer.has(Role.SYSTEM_ADMIN) ? "" : " and (record_agency_id = ? or agency_id = ?)";
        var items = jdbc.sql(SELECT + " where " + condition + scope + " order by occurred_at desc, id desc limit ? offset ?");
        var count = jdbc.sql("select count(*) from audit_entry where " + condition + scope);
        items = items.param(value);
        count = count.param(value);
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
