package org.abri.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.locations.Location;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The administration pages over HTTP: agencies, users, locations, lists, profile and audit
 * trail — who may reach each, what a refused or malformed change shows, and that the
 * changes take effect (a deactivated user cannot sign in, a new list value is offered…).
 */
class AdministrationPagesTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry cases;
    @Autowired
    JdbcClient jdbc;


    @Test
    void administrationPagesAreRefusedToAnonymousUsersAndToRolesWithoutThePermission() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        Location location = fixtures.location();
        String[] systemPages = {"/admin/agencies", "/admin/agencies/" + agency.id(), "/admin/locations",
                "/admin/locations/" + location.id(), "/admin/lookups", "/admin/lookups/protection_concern",
                "/admin/lookups/protection_concern/neglect"};
        String[] agencyPages = {"/admin/users", "/admin/users/new", "/admin/users/" + caseworker.id(), "/audit",
                "/audit?user=" + caseworker.id()};

        WebSession anonymous = new WebSession(port);
        for (String page : concat(systemPages, agencyPages, new String[] {"/profile"})) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login");
        }

        for (UserAccount withoutPermission : List.of(caseworker, fixtures.user(agency, Role.SUPERVISOR),
                fixtures.user(agency, Role.AGENCY_MANAGER), fixtures.deploymentUser(Role.COORDINATION_VIEWER))) {
            WebSession session = signedIn(withoutPermission);
            for (String page : concat(systemPages, agencyPages)) {
                assertThat(session.get(page).statusCode()).as(page + " for " + withoutPermission.roles()).isEqualTo(403);
            }
            assertThat(session.get("/profile").statusCode()).isEqualTo(200);
            assertThat(session.post("/admin/agencies", Map.of("code", "NOPE", "name", "Nope", "kind", "other"))
                    .statusCode()).isEqualTo(403);
            assertThat(session.postFields("/admin/users", fields("username", "intruder1", "fullName", "Intrus",
                    "password", Fixtures.PASSWORD, "roles", "CASEWORKER")).statusCode()).isEqualTo(403);
            assertThat(session.post("/admin/locations", Map.of("code", "NOPE", "name", "Nope")).statusCode())
                    .isEqualTo(403);
            assertThat(session.post("/admin/lookups/protection_concern", Map.of("code", "nope", "labelFr", "a",
                    "labelEn", "b", "labelAr", "c")).statusCode()).isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from app_user where username = 'intruder1'").query(Long.class).single())
                .isZero();

        // An agency administrator manages their own agency only: the others' users do not exist for them.
        WebSession agencyAdmin = signedIn(fixtures.user(agency, Role.AGENCY_ADMIN));
        for (String page : systemPages) {
            assertThat(agencyAdmin.get(page).statusCode()).as(page).isEqualTo(403);
        }
        for (String page : agencyPages) {
            assertThat(agencyAdmin.get(page).statusCode()).as(page).isEqualTo(200);
        }
        UserAccount stranger = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession otherAdmin = signedIn(fixtures.user(fixtures.agency(), Role.AGENCY_ADMIN));
        assertThat(otherAdmin.get("/admin/users").body()).doesNotContain(caseworker.username());
        assertThat(otherAdmin.get("/admin/users/" + caseworker.id()).statusCode()).isEqualTo(404);
        assertThat(otherAdmin.get("/audit?user=" + caseworker.id()).statusCode()).isEqualTo(404);
        assertThat(otherAdmin.post("/admin/users/" + caseworker.id() + "/active", Map.of("active", "false"))
                .statusCode()).isEqualTo(404);
        assertThat(otherAdmin.post("/admin/users/" + caseworker.id() + "/password", Map.of("newPassword",
                "taken-over-password")).statusCode()).isEqualTo(404);
        assertThat(agencyAdmin.get("/admin/users/" + stranger.id()).statusCode()).isEqualTo(404);
        assertThat(new WebSession(port).signIn(caseworker.username(), Fixtures.PASSWORD).headers()
                .firstValue("Location")).get().asString().doesNotContain("error");
    }

    @Test
    void changesWithoutTheCsrfTokenAreRefused() {
        WebSession admin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        admin.get("/admin/agencies");
        assertThat(admin.postRaw("/admin/agencies", Map.of("code", "NOCSRF", "name", "Sans jeton", "kind", "other"))
                .statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from agency where code = 'NOCSRF'").query(Long.class).single()).isZero();
    }

    @Test
    void anAgencyAdministratorCreatesCaseworkersAndTheirSupervisorAndManagesTheirAccounts() {
        Agency agency = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        WebSession session = signedIn(admin);
        session.get("/admin/users/new");
        String caseworkerName = "cw" + UUID.randomUUID().toString().substring(0, 8);

        // A short password is refused; what was typed stays on the form.
        HttpResponse<String> refused = session.postFields("/admin/users", fields("username", caseworkerName,
                "fullName", "Clarisse Ndakala", "password", "court", "roles", "CASEWORKER"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("au moins 10 caractères", "value=\"Clarisse Ndakala\"",
                "value=\"" + caseworkerName + "\"");
        // An agency administrator cannot grant deployment roles.
        assertThat(session.postFields("/admin/users", fields("username", caseworkerName, "fullName",
                "Clarisse Ndakala", "password", Fixtures.PASSWORD, "roles", "SYSTEM_ADMIN")).body())
                .contains("Seul l&#39;administrateur système peut attribuer ce rôle.");

        UUID caseworkerId = createdId(session.postFields("/admin/users", fields("username", caseworkerName,
                "fullName", "Clarisse Ndakala", "password", Fixtures.PASSWORD, "roles", "CASEWORKER", "locale", "en")));
        session.get("/admin/users/new");
        UUID supervisorId = createdId(session.postFields("/admin/users", fields("username", caseworkerName + "s",
                "fullName", "Serge Mbaye", "password", Fixtures.PASSWORD, "roles", "SUPERVISOR",
                "supervisees", caseworkerId.toString())));
        assertThat(jdbc.sql("select caseworker_id from supervision where supervisor_id = ?").param(supervisorId)
                .query(UUID.class).list()).containsExactly(caseworkerId);
        assertThat(jdbc.sql("select agency_id from app_user where id = ?").param(caseworkerId).query(UUID.class)
                .single()).isEqualTo(agency.id());
        assertThat(session.get("/admin/users").body()).contains("Clarisse Ndakala", "Serge Mbaye");
        assertThat(new WebSession(port).signIn(caseworkerName, Fixtures.PASSWORD).headers().firstValue("Location"))
                .get().asString().doesNotContain("error");

        // Editing with a stale version keeps the input and says why nothing was saved.
        HttpResponse<String> stale = session.postFields("/admin/users/" + caseworkerId, fields("fullName",
                "Clarisse N. Ndakala", "locale", "fr", "roles", "CASEWORKER", "version", "99"));
        assertThat(stale.body()).contains("Quelqu&#39;un a modifié cet utilisateur", "value=\"Clarisse N. Ndakala\"");
        int version = jdbc.sql("select version from app_user where id = ?").param(caseworkerId).query(Integer.class).single();
        assertThat(session.postFields("/admin/users/" + caseworkerId, fields("fullName", "Clarisse N. Ndakala",
                "locale", "fr", "roles", "CASEWORKER", "roles", "DATA_ENTRY_CLERK", "version", String.valueOf(version)))
                .statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select role from user_role where user_id = ? order by role").param(caseworkerId)
                .query(String.class).list()).containsExactly("CASEWORKER", "DATA_ENTRY_CLERK");

        // Deactivated: cannot sign in, the account and its records stay. Reactivated: can again.
        session.get("/admin/users/" + caseworkerId);
        assertThat(session.post("/admin/users/" + caseworkerId + "/active", Map.of("active", "false")).statusCode())
                .isEqualTo(302);
        assertThat(new WebSession(port).signIn(caseworkerName, Fixtures.PASSWORD).headers().firstValue("Location"))
                .get().asString().contains("error");
        session.post("/admin/users/" + caseworkerId + "/active", Map.of("active", "true"));
        assertThat(new WebSession(port).signIn(caseworkerName, Fixtures.PASSWORD).headers().firstValue("Location"))
                .get().asString().doesNotContain("error");

        // Locked after failed sign-ins: the administrator unlocks; a lost password is reset.
        jdbc.sql("update app_user set locked_until = now() + interval '15 minutes' where id = ?").param(caseworkerId)
                .update();
        assertThat(session.get("/admin/users/" + caseworkerId).body()).contains("id=\"unlock\"");
        session.post("/admin/users/" + caseworkerId + "/unlock", Map.of());
        assertThat(jdbc.sql("select locked_until is null from app_user where id = ?").param(caseworkerId)
                .query(Boolean.class).single()).isTrue();
        session.get("/admin/users/" + caseworkerId);
        session.post("/admin/users/" + caseworkerId + "/password", Map.of("newPassword", "a-new-long-password"));
        assertThat(new WebSession(port).signIn(caseworkerName, "a-new-long-password").headers().firstValue("Location"))
                .get().asString().doesNotContain("error");
        // Nobody deactivates their own account.
        session.get("/admin/users/" + admin.id());
        session.post("/admin/users/" + admin.id() + "/active", Map.of("active", "false"));
        assertThat(session.get("/admin/users/" + admin.id()).body())
                .contains("Vous ne pouvez pas désactiver votre propre compte.");
        assertThat(jdbc.sql("select active from app_user where id = ?").param(admin.id()).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void theSystemAdministratorManagesAgenciesLocationsAndLists() {
        WebSession admin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        admin.get("/admin/agencies");
        String code = "A" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();

        HttpResponse<String> badCode = admin.post("/admin/agencies", Map.of("code", "no spaces!", "name",
                "Espoir pour demain", "kind", "national_ngo"));
        assertThat(badCode.statusCode()).isEqualTo(200);
        assertThat(badCode.body()).contains("2 à 10 lettres majuscules ou chiffres", "value=\"Espoir pour demain\"");
        HttpResponse<String> created = admin.post("/admin/agencies", Map.of("code", code.toLowerCase(), "name",
                "Espoir pour demain", "kind", "national_ngo"));
        UUID agencyId = createdId(created);
        assertThat(jdbc.sql("select code from agency where id = ?").param(agencyId).query(String.class).single())
                .isEqualTo(code);
        admin.get("/admin/agencies/" + agencyId);
        admin.post("/admin/agencies/" + agencyId, Map.of("name", "Espoir pour demain (ENF)", "kind", "national_ngo"));
        assertThat(jdbc.sql("select active from agency where id = ?").param(agencyId).query(Boolean.class).single())
                .isFalse();

        // A three-level hierarchy, and no fourth level.
        admin.get("/admin/locations");
        String prefix = "L" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        admin.post("/admin/locations", Map.of("code", prefix, "name", "Vakaga", "nameAr", "فاكاغا"));
        UUID region = locationId(prefix);
        admin.post("/admin/locations", Map.of("parentId", region.toString(), "code", prefix + "-B", "name", "Birao"));
        UUID district = locationId(prefix + "-B");
        admin.post("/admin/locations", Map.of("parentId", district.toString(), "code", prefix + "-BA", "name", "Amdafock"));
        UUID commune = locationId(prefix + "-BA");
        assertThat(jdbc.sql("select level from location where id = ?").param(commune).query(Integer.class).single())
                .isEqualTo(3);
        HttpResponse<String> tooDeep = admin.post("/admin/locations", Map.of("parentId", commune.toString(), "code",
                prefix + "-X", "name", "Quartier"));
        assertThat(tooDeep.body()).contains("trois niveaux au plus", "value=\"Quartier\"");
        assertThat(admin.get("/admin/locations").body()).contains("Vakaga &gt; Birao &gt; Amdafock");

        // A new protection concern is offered at registration; once retired it is not.
        admin.get("/admin/lookups/protection_concern");
        String concern = "test_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        HttpResponse<String> missingLabel = admin.post("/admin/lookups/protection_concern", Map.of("code", concern,
                "labelFr", "Mariage précoce test", "labelEn", "Early marriage test", "labelAr", ""));
        assertThat(missingLabel.body()).contains("Donnez un libellé en français, en anglais et en arabe.",
                "value=\"Mariage précoce test\"");
        admin.post("/admin/lookups/protection_concern", Map.of("code", concern, "labelFr", "Mariage précoce test",
                "labelEn", "Early marriage test", "labelAr", "زواج مبكر", "sortOrder", "5"));
        WebSession caseworker = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        assertThat(caseworker.get("/cases/new").body()).contains("Mariage précoce test");
        admin.get("/admin/lookups/protection_concern/" + concern);
        admin.post("/admin/lookups/protection_concern/" + concern, Map.of("labelFr", "Mariage précoce test",
                "labelEn", "Early marriage test", "labelAr", "زواج مبكر", "sortOrder", "5"));
        assertThat(caseworker.get("/cases/new").body()).doesNotContain("Mariage précoce test");
        assertThat(admin.get("/admin/lookups/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void everyUserKeepsTheirLanguagePasswordAndApiTokensOnTheirProfile() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = signedIn(caseworker);

        assertThat(session.get("/profile?lang=ar").body()).contains("dir=\"rtl\"", "ملفي الشخصي");
        assertThat(jdbc.sql("select locale from app_user where id = ?").param(caseworker.id()).query(String.class)
                .single()).isEqualTo("ar");
        assertThat(signedIn(caseworker).get("/profile").body()).contains("lang=\"ar\"");
        session.get("/profile?lang=fr");

        session.post("/profile/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword",
                "another-long-password", "confirmPassword", "a-different-password"));
        assertThat(session.get("/profile").body()).contains("Les deux nouveaux mots de passe ne sont pas identiques.");
        session.post("/profile/password", Map.of("currentPassword", "not-my-password", "newPassword",
                "another-long-password", "confirmPassword", "another-long-password"));
        assertThat(session.get("/profile").body()).contains("Le mot de passe actuel est incorrect.");
        session.post("/profile/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword",
                "another-long-password", "confirmPassword", "another-long-password"));
        assertThat(session.get("/profile").body()).contains("Mot de passe changé.");
        assertThat(new WebSession(port).signIn(caseworker.username(), "another-long-password").headers()
                .firstValue("Location")).get().asString().doesNotContain("error");

        // A token's secret is shown once; only its hash is kept; revoking it stamps the date.
        session.post("/profile/tokens", Map.of("name", "Tablette terrain"));
        String page = session.get("/profile").body();
        String secret = page.replaceAll("(?s).*id=\"new-secret\" dir=\"ltr\">(abri_[A-Za-z0-9_-]+)<.*", "$1");
        assertThat(secret).startsWith("abri_").hasSizeGreaterThan(40);
        assertThat(session.get("/profile").body()).doesNotContain(secret).contains("Tablette terrain");
        UUID tokenId = jdbc.sql("select id from api_token where user_id = ?").param(caseworker.id()).query(UUID.class)
                .single();
        assertThat(jdbc.sql("select token_hash from api_token where id = ?").param(tokenId).query(String.class).single())
                .doesNotContain(secret).hasSize(64);
        session.post("/profile/tokens/" + tokenId + "/revoke", Map.of());
        assertThat(jdbc.sql("select revoked_at is not null from api_token where id = ?").param(tokenId)
                .query(Boolean.class).single()).isTrue();
        assertThat(session.get("/profile").body()).contains("Jeton révoqué.");
        session.post("/profile/tokens", Map.of("name", " "));
        assertThat(session.get("/profile").body()).contains("Donnez au jeton un nom de 1 à 80 caractères.");
        // Somebody else's token cannot be revoked.
        WebSession other = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        other.get("/profile");
        assertThat(other.post("/profile/tokens/" + tokenId + "/revoke", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void administratorsReadTheAuditTrailOfTheirAgencysUsersAndRecordsOnly() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UUID caseId = cases.register(fixtures.signIn(caseworker), fixtures.child("Fatimé", "Abakar")).id();
        cases.read(fixtures.signIn(caseworker), caseId);
        SecurityContextHolder.clearContext();

        WebSession agencyAdmin = signedIn(fixtures.user(agency, Role.AGENCY_ADMIN));
        String ofUser = agencyAdmin.get("/audit?user=" + caseworker.id()).body();
        assertThat(ofUser).contains("Création", "Lecture", caseworker.username()).doesNotContain("Fatimé", "Abakar");
        assertThat(agencyAdmin.get("/audit?username=" + caseworker.username()).body()).contains("Création");
        String ofRecord = agencyAdmin.get("/audit?record=" + caseId).body();
        // The registration and the read, at least; the trail also holds the case's own records and
        // the looks at the trail itself (issue 17).
        assertThat(ofRecord.split("class=\"audit-row\"", -1)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ofRecord).contains("Création", "Lecture").doesNotContain("Fatimé", "Abakar");
        assertThat(agencyAdmin.get("/audit?record=not-a-uuid").body()).contains("n&#39;a pas la bonne forme");

        WebSession otherAdmin = signedIn(fixtures.user(fixtures.agency(), Role.AGENCY_ADMIN));
        assertThat(otherAdmin.get("/audit?record=" + caseId).body()).doesNotContain("class=\"audit-row\"")
                .contains("Aucune entrée visible pour vous.");
        WebSession systemAdmin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        assertThat(systemAdmin.get("/audit?record=" + caseId).body().split("class=\"audit-row\"", -1))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theSystemAdministratorKeepsTheSopSettingsAllOrNothing() {
        WebSession caseworker = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        assertThat(caseworker.get("/admin/sop").statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).get("/admin/sop").statusCode()).isEqualTo(302);

        WebSession admin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        assertThat(admin.get("/admin/sop").body()).contains("name=\"follow_up.high\"", "value=\"P7D\"");
        HttpResponse<String> refused = admin.post("/admin/sop", Map.of("follow_up.high", "P5D",
                "initial_assessment.low", "bientôt"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("initial_assessment (low)", "value=\"bientôt\"");
        assertThat(jdbc.sql("select value from sop_setting where name = 'follow_up' and risk_level = 'high'")
                .query(String.class).single()).isEqualTo("P7D");
        admin.get("/admin/sop");
        assertThat(admin.post("/admin/sop", Map.of("caseload_caseworker.any", "30")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select value from sop_setting where name = 'caseload_caseworker'").query(String.class)
                .single()).isEqualTo("30");
        admin.get("/admin/sop");
        admin.post("/admin/sop", Map.of("caseload_caseworker.any", "25"));
    }

    // ---- helpers -------------------------------------------------------------------------


    private UUID locationId(String code) {
        return jdbc.sql("select id from location where code = ?").param(code).query(UUID.class).single();
    }

    /** The id at the end of the redirect that follows a successful creation. */
    private static UUID createdId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private static List<Map.Entry<String, String>> fields(String... namesAndValues) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return fields;
    }

    private static String[] concat(String[]... arrays) {
        return java.util.Arrays.stream(arrays).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
