package org.abri.identity;

import java.util.Map;
import java.util.UUID;

/**
 * Something that changed who can get in or what they may do: a sign-in, a failed or throttled
 * sign-in, a sign-out, a password change or reset, roles or supervision changed, an account
 * activated or deactivated, a token created or revoked. The audit module records it, as one row
 * naming the actor, the target user and the client address (identity cannot depend on audit).
 * {@code actorId} and {@code targetId} are null for a sign-in attempt on an unknown username;
 * {@code detail} never holds a password.
 */
public record SecurityEvent(Kind kind, UUID actorId, String actorUsername, UUID actorAgencyId, UUID targetId,
        UUID targetAgencyId, Map<String, ?> detail) {

    public enum Kind {
        SIGN_IN, SIGN_IN_FAILED, SIGN_IN_THROTTLED, SIGN_OUT, PASSWORD_CHANGE, PASSWORD_RESET, ROLE_CHANGE,
        SUPERVISION_CHANGE, ACTIVATE, DEACTIVATE, TOKEN_CREATE, TOKEN_REVOKE
    }

    static SecurityEvent by(Kind kind, CurrentUser actor, UUID targetId, UUID targetAgencyId, Map<String, ?> detail) {
        return new SecurityEvent(kind, actor.id(), actor.getUsername(), actor.agencyId(), targetId, targetAgencyId,
                detail);
    }
}
