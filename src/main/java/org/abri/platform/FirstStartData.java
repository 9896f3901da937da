package org.abri.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Abri writes on its first start (the administrator, the shipped forms and lists, the
 * quality grid) is written by one server at a time: two servers started together on an empty
 * database would otherwise both see nothing there and both insert it, and one of them would fail
 * to start on the duplicate.
 */
@Component
public class FirstStartData {

    /** One key for every first-start writer: they are few and quick, so they simply take turns. */
    private static final long LOCK = 0x4142_5249_0000_0001L;

    private final JdbcClient jdbc;

    FirstStartData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits until no other server is writing its first-start data, and holds that turn until
     * the caller's transaction ends. The caller checks what exists only after this call.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeTurn() {
        jdbc.sql("select true from pg_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
    }
}
