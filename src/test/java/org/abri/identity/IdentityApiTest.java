package org.abri.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The identity API: the caller's account and tokens, agencies and user administration. */
class IdentityApiTest extends IntegrationTest {

    private static final String NEW_PASSWORD = "another-long-passphrase";

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void meDescribesTheCallerWithoutAnySecret() {
        Agency agency = fixtures.agency();
        UserAccount supervisor = fixtures.userSpeaking("ar", agency, Role.SUPERVISOR, Role.CASEWORKER);
        Response me = new ApiClient(port).as(fixtures.token(supervisor)).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.path("id").asString()).isEqualTo(supervisor.id().toString());
        assertThat(body.path("username").asString()).isEqualTo(supervisor.username());
        assertThat(body.path("agencyCode").asString()).isEqualTo(agency.code());
        assertThat(body.path("locale").asString()).isEqualTo("ar");
        assertThat(body.path("roles").valueStream().map(JsonNode::asString)).containsExactly("CASEWORKER",
                "SUPERVISOR");
        assertThat(me.body()).doesNotContainIgnoringCase("password").doesNotContain("$2a$", "$2b$");
    }

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndDiesWhenRevoked() {
        UserAccount clerk = fixtures.user(fixtures.agency(), Role.DATA_ENTRY_CLERK);
        ApiClient api = new ApiClient(port).as(fixtures.token(clerk));

        Response created = api.post("/api/v1/me/tokens", Map.of("name", "Tablet sync"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asString();
        UUID id = UUID.fromString(created.json().path("id").asString());
        assertThat(secret).startsWith("abri_").hasSizeGreaterThan(40);
        assertThat(secret).startsWith(created.json().path("tokenPrefix").asString());
        assertThat(jdbc.sql("select token_hash from api_token where id = ?").param(id).query(String.class).single())
                .hasSize(64).isNotEqualTo(secret);

        ApiClient withNewToken = new ApiClient(port).as(secret);
        assertThat(withNewToken.get("/api/v1/me").json().path("id").asString()).isEqualTo(clerk.id().toString());
        Response listed = api.get("/api/v1/me/tokens");
        assertThat(listed.json().findValuesAsString("name")).contains("Tablet sync", "test token");
        assertThat(listed.body()).doesNotContain(secret).doesNotContain("token_hash").doesNotContain("tokenHash");
        assertThat(listed.json().get(0).path("lastUsedAt").isNull()).isFalse();

        assertThat(api.delete("/api/v1/me/tokens/" + id).status()).isEqualTo(204);
        assertThat(withNewToken.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/me/tokens/" + id).status()).as("revoking twice").isEqualTo(204);
        assertThat(api.get("/api/v1/me/tokens").json().valueStream()
                .filter(t -> t.path("id").asString().equals(id.toString())).findFirst().orElseThrow()
                .path("revokedAt").isNull()).isFalse();
        Response unknown = api.delete("/api/v1/me/tokens/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("token.not_found");

        Map<String, String> blankName = Map.of("fr", "Ce champ est obligatoire.", "en", "This field is required.",
                "ar", "هذا الحقل إلزامي.");
        blankName.forEach((language, message) -> {
            Response refused = api.language(language).post("/api/v1/me/tokens", Map.of("name", "  "));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.fieldMessages()).containsExactly(entry("name", message));
        });
        assertThat(api.post("/api/v1/me/tokens", Map.of("name", "x".repeat(81))).fieldCodes())
                .containsExactly(entry("name", "validation.too_long"));
    }

    @Test
    void changingOwnPasswordNeedsTheCurrentOneAndALongEnoughNewOne() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker));

        Response wrong = api.language("en").put("/api/v1/me/password",
                Map.of("currentPassword", "not-my-password", "newPassword", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("user.wrong_current_password");
        assertThat(wrong.json().path("message").asString()).isEqualTo("The current password is wrong.");

        Map<String, String> tooShort = Map.of("fr", "Au moins 10 caractères.", "en", "At least 10 characters.",
                "ar", "١٠ أحرف على الأقل.");  // MessageFormat writes Arabic-Indic digits in Arabic
        tooShort.forEach((language, message) -> {
            Response refused = api.language(language).put("/api/v1/me/password",
                    Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "short"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.fieldMessages()).containsExactly(entry("newPassword", message));
        });
        assertThat(api.put("/api/v1/me/password", Map.of()).fieldCodes()).containsOnlyKeys("currentPassword",
                "newPassword");

        assertThat(api.put("/api/v1/me/password", Map.of("currentPassword", Fixtures.PASSWORD,
                "newPassword", NEW_PASSWORD)).status()).isEqualTo(204);
        assertThat(new WebSession(port).signIn(caseworker.username(), NEW_PASSWORD).headers().firstValue("Location"))
                .get().asString().doesNotContain("error");
        assertThat(new WebSession(port).signIn(caseworker.username(), Fixtures.PASSWORD).headers()
                .firstValue("Location")).get().asString().endsWith("/login?error");
    }

    @Test
    void theSystemAdministratorCreatesReadsAndChangesAgencies() {
        ApiClient admin = new ApiClient(port).as(fixtures.token(fixtures.deploymentUser(Role.SYSTEM_ADMIN)));
        String code = "Q" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();

        Response created = admin.post("/api/v1/agencies", Map.of("code", code.toLowerCase(), "name", " Agence Q ",
                "kind", "international_ngo"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/agencies/" + id);
        assertThat(created.json().path("code").asString()).isEqualTo(code);
        assertThat(created.json().path("name").asString()).isEqualTo("Agence Q");
        assertThat(admin.get("/api/v1/agencies").json().findValuesAsString("code")).contains(code);

        Response changed = admin.put("/api/v1/agencies/" + id, Map.of("name", "Agence Q (fermée)", "kind",
                "international_ngo", "active", false));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/agencies/" + id).json().path("active").asBoolean()).isFalse();

        Response duplicate = admin.language("en").post("/api/v1/agencies",
                Map.of("code", code, "name", "Doublon", "kind", "other"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.code()).isEqualTo("agency.code_taken");
        assertThat(duplicate.json().path("message").asString()).isEqualTo("The agency code " + code
                + " is already in use.");

        Response invalid = admin.language("ar").post("/api/v1/agencies",
                Map.of("code", "É!", "name", "", "kind", "club"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.fieldCodes()).containsExactly(entry("code", "validation.agency_code"),
                entry("name", "validation.required"), entry("kind", "validation.invalid_choice"));
        assertThat(invalid.fieldMessages()).containsEntry("code", "يتكون الرمز من 2 إلى 10 أحرف لاتينية أو أرقام.");
        assertThat(admin.put("/api/v1/agencies/" + id, Map.of("name", "Sans statut", "kind", "other")).fieldCodes())
                .containsExactly(entry("active", "validation.required"));
        Response missing = admin.get("/api/v1/agencies/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("agency.not_found");
    }

    @Test
    void anAgencyAdministratorManagesTheUsersOfTheirAgency() {
        Agency agency = fixtures.agency();
        UserAccount agencyAdmin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        ApiClient admin = new ApiClient(port).as(fixtures.token(agencyAdmin));
        String username = "sup" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

        Response created = admin.post("/api/v1/users", Map.of("username", username, "fullName", "Awa Superviseure",
                "email", "awa@example.org", "locale", "en", "roles", List.of("SUPERVISOR"),
                "supervisees", List.of(caseworker.id()), "password", NEW_PASSWORD));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + id);
        assertThat(created.json().path("agencyId").asString()).as("defaults to the admin's agency")
                .isEqualTo(agency.id().toString());
        assertThat(created.json().path("supervisees").get(0).asString()).isEqualTo(caseworker.id().toString());
        assertThat(created.body()).doesNotContainIgnoringCase("password").doesNotContain(NEW_PASSWORD);

        JsonNode read = admin.get("/api/v1/users/" + id).json();
        assertThat(read.path("version").asInt()).isZero();
        assertThat(admin.get("/api/v1/users").json().findValuesAsString("username")).contains(username,
                caseworker.username());

        Response edited = admin.put("/api/v1/users/" + id, Map.of("fullName", "Awa S. Superviseure", "locale", "ar",
                "roles", List.of("SUPERVISOR", "CASEWORKER"), "supervisees", List.of(caseworker.id()), "version", 0));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("version").asInt()).isEqualTo(1);
        assertThat(edited.json().path("roles").valueStream().map(JsonNode::asString))
                .containsExactly("CASEWORKER", "SUPERVISOR");
        Response keepsLanguage = admin.put("/api/v1/users/" + id, Map.of("fullName", "Awa S. Superviseure",
                "roles", List.of("SUPERVISOR", "CASEWORKER"), "supervisees", List.of(caseworker.id()), "version", 1));
        assertThat(keepsLanguage.json().path("locale").asString()).as("kept when omitted").isEqualTo("ar");
        Response stale = admin.put("/api/v1/users/" + id, Map.of("fullName", "Trop tard", "roles",
                List.of("SUPERVISOR"), "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("user.changed_meanwhile");

        assertThat(admin.post("/api/v1/users/" + id + "/deactivate", null).json().path("active").asBoolean())
                .isFalse();
        assertThat(new WebSession(port).signIn(username, NEW_PASSWORD).headers().firstValue("Location")).get()
                .asString().endsWith("/login?error");
        assertThat(admin.post("/api/v1/users/" + id + "/activate", null).json().path("active").asBoolean()).isTrue();

        jdbc.sql("update app_user set locked_until = now() + interval '1 hour', failed_sign_ins = 5 where id = ?::uuid")
                .param(id).update();
        assertThat(admin.get("/api/v1/users/" + id).json().path("locked").asBoolean()).isTrue();
        assertThat(admin.post("/api/v1/users/" + id + "/unlock", null).json().path("locked").asBoolean()).isFalse();

        assertThat(admin.post("/api/v1/users/" + id + "/password", Map.of("password", "reset-by-the-admin"))
                .status()).isEqualTo(204);
        assertThat(new WebSession(port).signIn(username, "reset-by-the-admin").headers().firstValue("Location"))
                .get().asString().doesNotContain("error");

        Response self = admin.post("/api/v1/users/" + agencyAdmin.id() + "/deactivate", null);
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.code()).isEqualTo("user.cannot_deactivate_self");
    }

    @Test
    void userInputProblemsAreNamedFieldByFieldAndRulesAnswer422() {
        Agency agency = fixtures.agency();
        UserAccount existing = fixtures.user(agency, Role.CASEWORKER);
        ApiClient admin = new ApiClient(port).as(fixtures.token(fixtures.user(agency, Role.AGENCY_ADMIN)));

        Map<String, String> messages = Map.of("fr", "L'identifiant compte 3 à 40 caractères : lettres minuscules, "
                + "chiffres, point, tiret ou soulignement.", "en", "The username has 3 to 40 characters: lower-case "
                + "letters, digits, dot, hyphen or underscore.", "ar", "يتكون اسم المستخدم من 3 إلى 40 حرفاً: أحرف "
                + "لاتينية صغيرة أو أرقام أو نقطة أو شرطة أو شرطة سفلية.");
        messages.forEach((language, message) -> {
            Response refused = admin.language(language).post("/api/v1/users", Map.of("username", "a b",
                    "fullName", "", "email", "not-an-email", "locale", "de", "roles", List.of("CASEWORKER", "KING"),
                    "password", "short"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.fieldCodes()).containsExactly(entry("username", "validation.username"),
                    entry("fullName", "validation.required"), entry("password", "validation.min_length"),
                    entry("email", "validation.email"), entry("locale", "validation.invalid_choice"),
                    entry("roles[1]", "validation.invalid_choice"));
            assertThat(refused.fieldMessages()).containsEntry("username", message);
        });
        assertThat(admin.post("/api/v1/users", Map.of("roles", "CASEWORKER")).fieldCodes())
                .containsExactly(entry("roles", "validation.invalid_format"));

        Response taken = admin.post("/api/v1/users", Map.of("username", existing.username(), "fullName", "Doublon",
                "roles", List.of("CASEWORKER"), "password", NEW_PASSWORD));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.code()).isEqualTo("user.username_taken");
        Response notGrantable = admin.language("en").post("/api/v1/users", Map.of("username", "would.be.admin",
                "fullName", "Ambitieux", "roles", List.of("SYSTEM_ADMIN"), "password", NEW_PASSWORD));
        assertThat(notGrantable.status()).isEqualTo(422);
        assertThat(notGrantable.json().path("message").asString())
                .isEqualTo("Only the system administrator can grant this role.");
        assertThat(jdbc.sql("select count(*) from app_user where username = 'would.be.admin'").query(Long.class)
                .single()).isZero();

        Response noVersion = admin.put("/api/v1/users/" + existing.id(), Map.of("fullName", "Sans version",
                "roles", List.of("CASEWORKER")));
        assertThat(noVersion.fieldCodes()).containsExactly(entry("version", "validation.required"));
        Response selfSupervision = admin.put("/api/v1/users/" + existing.id(), Map.of("fullName", "Moi-même",
                "roles", List.of("CASEWORKER", "SUPERVISOR"), "supervisees", List.of(existing.id()), "version", 0));
        assertThat(selfSupervision.fieldCodes()).containsExactly(entry("supervisees", "validation.invalid_choice"));
    }

    @Test
    void theSystemAdministratorListsUsersOfOneAgency() {
        Agency first = fixtures.agency();
        Agency second = fixtures.agency();
        UserAccount inFirst = fixtures.user(first, Role.CASEWORKER);
        UserAccount inSecond = fixtures.user(second, Role.CASEWORKER);
        ApiClient admin = new ApiClient(port).as(fixtures.token(fixtures.deploymentUser(Role.SYSTEM_ADMIN)));

        JsonNode ofFirst = admin.get("/api/v1/users?agency=" + first.id()).json();
        assertThat(ofFirst.findValuesAsString("id")).containsExactly(inFirst.id().toString());
        assertThat(admin.get("/api/v1/users").json().findValuesAsString("id")).contains(inFirst.id().toString(),
                inSecond.id().toString());
        assertThat(admin.get("/api/v1/users?agency=nope").fieldCodes())
                .containsExactly(entry("agency", "validation.invalid_format"));
    }
}
