package org.abri.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * What is inside a backup, once decrypted: a gzip-compressed tar of
 * <ul>
 * <li>{@code abri-backup.properties} first: when, the PostgreSQL version, where the WAL starts;</li>
 * <li>{@code pgdata/…}: the cluster's folders and files, with {@code backup_label} (and
 * {@code tablespace_map}) from {@code pg_backup_stop};</li>
 * <li>{@code wal/…}: the WAL segments that make the copy consistent, and the timeline history files;</li>
 * <li>{@code abri/db-password}: the embedded database's password, which the restored cluster expects;</li>
 * <li>{@code MANIFEST} last: every folder, and every file's size and SHA-256, so that a backup read
 * back whole is known to be the one written.</li>
 * </ul>
 */
final class BackupArchive {

    static final String INFO = "abri-backup.properties";
    static final String MANIFEST = "MANIFEST";
    static final String PGDATA = "pgdata/";
    static final String WAL = "wal/";
    static final String DB_PASSWORD = "abri/db-password";
    private static final String MANIFEST_FIRST_LINE = "abri-backup-manifest 1";

    private BackupArchive() {
    }

    static final class Writer implements AutoCloseable {

        private final TarArchiveOutputStream tar;
        private final Map<String, String> manifest = new LinkedHashMap<>();
        private final byte[] buffer = new byte[256 * 1024];

        Writer(OutputStream encrypted) throws IOException {
            GzipParameters parameters = new GzipParameters();
            // Level 1: most of the gain for a fraction of the time (tables compress about 3:1 either way).
            parameters.setCompressionLevel(1);
            tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(encrypted, parameters));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        void directory(String name) throws IOException {
            String entryName = name.endsWith("/") ? name : name + "/";
            TarArchiveEntry entry = new TarArchiveEntry(entryName);
            entry.setMode(040700);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            manifest.put(entryName, "dir");
        }

        void bytes(String name, byte[] content) throws IOException {
            stream(name, new ByteArrayInputStream(content), content.length, ignored -> { });
        }

