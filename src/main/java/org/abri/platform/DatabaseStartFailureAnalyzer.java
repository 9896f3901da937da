package org.abri.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Each known database start failure in one short paragraph that names the way out, instead of
 * a wall of stack traces with the one useful sentence buried inside.
 */
class DatabaseStartFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseStartException cause) {
        String detail = cause.detail();
        return switch (cause.reason()) {
            case ROOT -> analysis("Abri was started as root, and its embedded PostgreSQL refuses to run as root "
                    + "(a database server running as root would hand its whole machine to anyone who breaks into it).",
                    "Start Abri as an ordinary user (for example: useradd --system --create-home abri, then "
                    + "runuser -u abri -- java -jar abri.jar), use the container image, which runs as a non-root user, "
                    + "or set ABRI_DB_URL to an external PostgreSQL.");
            case FOLDER_IN_USE -> analysis("Another Abri is already running on the data folder " + detail + ".",
                    "Stop that Abri first, or give this one its own folder with ABRI_DATA_DIR.");
            case FOLDER_NOT_WRITABLE -> analysis("Abri cannot write to its data folder " + detail + ".",
                    "Give the user running Abri (" + System.getProperty("user.name") + ") ownership of that folder "
                    + "(chown -R), or choose another folder with ABRI_DATA_DIR.");
            case PORT_IN_USE -> analysis("The embedded PostgreSQL cannot listen on port " + portOf(detail)
                    + " of 127.0.0.1: another program uses it.",
                    "Stop that program, choose another port with ABRI_DB_EMBEDDED_PORT, or leave it at 0 so that Abri "
                    + "picks a free one.");
            case DISK_FULL -> analysis("The disk holding Abri's data is full (" + detail + ").",
                    "Free some space on that disk (old backups and logs are the usual suspects) and start Abri again; "
                    + "nothing was lost.");
            case OTHER_MAJOR_VERSION -> {
                String[] parts = detail.split("\\|", 3);
                yield analysis("The data folder " + parts[2] + " was made by PostgreSQL " + parts[0]
                        + ", but this Abri carries PostgreSQL " + parts[1] + ", which cannot open it.",
                        "Start the Abri version that made this folder, or start this Abri on a new, empty folder "
                        + "(ABRI_DATA_DIR) with a backup made by the earlier one (--abri.restore=FILE).");
            }
            case NO_BINARIES -> analysis("This Abri jar carries no PostgreSQL for " + detail + ".",
                    "Build the jar for this platform (./mvnw package on this machine) or the everywhere jar "
                    + "(./mvnw -P all-platforms package), or set ABRI_DB_URL to an external PostgreSQL.");
            case WRONG_PASSWORD -> analysis("The embedded database refused the password kept in " + detail + ".",
                    "Put back the db-password file that came with this data folder (from the copy of the folder or a "
                    + "backup), or restore a backup into a new folder with --abri.restore=FILE.");
            case EXTERNAL_LOGIN -> analysis("The database refused Abri's sign-in: " + detail + ".",
                    "Check ABRI_DB_USER and ABRI_DB_PASSWORD against the database's users, and that the user may "
                    + "connect to that database (pg_hba.conf).");
            case UNREACHABLE -> analysis("Abri cannot reach its database: " + detail + ".",
                    "Check that PostgreSQL runs and accepts connections at that address (ABRI_DB_URL), and that no "
                    + "firewall stands between them.");
            case START_FAILED -> analysis("The embedded PostgreSQL did not start: " + detail + ".",
                    "Read the PostgreSQL messages in the data folder (postgres-start.log, postgres/log/), correct what "
                    + "they name and start Abri again.");
        };
    }

    private static String portOf(String detail) {
        return detail.matches("\\d+") ? detail : detail.replaceAll("(?s).*?port (\\d+).*", "$1");
    }

    private static FailureAnalysis analysis(String description, String action) {
        return new FailureAnalysis(description, action, null);
    }
}
