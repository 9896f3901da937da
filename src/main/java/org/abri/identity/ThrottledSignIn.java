package org.abri.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.abri.identity.SecurityEvent.Kind;
import org.abri.platform.ClientAddress;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The sign-in form's check of a username and password, throttled ({@link SignInThrottle}) and
 * audited. An attempt while the account or the address must wait is refused before the password
 * is even compared. An unknown user, a wrong password, a throttled or a deactivated account all
 * get the same answer; only the right password of a deactivated account learns it is deactivated.
 */
@Component
class ThrottledSignIn implements AuthenticationProvider {

    /** The {@code reason} in a failed sign-in's detail when the account is deactivated. */
    static final String DEACTIVATED = "deactivated";

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;

    ThrottledSignIn(AccountDetailsService details, PasswordEncoder encoder, SignInThrottle throttle,
            UserAccounts accounts, ApplicationEventPublisher events) {
        this.passwords = new DaoAuthenticationProvider(details);
        this.passwords.setPasswordEncoder(encoder);
        // Nothing about the account is said before the password is known to be right.
        this.passwords.setPreAuthenticationChecks(user -> {
        });
        this.passwords.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("deactivated");
            }
        });
        this.throttle = throttle;
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = String.valueOf(authentication.getName()).strip().toLowerCase();
        String address = ClientAddress.current();
        Optional<Instant> wait = throttle.retryAt(username, address);
        if (wait.isPresent()) {
            publish(Kind.SIGN_IN_THROTTLED, username, Map.of("retryAt", wait.get().toString()));
            throw new SignInThrottledException(wait.get());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            if (result.getPrincipal() instanceof CurrentUser user) {
                events.publishEvent(SecurityEvent.by(Kind.SIGN_IN, user, user.id(), user.agencyId(), Map.of()));
            }
            return result;
        } catch (DisabledException e) {
            // The right password of a deactivated account: audited, and not counted against the throttle.
            publish(Kind.SIGN_IN_FAILED, username, Map.of("reason", DEACTIVATED));
            throw e;
        } catch (BadCredentialsException e) {
            Optional<Instant> next = throttle.failed(username, address);
            Map<String, Object> detail = new LinkedHashMap<>();
            next.ifPresent(at -> detail.put("retryAt", at.toString()));
            publish(Kind.SIGN_IN_FAILED, username, detail);
            throw new SignInThrottledException(next.orElse(null));
        }
    }

    /** A refused attempt: the account tried is the target when it exists; the username tried is kept, never the password. */
    private void publish(Kind kind, String username, Map<String, ?> extra) {
        Map<String, Object> detail = new LinkedHashMap<>(extra);
        detail.put("usernameTried", username.length() > 100 ? username.substring(0, 100) : username);
        Optional<UserAccount> account = username.isEmpty() ? Optional.empty() : accounts.findByUsername(username);
        events.publishEvent(new SecurityEvent(kind, null, null, null, account.map(UserAccount::id).orElse(null),
                account.map(UserAccount::agencyId).orElse(null), detail));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
