package org.abri.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A physical base backup of the running cluster with PostgreSQL's low-level API, as its chapter
 * on continuous archiving describes: {@code pg_backup_start} on one connection, a copy of the
 * cluster's files (Abri's process owns them), {@code pg_backup_stop} on the same connection, whose
 * label file goes into the copy as {@code backup_label}, and the WAL segments from the start to
 * the stop, which make the copy consistent.
 */
final class BaseBackup {

    private static final Logger log = LoggerFactory.getLogger(BaseBackup.class);

    /** Folders whose content PostgreSQL recreates or does not need (the folders themselves are kept). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans", "log");
    /** Files at the top of the cluster that must not be restored. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "backup_label.old", "tablespace_map.old", "postgresql.auto.conf.tmp", "recovery.signal",
            "standby.signal", "current_logfiles", "backup_manifest");

    /** What the backup found, for its description and the rotation. */
    record Result(String startWal, String stopWal, String startLsn, String stopLsn, int files, long bytes) {
    }

    /** Where the copy stands, for the System page. */
    static final class Progress {
        final AtomicLong done = new AtomicLong();
        volatile long total;
        volatile String phase = "start";
    }

    private BaseBackup() {
    }

    static Result write(Connection connection, Path pgData, Path dataDir, WalArchive wal, String label, Instant created,
            OutputStream encrypted, Progress progress) throws IOException, SQLException {
        String serverVersion;
        long segmentSize;
        try (Statement statement = connection.createStatement()) {
            serverVersion = single(statement, "show server_version_num");
            segmentSize = Long.parseLong(single(statement, "select setting from pg_settings where name = 'wal_segment_size'"));
            String unit = single(statement, "select coalesce(unit, '') from pg_settings where name = 'wal_segment_size'");
            segmentSize = unit.equals("8kB") ? segmentSize * 8192 : unit.equals("MB") ? segmentSize << 20 : segmentSize;
        }
        progress.phase = "start";
        String startLsn;
        String startWal;
        try (PreparedStatement start = connection.prepareStatement(
                "select lsn::text, pg_walfile_name(lsn) from pg_backup_start(?, fast => true) as lsn")) {
            start.setString(1, label);
            try (ResultSet rs = start.executeQuery()) {
                rs.next();
                startLsn = rs.getString(1);
                startWal = rs.getString(2);
            }
        }
        boolean stopped = false;
        try (BackupArchive.Writer tar = new BackupArchive.Writer(encrypted)) {
            Properties info = new Properties();
            info.setProperty("format", "1");
            info.setProperty("created", created.toString());
            info.setProperty("label", label);
            info.setProperty("server_version_num", serverVersion);
            info.setProperty("start_lsn", startLsn);
            info.setProperty("start_wal", startWal);
            info.setProperty("wal_segment_size", Long.toString(segmentSize));
            StringWriter text = new StringWriter();
            info.store(text, "Abri backup");
            tar.bytes(BackupArchive.INFO, text.toString().getBytes(StandardCharsets.ISO_8859_1));

            progress.phase = "files";
            List<Path> entries = listCluster(pgData);
            long total = 0;
            for (Path path : entries) {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    total += sizeOrZero(path);
                }
            }
            progress.total = total;
            Path control = pgData.resolve("global").resolve("pg_control");
            int files = 0;
            long bytes = 0;
            for (Path path : entries) {
                if (path.equals(control)) {
                    continue;
                }
                long copied = copy(tar, pgData, path, progress);
                if (copied >= 0) {
                    files++;
                    bytes += copied;
                }
            }
            // pg_control last, as pg_basebackup does.
            bytes += Math.max(0, copy(tar, pgData, control, progress));
            files++;

            progress.phase = "stop";
            String stopLsn;
            String labelFile;
            String spcMap;
            try (Statement statement = connection.createStatement()) {
                // pg_backup_stop waits until the last segment is archived: bounded, so that an archiver
                // that fails cannot hang the backup for ever.
                statement.execute("set statement_timeout = '15min'");
                try (ResultSet rs = statement.executeQuery(
                        "select lsn::text, labelfile, spcmapfile from pg_backup_stop(wait_for_archive => true)")) {
                    rs.next();
                    stopLsn = rs.getString(1);
                    labelFile = rs.getString(2);
                    spcMap = rs.getString(3);
                } finally {
                    statement.execute("reset statement_timeout");
                }
                stopped = true;
            }
            String stopWal;
            try (PreparedStatement name = connection.prepareStatement("select pg_walfile_name(?::pg_lsn)")) {
                name.setString(1, stopLsn);
                try (ResultSet rs = name.executeQuery()) {
                    rs.next();
                    stopWal = rs.getString(1);
                }
            }
            if (WalArchive.position(stopWal).compareTo(WalArchive.position(startWal)) < 0) {
                stopWal = startWal;
            }
            tar.bytes(BackupArchive.PGDATA + "backup_label", labelFile.getBytes(StandardCharsets.UTF_8));
            if (spcMap != null && !spcMap.isBlank()) {
                tar.bytes(BackupArchive.PGDATA + "tablespace_map", spcMap.getBytes(StandardCharsets.UTF_8));
            }

            progress.phase = "wal";
            tar.directory(BackupArchive.WAL);
            for (String history : wal.historyFiles()) {
                try (InputStream in = wal.open(history)) {
                    tar.bytes(BackupArchive.WAL + history, in.readAllBytes());
                }
            }
            for (String segment : WalArchive.segmentsBetween(startWal, stopWal, segmentSize)) {
                try (InputStream in = wal.open(segment)) {
                    tar.bytes(BackupArchive.WAL + segment, in.readAllBytes());
                } catch (NoSuchFileException e) {
                    throw new IOException("the WAL segment " + segment + " that this backup needs was not archived");
                }
            }
            Path password = dataDir.resolve("db-password");
            if (Files.exists(password)) {
                tar.bytes(BackupArchive.DB_PASSWORD, Files.readAllBytes(password));
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("start_wal", startWal);
            facts.put("stop_wal", stopWal);
            facts.put("start_lsn", startLsn);
            facts.put("stop_lsn", stopLsn);
            tar.finish(facts);
            return new Result(startWal, stopWal, startLsn, stopLsn, files, bytes);
        } finally {
            if (!stopped) {
                abort(connection);
            }
        }
    }

