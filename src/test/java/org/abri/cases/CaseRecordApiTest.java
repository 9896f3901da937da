package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.forms.ExampleForms;
import org.abri.forms.FormCatalogue;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every field type through the API: sent as JSON, kept, read back; refused values named in the caller's language. */
class CaseRecordApiTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    JdbcClient jdbc;


    @Test
    void everyFieldTypeRoundTripsAndBadValuesAreRefusedByNameWithAuditAndLocking() {
        String formId = "api_every_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        catalogue.save(fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)), ExampleForms.everyType(formId), 0);
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Mariam", "Issa")).id();
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker));
        String location = fixtures.location().id().toString();

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "Mariam Issa");
        values.put("story", "Trouvée près du marché.");
        values.put("siblings", 4);
        values.put("birth_date", "2015-03-09");
        values.put("met_at", "2026-11-21T14:05");
        values.put("separated", true);
        values.put("separation_date", "2026-09-30");
        values.put("concern", "child_labour");
        values.put("needs", List.of("food"));
        values.put("checks", List.of("safe", "in_school"));
        values.put("location", location);
        values.put("family", List.of(Map.of("member_name", "Issa Abdoulaye", "relation", "sibling")));
        values.put("consent", Map.of("decision", "refused", "method", "written", "givenBy", "caregiver",
                "date", LocalDate.now().toString()));
        Response created = api.post("/api/v1/cases/" + caseId + "/records", Map.of("formId", formId, "values", values));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID recordId = UUID.fromString(created.json().path("id").asString());

        Response read = api.get("/api/v1/records/" + recordId);
        var back = read.json().path("values");
        assertThat(back.path("name").asString()).isEqualTo("Mariam Issa");
        assertThat(back.path("siblings").asInt()).isEqualTo(4);
        assertThat(back.path("separated").asString()).isEqualTo("yes");
        assertThat(back.path("met_at").asString()).isEqualTo("2026-11-21T14:05");
        assertThat(back.path("checks").get(1).asString()).isEqualTo("in_school");
        assertThat(back.path("family").get(0).path("member_name").asString()).isEqualTo("Issa Abdoulaye");
        assertThat(back.path("consent").path("decision").asString()).isEqualTo("refused");
        assertThat(back.path("location").asString()).isEqualTo(location);
        assertThat(read.json().path("formVersion").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select action from audit_entry where record_id = ? order by id").param(recordId)
                .query(String.class).list()).containsExactly("create", "read");

        // Unknown fields, wrong types and values out of range: each named, in the caller's language.
        Map<String, Object> bad = new LinkedHashMap<>(values);
        bad.put("siblings", "many");
        bad.put("nickname", "Mimi");
        bad.put("family", List.of(Map.of("relation", "aunt")));
        for (String language : List.of("fr", "en", "ar")) {
            Response refused = new ApiClient(port).as(fixtures.token(caseworker)).language(language)
                    .post("/api/v1/cases/" + caseId + "/records", Map.of("formId", formId, "values", bad));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.fieldCodes()).containsEntry("values.siblings", "validation.invalid_format")
                    .containsEntry("values.nickname", "validation.unknown_field")
                    .containsEntry("values.family[0].member_name", "validation.required")
                    .containsEntry("values.family[0].relation", "validation.invalid_choice");
            assertThat(refused.fieldMessages().get("values.nickname")).isEqualTo(switch (language) {
                case "en" -> "This field is not part of the form.";
                case "ar" -> "هذا الحقل ليس جزءًا من الاستمارة.";
                default -> "Ce champ ne fait pas partie du formulaire.";
            });
        }

        // Changing it: the version read is required, and a stale one answers 409.
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put("siblings", 5);
        assertThat(api.put("/api/v1/records/" + recordId, Map.of("values", changed)).fieldCodes())
                .containsEntry("version", "validation.required");
        assertThat(api.put("/api/v1/records/" + recordId, Map.of("version", 0, "values", changed)).status())
                .isEqualTo(200);
        Response stale = api.put("/api/v1/records/" + recordId, Map.of("version", 0, "values", changed));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("record.changed_meanwhile");
        assertThat(api.get("/api/v1/cases/" + caseId + "/records").json().get(0).path("version").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/cases/" + caseId + "/records", Map.of("formId", "registration", "values", Map.of()))
                .status()).isEqualTo(404);
    }
}
