package org.abri.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts refused sign-ins ({@code abri.signin.failures}) by reason only: a wrong password or
 * unknown username ({@code bad_credentials}: the two are not told apart, as on the page), an
 * attempt refused because the account or the address must wait ({@code throttled}), the right
 * password of a deactivated account ({@code other}). Never by username or address: a metric must
 * not say who tried. A sudden rise of {@code bad_credentials} is someone guessing passwords.
 * Counted from the sign-in's own security events: {@link ThrottledSignIn} decides the reason,
 * and tells a throttled attempt from a wrong password, which Spring's failure events do not.
 */
@Component
class SignInMetrics {

    static final String NAME = "abri.signin.failures";

    private final Counter badCredentials;
    private final Counter throttled;
    private final Counter other;

    SignInMetrics(MeterRegistry registry) {
        this.badCredentials = counter(registry, "bad_credentials");
        this.throttled = counter(registry, "throttled");
        this.other = counter(registry, "other");
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder(NAME).description("Refused sign-ins through the sign-in form, by reason")
                .tag("reason", reason).register(registry);
    }

    @EventListener
    void onSecurityEvent(SecurityEvent event) {
        if (event.kind() == SecurityEvent.Kind.SIGN_IN_FAILED) {
            (ThrottledSignIn.DEACTIVATED.equals(event.detail().get("reason")) ? other : badCredentials).increment();
        } else if (event.kind() == SecurityEvent.Kind.SIGN_IN_THROTTLED) {
            throttled.increment();
        }
    }
}
