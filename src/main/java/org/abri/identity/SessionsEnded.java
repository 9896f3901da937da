package org.abri.identity;

import java.util.UUID;

/**
 * Sessions of a user were ended before they expired: by the user from their profile, or all of
 * them because the account was deactivated. The audit module records it (identity cannot depend
 * on audit, which depends on identity).
 */
public record SessionsEnded(UUID userId, UUID agencyId, String reason, int count) {

    public static final String BY_OWNER = "ended_by_owner";
    public static final String ACCOUNT_DEACTIVATED = "account_deactivated";
    public static final String PASSWORD_CHANGED = "password_changed";
}
