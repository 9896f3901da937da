package org.abri.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One DataSource, two origins. By default Abri runs a real PostgreSQL from Maven Central
 * binaries with its data in a local folder that survives restarts (see {@link EmbeddedPostgres}),
 * so a field office needs nothing but a JDK; production sets ABRI_DB_URL and points at its own server.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties, ObjectProvider<DatabaseRestore> restore) {
        if (properties.external()) {
            checkReachable(properties);
            return new DatabaseServer(null, properties.url(), properties.user(), properties.password());
        }
        log.info("Starting the embedded PostgreSQL with its data in {}", properties.dataDir().toAbsolutePath());
        EmbeddedDatabaseFolders folders = EmbeddedDatabaseFolders.in(properties.dataDir());
        EmbeddedPostgres postgres = EmbeddedPostgres.start(properties.dataDir(), properties.embeddedPort(),
                properties.walArchiveInterval(), () -> restore.ifAvailable(bean -> bean.restoreBeforeStart(folders)));
        return new DatabaseServer(postgres, postgres.jdbcUrl(), EmbeddedPostgres.SUPERUSER, postgres.password());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseServer server, DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("abri");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(properties.poolSize());
        // When the database is down a request gets its answer ("cannot save right now") within a few
        // seconds, not after Hikari's default 30 s with the user staring at a spinner.
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(2000, properties.connectionTimeout().toMillis()));
        // PostgreSQL's error detail repeats the offending row ("Failing row contains (…)"), which
        // for a case would put a child's names in the log of an unexpected error: keep it out.
        // Two session settings, both from the national-scale benchmark (bench/README.md):
        // - no JIT: it pays off for long analytical queries, not for Abri's short ones, where it
        //   added 80-380 ms to queries that run in a few milliseconds;
        // - a plan for each execution's values: agencies differ in size by orders of magnitude, and
        //   the generic plan PostgreSQL settles on after five executions of a prepared statement
        //   fits none of them (a supervisor's task list went from 3 to 14 ms with it).
        config.setDataSourceProperties(toProperties(Map.of("ApplicationName", "abri",
                "logServerErrorDetail", "false", "options", "-c jit=off -c plan_cache_mode=force_custom_plan",
                "connectTimeout", Long.toString(Math.max(1, properties.connectionTimeout().toSeconds())))));
        return new HikariDataSource(config);
    }

    @Bean
    DatabaseStatus databaseStatus(DatabaseServer server, DataSource dataSource) {
        List<String> warnings = durabilityWarnings(dataSource);
        for (String warning : warnings) {
            log.warn("The database runs with {}: an acknowledged write can be lost or a page silently corrupted in a "
                    + "power cut. Set it on in the database's configuration.", warning);
        }
        Optional<String> asciiOnly = asciiOnlyCharacterType(dataSource);
        asciiOnly.ifPresent(ctype -> log.warn("The database's character type is {}: accented letters and Arabic script "
                + "are not letters to it, so the fuzzy name search misses such names. Create the database with a UTF-8 "
                + "character type (LC_CTYPE C.UTF-8) and move the data into it.", ctype));
        Optional<EmbeddedDatabaseFolders> folders = Optional.ofNullable(server.embedded()).map(EmbeddedPostgres::folders);
        return new DatabaseStatus() {
            @Override
            public Optional<String> asciiOnlyCharacterType() {
                return asciiOnly;
            }

            @Override
            public Optional<EmbeddedDatabaseFolders> embeddedFolders() {
                return folders;
            }

            @Override
            public List<String> durabilityWarnings() {
                return warnings;
            }
        };
    }

    /** The settings without which a commit acknowledged to a caseworker may not survive a power cut. */
    static List<String> durabilityWarnings(DataSource dataSource) {
        List<String> off = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes", "data_checksums")) {
                try (ResultSet rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    String value = rs.getString(1);
                    if (!"on".equals(value)) {
                        off.add(setting + "=" + value);
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("Cannot read the database's durability settings: {}", e.getMessage());
        }
        return List.copyOf(off);
    }

    static Optional<String> asciiOnlyCharacterType(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select datctype from pg_database where datname = current_database()")) {
            rs.next();
            String ctype = rs.getString(1);
            return "C".equals(ctype) || "POSIX".equals(ctype) ? Optional.of(ctype) : Optional.empty();
        } catch (SQLException e) {
            log.warn("Cannot read the database's character type: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** An external database that cannot be reached or refuses the login: one paragraph, not a stack trace. */
    private static void checkReachable(DatabaseProperties properties) {
        Properties login = new Properties();
        if (properties.user() != null && !properties.user().isBlank()) {
            login.setProperty("user", properties.user());
        }
        if (properties.password() != null) {
            login.setProperty("password", properties.password());
        }
        login.setProperty("connectTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(properties.url(), login)) {
            log.info("Using the external PostgreSQL at {}", withoutCredentials(properties.url()));
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String where = withoutCredentials(properties.url());
            if (state.startsWith("28")) {
                throw new DatabaseStartException(DatabaseStartException.Reason.EXTERNAL_LOGIN,
                        where + " (" + firstLine(e.getMessage()) + ")");
            }
            if (state.equals("53100")) {
                throw new DatabaseStartException(DatabaseStartException.Reason.DISK_FULL, where);
            }
            throw new DatabaseStartException(DatabaseStartException.Reason.UNREACHABLE,
                    where + " (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static Properties toProperties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    /**
     * The running database: embedded (and then stopped with the application, after the pool and
     * the web server, since both depend on it) or external.
     */
    record DatabaseServer(EmbeddedPostgres embedded, String jdbcUrl, String user, String password)
            implements AutoCloseable {

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

}