    /** Ends a backup that failed half-way, so that the pooled connection is not left in backup mode. */
    private static void abort(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_backup_stop(wait_for_archive => false)");
        } catch (SQLException e) {
            log.debug("Backups: ending the interrupted backup: {}", e.getMessage());
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The cluster's folders and files to copy, in walking order. */
    static List<Path> listCluster(Path pgData) throws IOException {
        List<Path> result = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(pgData)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.equals(pgData) || excluded(pgData, path)) {
                    continue;
                }
                result.add(path);
            }
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
            // A file dropped while the folder was walked: walk again.
            return listCluster(pgData);
        }
        return result;
    }

    static boolean excluded(Path pgData, Path path) {
        Path relative = pgData.relativize(path);
        String first = relative.getName(0).toString();
        String name = path.getFileName().toString();
        if (relative.getNameCount() == 1 && SKIPPED.contains(first)) {
            return true;
        }
        if (relative.getNameCount() > 1 && EMPTIED.contains(first)) {
            return true;
        }
        for (Path part : relative) {
            if (part.toString().startsWith("pgsql_tmp")) {
                return true;
            }
        }
        return name.equals("pg_internal.init");
    }

    /** Copies one folder or file into the archive: its size, or -1 for a folder or what vanished meanwhile. */
    private static long copy(BackupArchive.Writer tar, Path pgData, Path path, Progress progress) throws IOException {
        String name = BackupArchive.PGDATA + pgData.relativize(path).toString().replace('\\', '/');
        if (Files.isSymbolicLink(path)) {
            log.warn("Backups: {} is a symbolic link (a tablespace?) and is not backed up", name);
            return -1;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            tar.directory(name);
            return -1;
        }
        long size;
        try {
            size = Files.size(path);
            tar.file(name, path, size, progress.done::addAndGet);
        } catch (NoSuchFileException vanished) {
            return -1; // a table or index dropped during the backup: the WAL replay drops it too
        }
        return size;
    }

    private static long sizeOrZero(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }
}
