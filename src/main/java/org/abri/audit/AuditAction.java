package org.abri.audit;

/** What was done to a record. */
public enum AuditAction {
    CREATE, READ, UPDATE, SEARCH, EXPORT,
    /** A session ended before it expired (by its owner, or by a deactivation). */
    END,
    /**
     * A case-bound route answered 403 or 404 for a case that exists: who tried, the route and the
     * case, never the child's data.
     */
    ACCESS_DENIED,

    // Security events (issue 17): one row each, naming actor, target user and client address.
    SIGN_IN, SIGN_IN_FAILED, SIGN_IN_THROTTLED, SIGN_OUT, PASSWORD_CHANGE, PASSWORD_RESET, ROLE_CHANGE,
    SUPERVISION_CHANGE, ACTIVATE, DEACTIVATE, TOKEN_CREATE, TOKEN_REVOKE;

    public String code() {
        return name().toLowerCase();
    }
}
