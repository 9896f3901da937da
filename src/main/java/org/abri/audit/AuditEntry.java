package org.abri.audit;

import java.time.Instant;
import java.util.UUID;

/** One line of the audit trail. {@code detail} never holds a child's personal data. */
public record AuditEntry(long id, Instant occurredAt, UUID userId, String username, UUID agencyId, String action,
        String recordType, UUID recordId, UUID recordAgencyId, String clientAddress, String detail) {
}
