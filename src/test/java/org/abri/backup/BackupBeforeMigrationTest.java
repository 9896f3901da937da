package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        // Versions may skip a number (one reserved and never used), so "one migration short" is the
        // version just below the newest that exists, not the newest minus one.
        List<Integer> versions;
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            versions = migrations.map(path -> path.getFileName().toString()).filter(name -> name.matches("V\\d+__.*"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).sorted().toList();
        }
        int previous = versions.get(versions.size() - 2);
        String key = BackupRestoreEndToEndTest.randomKey();
        Path data = temp.resolve("data");
        Path backups = temp.resolve("backups");
        // "The earlier Abri": its schema stops one migration short of this one's.
        try (ConfigurableApplicationContext app = BackupRestoreEndToEndTest.start(data, backups, key,
                "--spring.flyway.target=" + previous)) {
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
