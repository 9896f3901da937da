package org.abri.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.abri.identity.UserAccounts.AccountChange;
import org.abri.platform.RuleViolationException;
import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Issue 17: every security event is audited; nobody grants themselves access; changed credentials cut what they protected. */
class SecurityEventsTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ApiTokens tokens;

    @AfterEach
    void forgetFailures() {
        jdbc.sql("delete from sign_in_throttle").update();
    }

    private record Row(UUID userId, String username, UUID recordId, String clientAddress, String detail) {
    }

    private List<Row> rows(String action, UUID target) {
        return jdbc.sql("""
                select user_id, username, record_id, client_address, detail::text as detail from audit_entry
                where action = ? and record_type = 'user' and record_id = ? order by occurred_at""")
                .params(action, target).query(Row.class).list();
    }

    @Test
    void signInFailedSignInAndSignOutAreAuditedWithTheClientAddressAndNeverThePassword() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = new WebSession(port);
        session.signIn(user.username(), "wrong-password-secret");
        List<Row> failed = rows("sign_in_failed", user.id());
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).userId()).isNull();
        assertThat(failed.get(0).clientAddress()).isEqualTo("127.0.0.1");
        assertThat(failed.get(0).detail()).contains(user.username()).doesNotContain("wrong-password-secret");

        String unknown = "nobody" + System.nanoTime();
        session.signIn(unknown, "another-secret-password");
        List<String> unknownRows = jdbc.sql("""
                select detail::text from audit_entry where action = 'sign_in_failed' and record_id is null
                and detail->>'usernameTried' = ?""").param(unknown).query(String.class).list();
        assertThat(unknownRows).hasSize(1);
        assertThat(unknownRows.get(0)).doesNotContain("another-secret-password");

        assertThat(session.signIn(user.username(), Fixtures.PASSWORD).headers().firstValue("Location")).get()
                .asString().doesNotContain("error");
        List<Row> signIn = rows("sign_in", user.id());
        assertThat(signIn).hasSize(1);
        assertThat(signIn.get(0).userId()).isEqualTo(user.id());
        assertThat(signIn.get(0).clientAddress()).isEqualTo("127.0.0.1");

        session.get("/");
        assertThat(session.post("/logout", Map.of()).statusCode()).isEqualTo(302);
        assertThat(rows("sign_out", user.id())).singleElement().extracting(Row::userId).isEqualTo(user.id());
    }

    @Test
    void roleAndSupervisionChangesActivationAndTokensAreAuditedOldToNew() {
        var agency = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount target = fixtures.user(agency, Role.CASEWORKER);
        CurrentUser me = fixtures.signIn(admin);
        UserAccount before = accounts.find(target.id()).orElseThrow();
        accounts.update(me, target.id(), new AccountChange(null, null, before.fullName(), null, "fr",
                EnumSet.of(Role.SUPERVISOR), Set.of(caseworker.id())), before.version());

        Row roles = rows("role_change", target.id()).get(0);
        assertThat(roles.userId()).isEqualTo(admin.id());
        assertThat(roles.detail()).contains("\"old\": [\"CASEWORKER\"]", "\"new\": [\"SUPERVISOR\"]");
        Row supervision = rows("supervision_change", target.id()).get(0);
        assertThat(supervision.detail()).contains("\"old\": []", caseworker.id().toString());

        accounts.setActive(me, target.id(), false);
        accounts.setActive(me, target.id(), true);
        assertThat(rows("deactivate", target.id())).singleElement().extracting(Row::userId).isEqualTo(admin.id());
        assertThat(rows("activate", target.id())).singleElement().extracting(Row::userId).isEqualTo(admin.id());

        CurrentUser owner = accounts.loadCurrentUser(target.id()).orElseThrow();
        var issued = tokens.create(owner, "laptop");
        tokens.revoke(owner, issued.token().id());
        assertThat(rows("token_create", target.id())).singleElement().extracting(Row::detail).asString()
                .contains(issued.token().id().toString()).doesNotContain(issued.secret());
        assertThat(rows("token_revoke", target.id())).hasSize(1);
    }

    @Test
    void anAdministratorCannotChangeTheirOwnRolesOnThePageNorTheApi() {
        var agency = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        CurrentUser me = fixtures.signIn(admin);
        UserAccount self = accounts.find(admin.id()).orElseThrow();
        assertThatThrownBy(() -> accounts.update(me, admin.id(), new AccountChange(null, null, self.fullName(), null,
                "fr", EnumSet.of(Role.AGENCY_ADMIN, Role.AGENCY_MANAGER), Set.of()), self.version()))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("user.cannot_change_own_roles");
        // Editing one's own name with the same roles still works.
        accounts.update(me, admin.id(), new AccountChange(null, null, "New name", null, "fr",
                EnumSet.of(Role.AGENCY_ADMIN), Set.of()), self.version());

        ApiClient.Response api = new ApiClient(port).as(fixtures.token(admin)).language("en")
                .put("/api/v1/users/" + admin.id(), Map.of("fullName", "New name", "roles",
                        List.of("AGENCY_ADMIN", "SUPERVISOR"), "version", self.version() + 1));
        assertThat(api.status()).isBetween(400, 422);
        assertThat(api.code()).isEqualTo("user.cannot_change_own_roles");
        assertThat(api.body()).contains("You cannot change your own roles");
        assertThat(accounts.find(admin.id()).orElseThrow().roles()).containsExactly(Role.AGENCY_ADMIN);
    }

    @Test
    void aCaseReadingRoleGivenByAnAgencyAdministratorIsAuditedAndNotifiedToTheOtherAdministratorsAndManagers() {
        var agency = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount otherAdmin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount manager = fixtures.user(agency, Role.AGENCY_MANAGER);
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount elsewhere = fixtures.user(fixtures.agency(), Role.AGENCY_ADMIN);
        UserAccount target = fixtures.user(agency, Role.DATA_ENTRY_CLERK);
        CurrentUser me = fixtures.signIn(admin);
        UserAccount before = accounts.find(target.id()).orElseThrow();
        accounts.update(me, target.id(), new AccountChange(null, null, before.fullName(), null, "fr",
                EnumSet.of(Role.AGENCY_MANAGER), Set.of()), before.version());

        assertThat(rows("role_change", target.id())).singleElement().extracting(Row::detail).asString()
                .contains("AGENCY_MANAGER");
        List<UUID> told = jdbc.sql("select user_id from notification where kind = 'case_reading_role_granted' "
                + "and arguments->>'caseNumber' = ?").param(target.username()).query(UUID.class).list();
        assertThat(told).containsExactlyInAnyOrder(otherAdmin.id(), manager.id())
                .doesNotContain(admin.id(), caseworker.id(), elsewhere.id(), target.id());
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsKeepsThisOneAndRevokesTokens() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession other = signedIn(user);
        WebSession here = signedIn(user);
        String token = fixtures.token(user);
        ApiClient api = new ApiClient(port).as(token);
        assertThat(api.get("/api/v1/me").status()).isEqualTo(200);

        here.get("/profile");
        here.post("/profile/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword",
                "a-brand-new-password", "confirmPassword", "a-brand-new-password"));

        assertThat(here.get("/cases").statusCode()).isEqualTo(200);
        assertThat(other.get("/cases").statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(rows("password_change", user.id())).singleElement().extracting(Row::detail).asString()
                .contains("\"sessionsEnded\": 1", "\"tokensRevoked\": 1").doesNotContain("a-brand-new-password");
    }

    @Test
    void aPasswordResetEndsEverySessionAndRevokesTokens() {
        var agency = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount user = fixtures.user(agency, Role.CASEWORKER);
        WebSession session = signedIn(user);
        ApiClient api = new ApiClient(port).as(fixtures.token(user));
        accounts.resetPassword(fixtures.signIn(admin), user.id(), "reset-by-the-admin");

        assertThat(session.get("/cases").statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(rows("password_reset", user.id())).singleElement().extracting(Row::userId).isEqualTo(admin.id());
    }

    @Test
    void deactivationRevokesTokensForGoodReactivationDoesNotBringThemBack() {
        var agency = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount user = fixtures.user(agency, Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(user));
        assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
        CurrentUser me = fixtures.signIn(admin);
        accounts.setActive(me, user.id(), false);
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
        accounts.setActive(me, user.id(), true);
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
    }
}
