package org.abri.backup;

import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backup settings, and a backup before a new schema migration touches a database that holds data. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
class BackupConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BackupConfiguration.class);

    /**
     * An upgrade of Abri that changes the schema first backs the embedded database up, so that a
     * migration that goes wrong costs nothing; when that backup fails, Abri does not migrate (and
     * does not start). An external database's backups are its operator's.
     */
    @Bean
    FlywayMigrationStrategy backupBeforeMigration(Backups backups) {
        return flyway -> {
            MigrationInfoService info = flyway.info();
            int pending = info.pending().length;
            if (pending > 0 && info.applied().length > 0) {
                if (backups.embedded()) {
                    log.info("Backups: {} schema migration(s) to apply; backing the database up first", pending);
                    Backups.Outcome outcome = backups.backupNow("migration");
                    if (!outcome.ok()) {
                        throw new IllegalStateException("The backup before the schema migration failed ("
                                + outcome.problem() + "): Abri does not migrate a database it could not back up. "
                                + "Free space in " + backups.folder() + " or set ABRI_BACKUP_DIR, then start again.");
                    }
                } else {
                    log.info("Backups: {} schema migration(s) to apply to the external database; the operator's own "
                            + "backup of it (pgBackRest, pg_dump) is what protects it", pending);
                }
            }
            flyway.migrate();
        };
    }
}
