package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.abri.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database whose character type knows only ASCII letters is reported; a UTF-8 one is not. */
class CharacterTypeTest {

    @Test
    void anAsciiOnlyDatabaseIsReportedAndAUtf8OneIsNot() throws Exception {
        assumeTrue(TestDatabase.serverAnswers(), "needs the PostgreSQL on the test host (the embedded one is "
                + "checked by EmbeddedDatabaseTest)");
        String server = "jdbc:postgresql://" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/";
        String name = "abri_ctype_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(server + "postgres", TestDatabase.USER,
                TestDatabase.PASSWORD); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name);
            statement.execute("create database " + name
                    + " template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'");
            try {
                assertThat(DatabaseConfiguration.asciiOnlyCharacterType(dataSource(server + name))).contains("C");
                assertThat(DatabaseConfiguration.asciiOnlyCharacterType(dataSource(TestDatabase.url()))).isEmpty();
            } finally {
                statement.execute("drop database " + name);
            }
        }
    }

    private static DriverManagerDataSource dataSource(String url) {
        return new DriverManagerDataSource(url, TestDatabase.USER, TestDatabase.PASSWORD);
    }
}
