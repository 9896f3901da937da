package org.abri.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The application's clock in tests: real time plus an offset that a test moves forward to
 * cross a deadline. Tests that move it put it back ({@link #reset()}), since all tests share it.
 */
@Component
@Primary
public class MutableClock extends Clock {

    private final ZoneId zone;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public MutableClock() {
        this(ZoneId.of("Africa/Bangui"));
    }

    private MutableClock(ZoneId zone) {
        this.zone = zone;
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        MutableClock copy = new MutableClock(other);
        copy.offset.set(offset.get());
        return copy;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
