package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.forms.ExampleForms;
import org.abri.forms.FieldDefinition;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormSection;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A case's forms as pages: every field type filled in, kept and shown back; bad input
 * refused beside its field with what was typed; need-to-know; and a record saved under an
 * older version of its form still readable, its removed fields shown apart.
 */
class CaseRecordPagesTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    JdbcClient jdbc;


    private String newForm() {
        String id = "every_type_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        catalogue.save(fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)), ExampleForms.everyType(id), 0);
        return id;
    }

    private List<Map.Entry<String, String>> everyTypeFilledIn(String locationId) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("name", "Zénabou Adoum"));
        fields.add(Map.entry("story", "Arrivée seule au site."));
        fields.add(Map.entry("siblings", "3"));
        fields.add(Map.entry("birth_date", "2014-05-02"));
        fields.add(Map.entry("met_at", "2026-11-20T09:30"));
        fields.add(Map.entry("separated", "yes"));
        fields.add(Map.entry("separation_date", "2026-10-01"));
        fields.add(Map.entry("concern", "neglect"));
        fields.add(Map.entry("needs", "food"));
        fields.add(Map.entry("needs", "shelter"));
        fields.add(Map.entry("checks", "in_school"));
        fields.add(Map.entry("location", locationId));
        fields.add(Map.entry("family[0].member_name", "Adoum Mahamat"));
        fields.add(Map.entry("family[0].relation", "sibling"));
        fields.add(Map.entry("family[3].member_name", "Achta Adoum"));
        fields.add(Map.entry("family[3].relation", "mother"));
        fields.add(Map.entry("family[4].member_name", ""));
        fields.add(Map.entry("consent.decision", "given"));
        fields.add(Map.entry("consent.method", "verbal"));
        fields.add(Map.entry("consent.givenBy", "both"));
        fields.add(Map.entry("consent.date", LocalDate.now().toString()));
        return fields;
    }

    @Test
    void everyFieldTypeIsFilledInKeptAndShownBackAndEveryAccessIsAudited() {
        String formId = newForm();
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Zénabou", "Adoum")).id();
        WebSession session = signedIn(caseworker);

        assertThat(session.get("/cases/" + caseId).body()).contains("id=\"fill-" + formId + "\"");
        String blank = session.get("/cases/" + caseId + "/forms/" + formId + "/new").body();
        assertThat(blank).contains("name=\"family[0].member_name\"", "name=\"consent.decision\"",
                "data-show-when=\"separated\"", "type=\"datetime-local\"", "data-age-from=\"f-birth_date\"");

        HttpResponse<String> saved = session.postFields("/cases/" + caseId + "/forms/" + formId,
                everyTypeFilledIn(fixtures.location().id().toString()));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String location = java.net.URI.create(saved.headers().firstValue("Location").orElseThrow()).getPath();
        UUID recordId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        Map<String, Object> stored = jdbc.sql("select data::text from form_record where id = ?").param(recordId)
                .query(String.class).optional().map(CaseRecordPagesTest::parse).orElseThrow();
        assertThat(stored).containsEntry("name", "Zénabou Adoum").containsEntry("siblings", 3)
                .containsEntry("needs", List.of("food", "shelter")).containsEntry("separated", "yes")
                .containsEntry("family", List.of(Map.of("member_name", "Adoum Mahamat", "relation", "sibling"),
                        Map.of("member_name", "Achta Adoum", "relation", "mother")));
        String page = session.get(location).body();
        assertThat(page).contains("Zénabou Adoum", "2026-11-20T09:30", "2026-10-01", "food, shelter", "in_school",
                "Adoum Mahamat", "Achta Adoum", "Région test &gt; District test &gt; Commune test",
                "Donné · Oral · Les deux", "Oui").doesNotContain("id=\"not-in-form\"");
        assertThat(jdbc.sql("select action from audit_entry where record_id = ? order by id").param(recordId)
                .query(String.class).list()).contains("create", "read");
        assertThat(jdbc.sql("select detail::text from audit_entry where record_id = ?").param(recordId)
                .query(String.class).list()).noneMatch(detail -> detail.contains("Zénabou") || detail.contains("Adoum"));

        // Changing it: the second edit from the same version is refused, and what was typed stays.
        String edit = session.get(location + "/edit").body();
        assertThat(edit).contains("value=\"Zénabou Adoum\"", "value=\"Achta Adoum\"");
        List<Map.Entry<String, String>> changed = everyTypeFilledIn(fixtures.location().id().toString());
        changed.set(0, Map.entry("name", "Zénabou Adoum-Mahamat"));
        changed.add(Map.entry("version", "0"));
        HttpResponse<String> firstEdit = session.postFields(location, changed);
        assertThat(firstEdit.statusCode()).as(firstEdit.body().replaceAll("(?s).*<main>|</main>.*", "")).isEqualTo(302);
        changed.set(0, Map.entry("name", "Zénabou Mahamat"));
        HttpResponse<String> stale = session.postFields(location, changed);
        assertThat(stale.body()).contains("Quelqu&#39;un a enregistré ce formulaire", "value=\"Zénabou Mahamat\"");
        assertThat(jdbc.sql("select data->>'name' from form_record where id = ?").param(recordId).query(String.class)
                .single()).isEqualTo("Zénabou Adoum-Mahamat");
    }

    @Test
    void aNewFollowUpProposesTheNextContactFromTheRiskLevel() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Amina", "Oumar")).id();
        String page = signedIn(caseworker).get("/cases/" + caseId + "/forms/follow_up_visit/new").body();
        // A medium-risk case is followed up every two weeks (the default SOP setting).
        assertThat(page).contains("name=\"next_contact_date\" value=\"" + LocalDate.now().plusDays(14) + "\"");
    }

    @Test
    void badInputIsShownBesideItsFieldWithWhatWasTyped() {
        String formId = newForm();
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Hawa", "Zanga")).id();
        WebSession session = signedIn(caseworker);
        session.get("/cases/" + caseId + "/forms/" + formId + "/new");
        List<Map.Entry<String, String>> fields = everyTypeFilledIn(fixtures.location().id().toString());
        fields.set(2, Map.entry("siblings", "beaucoup"));
        fields.set(6, Map.entry("separation_date", ""));
        fields.add(Map.entry("family[5].relation", "sibling"));
        HttpResponse<String> refused = session.postFields("/cases/" + caseId + "/forms/" + formId, fields);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"form-problems\"", "value=\"beaucoup\"", "Le format n&#39;est pas valide.",
                "id=\"f-separation_date-error\"", "id=\"f-family-3-member_name-error\"", "value=\"Achta Adoum\"");
        assertThat(jdbc.sql("select count(*) from form_record where case_id = ?").param(caseId).query(Long.class)
                .single()).isZero();
    }

    @Test
    void recordsFollowTheCasesNeedToKnow() {
        String formId = newForm();
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Prince", "Kossi")).id();
        WebSession owner = signedIn(caseworker);
        owner.get("/cases/" + caseId + "/forms/" + formId + "/new");
        String location = owner.postFields("/cases/" + caseId + "/forms/" + formId,
                everyTypeFilledIn(fixtures.location().id().toString())).headers().firstValue("Location").map(l -> java.net.URI.create(l).getPath()).orElseThrow();

        for (UserAccount outsider : List.of(fixtures.user(fixtures.agency(), Role.CASEWORKER),
                fixtures.user(agency, Role.CASEWORKER), fixtures.user(agency, Role.AGENCY_ADMIN))) {
            WebSession session = signedIn(outsider);
            assertThat(session.get(location).statusCode()).isEqualTo(404);
            assertThat(session.get(location + "/edit").statusCode()).isEqualTo(404);
            assertThat(session.get("/cases/" + caseId + "/forms/" + formId + "/new").statusCode()).isEqualTo(404);
            session.get("/profile");
            assertThat(session.postFields("/cases/" + caseId + "/forms/" + formId,
                    everyTypeFilledIn(fixtures.location().id().toString())).statusCode()).isEqualTo(404);
        }
        // The agency manager reads, never writes.
        WebSession manager = signedIn(fixtures.user(agency, Role.AGENCY_MANAGER));
        assertThat(manager.get(location).body()).contains("Prince Kossi").doesNotContain("id=\"edit-record\"");
        assertThat(manager.get(location + "/edit").statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).get(location).statusCode()).isEqualTo(302);
    }

    @Test
    void aRecordSavedUnderAnOlderVersionStaysReadableAndKeepsRemovedFields() {
        String formId = newForm();
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Nadège", "Yakité")).id();
        WebSession session = signedIn(caseworker);
        session.get("/cases/" + caseId + "/forms/" + formId + "/new");
        String location = session.postFields("/cases/" + caseId + "/forms/" + formId,
                everyTypeFilledIn(fixtures.location().id().toString())).headers().firstValue("Location").map(l -> java.net.URI.create(l).getPath()).orElseThrow();

        // The administrator removes the "story" field: version 2 of the form.
        FormDefinition v1 = catalogue.get(formId);
        List<FieldDefinition> kept = v1.sections().get(0).fields().stream().filter(f -> !f.id().equals("story")).toList();
        FormSection section = v1.sections().get(0).withFields(kept);
        FormDefinition v2 = catalogue.save(fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)),
                v1.withSections(List.of(section)), v1.version());
        assertThat(v2.version()).isEqualTo(v1.version() + 1);

        // Read with the version it was saved with: the story is still there, in its place.
        assertThat(session.get(location).body()).contains("Arrivée seule au site.", "id=\"older-version\"")
                .doesNotContain("id=\"not-in-form\"");
        // Saved again: it moves to version 2, and the story shows apart, not lost.
        List<Map.Entry<String, String>> fields = everyTypeFilledIn(fixtures.location().id().toString());
        fields.removeIf(entry -> entry.getKey().equals("story"));
        fields.add(Map.entry("version", "0"));
        session.get(location + "/edit");
        assertThat(session.postFields(location, fields).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select form_version from form_record where case_id = ?").param(caseId).query(Integer.class)
                .single()).isEqualTo(v2.version());
        assertThat(session.get(location).body()).contains("id=\"not-in-form\"", "Arrivée seule au site.");
    }


    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Map.class);
    }
}