        /**
         * Exactly {@code size} bytes of a file that may change while it is read (the cluster runs):
         * cut where it has grown, padded with zeros where it has shrunk; the WAL replayed at restore
         * repairs both, as it does for any base backup.
         */
        void file(String name, Path file, long size, LongConsumer progress) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                stream(name, in, size, progress);
            }
        }

        private void stream(String name, InputStream in, long size, LongConsumer progress) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(size);
            entry.setMode(0100600);
            tar.putArchiveEntry(entry);
            MessageDigest sha = sha256();
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    java.util.Arrays.fill(buffer, (byte) 0);
                    while (left > 0) {
                        int zeros = (int) Math.min(buffer.length, left);
                        tar.write(buffer, 0, zeros);
                        sha.update(buffer, 0, zeros);
                        left -= zeros;
                    }
                    break;
                }
                tar.write(buffer, 0, n);
                sha.update(buffer, 0, n);
                left -= n;
                progress.accept(n);
            }
            tar.closeArchiveEntry();
            manifest.put(name, ChunkedEncryption.hex(sha.digest()) + " " + size);
        }

        /** Writes the manifest (with these facts) and closes every layer down to the file. */
        void finish(Map<String, String> facts) throws IOException {
            StringBuilder text = new StringBuilder(MANIFEST_FIRST_LINE).append('\n');
            facts.forEach((name, value) -> text.append("fact ").append(name).append(' ').append(value).append('\n'));
            manifest.forEach((name, value) -> {
                if (value.equals("dir")) {
                    text.append("dir ").append(name).append('\n');
                } else {
                    text.append("file ").append(value).append(' ').append(name).append('\n');
                }
            });
            byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(MANIFEST);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            tar.finish();
            tar.close();
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    /** What a handler is given of each entry; it may read its content (the rest is read and checked anyway). */
    interface Handler {
        void entry(String name, boolean directory, long size, InputStream content) throws IOException;
    }

    /** What a whole read found: the backup's facts (info first, then those of the manifest) and its counts. */
    record Contents(Properties info, Map<String, String> facts, int files, long bytes) {
    }

    /**
     * Reads a whole decrypted backup, giving each entry to the handler, and checks it against its
     * manifest: the same folders and files, each of the size and SHA-256 written, nothing more.
     */
    static Contents read(InputStream decrypted, Handler handler) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        Properties info = null;
        Map<String, String> facts = null;
        long bytes = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(decrypted))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (facts != null) {
                    throw damaged("an entry follows its manifest");
                }
                if (name.equals(MANIFEST)) {
                    facts = checkManifest(new String(tar.readAllBytes(), StandardCharsets.UTF_8), seen);
                    continue;
                }
                if (entry.isDirectory()) {
                    seen.put(name, "dir");
                    handle(handler, name, true, 0, InputStream.nullInputStream());
                    continue;
                }
                if (!entry.isFile()) {
                    throw damaged("it holds an entry of an unexpected type (" + name + ")");
                }
                MessageDigest sha = sha256();
                CountingInput counted = new CountingInput(new DigestInputStream(new NoClose(tar), sha));
                if (name.equals(INFO)) {
                    info = new Properties();
                    info.load(new StringReader(new String(counted.readAllBytes(), StandardCharsets.UTF_8)));
                } else {
                    handle(handler, name, false, entry.getSize(), counted);
                }
                ChunkedEncryption.drain(counted);
                if (counted.count != entry.getSize()) {
                    throw damaged(name + " is shorter than its entry says");
                }
                bytes += counted.count;
                seen.put(name, ChunkedEncryption.hex(sha.digest()) + " " + counted.count);
            }
        } catch (BackupFormatException e) {
            throw e;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IOException | IllegalArgumentException e) {
            throw damaged("its content cannot be read (" + e.getMessage() + ")");
        }
        if (facts == null) {
            throw damaged("it has no manifest");
        }
        if (info == null) {
            throw damaged("it has no description (" + INFO + ")");
        }
        return new Contents(info, facts, (int) seen.values().stream().filter(v -> !v.equals("dir")).count(), bytes);
    }

    /** The handler's own failures (a full disk) pass as they are, not as damage of the backup. */
    private static void handle(Handler handler, String name, boolean directory, long size, InputStream content)
            throws BackupFormatException {
        try {
            handler.entry(name, directory, size, content);
        } catch (BackupFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> checkManifest(String text, Map<String, String> seen) throws IOException {
        var lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(MANIFEST_FIRST_LINE)) {
            throw damaged("its manifest is not one Abri writes");
        }
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("fact ")) {
                String[] parts = line.split(" ", 3);
                facts.put(parts[1], parts.length > 2 ? parts[2] : "");
            } else if (line.startsWith("dir ")) {
                expected.put(line.substring(4), "dir");
            } else if (line.startsWith("file ")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 4) {
                    throw damaged("its manifest is damaged");
                }
                expected.put(parts[3], parts[1] + " " + parts[2]);
            } else if (!line.isBlank()) {
                throw damaged("its manifest is damaged");
            }
        }
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String found = seen.get(entry.getKey());
            if (found == null) {
                throw damaged(entry.getKey() + " is missing");
            }
            if (!found.equals(entry.getValue())) {
                throw damaged(entry.getKey() + " does not match its checksum");
            }
        }
        for (String name : seen.keySet()) {
            if (!expected.containsKey(name) && !name.equals(INFO)) {
                throw damaged(name + " is not in its manifest");
            }
        }
        return facts;
    }

    static BackupFormatException damaged(String why) {
        return new BackupFormatException(BackupFormatException.Reason.DAMAGED, "it is damaged: " + why);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final class NoClose extends java.io.FilterInputStream {
        NoClose(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }

    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // reads instead of skipping, so that the digest sees every byte
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }
}
