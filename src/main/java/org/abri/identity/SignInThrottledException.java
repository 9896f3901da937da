package org.abri.identity;

import java.time.Instant;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * A sign-in refused, with when the next attempt may be made if it must wait. It is a bad-credentials
 * failure for everything outside (the page shows one message for an unknown user, a wrong password,
 * a throttled or a deactivated account), so nothing tells which usernames exist.
 */
class SignInThrottledException extends BadCredentialsException {

    // Kept in the session (stored in PostgreSQL) for the sign-in page: not transient.
    private final Instant retryAt;

    SignInThrottledException(Instant retryAt) {
        super("sign-in refused");
        this.retryAt = retryAt;
    }

    /** When to try again, or null when there is no wait. */
    Instant retryAt() {
        return retryAt;
    }
}
