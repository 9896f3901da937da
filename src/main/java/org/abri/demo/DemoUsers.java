package org.abri.demo;

import java.util.function.Function;

import org.abri.identity.CurrentUser;
import org.abri.identity.UserAccounts;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Acts as a demo user: the demo data goes through the same services, rules and audit trail as a
 * user's own actions, signed in as that user for the time of the action.
 */
@Component
class DemoUsers {

    private final UserAccounts accounts;

    DemoUsers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    <T> T as(String username, Function<CurrentUser, T> action) {
        CurrentUser user = accounts.findByUsername(username).flatMap(account -> accounts.loadCurrentUser(account.id()))
                .orElseThrow(() -> new IllegalStateException("demo user missing: " + username));
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return action.apply(user);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
