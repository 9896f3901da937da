package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup key: generated once into the data folder (0600), or given, and never anything but 32 bytes. */
class BackupKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void generatedAtTheFirstStartThenReadBack() throws Exception {
        BackupKey first = BackupKey.load(dataDir, "");
        Path file = dataDir.resolve(BackupKey.FILE_NAME);
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Durable.OWNER_READ_WRITE);
        assertThat(first.bytes()).hasSize(32);
        BackupKey again = BackupKey.load(dataDir, null);
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(again.id()).isEqualTo(first.id()).hasSize(16);
    }

    @Test
    void aGivenKeyWinsAndIsNotWrittenDown() throws Exception {
        String given = BackupRestoreEndToEndTest.randomKey();
        BackupKey key = BackupKey.load(dataDir, given);
        assertThat(key.base64()).isEqualTo(given);
        assertThat(dataDir.resolve(BackupKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void aKeyThatIsNot32BytesIsRefused() {
        assertThatThrownBy(() -> BackupKey.configured("c2hvcnQ=")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the 32");
        assertThatThrownBy(() -> BackupKey.configured("not base64!")).isInstanceOf(IllegalStateException.class);
    }
}
