package org.abri.platform;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job on one application server at a time, at most once per period across all
 * of them, and measures it. Every node's scheduler fires every job; the first node to take the
 * job's PostgreSQL advisory lock runs it, unless a node already ran it successfully within the
 * period (table {@code job_run}); the others skip at once instead of waiting.
 *
 * <p>Advisory locks rather than ShedLock: Abri runs on PostgreSQL only, so they need no library
 * and no lease to tune. The lock is a transaction-level one ({@code pg_try_advisory_xact_lock}) on
 * a connection of its own, so the job's own transactions are untouched, and PostgreSQL releases it
 * when that transaction ends — including when the node dies mid-run, which a lease row would only
 * notice when its lease ran out.
 *
 * <p>Each run is timed as {@code abri.job} tagged {@code job} and {@code outcome} (success or
 * failure); a skipped run counts in {@code abri.job.skipped}. A job that throws is logged with the
 * exception's type and where it was thrown, never its message (which may quote data), and the
 * scheduler goes on.
 */
@Component
public class ScheduledJobs {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobs.class);

    /** First key of every Abri advisory lock ("Abri" in ASCII), so that no other use of them collides. */
    private static final int LOCK_NAMESPACE = 0x41627269;

    private final DataSource dataSource;
    private final MeterRegistry meters;

    ScheduledJobs(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.meters = meters;
    }

    /**
     * Runs {@code job} here unless another node is running it or ran it successfully less than
     * nine tenths of {@code period} ago (a node whose schedule fires a little early still skips).
     * Answers whether it ran here. Never throws because of the job.
     */
    public boolean run(String name, Duration period, Runnable job) {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try {
                if (!tryLock(lock, name) || ranRecently(lock, name, period.multipliedBy(9).dividedBy(10))) {
                    meters.counter("abri.job.skipped", "job", name).increment();
                    log.debug("Job {} skipped: another node runs it or ran it within its period", name);
                    return false;
                }
                boolean succeeded = timed(name, job);
                finished(lock, name, succeeded);
                lock.commit();
                return true;
            } finally {
                // Ends the lock's transaction whatever happened (a committed one has nothing left).
                lock.rollback();
            }
        } catch (SQLException e) {
            // The database is unreachable: the job could not have run anyway; the next round tries again.
            log.warn("Job {} not run: no database lock ({})", name, e.getSQLState());
            return false;
        }
    }

    private boolean timed(String name, Runnable job) {
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            job.run();
            succeeded = true;
        } catch (RuntimeException e) {
            log.error("Job {} failed after {} ms: {}", name, (System.nanoTime() - started) / 1_000_000, describe(e));
        } finally {
            Timer.builder("abri.job").description("Runs of Abri's scheduled jobs")
                    .tag("job", name).tag("outcome", succeeded ? "success" : "failure")
                    .register(meters).record(Duration.ofNanos(System.nanoTime() - started));
        }
        return succeeded;
    }

    private static boolean tryLock(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
            statement.setInt(1, LOCK_NAMESPACE);
            statement.setInt(2, lockKey(name));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Claims the run in {@code job_run}: false when a successful run started within the period. */
    private static boolean ranRecently(Connection connection, String name, Duration period) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into job_run (name, last_started_at) values (?, now())
                on conflict (name) do update set last_started_at = now(), last_finished_at = null, last_outcome = null
                where job_run.last_outcome is distinct from 'success'
                   or job_run.last_started_at < now() - make_interval(secs => ?)""")) {
            statement.setString(1, name);
            statement.setDouble(2, period.toMillis() / 1000.0);
            return statement.executeUpdate() == 0;
        }
    }

    private static void finished(Connection connection, String name, boolean succeeded) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "update job_run set last_finished_at = clock_timestamp(), last_outcome = ? where name = ?")) {
            statement.setString(1, succeeded ? "success" : "failure");
            statement.setString(2, name);
            statement.executeUpdate();
        }
    }

    /** The same key for the same name on every node and every start. */
    static int lockKey(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** The exception's types down its causes and where Abri's code threw it: no message, so no data. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getName());
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("org.abri.")) {
                text.append(" at ").append(frame);
                break;
            }
        }
        return text.toString();
    }
}
