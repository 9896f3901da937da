package org.abri.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts wrong passwords and locks the account for a while when there are too many. The count and
 * the lock are columns of app_user, not memory, so they hold across all application servers: a
 * guesser spreading attempts over several servers is counted once.
 */
@Component
class SignInLockout {

    private static final Logger log = LoggerFactory.getLogger(SignInLockout.class);

    private final JdbcClient jdbc;
    private final SecurityProperties properties;

    SignInLockout(JdbcClient jdbc, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal()).strip().toLowerCase();
        Failures failures = jdbc.sql("""
                update app_user set failed_sign_ins = failed_sign_ins + 1 where username = ?
                returning id, failed_sign_ins""").param(username)
                .query((rs, row) -> new Failures(rs.getObject("id", UUID.class), rs.getInt("failed_sign_ins")))
                .optional().orElse(null);
        if (failures != null && failures.count() >= properties.maxFailedSignIns()) {
            jdbc.sql("update app_user set locked_until = ?, failed_sign_ins = 0 where id = ?")
                    .params(Timestamp.from(Instant.now().plus(properties.lockout())), failures.userId()).update();
            // The account's id, not its username: a username is a person's name, and logs go to
            // places (log collectors, support tickets) that personal data must not.
            log.warn("Account {} locked for {} after {} failed sign-ins", failures.userId(), properties.lockout(),
                    failures.count());
        }
    }

    private record Failures(UUID userId, int count) {
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof CurrentUser user) {
            jdbc.sql("update app_user set failed_sign_ins = 0, locked_until = null where id = ? and failed_sign_ins > 0")
                    .param(user.id()).update();
        }
    }
}
