package org.abri.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.abri.platform.DatabaseStatus;
import org.abri.platform.EmbeddedDatabaseFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The backups of the embedded database: the nightly base backup (and one soon after a start when
 * the last is more than a day old, for machines switched off at night), one on demand, one before
 * a schema migration; each written under a temporary name, made durable, renamed, read back whole
 * and only then counted as good; then the rotation and the pruning of the WAL no kept backup needs.
 * Every minute the WAL PostgreSQL has archived is moved, encrypted, into the backup folder. With an
 * external database it does nothing: the operator's backups apply.
 *
 * <p>It reads the database through the plain DataSource, not JdbcClient: it runs before Flyway's
 * migrations (a backup first), which the JDBC templates wait for.
 */
@Service
class Backups implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);

    static final String SUFFIX = ".abribak";
    static final String VERIFIED_SUFFIX = ".ok";
    static final Pattern NAME = Pattern.compile("abri-(\\d{8}T\\d{6}Z)\\.abribak");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** The System page warns when the last good backup is older than this. */
    static final Duration STALE = Duration.ofHours(26);

    private final BackupProperties properties;
    private final DataSource dataSource;
    private final Clock clock;
    private final EmbeddedDatabaseFolders folders;
    private final BackupKey key;
    private final Path folder;
    private final WalArchive wal;
    private final Rotation rotation;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Run current;
    private volatile Outcome lastOutcome;
    private volatile Kept lastGood;
    private ScheduledExecutorService scheduler;
    private ExecutorService runner;
    private volatile boolean lifecycleRunning;
    private final ObjectProvider<MeterRegistry> meters;

    /** A backup of the folder; verified when it was read back whole after writing. */
    record Kept(String name, Instant created, long size, boolean verified, String startWal, String reason) {
    }

    /** How the last backup went. */
    record Outcome(String reason, Instant started, Instant finished, boolean ok, String name, long size,
            String problem) {

        Duration duration() {
            return Duration.between(started, finished);
        }
    }

    /** A backup being made, for the progress shown on the System page. */
    record Run(String reason, Instant started, BaseBackup.Progress progress) {
    }

    Backups(BackupProperties properties, DatabaseStatus status, DataSource dataSource, Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.clock = clock;
        this.folders = status.embeddedFolders().orElse(null);
        this.meters = meters;
        this.rotation = new Rotation(properties.keepDaily(), properties.keepWeekly(), properties.keepMonthly(),
                clock.getZone());
        if (folders == null) {
            this.key = null;
            this.folder = null;
            this.wal = null;
            return;
        }
        try {
            this.key = BackupKey.load(folders.dataDir(), properties.key());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the backup key: " + e.getMessage(), e);
        }
        this.folder = properties.folder(folders.dataDir());
        try {
            Durable.privateFolder(folder);
        } catch (IOException e) {
            // A USB drive unplugged must not keep the case files from opening: the backups fail, loudly.
            log.error("Backups: the backup folder {} cannot be created ({}); backups fail until it can (System page)",
                    folder, e.getMessage());
        }
        this.wal = new WalArchive(folders.walOutbox(), folder, key);
        this.lastGood = findLastGood();
        log.info("Backups of the embedded database go to {} (nightly at {} {}, key id {})", folder, properties.nightlyTime(),
                clock.getZone(), key.id());
    }

    boolean embedded() {
        return folders != null;
    }

    Path folder() {
        return folder;
    }

    WalArchive wal() {
        return wal;
    }

    String keyId() {
        return key == null ? null : key.id();
    }

    Optional<Run> current() {
        return Optional.ofNullable(current);
    }

    Optional<Outcome> lastOutcome() {
        return Optional.ofNullable(lastOutcome);
    }

    Optional<Kept> lastGood() {
        return Optional.ofNullable(lastGood);
    }

    /** True when there is no good backup, or the last is older than {@link #STALE}. */
    boolean stale() {
        Kept good = lastGood;
        return good == null || good.created().isBefore(clock.instant().minus(STALE));
    }

    private double ageSeconds() {
        Kept good = lastGood;
        return good == null ? Double.NaN : Duration.between(good.created(), clock.instant()).toSeconds();
    }

    // -- making a backup --------------------------------------------------------------------

    /** Starts a backup in the background; false when one is already being made. */
    boolean startInBackground(String reason) {
        if (!embedded() || runner == null || !running.compareAndSet(false, true)) {
            return false;
        }
        // Shown as running from now on, so that the page the button leads to already follows it.
        Run run = new Run(reason, clock.instant(), new BaseBackup.Progress());
        current = run;
        runner.submit(() -> make(run));
        return true;
    }

    /**
     * Makes a backup now, in this thread, and says how it went (a failure is logged and returned,
     * never thrown, except that a backup already being made is refused).
     */
    Outcome backupNow(String reason) {
        if (!embedded()) {
            throw new IllegalStateException("Abri runs on an external database: its backups are the operator's");
        }
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("A backup is already being made");
        }
        Run run = new Run(reason, clock.instant(), new BaseBackup.Progress());
        current = run;
        return make(run);
    }

    private Outcome make(Run run) {
        String reason = run.reason();
        Instant started = run.started();
        BaseBackup.Progress progress = run.progress();
        Path temporary = null;
        try {
            Durable.privateFolder(folder);
            Instant created = started.truncatedTo(ChronoUnit.SECONDS);
            while (Files.exists(folder.resolve(nameOf(created)))) {
                created = created.plusSeconds(1);
            }
            String name = nameOf(created);
            Path target = folder.resolve(name);
            temporary = folder.resolve(name + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary);
            Durable.restrict(temporary, Durable.OWNER_READ_WRITE);
            BaseBackup.Result result;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
                    OutputStream encrypted = ChunkedEncryption.encrypt(new Cancellable(file),
                            key.bytes(), ChunkedEncryption.KIND_BASE_BACKUP);
                    Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                result = BaseBackup.write(connection, folders.pgData(), folders.dataDir(), wal,
                        "abri " + reason + " " + created, created, encrypted, progress);
            }
            Durable.fsync(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            Durable.fsyncFolder(folder);
            temporary = null;
            Instant written = clock.instant();

            progress.phase = "verify";
            BackupArchive.Contents contents;
            try {
                contents = verify(target, key);
            } catch (IOException e) {
                Files.deleteIfExists(target);
                throw new IOException("the backup read back does not match what was written (" + e.getMessage()
                        + "); it was deleted", e);
            }
            long size = Files.size(target);
            Properties verified = new Properties();
            verified.setProperty("created", created.toString());
            verified.setProperty("size", Long.toString(size));
            verified.setProperty("start_wal", result.startWal());
            verified.setProperty("stop_wal", result.stopWal());
            verified.setProperty("files", Integer.toString(contents.files()));
            verified.setProperty("database_bytes", Long.toString(result.bytes()));
            verified.setProperty("written_seconds", Long.toString(Duration.between(started, written).toSeconds()));
            verified.setProperty("verified_at", clock.instant().toString());
            verified.setProperty("reason", reason);
            verified.setProperty("key_id", key.id());
            writeVerified(folder.resolve(name + VERIFIED_SUFFIX), verified);

            progress.phase = "rotate";
            rotate();
            Instant finished = clock.instant();
            lastGood = findLastGood();
            Outcome outcome = new Outcome(reason, started, finished, true, name, size, null);
            lastOutcome = outcome;
            log.info("Backup {} made ({}): {} MB of database in {} MB, written in {} s, verified in {} s", name, reason,
                    result.bytes() >> 20, size >> 20, Duration.between(started, written).toSeconds(),
                    Duration.between(written, finished).toSeconds());
            return outcome;
        } catch (IOException | SQLException | RuntimeException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.error("Backup failed ({}): {}", reason, problem);
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // left for the clean-up at the next start
                }
            }
            Outcome outcome = new Outcome(reason, started, clock.instant(), false, null, 0, problem);
            lastOutcome = outcome;
            return outcome;
        } finally {
            current = null;
            running.set(false);
        }
    }

    static String nameOf(Instant created) {
        return "abri-" + STAMP.format(created) + SUFFIX;
    }

    /** Decrypts and reads a whole backup, checking it against its manifest. */
    static BackupArchive.Contents verify(Path file, BackupKey key) throws IOException {
        try (InputStream in = ChunkedEncryption.decrypt(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                key.bytes())) {
            return BackupArchive.read(in, (name, directory, size, content) -> { });
        }
    }

    private static void writeVerified(Path file, Properties values) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1)) {
            values.store(out, "Verified Abri backup");
        }
        Durable.restrict(temporary, Durable.OWNER_READ_WRITE);
        Durable.fsync(temporary);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.fsyncFolder(file.getParent());
    }

    /** Deletes the backups the rotation does not keep, then the WAL that no kept backup needs. */
    void rotate() throws IOException {
        List<Kept> all = kept();
        Rotation.Plan plan = rotation.plan(all.stream().map(Kept::created).toList());
        for (Kept backup : all) {
            if (plan.delete().contains(backup.created())) {
                Files.deleteIfExists(folder.resolve(backup.name()));
                Files.deleteIfExists(folder.resolve(backup.name() + VERIFIED_SUFFIX));
                log.info("Backup {} removed by the rotation", backup.name());
            }
        }
        List<Kept> remaining = kept();
        if (!remaining.isEmpty() && remaining.stream().allMatch(backup -> backup.startWal() != null)) {
            String oldest = remaining.stream().map(Kept::startWal).min(Comparator.comparing(WalArchive::position))
                    .orElseThrow();
            wal.pruneBefore(oldest);
        }
    }

    /** The backups in the folder, newest first. */
    List<Kept> kept() throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        List<Kept> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Matcher matcher = NAME.matcher(file.getFileName().toString());
                if (!matcher.matches()) {
                    continue;
                }
                Instant created = ZonedDateTime.parse(matcher.group(1), STAMP).toInstant();
                Path verifiedFile = file.resolveSibling(file.getFileName() + VERIFIED_SUFFIX);
                Properties verified = new Properties();
                if (Files.exists(verifiedFile)) {
                    try (Reader in = Files.newBufferedReader(verifiedFile, StandardCharsets.ISO_8859_1)) {
                        verified.load(in);
                    }
                }
                boolean ok = verified.getProperty("verified_at") != null;
                result.add(new Kept(file.getFileName().toString(), created, Files.size(file), ok,
                        verified.getProperty("start_wal"), verified.getProperty("reason")));
            }
        }
        result.sort(Comparator.comparing(Kept::created).reversed());
        return result;
    }

    private Kept findLastGood() {
        try {
            return kept().stream().filter(Kept::verified).findFirst().orElse(null);
        } catch (IOException e) {
            log.warn("Backups: cannot list {}: {}", folder, e.getMessage());
            return null;
        }
    }

    /** The file of one kept backup, for its download: only names of this folder's backups. */
    Optional<Path> file(String name) {
        if (folder == null || name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    long freeSpace() {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Moves the WAL archived since the last round; errors are logged (the outbox keeps the segments). */
    int moveWal() {
        try {
            return wal.moveOutbox();
        } catch (IOException | RuntimeException e) {
            log.error("Backups: cannot move the archived WAL into {}: {}", wal.folder(), e.getMessage());
            return 0;
        }
    }

    // -- schedule -----------------------------------------------------------------------------

    @Override
    public void start() {
        lifecycleRunning = true;
        if (!embedded()) {
            return;
        }
        removeLeftovers();
        // Registered once the context is up: asking for the registry earlier would build it (and its
        // binders) before Flyway, which this bean runs before.
        meters.ifAvailable(registry -> {
            Gauge.builder("abri.backup.age.seconds", this, Backups::ageSeconds)
                    .description("Age of the last verified backup of the embedded database").baseUnit("seconds")
                    .register(registry);
            Gauge.builder("abri.backup.size.bytes", this, backups -> backups.lastGood == null ? Double.NaN
                    : backups.lastGood.size()).description("Size of the last verified backup").baseUnit("bytes")
                    .register(registry);
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("abri-backup-schedule"));
        runner = Executors.newSingleThreadExecutor(daemon("abri-backup"));
        scheduler.scheduleWithFixedDelay(this::moveWal, 5, 60, TimeUnit.SECONDS);
        scheduleNightly();
        scheduler.schedule(() -> {
            if (lastGood == null || lastGood.created().isBefore(clock.instant().minus(Duration.ofHours(24)))) {
                log.info("Backups: the last good backup is more than a day old; making one now");
                startInBackground("catchup");
            }
        }, properties.catchUpDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduleNightly() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime next = now.with(properties.nightlyTime()).truncatedTo(ChronoUnit.MINUTES);
        if (!next.isAfter(now)) {
            next = now.plusDays(1).with(properties.nightlyTime()).truncatedTo(ChronoUnit.MINUTES);
        }
        scheduler.schedule(() -> {
            startInBackground("nightly");
            scheduleNightly();
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void removeLeftovers() {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Backups: cannot clean {}: {}", folder, e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Before the database stops: a backup being made is abandoned (its temporary file goes), the outbox moved once more. */
    @Override
    public void stop() {
        lifecycleRunning = false;
        if (scheduler == null) {
            return;
        }
        cancelled = true;
        scheduler.shutdownNow();
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("Backups: the backup being made did not stop within 60 s");
            }
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        moveWal();
    }

    @Override
    public boolean isRunning() {
        return lifecycleRunning;
    }

    /** Fails the writes of a backup being made once Abri stops. */
    private final class Cancellable extends java.io.FilterOutputStream {
        Cancellable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (cancelled) {
                throw new IOException("Abri is stopping");
            }
            out.write(bytes, offset, length);
        }
    }
}
