package org.abri.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.abri.platform.DatabaseRestore;
import org.abri.platform.EmbeddedDatabaseFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code --abri.restore=FILE}: before the embedded PostgreSQL first starts on an empty data
 * folder, unpacks the backup into it, decrypts the archived WAL that follows the backup (from the
 * {@code wal} folder beside the file) into {@code wal-restore}, and asks PostgreSQL to replay all of
 * it and then open ({@code recovery.signal}, a {@code restore_command} copying from that folder, and
 * no connections until the end of the replay). Everything is unpacked and checked in side folders
 * first: a refused or damaged restore changes nothing. {@link RestoreCleanup} finishes the work
 * once PostgreSQL is open.
 */
@Component
class BackupRestore implements DatabaseRestore {

    private static final Logger log = LoggerFactory.getLogger(BackupRestore.class);
    static final String RESTORE_FOLDER = "wal-restore";

    private final BackupProperties properties;
    private final String restore;

    BackupRestore(BackupProperties properties, @Value("${abri.restore:}") String restore) {
        this.properties = properties;
        this.restore = restore;
    }

    @Override
    public void restoreBeforeStart(EmbeddedDatabaseFolders folders) {
        if (restore == null || restore.isBlank()) {
            return;
        }
        Path source = Path.of(restore.strip()).toAbsolutePath().normalize();
        Path staging = folders.dataDir().resolve("postgres.restoring");
        Path walStaging = folders.dataDir().resolve(RESTORE_FOLDER + ".unpacking");
        try {
            refuseUnlessPossible(folders, source);
            BackupKey key = key(folders.dataDir());
            long started = System.nanoTime();
            log.info("Restoring {} into {}", source, folders.pgData());
            Durable.deleteTree(staging);
            Durable.deleteTree(walStaging);
            Durable.privateFolder(staging);
            Durable.privateFolder(walStaging);
            byte[][] password = new byte[1][];
            BackupArchive.Contents contents;
            try (InputStream in = ChunkedEncryption.decrypt(
                    new BufferedInputStream(Files.newInputStream(source), 1 << 16), key.bytes())) {
                contents = BackupArchive.read(in, (name, directory, size, content) -> {
                    if (name.startsWith(BackupArchive.PGDATA)) {
                        unpack(staging, name.substring(BackupArchive.PGDATA.length()), directory, content);
                    } else if (name.startsWith(BackupArchive.WAL)) {
                        unpack(walStaging, name.substring(BackupArchive.WAL.length()), directory, content);
                    } else if (name.equals(BackupArchive.DB_PASSWORD)) {
                        password[0] = content.readAllBytes();
                    }
                });
            }
            if (!Files.exists(staging.resolve("PG_VERSION")) || !Files.exists(staging.resolve("backup_label"))) {
                throw BackupArchive.damaged("it holds no database cluster");
            }
            String startWal = contents.facts().getOrDefault("start_wal", contents.info().getProperty("start_wal"));
            int archived = copyArchivedWal(source, folders, key, startWal, walStaging);
            writeRecoverySettings(staging, folders.dataDir().resolve(RESTORE_FOLDER));

            // Everything is unpacked and checked: put it in place.
            if (Files.exists(folders.pgData())) {
                Files.delete(folders.pgData());
            }
            Durable.deleteTree(folders.dataDir().resolve(RESTORE_FOLDER));
            Files.move(walStaging, folders.dataDir().resolve(RESTORE_FOLDER), StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, folders.pgData(), StandardCopyOption.ATOMIC_MOVE);
            Durable.fsyncFolder(folders.dataDir());
            if (password[0] != null) {
                Path file = folders.dataDir().resolve("db-password");
                Files.deleteIfExists(file);
                Files.createFile(file);
                Durable.restrict(file, Durable.OWNER_READ_WRITE);
                Files.write(file, password[0], StandardOpenOption.TRUNCATE_EXISTING);
                Durable.fsync(file);
            }
            if (BackupKey.stored(folders.dataDir()) == null) {
                key.store(folders.dataDir());
            }
            log.info("Restore of {} unpacked in {} s ({} files, {} MB, {} archived WAL files after it); PostgreSQL now "
                    + "replays the WAL, then opens", source.getFileName(), (System.nanoTime() - started) / 1_000_000_000,
                    contents.files(), contents.bytes() >> 20, archived);
        } catch (RestoreRefusedException e) {
            cleanQuietly(staging, walStaging);
            throw e;
        } catch (IOException | RuntimeException e) {
            cleanQuietly(staging, walStaging);
            throw new RestoreRefusedException("Cannot restore " + source + ": " + e.getMessage()
                    + "; nothing was changed.", e);
        }
    }

