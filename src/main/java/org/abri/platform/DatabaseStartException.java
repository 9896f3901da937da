package org.abri.platform;

/**
 * A known reason why Abri cannot start on its database, with what the operator needs to name
 * the way out. {@link DatabaseStartFailureAnalyzer} turns it into one paragraph, without a stack trace.
 */
public class DatabaseStartException extends RuntimeException {

    /** Each known start failure; {@code detail} says which folder, port or address. */
    public enum Reason {
        ROOT, FOLDER_IN_USE, FOLDER_NOT_WRITABLE, PORT_IN_USE, DISK_FULL, OTHER_MAJOR_VERSION, NO_BINARIES,
        WRONG_PASSWORD, EXTERNAL_LOGIN, UNREACHABLE, START_FAILED
    }

    private final Reason reason;
    private final String detail;

    public DatabaseStartException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
