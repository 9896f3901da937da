package org.abri.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;


import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One DataSource, two origins. By default Abri starts a real PostgreSQL from Maven
 * Central binaries with its data in a local folder that survives restarts, so a field
 * office needs nothing but a JDK; production sets ABRI_DB_URL and points at its own server.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties) throws IOException {
        if (properties.external()) {
            return new DatabaseServer(null, properties.url(), properties.user(), properties.password());
        }
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, so the embedded database cannot "
                    + "start. Run Abri as an ordinary user, or set ABRI_DB_URL to an external PostgreSQL.");
        }
        Files.createDirectories(properties.dataDir());
        log.info("Starting the embedded PostgreSQL with its data in {}", properties.dataDir().toAbsolutePath());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDir().resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(properties.embeddedPort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "50")
                .setRegisterShutdownHook(true)
                .start();
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} (database postgres, user postgres)", postgres.getPort());
        return new DatabaseServer(postgres, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseServer server, DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("abri");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(properties.poolSize());
        // PostgreSQL's error detail repeats the offending row ("Failing row contains (…)"), which
        // for a case would put a child's names in the log of an unexpected error: keep it out.
        // Two session settings, both from the national-scale benchmark (bench/README.md):
        // - no JIT: it pays off for long analytical queries, not for Abri's short ones, where it
        //   added 80-380 ms to queries that run in a few milliseconds;
        // - a plan for each execution's values: agencies differ in size by orders of magnitude, and
        //   the generic plan PostgreSQL settles on after five executions of a prepared statement
        //   fits none of them (a supervisor's task list went from 3 to 14 ms with it).
        config.setDataSourceProperties(toProperties(Map.of("ApplicationName", "abri",
                "logServerErrorDetail", "false", "options", "-c jit=off -c plan_cache_mode=force_custom_plan")));
        return new HikariDataSource(config);
    }

    private static java.util.Properties toProperties(Map<String, String> values) {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(values);
        return properties;
    }

    /** The running database: embedded (and then stopped with the application) or external. */
    record DatabaseServer(EmbeddedPostgres embedded, String jdbcUrl, String user, String password)
            implements AutoCloseable {

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
