package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.abri.AbriApplication;
import org.abri.cases.CaseRegistry;
import org.abri.cases.ChildCase;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The default run: Abri on its embedded PostgreSQL, data in a local folder. What was
 * registered before a restart is there after it, and first-start work is not redone.
 */
class EmbeddedDatabaseRestartTest {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseRestartTest.class);

    @Test
    void dataSurvivesARestartOfTheEmbeddedDatabase(@TempDir Path dataDir) {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the tests as an ordinary user: PostgreSQL refuses root");
        }
        assumeFalse(root, "PostgreSQL refuses to run as root; run the tests as an ordinary user");

        UUID caseId;
        String caseNumber;
        UUID caseworkerId;
        try (ConfigurableApplicationContext app = start(dataDir, "first")) {
            assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
            Fixtures fixtures = app.getBean(Fixtures.class);
            Agency agency = fixtures.agency();
            UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
            caseworkerId = caseworker.id();
            CurrentUser user = fixtures.signIn(caseworker);
            ChildCase registered = app.getBean(CaseRegistry.class).register(user, fixtures.child("Chancelle", "Doui"));
            caseId = registered.id();
            caseNumber = registered.caseNumber();
        } finally {
            SecurityContextHolder.clearContext();
        }

        try (ConfigurableApplicationContext app = start(dataDir, "second")) {
            Fixtures fixtures = app.getBean(Fixtures.class);
            CurrentUser user = fixtures.signIn(app.getBean(org.abri.identity.UserAccounts.class).find(caseworkerId)
                    .orElseThrow());
            ChildCase found = app.getBean(CaseRegistry.class).read(user, caseId);
            assertThat(found.caseNumber()).isEqualTo(caseNumber);
            assertThat(found.givenNames()).isEqualTo("Chancelle");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from user_role where role = 'SYSTEM_ADMIN'").query(Long.class).single())
                    .as("the first-start administrator is created once").isEqualTo(1L);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String which) {
        long started = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AbriApplication.class).run(
                "--abri.db.url=", "--abri.db.data-dir=" + dataDir, "--server.port=0",
                "--abri.admin.password=restart-test-password");
        log.info("Embedded start ({}) took {} ms", which, (System.nanoTime() - started) / 1_000_000);
        return app;
    }
}
