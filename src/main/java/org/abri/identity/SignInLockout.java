package org.abri.identity;

import java.sql.Timestamp;
import java.time.Instant;

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
        Integer failures = jdbc.sql("""
                update app_user set failed_sign_ins = failed_sign_ins + 1 where username = ?
                returning failed_sign_ins""").param(username).query(Integer.class).optional().orElse(null);
        if (failures != null && failures >= properties.maxFailedSignIns()) {
            jdbc.sql("update app_user set locked_until = ?, failed_sign_ins = 0 where username = ?")
                    .params(Timestamp.from(Instant.now().plus(properties.lockout())), username).update();
            log.warn("Account {} locked for {} after {} failed sign-ins", username, properties.lockout(), failures);
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof CurrentUser user) {
            jdbc.sql("update app_user set failed_sign_ins = 0, locked_until = null where id = ? and failed_sign_ins > 0")
                    .param(user.id()).update();
        }
    }
}
