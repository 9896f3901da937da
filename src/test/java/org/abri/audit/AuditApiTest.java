package org.abri.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.cases.ChildCase;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The audit trail over the API: of a record, of a user, paged, scoped to the administrator's agency. */
class AuditApiTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;


    @Test
    void anAgencyAdministratorReadsTheTrailOfACaseAndOfAUserNewestFirstAndPaged() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        ApiClient asCaseworker = new ApiClient(port).as(fixtures.token(caseworker));
        UUID id = UUID.fromString(asCaseworker.post("/api/v1/cases",
                ApiClient.caseInput(fixtures.child("Salamatou", "Piste"), null)).json().path("id").asString());
        asCaseworker.get("/api/v1/cases/" + id);
        asCaseworker.get("/api/v1/cases/" + id);
        ApiClient admin = new ApiClient(port).as(fixtures.token(fixtures.user(agency, Role.AGENCY_ADMIN)));

        Response trail = admin.get("/api/v1/audit?record=" + id);
        assertThat(trail.status()).isEqualTo(200);
        JsonNode items = trail.json().path("items");
        assertThat(items.findValuesAsString("action")).containsExactly("read", "read", "create");
        JsonNode created = items.get(2);
        assertThat(created.path("username").asString()).isEqualTo(caseworker.username());
        assertThat(created.path("recordType").asString()).isEqualTo("child_case");
        assertThat(created.path("recordAgencyId").asString()).isEqualTo(agency.id().toString());
        assertThat(created.path("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(created.path("detail").path("caseNumber").asString()).startsWith(agency.code() + "-");
        assertThat(trail.body()).doesNotContain("Salamatou", "Piste");

        // The look at the trail is itself in the trail, newest.
        JsonNode secondPage = admin.get("/api/v1/audit?record=" + id + "&size=2&page=1").json();
        assertThat(secondPage.path("total").asLong()).isEqualTo(4);
        assertThat(secondPage.path("size").asInt()).isEqualTo(2);
        assertThat(secondPage.path("page").asInt()).isEqualTo(1);
        assertThat(secondPage.path("items").findValuesAsString("action")).containsExactly("read", "create");
        assertThat(admin.get("/api/v1/audit?record=" + id + "&size=1").json().path("items").get(0)
                .path("recordType").asString()).isEqualTo("audit_trail");

        JsonNode ofUser = admin.get("/api/v1/audit?user=" + caseworker.id()).json();
        // A user's trail holds their security events too: here the API token the test made for them.
        assertThat(ofUser.path("items").findValuesAsString("action"))
                .containsExactly("read", "read", "create", "token_create");
        assertThat(ofUser.path("items").findValuesAsString("userId")).containsOnly(caseworker.id().toString());
    }

    @Test
    void theSystemAdministratorSeesAnyTrailAndAnUnknownRecordAnswers404() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ChildCase registered = registry.register(fixtures.signIn(caseworker), fixtures.child("Kadidja", "Système"));
        ApiClient admin = new ApiClient(port).as(fixtures.token(fixtures.deploymentUser(Role.SYSTEM_ADMIN)));

        assertThat(admin.get("/api/v1/audit?record=" + registered.id()).json().path("items")
                .findValuesAsString("action")).containsExactly("create");
        Response unknown = admin.language("en").get("/api/v1/audit?record=" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("audit.record_not_found");
        assertThat(unknown.json().path("message").asString())
                .isEqualTo("No audit trail you may see concerns this record.");
    }

    @Test
    void exactlyOneOfRecordAndUserIsRequiredAndPagingIsBounded() {
        ApiClient admin = new ApiClient(port).as(fixtures.token(fixtures.deploymentUser(Role.SYSTEM_ADMIN)));
        Map<String, String> messages = Map.of("fr", "Indiquez soit record, soit user (l'un des deux).",
                "en", "Give either record or user (one of the two).", "ar", "حدّد إما record وإما user (أحدهما فقط).");
        messages.forEach((language, message) -> {
            Response neither = admin.language(language).get("/api/v1/audit");
            assertThat(neither.status()).isEqualTo(400);
            assertThat(neither.fieldMessages()).containsExactly(entry("record", message));
        });
        assertThat(admin.get("/api/v1/audit?record=" + UUID.randomUUID() + "&user=" + UUID.randomUUID())
                .fieldCodes()).containsExactly(entry("user", "validation.audit_filter"));
        assertThat(admin.get("/api/v1/audit?user=" + UUID.randomUUID() + "&size=0&page=-2").fieldCodes())
                .containsOnlyKeys(List.of("page", "size"));
        assertThat(admin.get("/api/v1/audit?record=not-a-uuid").fieldCodes())
                .containsExactly(entry("record", "validation.invalid_format"));
    }
}
