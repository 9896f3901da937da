package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.abri.AbriApplication;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The whole journey on the embedded database: data registered, a backup, more data and a WAL
 * switch moved to the archive, Abri stopped; then a restore into a new, empty folder gives back
 * every table, row for row, including what was written after the backup. A restore into a folder
 * that holds a database, with a wrong key or from a damaged file is refused and changes nothing.
 */
class BackupRestoreEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(BackupRestoreEndToEndTest.class);

    @TempDir
    Path temp;

    @AfterEach
    void forget() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRestoreGivesBackEveryRowUpToTheLastArchivedWal() throws Exception {
        requireOrdinaryUser();
        String key = randomKey();
        Path backupDir = temp.resolve("backups");
        Path original = temp.resolve("original");
        Map<String, String> before;
        Path backupFile;
        try (ConfigurableApplicationContext app = start(original, backupDir, key)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Fixtures fixtures = app.getBean(Fixtures.class);
            Agency agency = fixtures.agency();
            UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
            CurrentUser user = fixtures.signIn(caseworker);
            CaseRegistry registry = app.getBean(CaseRegistry.class);
            for (int i = 0; i < 5; i++) {
                registry.register(user, fixtures.child("Avant" + i, "Sauvegarde"));
            }

            Backups backups = app.getBean(Backups.class);
            long started = System.nanoTime();
            Backups.Outcome outcome = backups.backupNow("manual");
            log.info("Backup of the test database took {} ms, {} bytes", (System.nanoTime() - started) / 1_000_000,
                    outcome.size());
            assertThat(outcome.ok()).as(outcome.problem()).isTrue();
            backupFile = backupDir.resolve(outcome.name());
            assertThat(backups.lastGood()).get().extracting(Backups.Kept::verified).isEqualTo(true);
            assertThat(Files.getPosixFilePermissions(backupDir)).isEqualTo(Durable.OWNER_ONLY);

            for (int i = 0; i < 3; i++) {
                registry.register(user, fixtures.child("Apres" + i, "Sauvegarde"));
            }
            jdbc.sql("create table after_backup (id int primary key, note text)").update();
            jdbc.sql("insert into after_backup select g, 'row ' || g from generate_series(1, 1000) g").update();
            before = snapshot(jdbc);
            String segment = jdbc.sql("select pg_walfile_name(pg_current_wal_lsn())").query(String.class).single();
            jdbc.sql("select pg_switch_wal()").query(String.class).single();
            Path archived = backupDir.resolve("wal").resolve(segment + WalArchive.SUFFIX);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(archived) && System.nanoTime() < deadline) {
                backups.moveWal();
                Thread.sleep(200);
            }
            assertThat(archived).as("the switched segment is moved, encrypted, into the archive").exists();
            assertThat(original.resolve("wal-outbox").resolve(segment)).doesNotExist();
        }
        assertThat(before.get("after_backup")).startsWith("1000 ");

        Path restored = temp.resolve("restored");
        long started = System.nanoTime();
        try (ConfigurableApplicationContext app = start(restored, backupDir, key, "--abri.restore=" + backupFile)) {
            log.info("Restore and start took {} ms", (System.nanoTime() - started) / 1_000_000);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(snapshot(jdbc)).as("every table, its row count and the checksum of its content")
                    .isEqualTo(before);
            assertThat(jdbc.sql("show restore_command").query(String.class).single()).isEmpty();
            assertThat(jdbc.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isFalse();
            assertThat(restored.resolve(BackupRestore.RESTORE_FOLDER)).doesNotExist();
            assertThat(Files.getPosixFilePermissions(restored.resolve("postgres"))).isEqualTo(Durable.OWNER_ONLY);
            assertThat(restored.resolve(BackupKey.FILE_NAME)).exists();

            systemPage(app, backupFile);
        }

        // Refusals: one sentence each, and nothing changed.
        assertThat(refusal(() -> start(restored, temp.resolve("backups-after"), key, "--abri.restore=" + backupFile)))
                .hasMessageContaining("already holds a database");

        Path other = temp.resolve("wrong-key");
        assertThat(refusal(() -> start(other, temp.resolve("b2"), randomKey(), "--abri.restore=" + backupFile)))
                .hasMessageContaining("another key").hasMessageContaining("nothing was changed");
        assertThat(other.resolve("postgres")).doesNotExist();

        byte[] damaged = Files.readAllBytes(backupFile);
        damaged[damaged.length / 2] ^= 0x40;
        Path damagedFile = temp.resolve("damaged").resolve(backupFile.getFileName());
        Files.createDirectories(damagedFile.getParent());
        Files.write(damagedFile, damaged);
        Path third = temp.resolve("damaged-target");
        assertThat(refusal(() -> start(third, temp.resolve("b3"), key, "--abri.restore=" + damagedFile)))
                .hasMessageContaining("damaged").hasMessageContaining("nothing was changed");
        assertThat(third.resolve("postgres")).doesNotExist();
        assertThat(third.resolve("postgres.restoring")).doesNotExist();
    }

    /**
     * The System page of the restored Abri: for system administrators only; it lists the backup,
     * downloads it as an attachment (audited), and backs the restored database up in the background.
     */
    private static void systemPage(ConfigurableApplicationContext app, Path backupFile) throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        Fixtures fixtures = app.getBean(Fixtures.class);
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession stranger = new WebSession(port);
        stranger.signIn(caseworker.username(), Fixtures.PASSWORD);
        assertThat(stranger.get("/admin/system").statusCode()).isEqualTo(403);
        assertThat(stranger.download("/admin/system/backups/" + backupFile.getFileName()).statusCode()).isEqualTo(403);

        WebSession admin = new WebSession(port);
        assertThat(admin.signIn("admin", "backup-test-password").headers().firstValue("Location")).get().asString()
                .doesNotContain("error");
        HttpResponse<String> page = admin.get("/admin/system?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Embedded database", "Back up now", "/admin/system/backups/"
                + backupFile.getFileName(), "id=\"nav-system\"").doesNotContain("durability-warning");

        HttpResponse<byte[]> download = admin.download("/admin/system/backups/" + backupFile.getFileName());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).get().asString().startsWith("attachment");
        assertThat(download.body()).isEqualTo(Files.readAllBytes(backupFile));
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from audit_entry where record_type = 'backup' and action = 'export' "
                + "and username = 'admin' and detail ->> 'file' = ?").param(backupFile.getFileName().toString())
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(admin.download("/admin/system/backups/..%2Fwal").statusCode()).isIn(400, 404);

        assertThat(admin.post("/admin/system/backup", Map.of()).statusCode()).isEqualTo(302);
        Backups backups = app.getBean(Backups.class);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while ((backups.lastOutcome().isEmpty() || backups.current().isPresent()) && System.nanoTime() < deadline) {
            assertThat(admin.get("/admin/system/progress").statusCode()).isEqualTo(200);
            Thread.sleep(300);
        }
        assertThat(backups.lastOutcome()).get().satisfies(outcome -> assertThat(outcome.ok()).as(outcome.problem())
                .isTrue());
        assertThat(backups.kept()).hasSize(2).allSatisfy(kept -> assertThat(kept.verified()).isTrue());
        assertThat(admin.get("/admin/system?lang=ar").body()).contains("dir=\"rtl\"", "انسخ احتياطيًا الآن");
    }

    /** The refusal that made this start fail. */
    static RestoreRefusedException refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable start) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(start);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RestoreRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("the start did not fail with a refused restore", failure);
    }

    /** Each table of the schema: its row count and a checksum of its whole content (each row as text). */
    static Map<String, String> snapshot(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                select quote_ident(table_name) from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' order by 1""").query(String.class).list();
        Map<String, String> result = new TreeMap<>();
        for (String table : tables) {
            // The MD5 of the rows' MD5s in order: the same as of the rows themselves, within the 1 GB of a text value.
            result.put(table, jdbc.sql("select count(*) || ' ' || coalesce(md5(string_agg(h, '' order by h)), '') from "
                    + "(select md5(t::text) as h from " + table + " t) rows").query(String.class).single());
        }
        return result;
    }

    static void requireOrdinaryUser() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the tests as an ordinary user: PostgreSQL refuses root");
        }
        assumeFalse(root, "PostgreSQL refuses to run as root; run the tests as an ordinary user");
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static ConfigurableApplicationContext start(Path dataDir, Path backupDir, String key, String... more) {
        List<String> args = new ArrayList<>(List.of("--abri.db.url=", "--abri.db.data-dir=" + dataDir,
                "--server.port=0", "--abri.admin.password=backup-test-password", "--abri.backup.dir=" + backupDir,
                "--abri.backup.key=" + key, "--abri.reminders.enabled=false", "--abri.backup.catch-up-delay=1h"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(AbriApplication.class).run(args.toArray(String[]::new));
    }
}
