package org.abri.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.stereotype.Component;

/**
 * Counts refused sign-ins ({@code abri.signin.failures}) by reason only: a wrong password or
 * unknown username ({@code bad_credentials}: the two are not told apart, as on the page), a
 * locked account ({@code locked}), anything else ({@code other}: a deactivated account…). Never by
 * username or address: a metric must not say who tried. A sudden rise of {@code bad_credentials}
 * is someone guessing passwords.
 */
@Component
class SignInMetrics {

    static final String NAME = "abri.signin.failures";

    private final Counter badCredentials;
    private final Counter locked;
    private final Counter other;

    SignInMetrics(MeterRegistry registry) {
        this.badCredentials = counter(registry, "bad_credentials");
        this.locked = counter(registry, "locked");
        this.other = counter(registry, "other");
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder(NAME).description("Refused sign-ins through the sign-in form, by reason")
                .tag("reason", reason).register(registry);
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            badCredentials.increment();
        } else if (event instanceof AuthenticationFailureLockedEvent) {
            locked.increment();
        } else {
            other.increment();
        }
    }
}
