package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures a backup and a restore of a large embedded database (synthetic rows shaped like case
 * rows, no personal data). Off by default; run it with
 * {@code ./mvnw test -Dtest=BackupBenchmarkTest -Dabri.backup.bench.rows=5000000 -Dabri.backup.bench.dir=/tmp/bench}.
 */
@EnabledIfSystemProperty(named = "abri.backup.bench.rows", matches = "\\d+")
class BackupBenchmarkTest {

    private static final Logger log = LoggerFactory.getLogger(BackupBenchmarkTest.class);

    @Test
    void backUpAndRestoreALargeDatabase() throws Exception {
        BackupRestoreEndToEndTest.requireOrdinaryUser();
        long rows = Long.parseLong(System.getProperty("abri.backup.bench.rows"));
        Path root = Path.of(System.getProperty("abri.backup.bench.dir", System.getProperty("java.io.tmpdir")))
                .resolve("abri-backup-bench-" + System.currentTimeMillis());
        Files.createDirectories(root);
        String key = BackupRestoreEndToEndTest.randomKey();
        Path backups = root.resolve("backups");
        Map<String, String> before;
        Path file;
        try (ConfigurableApplicationContext app = BackupRestoreEndToEndTest.start(root.resolve("original"), backups, key)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long started = System.nanoTime();
            jdbc.sql("""
                    create table bench_case as
                    select gen_random_uuid() as id, 'BEN-2026-' || lpad(g::text, 8, '0') as case_number,
                           md5(g::text) as given_names, md5((g * 7)::text) as family_name,
                           date '2010-01-01' + (g % 5000) as date_of_birth, (g % 3) as risk,
                           now() - (g % 1000) * interval '1 hour' as registered_at,
                           jsonb_build_object('concern', g % 17, 'place', g % 311, 'note', repeat('x', (g % 40)))
                               as details
                    from generate_series(1, ?::int) g""").param(rows).update();
            jdbc.sql("create index bench_case_number on bench_case (case_number)").update();
            jdbc.sql("create index bench_case_family on bench_case (family_name)").update();
            jdbc.sql("checkpoint").update();
            String size = jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class)
                    .single();
            log.info("BENCH generated {} rows in {} s; database {}", rows, (System.nanoTime() - started) / 1_000_000_000,
                    size);
            before = BackupRestoreEndToEndTest.snapshot(jdbc);
            Backups.Outcome outcome = app.getBean(Backups.class).backupNow("manual");
            assertThat(outcome.ok()).as(outcome.problem()).isTrue();
            file = backups.resolve(outcome.name());
            log.info("BENCH backup of a {} database: {} s (written and verified), file {} bytes", size,
                    outcome.duration().toMillis() / 1000.0, Files.size(file));
        }
        long started = System.nanoTime();
        try (ConfigurableApplicationContext app = BackupRestoreEndToEndTest.start(root.resolve("restored"),
                root.resolve("backups-restored"), key, "--abri.restore=" + file)) {
            log.info("BENCH restore and start: {} s", (System.nanoTime() - started) / 1_000_000_000.0);
            assertThat(BackupRestoreEndToEndTest.snapshot(app.getBean(JdbcClient.class))).isEqualTo(before);
        }
        Durable.deleteTree(root);
    }
}
