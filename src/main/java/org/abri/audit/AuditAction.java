package org.abri.audit;

/** What was done to a record. */
public enum AuditAction {
    CREATE, READ, UPDATE, SEARCH, EXPORT;

    public String code() {
        return name().toLowerCase();
    }
}
