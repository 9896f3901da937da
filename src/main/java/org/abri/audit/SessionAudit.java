package org.abri.audit;

import java.util.Map;

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
}
