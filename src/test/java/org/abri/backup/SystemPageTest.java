package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.abri.identity.Role;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.TestDatabase;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The System page on an external database (the test server): it says the backups are the
 * operator's, offers no backup of its own, and is for system administrators only.
 */
class SystemPageTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void onAnExternalDatabaseTheBackupsAreTheOperators() {
        assumeTrue(TestDatabase.url() != null, "the tests run on the embedded database");
        WebSession admin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        var page = admin.get("/admin/system?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("External database", "pgBackRest", "id=\"nav-system\"")
                .doesNotContain("Back up now", "backup-now");
        assertThat(admin.post("/admin/system/backup", java.util.Map.of()).statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/system/backups/abri-20260101T020000Z.abribak").statusCode()).isEqualTo(404);
    }

    @Test
    void onlySystemAdministratorsSeeIt() {
        for (Role role : new Role[] {Role.AGENCY_ADMIN, Role.CASEWORKER, Role.AGENCY_MANAGER}) {
            WebSession session = signedIn(fixtures.user(fixtures.agency(), role));
            assertThat(session.get("/admin/system").statusCode()).as(role.name()).isEqualTo(403);
            assertThat(session.get("/").body()).doesNotContain("nav-system");
        }
    }
}
