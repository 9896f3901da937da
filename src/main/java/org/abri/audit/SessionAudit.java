package org.abri.audit;

import java.util.Map;

import org.abri.identity.SecurityEvent;
import org.abri.identity.SessionsEnded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Audits the sessions a user ended, or that a deactivation ended, in the transaction that ended them. */
@Component
class SessionAudit {

    private final AuditLog audit;

    SessionAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(SessionsEnded ended) {
        audit.record(AuditAction.END, "session", ended.userId(), ended.agencyId(),
                Map.of("reason", ended.reason(), "sessions", ended.count()));
    }

    /** A security event: record type "user", record id the target user (null for an unknown username). */
    @EventListener
    void on(SecurityEvent event) {
        audit.recordAs(event.actorId(), event.actorUsername(), event.actorAgencyId(),
                AuditAction.valueOf(event.kind().name()), "user", event.targetId(), event.targetAgencyId(),
                event.detail());
    }
}
