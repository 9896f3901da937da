package org.abri.cases;

import java.util.Set;
import java.util.UUID;

/**
 * What happens to a case that other people must hear of (the notification centre listens).
 * They carry case numbers and user ids, never a child's personal data.
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    /**
     * Someone must act: the case's supervisors, or its caseworker. {@code step}: the task or step
     * concerned, as a code (e.g. follow_up for an overdue follow-up), or null.
     */
    public record CaseEvent(String kind, UUID caseId, String caseNumber, Set<UUID> recipients, String byName,
            String step) {

        public CaseEvent(String kind, UUID caseId, String caseNumber, Set<UUID> recipients, String byName) {
            this(kind, caseId, caseNumber, recipients, byName, null);
        }
    }
}
