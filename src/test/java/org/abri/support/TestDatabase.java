package org.abri.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The real PostgreSQL the tests run against: the server on 127.0.0.1:5432 when one answers
 * (a fresh database per test run), otherwise Abri's own embedded PostgreSQL.
 */
public final class TestDatabase {

    public static final String HOST = System.getenv().getOrDefault("ABRI_TEST_PG_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("ABRI_TEST_PG_PORT", "5432"));
    public static final String USER = System.getenv().getOrDefault("ABRI_TEST_PG_USER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("ABRI_TEST_PG_PASSWORD", "");

    private static final java.util.concurrent.atomic.AtomicInteger CREATED = new java.util.concurrent.atomic.AtomicInteger();

    private static String url;
    private static Path embeddedDataDir;

    private TestDatabase() {
    }

    /** True when a PostgreSQL server answers on the test host and port. */
    public static boolean serverAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A JDBC URL of a fresh database on the local server, or null to use the embedded one. */
    public static synchronized String url() {
        if (url == null && embeddedDataDir == null) {
            if (serverAnswers()) {
                url = createDatabase();
            } else {
                try {
                    embeddedDataDir = Files.createTempDirectory("abri-test-db");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return url;
    }

    public static synchronized Path embeddedDataDir() {
        url();
        return embeddedDataDir;
    }

    /**
     * Command-line arguments that start another Abri on a new, empty database: on the test
     * server when it answers, otherwise an embedded one in a new folder.
     */
    public static java.util.List<String> freshDatabaseArguments() {
        java.util.List<String> args = new ArrayList<>();
        if (serverAnswers()) {
            args.add("--abri.db.url=" + createDatabase());
            args.add("--abri.db.user=" + USER);
            args.add("--abri.db.password=" + PASSWORD);
        } else {
            try {
                args.add("--abri.db.data-dir=" + java.nio.file.Files.createTempDirectory("abri-test"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return args;
    }

    /** Creates an empty database on the local server and returns its URL. */
    public static String createDatabase() {
        // Unique even when one run creates several in the same second (the demo tests need fresh ones).
        String name = "abri_test_" + (System.currentTimeMillis() / 1000) + "_" + ProcessHandle.current().pid() + "_"
                + CREATED.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(serverUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            dropLeftovers(statement);
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + HOST + ":" + PORT, e);
        }
        return serverUrl(name);
    }

    private static void dropLeftovers(Statement statement) throws SQLException {
        List<String> old = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("""
                select datname from pg_database d where datname ~ '^abri_test_[0-9]+_'
                and split_part(datname, '_', 3)::bigint < extract(epoch from now()) - 3600
                and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)""")) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        for (String name : old) {
            try {
                statement.execute("drop database if exists " + name);
            } catch (SQLException inUse) {
                // Another test run is still using it; leave it.
            }
        }
    }

    public static String serverUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }
}
