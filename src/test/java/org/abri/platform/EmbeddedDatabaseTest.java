package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.abri.AbriApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded database as a field office runs it: durable, reachable only with its password,
 * private to its owner; and each known start failure told in one paragraph without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseTest {

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void ordinaryUserOnly() {
        if (root() && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the tests as an ordinary user: PostgreSQL refuses root");
        }
        assumeFalse(root(), "PostgreSQL refuses to run as root; run the tests as an ordinary user");
    }

    @Test
    void durableAndPrivateAndOnlyWithItsPassword(@TempDir Path dataDir) throws Exception {
        ordinaryUserOnly();
        try (ConfigurableApplicationContext app = start(dataDir.resolve("data"))) {
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes", "data_checksums",
                    "archive_mode"}) {
                assertThat(jdbc.sql("show " + setting).query(String.class).single()).as(setting).isEqualTo("on");
            }
            assertThat(jdbc.sql("show password_encryption").query(String.class).single()).isEqualTo("scram-sha-256");
            assertThat(jdbc.sql("show listen_addresses").query(String.class).single()).isEqualTo("127.0.0.1");
            assertThat(app.getBean(DatabaseStatus.class).durabilityWarnings()).isEmpty();
            assertThat(app.getBean(DatabaseStatus.class).embeddedFolders()).isPresent();

            // UTF-8 character rules: accents fold, and an Arabic name has trigrams for the fuzzy search.
            assertThat(jdbc.sql("select lower('ÉLODIE ÂMINA')").query(String.class).single()).isEqualTo("élodie âmina");
            assertThat(jdbc.sql("select cardinality(show_trgm('أحمد'))").query(Integer.class).single()).isPositive();
            assertThat(jdbc.sql("select similarity('Ngarbaye', 'Ngarbayé')").query(Double.class).single())
                    .isGreaterThan(0.5);
            assertThat(app.getBean(DatabaseStatus.class).asciiOnlyCharacterType()).isEmpty();

            Path data = dataDir.resolve("data");
            String url = "jdbc:postgresql://127.0.0.1:" + Files.readAllLines(data.resolve("postgres/postmaster.pid"))
                    .get(3).strip() + "/postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class)
                    .as("no password, no connection");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password"))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("28P01");
            try (var connection = DriverManager.getConnection(url, "postgres",
                    Files.readString(data.resolve("db-password")).strip())) {
                assertThat(connection.isValid(2)).isTrue();
            }

            for (String folder : new String[] {"", "postgres", "pgsql", "pgsql/bin", "wal-outbox"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(folder))))
                        .as("permissions of %s", folder.isEmpty() ? "the data folder" : folder).isEqualTo("rwx------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("db-password"))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(data.resolve("postgres/pg_hba.conf"))).doesNotContain("trust")
                    .contains("scram-sha-256");

            // A second Abri on the same folder, even in this JVM, refuses.
            assertThatThrownBy(() -> start(data)).hasRootCauseInstanceOf(DatabaseStartException.class)
                    .rootCause().extracting(e -> ((DatabaseStartException) e).reason())
                    .isEqualTo(DatabaseStartException.Reason.FOLDER_IN_USE);
        }
    }

    @Test
    void aWrongPasswordFileIsNamed(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        ordinaryUserOnly();
        Path data = dataDir.resolve("data");
        start(data).close();
        Files.writeString(data.resolve("db-password"), "someone-changed-it\n");
        assertThatThrownBy(() -> start(data)).hasRootCauseInstanceOf(DatabaseStartException.class);
        assertThat(output).contains("The embedded database refused the password kept in").contains("db-password");
        assertThat(output).doesNotContain("\tat org.abri");
    }

    @Test
    void aFolderOfAnotherMajorVersionIsNamed(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        ordinaryUserOnly();
        Path data = dataDir.resolve("data");
        Files.createDirectories(data.resolve("postgres"));
        Files.writeString(data.resolve("postgres/PG_VERSION"), "9\n");
        assertThatThrownBy(() -> start(data)).hasRootCauseInstanceOf(DatabaseStartException.class);
        assertThat(output).contains("was made by PostgreSQL 9, but this Abri carries PostgreSQL")
                .contains("--abri.restore").doesNotContain("\tat org.abri");
    }

    @Test
    void aFolderItCannotWriteIsNamed(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        ordinaryUserOnly();
        Path locked = dataDir.resolve("locked");
        Files.createDirectories(locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> start(locked.resolve("data"))).hasRootCauseInstanceOf(DatabaseStartException.class);
            assertThat(output).contains("Abri cannot write to its data folder").contains("ABRI_DATA_DIR")
                    .doesNotContain("\tat org.abri");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aPortInUseIsNamed(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        ordinaryUserOnly();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(AbriApplication.class).run("--abri.db.url=",
                    "--abri.db.data-dir=" + dataDir.resolve("data"), "--server.port=0",
                    "--abri.db.embedded-port=" + taken.getLocalPort(), "--abri.admin.password=embedded-test-password"))
                    .hasRootCauseInstanceOf(DatabaseStartException.class);
            assertThat(output).contains("cannot listen on port " + taken.getLocalPort())
                    .contains("ABRI_DB_EMBEDDED_PORT").doesNotContain("\tat org.abri");
        }
    }

    @Test
    void rootIsToldTheWayOut(@TempDir Path dataDir, CapturedOutput output) {
        assumeTrue(root(), "only root meets this refusal");
        assertThatThrownBy(() -> start(dataDir.resolve("data"))).hasRootCauseInstanceOf(DatabaseStartException.class);
        assertThat(output).contains("Abri was started as root").contains("ABRI_DB_URL").doesNotContain("\tat org.abri");
    }

    @Test
    void anUnreachableExternalDatabaseIsNamed(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AbriApplication.class).run(
                "--abri.db.url=jdbc:postgresql://127.0.0.1:1/abri", "--abri.db.user=abri", "--abri.db.password=x",
                "--server.port=0", "--abri.admin.password=embedded-test-password"))
                .hasRootCauseInstanceOf(DatabaseStartException.class);
        assertThat(output).contains("Abri cannot reach its database: jdbc:postgresql://127.0.0.1:1/abri")
                .doesNotContain("\tat org.abri").doesNotContain("password=x");
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(AbriApplication.class).run("--abri.db.url=", "--abri.db.data-dir=" + dataDir,
                "--server.port=0", "--abri.admin.password=embedded-test-password", "--abri.reminders.enabled=false");
    }
}
