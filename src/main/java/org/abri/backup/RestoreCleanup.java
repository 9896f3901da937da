package org.abri.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.abri.platform.DatabaseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once PostgreSQL is open after a restore (it has replayed the WAL and left recovery), removes
 * what the restore left: the restore command and the replay setting, and the folder of decrypted WAL.
 */
@Component
class RestoreCleanup {

    private static final Logger log = LoggerFactory.getLogger(RestoreCleanup.class);

    private final DatabaseStatus status;
    private final DataSource dataSource;

    RestoreCleanup(DatabaseStatus status, DataSource dataSource) {
        this.status = status;
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationStartedEvent.class)
    void afterStart() {
        status.embeddedFolders().ifPresent(folders -> clean(folders.dataDir().resolve(BackupRestore.RESTORE_FOLDER)));
    }

    void clean(Path restoreFolder) {
        if (!Files.exists(restoreFolder)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            try (ResultSet rs = statement.executeQuery("select pg_is_in_recovery(), pg_last_xact_replay_timestamp()")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    log.warn("Restore: the database is still replaying its WAL; {} stays until it is done", restoreFolder);
                    return;
                }
                log.info("Restore done: the database is open and holds every transaction up to {}",
                        rs.getString(2) == null ? "the end of the backup" : rs.getString(2));
            }
            statement.execute("alter system reset restore_command");
            statement.execute("alter system reset hot_standby");
            statement.execute("select pg_reload_conf()");
            Durable.deleteTree(restoreFolder);
        } catch (SQLException | IOException e) {
            log.warn("Restore: cannot clean up after the restore ({}); it is tried again at the next start",
                    e.getMessage());
        }
    }
}
