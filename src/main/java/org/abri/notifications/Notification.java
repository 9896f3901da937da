package org.abri.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One notification of one user. {@code kind} names its message ({@code notification.<kind>} in
 * the bundles); {@code arguments} fill it (case number, staff member, step: never a child's
 * name); {@code link} is a path inside Abri, or null.
 */
public record Notification(UUID id, UUID userId, String kind, UUID caseId, String link,
        Map<String, Object> arguments, Instant createdAt, Instant readAt) {

    public Notification {
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }

    public boolean unread() {
        return readAt == null;
    }

    /** The key of its text in the message bundles. */
    public String messageKey() {
        return Notifications.messageKey(kind);
    }
}
