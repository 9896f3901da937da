package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The case API end to end: registration, reading, editing, search, validation, conflicts and the audit trail. */
@ExtendWith(OutputCaptureExtension.class)
class CaseApiTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;


    @Test
    void registerReadEditAndSearchAreEachAuditedWithoutPersonalDataInTheTrailOrTheLogs(CapturedOutput output) {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker));
        CaseDetails child = fixtures.child("Mariamou", "Kpadé-Journal");
        child.setDateOfBirth(LocalDate.now().minusYears(9).minusDays(3));
        child.setAgeEstimated(null);

        Response created = api.post("/api/v1/cases", ApiClient.caseInput(child, null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("id").asString());
        assertThat(created.header("Location")).isEqualTo("/api/v1/cases/" + id);
        assertThat(created.json().path("caseNumber").asString()).matches("T[A-Z0-9]+-\\d{4}-\\d{5}");
        assertThat(created.json().path("version").asInt()).isZero();
        assertThat(created.json().path("caseworkerId").asString()).isEqualTo(caseworker.id().toString());

        Response read = api.get("/api/v1/cases/" + id);
        assertThat(read.status()).isEqualTo(200);
        JsonNode body = read.json();
        assertThat(body.path("givenNames").asString()).isEqualTo("Mariamou");
        assertThat(body.path("dateOfBirth").asString()).isEqualTo(child.getDateOfBirth().toString());
        assertThat(body.path("age").asInt()).isEqualTo(9);
        assertThat(body.path("status").asString()).isEqualTo("open");
        assertThat(body.path("consents").path("data_collection").path("decision").asString()).isEqualTo("given");
        assertThat(body.path("protectionConcerns").get(0).asString()).isEqualTo("neglect");

        child.setCaregiverName("Oncle Kpadé");
        child.setRiskLevel("high");
        Response edited = api.put("/api/v1/cases/" + id, ApiClient.caseInput(child, 0));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("version").asInt()).isEqualTo(1);
        assertThat(edited.json().path("riskLevel").asString()).isEqualTo("high");
        assertThat(jdbc.sql("select caregiver_name from child_case where id = ?").param(id).query(String.class)
                .single()).isEqualTo("Oncle Kpadé");

        // Searched by name in a body, so that the name is in no address.
        Response found = api.post("/api/v1/cases/search", Map.of("q", "mariamu", "status", "open"));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().path("total").asLong()).isEqualTo(1);
        assertThat(found.json().path("items").get(0).path("id").asString()).isEqualTo(id.toString());

        List<Map<String, Object>> trail = jdbc.sql("""
                select action, record_id, user_id, detail::text as detail from audit_entry
                where user_id = ? order by id""").param(caseworker.id()).query().listOfRows();
        // The caseworker's API token, created first, is a security event of theirs too.
        assertThat(trail).extracting(row -> row.get("action"))
                .containsExactly("token_create", "create", "read", "update", "search");
        assertThat(trail.subList(1, 4)).allSatisfy(row -> assertThat(row.get("record_id")).isEqualTo(id));
        assertThat(trail.get(3).get("detail").toString()).contains("caregiverName", "riskLevel");
        assertThat(trail.get(4).get("detail").toString()).contains(created.json().path("caseNumber").asString());
        assertThat(trail).allSatisfy(row -> assertThat(row.get("detail").toString())
                .doesNotContain("Mariamou", "Kpadé", "mariamu", child.getDateOfBirth().toString()));
        assertThat(output.getAll()).doesNotContain("Mariamou", "Kpadé-Journal", "Oncle Kpadé");
    }

    @Test
    void aStaleEditAnswers409AndWritesNothing() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker));
        CaseDetails child = fixtures.child("Hadiza", "Conflit");
        UUID id = UUID.fromString(api.post("/api/v1/cases", ApiClient.caseInput(child, null)).json().path("id")
                .asString());

        child.setCaregiverName("First editor");
        assertThat(api.put("/api/v1/cases/" + id, ApiClient.caseInput(child, 0)).status()).isEqualTo(200);
        child.setCaregiverName("Second editor");
        for (String language : List.of("fr", "en", "ar")) {
            Response stale = api.language(language).put("/api/v1/cases/" + id, ApiClient.caseInput(child, 0));
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.code()).isEqualTo("case.changed_meanwhile");
            assertThat(stale.json().path("message").asString()).isEqualTo(switch (language) {
                case "fr" -> "Quelqu'un a enregistré ce cas depuis que vous l'avez ouvert. "
                        + "Vos modifications n'ont pas été enregistrées.";
                case "en" -> "Someone saved this case since you opened it. Your changes were not saved.";
                default -> "قام شخص آخر بحفظ هذه الحالة منذ أن فتحتها. لم تُحفظ تعديلاتك.";
            });
        }
        Map<String, Object> row = jdbc.sql("select caregiver_name, version from child_case where id = ?").param(id)
                .query().singleRow();
        assertThat(row).containsEntry("caregiver_name", "First editor").containsEntry("version", 1);

        Response current = api.get("/api/v1/cases/" + id);
        assertThat(api.put("/api/v1/cases/" + id, ApiClient.caseInput(child, current.json().path("version").asInt()))
                .status()).as("saving again from the version read now").isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_entry where record_id = ? and action = 'update'").param(id)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void invalidFieldsAreEachNamedAndTranslatedInFrenchEnglishAndArabic() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker));
        CaseDetails child = fixtures.child(" ", "Sans-Prénom");
        child.setSex("girl");
        child.setAgeEstimated(31);
        child.setProtectionConcerns(List.of("neglect", "not_a_concern"));
        child.setConsents(List.of(new ConsentRecord("case_management", "given", "verbal", "both",
                LocalDate.now().plusDays(2)), new ConsentRecord("data_collection", "given", "verbal", "both",
                LocalDate.now())));
        Map<String, Object> body = ApiClient.caseInput(child, null);
        Map<String, Map<String, String>> expected = Map.of(
                "fr", Map.of("givenNames", "Ce champ est obligatoire.", "sex", "Ce choix n'est pas valide.",
                        "ageEstimated", "La valeur doit être comprise entre 0 et 25."),
                "en", Map.of("givenNames", "This field is required.", "sex", "This choice is not valid."),
                "ar", Map.of("givenNames", "هذا الحقل إلزامي.", "sex", "هذا الاختيار غير صالح."));
        for (String language : List.of("fr", "en", "ar")) {
            Response refused = api.language(language).post("/api/v1/cases", body);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation.failed");
            assertThat(refused.fieldCodes()).containsExactly(entry("givenNames", "validation.required"),
                    entry("sex", "validation.invalid_choice"), entry("ageEstimated", "validation.range"),
                    entry("protectionConcerns", "validation.invalid_choice"),
                    entry("consents.case_management.givenOn", "validation.date_in_future"),
                    entry("consents.anonymous_data_sharing.decision", "validation.required"),
                    entry("consents.anonymous_data_sharing.method", "validation.required"),
                    entry("consents.anonymous_data_sharing.givenBy", "validation.required"),
                    entry("consents.anonymous_data_sharing.givenOn", "validation.required"));
            assertThat(refused.fieldMessages()).containsAllEntriesOf(expected.get(language));
        }
        assertThat(new ApiClient(port).as(fixtures.token(caseworker)).post("/api/v1/cases", body).json()
                .path("message").asString()).as("French without Accept-Language")
                .isEqualTo("Certains champs ne sont pas valides.");
        assertThat(jdbc.sql("select count(*) from child_case where family_name = 'Sans-Prénom'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void anEditWithoutVersionOrWithAnUnknownConsentKindNamesTheField() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker)).language("en");
        CaseDetails child = fixtures.child("Fanta", "Versions");
        UUID id = UUID.fromString(api.post("/api/v1/cases", ApiClient.caseInput(child, null)).json().path("id")
                .asString());

        Response noVersion = api.put("/api/v1/cases/" + id, ApiClient.caseInput(child, null));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.fieldCodes()).containsExactly(entry("version", "validation.required"));

        Map<String, Object> body = ApiClient.caseInput(child, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> consents = (Map<String, Object>) body.get("consents");
        consents.put("photo_sharing", Map.of("decision", "given"));
        Response unknownKind = api.put("/api/v1/cases/" + id, body);
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.fieldCodes()).containsExactly(entry("consents.photo_sharing",
                "validation.invalid_choice"));
        assertThat(jdbc.sql("select version from child_case where id = ?").param(id).query(Integer.class).single())
                .isZero();
    }

    @Test
    void malformedJsonAndValuesOfTheWrongTypeAnswer400JsonNever500() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker)).language("en");
        Map<String, Object> valid = ApiClient.caseInput(fixtures.child("Safi", "Types"), null);

        Response notJson = api.send("POST", "/api/v1/cases", "{\"givenNames\": \"Safi\",", "application/json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("request.malformed");
        assertThat(notJson.json().path("message").asString()).isEqualTo("The request is malformed.");

        assertThat(api.send("POST", "/api/v1/cases", "", "application/json").code()).isEqualTo("request.malformed");

        Map<String, Map.Entry<String, Object>> wrongValues = Map.of(
                "dateOfBirth", Map.entry("dateOfBirth", "yesterday"),
                "ageEstimated", Map.entry("ageEstimated", "nine"),
                "locationId", Map.entry("locationId", "the market"),
                "protectionConcerns", Map.entry("protectionConcerns", Map.of("a", 1)),
                "consents.data_collection.givenOn",
                Map.entry("consents", Map.of("data_collection", Map.of("givenOn", "31/02/2024"))));
        wrongValues.forEach((field, value) -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>(valid);
            body.put(value.getKey(), value.getValue());
            Response refused = api.post("/api/v1/cases", body);
            assertThat(refused.status()).as(field + ": " + refused).isEqualTo(400);
            assertThat(refused.fieldCodes()).as(field).containsExactly(entry(field, "validation.invalid_format"));
            assertThat(refused.fieldMessages()).containsEntry(field, "The format is not valid.");
        });

        Response textPlain = api.send("POST", "/api/v1/cases", "givenNames=Safi", "text/plain");
        assertThat(textPlain.status()).isEqualTo(415);
        assertThat(textPlain.code()).isEqualTo("request.media_type");

        Response badId = api.get("/api/v1/cases/12345");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.fieldCodes()).containsExactly(entry("id", "validation.invalid_format"));
        Response badPage = api.get("/api/v1/cases?page=first&location=nowhere");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.fieldCodes()).hasSize(1).containsAnyOf(entry("page", "validation.invalid_format"),
                entry("location", "validation.invalid_format"));

        Response wrongMethod = api.delete("/api/v1/cases");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("request.method_not_allowed");
        Response unknown = api.get("/api/v1/children");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("request.not_found");
        assertThat(jdbc.sql("select count(*) from child_case where family_name = 'Types'").query(Long.class).single())
                .isZero();
    }

    @Test
    void searchFiltersAndPagesWithinNeedToKnow() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount colleague = fixtures.user(agency, Role.CASEWORKER);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker));
        for (String risk : List.of("high", "medium", "low")) {
            CaseDetails child = fixtures.child("Enfant", "Risque-" + risk);
            child.setRiskLevel(risk);
            child.setProtectionConcerns(List.of(risk.equals("low") ? "child_labour" : "neglect"));
            assertThat(api.post("/api/v1/cases", ApiClient.caseInput(child, null)).status()).isEqualTo(201);
        }
        new ApiClient(port).as(fixtures.token(colleague))
                .post("/api/v1/cases", ApiClient.caseInput(fixtures.child("Enfant", "Collègue"), null));

        JsonNode all = api.get("/api/v1/cases").json();
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(all.path("items").findValuesAsString("riskLevel")).containsExactly("high", "medium", "low");
        assertThat(all.path("items").findValuesAsString("familyName")).doesNotContain("Collègue");

        JsonNode firstPage = api.get("/api/v1/cases?size=2").json();
        assertThat(firstPage.path("items").size()).isEqualTo(2);
        assertThat(firstPage.path("page").asInt()).isZero();
        assertThat(firstPage.path("size").asInt()).isEqualTo(2);
        assertThat(firstPage.path("total").asLong()).isEqualTo(3);
        JsonNode secondPage = api.get("/api/v1/cases?size=2&page=1").json();
        assertThat(secondPage.path("items").findValuesAsString("riskLevel")).containsExactly("low");

        assertThat(api.get("/api/v1/cases?risk=medium").json().path("items").findValuesAsString("familyName"))
                .containsExactly("Risque-medium");
        assertThat(api.get("/api/v1/cases?concern=child_labour").json().path("items")
                .findValuesAsString("familyName")).containsExactly("Risque-low");
        assertThat(api.get("/api/v1/cases?status=closed").json().path("total").asLong()).isZero();
        assertThat(api.get("/api/v1/cases?location=" + fixtures.location().id() + "&q=risque").json().path("total")
                .asLong()).isEqualTo(3);

        Response refused = api.language("en").get("/api/v1/cases?status=archived&risk=extreme&size=500&page=-1");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fieldCodes()).containsOnly(entry("status", "validation.invalid_choice"),
                entry("risk", "validation.invalid_choice"), entry("size", "validation.range"),
                entry("page", "validation.range"));

        // The posted search takes the same criteria and answers the same, checks included.
        JsonNode posted = api.post("/api/v1/cases/search", Map.of("q", "risque", "risk", "medium")).json();
        assertThat(posted.path("items").findValuesAsString("familyName")).containsExactly("Risque-medium");
        assertThat(posted.path("size").asInt()).isEqualTo(25);
        assertThat(api.post("/api/v1/cases/search", Map.of("q", "risque", "size", 2, "page", 1)).json()
                .path("items").size()).isEqualTo(1);
        Response refusedPost = api.language("en").post("/api/v1/cases/search",
                Map.of("status", "archived", "size", 500));
        assertThat(refusedPost.status()).isEqualTo(400);
        assertThat(refusedPost.fieldCodes()).containsOnly(entry("status", "validation.invalid_choice"),
                entry("size", "validation.range"));
    }
}
