package org.abri.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Throttles failed sign-ins per account (the username tried, whether it exists or not, so the
 * throttle tells nothing of which usernames exist) and per client address. After
 * {@code freeFailures} failures, each further attempt waits 2^n seconds after the last failure
 * (n = failures beyond the free ones), up to {@code maxDelay}; a counter with no failure for
 * {@code forgetAfter} starts again. Nothing locks: the right password after the wait gets in, and
 * API tokens are not affected. Counters are rows, so every application server sees them.
 */
@Component
class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Many people may share one address (an office behind one router): it gets more free failures. */
    private volatile int addressFreeFailures;

    SignInThrottle(JdbcClient jdbc, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${abri.security.address-free-failures:20}")
            int addressFreeFailures) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.addressFreeFailures = addressFreeFailures;
    }

    /** For tests, which all come from 127.0.0.1. Answers the previous value. */
    int setAddressFreeFailures(int value) {
        int previous = addressFreeFailures;
        addressFreeFailures = value;
        return previous;
    }

    static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.strip().toLowerCase());
    }

    static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    /** When the next attempt may be made, if it must wait (the later of the account's and the address's). */
    Optional<Instant> retryAt(String username, String address) {
        Instant now = clock.instant();
        Instant latest = null;
        for (String key : List.of(accountKey(username), addressKey(address))) {
            Instant at = jdbc.sql("select failures, last_failure_at from sign_in_throttle where throttle_key = ?")
                    .param(key).query((rs, n) -> nextAllowed(key.startsWith("address:") ? addressFreeFailures
                            : FREE_FAILURES, rs.getInt("failures"),
                            rs.getTimestamp("last_failure_at").toInstant()))
                    .optional().orElse(null);
            if (at != null && at.isAfter(now) && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Counts one failure for the account and the address; answers when the next attempt may be made, if later. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<Instant> failed(String username, String address) {
        Instant now = clock.instant();
        Timestamp stamp = Timestamp.from(now);
        Timestamp forgotten = Timestamp.from(now.minus(FORGET_AFTER));
        for (String key : List.of(accountKey(username), addressKey(address))) {
            jdbc.sql("""
                    insert into sign_in_throttle (throttle_key, failures, last_failure_at) values (?, 1, ?)
                    on conflict (throttle_key) do update set
                        failures = case when sign_in_throttle.last_failure_at < ? then 1
                                        else sign_in_throttle.failures + 1 end,
                        last_failure_at = excluded.last_failure_at""")
                    .params(key, stamp, forgotten).update();
        }
        return retryAt(username, address);
    }

    /** The right password: the account's counter starts again (the address's does not, or one account would clear it). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void succeeded(String username) {
        jdbc.sql("delete from sign_in_throttle where throttle_key = ?").param(accountKey(username)).update();
    }

    /** An administrator's unlock clears the account's counter. */
    void clear(String username) {
        jdbc.sql("delete from sign_in_throttle where throttle_key = ?").param(accountKey(username)).update();
    }

    static Instant nextAllowed(int free, int failures, Instant lastFailure) {
        if (failures < free) {
            return null;
        }
        int exponent = Math.min(failures - free + 1, 20);
        Duration delay = Duration.ofSeconds(1L << exponent);
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        return lastFailure.plus(delay);
    }
}
