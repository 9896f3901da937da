package org.abri.audit;

/** What was done to a record. */
public enum AuditAction {
    CREATE, READ, UPDATE, SEARCH, EXPORT,
    /** A session ended before it expired (by its owner, or by a deactivation). */
    END;

    public String code() {
        return name().toLowerCase();
    }
}
