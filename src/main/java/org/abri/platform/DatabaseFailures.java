package org.abri.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the database itself (down, restarting, its disk full) from a fault in a
 * request: the first is worth a "cannot save right now, what you typed is kept", never a bare 500.
 */
public final class DatabaseFailures {

    /** Why the database cannot serve: unreachable (down, restarting, out of connections) or its disk is full. */
    public enum Cause { UNAVAILABLE, DISK_FULL }

    private DatabaseFailures() {
    }

    public static Optional<Cause> of(Throwable failure) {
        boolean unavailable = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.transaction.TransactionSystemException rollback
                    && rollback.getApplicationException() != null && rollback.getApplicationException() != failure) {
                // The rollback failed because the connection broke: what broke it is the application exception.
                Optional<Cause> original = of(rollback.getApplicationException());
                if (original.isPresent()) {
                    return original;
                }
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                // 53100 disk_full; 53xxx insufficient resources; 08 connection; 57P01-03 shut down,
                // crash shut down, cannot connect now (starting up); 58 system error (an I/O failure).
                if (state.equals("53100") || String.valueOf(sql.getMessage()).contains("No space left on device")) {
                    return Optional.of(Cause.DISK_FULL);
                }
                boolean closed = state.isEmpty() && String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT)
                        .contains("connection") && String.valueOf(sql.getMessage()).contains("closed");
                if (closed || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("58")
                        || sql instanceof SQLTransientConnectionException) {
                    unavailable = true;
                }
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException) {
                unavailable = true;
            }
        }
        return unavailable ? Optional.of(Cause.UNAVAILABLE) : Optional.empty();
    }
}
