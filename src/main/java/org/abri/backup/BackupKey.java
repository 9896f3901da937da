package org.abri.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit key of the deployment's backups: {@code ABRI_BACKUP_KEY} (base64) when set,
 * otherwise {@code backup.key} in the data folder (0600), generated at the first start and printed
 * once in the log, for the administrator to keep off the machine: a restore needs it.
 */
final class BackupKey {

    private static final Logger log = LoggerFactory.getLogger(BackupKey.class);
    static final String FILE_NAME = "backup.key";

    private final byte[] key;

    private BackupKey(byte[] key) {
        this.key = key;
    }

    byte[] bytes() {
        return key.clone();
    }

    String id() {
        return ChunkedEncryption.keyIdHex(key);
    }

    String base64() {
        return Base64.getEncoder().encodeToString(key);
    }

    static BackupKey of(byte[] key) {
        return new BackupKey(key.clone());
    }

    /** The configured key, or null when none is. Refuses a value that is not 32 bytes of base64. */
    static BackupKey configured(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ABRI_BACKUP_KEY is not base64: give the key exactly as Abri printed it.");
        }
        if (decoded.length != 32) {
            throw new IllegalStateException("ABRI_BACKUP_KEY holds " + decoded.length
                    + " bytes, not the 32 of a backup key: give the key exactly as Abri printed it.");
        }
        return new BackupKey(decoded);
    }

    /** The key kept in the data folder, or null when there is none. */
    static BackupKey stored(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        BackupKey key = configured(Files.readString(file, StandardCharsets.US_ASCII));
        if (key == null) {
            throw new IllegalStateException(file + " is empty: put back the backup key or remove the file.");
        }
        return key;
    }

    /** The deployment's key: configured, stored, or generated now (and printed once). */
    static BackupKey load(Path dataDir, String configured) throws IOException {
        BackupKey given = configured(configured);
        BackupKey stored = stored(dataDir);
        if (given != null) {
            if (stored != null && !stored.id().equals(given.id())) {
                log.warn("ABRI_BACKUP_KEY (key id {}) differs from {} in the data folder (key id {}): new backups use "
                        + "ABRI_BACKUP_KEY; older ones need the other key", given.id(), FILE_NAME, stored.id());
            }
            return given;
        }
        if (stored != null) {
            return stored;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        BackupKey generated = new BackupKey(random);
        generated.store(dataDir);
        log.warn("""

                ==============================================================
                 First start: backup key created (key id {}).
                   ABRI_BACKUP_KEY={}
                 Every backup is encrypted with it, and a restore needs it.
                 Keep it off this machine (a password manager, a sealed
                 envelope). It is shown only once; it is kept in {}.
                ==============================================================""", generated.id(), generated.base64(),
                dataDir.resolve(FILE_NAME));
        return generated;
    }

    /** Writes the key into the data folder, private to its owner (0600), atomically. */
    void store(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, base64() + "\n", StandardCharsets.US_ASCII);
        Durable.fsync(temporary);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        Durable.fsyncFolder(dataDir);
    }
}
