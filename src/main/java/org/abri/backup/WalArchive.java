package org.abri.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log between base backups. PostgreSQL's {@code basic_archive} drops each
 * completed segment (at least every {@code archive_timeout}) into the outbox in the data folder;
 * {@link #moveOutbox()} encrypts each into {@code <backupDir>/wal/<name>.abriwal} (gzip, then the
 * chunked AES-GCM format), makes it durable, and only then removes it from the outbox.
 */
final class WalArchive {

    private static final Logger log = LoggerFactory.getLogger(WalArchive.class);

    static final String SUFFIX = ".abriwal";
    /** A segment, a segment's partial last piece after a promotion, a backup history file, a timeline history. */
    private static final Pattern ARCHIVED = Pattern.compile(
            "[0-9A-F]{24}(\\.partial|\\.[0-9A-F]{8}\\.backup)?|[0-9A-F]{8}\\.history");

    private final Path outbox;
    private final Path folder;
    private final BackupKey key;

    WalArchive(Path outbox, Path backupDir, BackupKey key) {
        this.outbox = outbox;
        this.folder = backupDir.resolve("wal");
        this.key = key;
    }

    Path folder() {
        return folder;
    }

    static boolean isArchivedName(String name) {
        return ARCHIVED.matcher(name).matches();
    }

    static boolean isHistory(String name) {
        return name.endsWith(".history");
    }

    /** The segment position of a WAL file name (without its timeline): comparable across timelines. */
    static String position(String name) {
        return name.length() >= 24 && !isHistory(name) ? name.substring(8, 24) : "";
    }

    /** The names of the segments from {@code first} to {@code last} inclusive, on {@code first}'s timeline. */
    static List<String> segmentsBetween(String first, String last, long segmentSize) {
        long perId = 0x1_0000_0000L / segmentSize;
        String timeline = first.substring(0, 8);
        long from = segmentNumber(first, perId);
        long to = segmentNumber(last, perId);
        List<String> names = new ArrayList<>();
        for (long segment = from; segment <= to; segment++) {
            names.add(String.format("%s%08X%08X", timeline, segment / perId, segment % perId));
        }
        return names;
    }

    private static long segmentNumber(String name, long perId) {
        return Long.parseLong(name.substring(8, 16), 16) * perId + Long.parseLong(name.substring(16, 24), 16);
    }

    /** Moves every completed file of the outbox into the encrypted archive; returns how many. */
    synchronized int moveOutbox() throws IOException {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        Durable.privateFolder(folder);
        List<Path> ready;
        try (Stream<Path> files = Files.list(outbox)) {
            ready = files.filter(path -> isArchivedName(path.getFileName().toString())).sorted().toList();
        }
        for (Path segment : ready) {
            String name = segment.getFileName().toString();
            Path target = folder.resolve(name + SUFFIX);
            Path temporary = folder.resolve(name + SUFFIX + ".tmp");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(segment));
                    OutputStream out = encryptedFile(temporary)) {
                in.transferTo(out);
            } catch (NoSuchFileException gone) {
                continue;
            }
            Durable.fsync(temporary);
            Files.setLastModifiedTime(temporary, Files.getLastModifiedTime(segment));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Durable.fsyncFolder(folder);
            Files.delete(segment);
        }
        return ready.size();
    }

    private OutputStream encryptedFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        Durable.restrict(file, Durable.OWNER_READ_WRITE);
        OutputStream encrypted = ChunkedEncryption.encrypt(new BufferedOutputStream(Files.newOutputStream(file)),
                key.bytes(), ChunkedEncryption.KIND_WAL);
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(1);
        return new GzipCompressorOutputStream(encrypted, parameters);
    }

    /**
     * The plain content of one archived file: from the outbox while it is still there, otherwise
     * decrypted from the archive (the mover writes the archive copy before it removes the outbox one).
     */
    InputStream open(String name) throws IOException {
        try {
            return new BufferedInputStream(Files.newInputStream(outbox.resolve(name)));
        } catch (NoSuchFileException notThere) {
            return decrypt(folder.resolve(name + SUFFIX), key);
        }
    }

    static InputStream decrypt(Path file, BackupKey key) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        try {
            return new GzipCompressorInputStream(ChunkedEncryption.decrypt(raw, key.bytes()));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Every history file in the outbox or the archive (they are small and restores follow timelines with them). */
    List<String> historyFiles() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path dir : List.of(outbox, folder)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(path -> path.getFileName().toString()).map(name -> name.replace(SUFFIX, ""))
                        .filter(WalArchive::isHistory).filter(name -> !names.contains(name)).forEach(names::add);
            }
        }
        return names.stream().sorted().toList();
    }

    /** Deletes the archived WAL that comes before {@code oldestNeeded} (a segment name); history files stay. */
    synchronized int pruneBefore(String oldestNeeded) throws IOException {
        if (!Files.isDirectory(folder) || oldestNeeded == null) {
            return 0;
        }
        String limit = position(oldestNeeded);
        int deleted = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                String plain = name.substring(0, name.length() - SUFFIX.length());
                if (!isHistory(plain) && position(plain).compareTo(limit) < 0) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            log.info("Backups: {} archived WAL files older than the oldest kept backup removed", deleted);
        }
        return deleted;
    }

    /** What the System page shows of the archived WAL. */
    record Summary(int count, long bytes, Optional<Instant> newest, int waiting) {
    }

    Summary summary() throws IOException {
        int count = 0;
        long bytes = 0;
        FileTime newest = null;
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(path -> path.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    count++;
                    bytes += Files.size(file);
                    FileTime modified = Files.getLastModifiedTime(file);
                    if (newest == null || modified.compareTo(newest) > 0) {
                        newest = modified;
                    }
                }
            }
        }
        int waiting = 0;
        if (Files.isDirectory(outbox)) {
            try (Stream<Path> files = Files.list(outbox)) {
                waiting = (int) files.filter(path -> isArchivedName(path.getFileName().toString())).count();
            }
        }
        return new Summary(count, bytes, Optional.ofNullable(newest).map(FileTime::toInstant), waiting);
    }
}
