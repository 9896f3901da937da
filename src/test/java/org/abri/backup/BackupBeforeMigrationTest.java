package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** An upgrade that brings a schema migration backs the embedded database up before migrating it. */
class BackupBeforeMigrationTest {

    @TempDir
    Path temp;

    @AfterEach
    void forget() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aPendingMigrationOnADatabaseThatHoldsDataIsPrecededByABackup() throws Exception {
        BackupRestoreEndToEndTest.requireOrdinaryUser();
        int latest;
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            latest = migrations.map(path -> path.getFileName().toString()).filter(name -> name.matches("V\\d+__.*"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max(Comparator.naturalOrder())
                    .orElseThrow();
        }
        String key = BackupRestoreEndToEndTest.randomKey();
        Path data = temp.resolve("data");
        Path backups = temp.resolve("backups");
        // "The earlier Abri": its schema stops one migration short of this one's.
        try (ConfigurableApplicationContext app = BackupRestoreEndToEndTest.start(data, backups, key,
                "--spring.flyway.target=" + (latest - 1))) {
            assertThat(app.getBean(Backups.class).kept()).as("a first start migrates an empty database as it is")
                    .isEmpty();
        }
        try (ConfigurableApplicationContext app = BackupRestoreEndToEndTest.start(data, backups, key)) {
            assertThat(app.getBean(Backups.class).kept()).singleElement().satisfies(kept -> {
                assertThat(kept.reason()).isEqualTo("migration");
                assertThat(kept.verified()).isTrue();
            });
        }
        try (ConfigurableApplicationContext app = BackupRestoreEndToEndTest.start(data, backups, key)) {
            assertThat(app.getBean(Backups.class).kept()).as("nothing to migrate, no backup").hasSize(1);
        }
    }
}