    private static void refuseUnlessPossible(EmbeddedDatabaseFolders folders, Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new RestoreRefusedException("Cannot restore " + source + ": there is no such file.");
        }
        if (Files.exists(folders.pgData())) {
            try (Stream<Path> entries = Files.list(folders.pgData())) {
                if (entries.findAny().isPresent()) {
                    throw new RestoreRefusedException("Cannot restore " + source + ": the data folder "
                            + folders.dataDir() + " already holds a database, and a restore goes only into a new, "
                            + "empty data folder; nothing was changed.");
                }
            }
        }
    }

    private BackupKey key(Path dataDir) throws IOException {
        BackupKey key = BackupKey.configured(properties.key());
        if (key == null) {
            key = BackupKey.stored(dataDir);
        }
        if (key == null) {
            throw new RestoreRefusedException("Cannot restore without the backup key: set ABRI_BACKUP_KEY to the key "
                    + "printed at the first start (or copy backup.key into " + dataDir + ").");
        }
        return key;
    }

    private static void unpack(Path root, String relative, boolean directory, InputStream content) throws IOException {
        if (relative.isEmpty()) {
            return;
        }
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw BackupArchive.damaged("it names a path outside the cluster (" + relative + ")");
        }
        if (directory) {
            Durable.privateFolder(target);
            return;
        }
        Durable.privateFolder(target.getParent());
        Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
        Durable.restrict(target, Durable.OWNER_READ_WRITE);
    }

    /** Decrypts the archived WAL from the backup's start on (and every timeline history) next to the backup's own. */
    private int copyArchivedWal(Path source, EmbeddedDatabaseFolders folders, BackupKey key, String startWal,
            Path walStaging) throws IOException {
        Path beside = source.getParent().resolve("wal");
        Path configured = properties.folder(folders.dataDir()).resolve("wal");
        int copied = 0;
        String newest = null;
        for (Path folder : beside.equals(configured) ? List.of(beside) : List.of(beside, configured)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(path -> path.getFileName().toString().endsWith(WalArchive.SUFFIX)).sorted().toList();
            }
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - WalArchive.SUFFIX.length());
                boolean segment = name.matches("[0-9A-F]{24}");
                boolean wanted = WalArchive.isHistory(name) || segment && startWal != null
                        && WalArchive.position(name).compareTo(WalArchive.position(startWal)) >= 0;
                if (!wanted || Files.exists(walStaging.resolve(name))) {
                    continue;
                }
                Path temporary = walStaging.resolve(name + ".tmp");
                try (InputStream in = WalArchive.decrypt(file, key)) {
                    Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                } catch (BackupFormatException e) {
                    throw new IOException("the archived WAL file " + file + " cannot be read (" + e.getMessage()
                            + "): move it and the files after it out of " + folder
                            + " to restore up to the WAL before it", e);
                }
                Files.move(temporary, walStaging.resolve(name));
                copied++;
                if (segment && (newest == null || WalArchive.position(name).compareTo(WalArchive.position(newest)) > 0)) {
                    newest = name;
                }
            }
        }
        if (newest != null) {
            log.info("Restore: the archived WAL goes up to segment {}", newest);
        }
        return copied;
    }

    /** recovery.signal, and the settings of the replay: copy from the restore folder; no connections until it ends. */
    private static void writeRecoverySettings(Path pgData, Path restoreFolder) throws IOException {
        String folder = restoreFolder.toString();
        if (folder.contains("'") || folder.contains("\"")) {
            throw new IOException("the data folder's path holds a quote, which the restore command cannot carry");
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String command = windows ? "copy \"" + folder + "\\%f\" \"%p\"" : "cp \"" + folder + "/%f\" \"%p\"";
        String settings = """

                # Written by Abri's restore, removed once the database is open.
                restore_command = '%s'
                hot_standby = 'off'
                """.formatted(command);
        Files.writeString(pgData.resolve("postgresql.auto.conf"), settings, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.createFile(pgData.resolve("recovery.signal"));
    }

    private static void cleanQuietly(Path... folders) {
        for (Path folder : folders) {
            try {
                Durable.deleteTree(folder);
            } catch (IOException e) {
                log.warn("Restore: cannot remove {}: {}", folder, e.getMessage());
            }
        }
    }
}
