package org.abri.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The form editor over HTTP: only the system administrator reaches it; each accepted change
 * is a new version; a change that breaks the form is refused with the problem named and the
 * version in use stays; a field Abri needs cannot be hidden or removed.
 */
class FormAdminPagesTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    FormCatalogue catalogue;


    private String newForm(WebSession admin) {
        String id = "ctx_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        admin.get("/admin/forms");
        HttpResponse<String> created = admin.post("/admin/forms", Map.of("id", id, "titleFr", "Visite scolaire",
                "titleEn", "School visit", "titleAr", "زيارة مدرسية", "repeatable", "true"));
        assertThat(created.statusCode()).isEqualTo(302);
        return id;
    }

    @Test
    void onlyTheSystemAdministratorReachesTheEditor() {
        WebSession anonymous = new WebSession(port);
        assertThat(anonymous.get("/admin/forms").statusCode()).isEqualTo(302);
        for (UserAccount user : List.of(fixtures.user(fixtures.agency(), Role.AGENCY_ADMIN),
                fixtures.user(fixtures.agency(), Role.CASEWORKER), fixtures.deploymentUser(Role.COORDINATION_VIEWER))) {
            WebSession session = signedIn(user);
            assertThat(session.get("/admin/forms").statusCode()).isEqualTo(403);
            assertThat(session.get("/admin/forms/follow_up_visit").statusCode()).isEqualTo(403);
            session.get("/profile");
            assertThat(session.post("/admin/forms/follow_up_visit", Map.of("version", "1", "title.fr", "Piraté"))
                    .statusCode()).isEqualTo(403);
        }
        assertThat(catalogue.get("follow_up_visit").title().fr()).isNotEqualTo("Piraté");
    }

    @Test
    void anAdministratorBuildsANewFormFieldBySectionAndEachSaveIsANewVersion() {
        WebSession admin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        String id = newForm(admin);
        assertThat(catalogue.get(id).version()).isEqualTo(1);

        admin.get("/admin/forms/" + id);
        assertThat(addField(admin, id, field("main", "attends", "yesno", "Va à l''école ?")
                .with("required", "true")).statusCode()).isEqualTo(302);
        assertThat(addField(admin, id, field("main", "school", "text", "École")
                .with("conditionField", "attends").with("conditionValue", "yes")).statusCode()).isEqualTo(302);
        assertThat(addField(admin, id, field("main", "sector", "multiselect", "Secteurs")
                .with("lookup", "service_sector")).statusCode()).isEqualTo(302);
        assertThat(addField(admin, id, field("main", "visits", "group", "Visites"))
                .statusCode()).isEqualTo(302);
        assertThat(addField(admin, id, field("main/visits", "visit_date", "date", "Date")).statusCode())
                .isEqualTo(302);
        admin.get("/admin/forms/" + id);
        assertThat(admin.post("/admin/forms/" + id + "/sections", Map.of("version", "6", "id", "follow",
                "titleFr", "Suite", "titleEn", "Next", "titleAr", "التالي")).statusCode()).isEqualTo(302);
        admin.get("/admin/forms/" + id);
        assertThat(admin.post("/admin/forms/" + id + "/move", Map.of("version", "7", "move", "follow||-1"))
                .statusCode()).isEqualTo(302);

        FormDefinition built = catalogue.get(id);
        assertThat(built.version()).isEqualTo(8);
        assertThat(built.sections()).extracting(FormSection::id).containsExactly("follow", "main");
        assertThat(built.field("school").orElseThrow().condition()).isEqualTo(new FieldCondition("attends", "yes", null));
        assertThat(built.field("sector").orElseThrow().lookup()).isEqualTo("service_sector");
        assertThat(built.field("visits").orElseThrow().fields()).extracting(FieldDefinition::id)
                .containsExactly("visits_item", "visit_date");
        assertThat(admin.get("/admin/forms/" + id).body()).contains("id=\"history\"", "Modifié par un administrateur");

        // Rename in French, hide a field, move a field: one save, one version, each visible at once.
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("version", "8");
        texts.put("f.school.label.fr", "Nom de l'école");
        texts.put("f.sector.hidden", "true");
        admin.post("/admin/forms/" + id, texts);
        FormDefinition renamed = catalogue.get(id);
        assertThat(renamed.version()).isEqualTo(9);
        assertThat(renamed.field("school").orElseThrow().label().fr()).isEqualTo("Nom de l'école");
        assertThat(renamed.field("school").orElseThrow().label().ar()).isEqualTo("École (ar)");
        assertThat(renamed.field("sector").orElseThrow().hidden()).isTrue();
        assertThat(renamed.field("attends").orElseThrow().required()).isFalse();
    }

    @Test
    void aChangeThatBreaksTheFormIsRefusedWithTheProblemNamedAndNothingChanges() {
        WebSession admin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        String id = newForm(admin);
        admin.get("/admin/forms/" + id);
        addField(admin, id, field("main", "notes", "textarea", "Notes"));

        HttpResponse<String> duplicate = addField(admin, id, field("main", "notes", "text", "Encore").with("version", "2"));
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).contains("id=\"problems\"", "Le code « notes » est déjà utilisé",
                "value=\"Encore\"");
        HttpResponse<String> noList = addField(admin, id, field("main", "choice", "select", "Choix").with("version", "2"));
        assertThat(noList.body()).contains("Un choix a besoin d&#39;une liste de valeurs.");
        HttpResponse<String> untranslated = admin.post("/admin/forms/" + id, Map.of("version", "2",
                "f.notes.label.ar", " "));
        assertThat(untranslated.body()).contains("Il manque une langue");
        HttpResponse<String> stale = admin.post("/admin/forms/" + id, Map.of("version", "1",
                "f.notes.label.fr", "Observations"));
        assertThat(stale.body()).contains("Quelqu&#39;un a modifié ce formulaire entre-temps.");
        assertThat(catalogue.get(id).version()).isEqualTo(2);
        assertThat(catalogue.get(id).field("notes").orElseThrow().label().fr()).isEqualTo("Notes");
    }

    @Test
    void aFieldAbriNeedsCanBeRenamedButNeverHiddenOrRemoved() {
        UserAccount administrator = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        String id = "locked_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        FieldDefinition name = new FieldDefinition("given_names", FieldType.TEXT, ExampleForms.text("Prénoms"), null,
                true, null, null, null, null, null, null, null, false, true, null, null, null, null);
        catalogue.save(fixtures.signIn(administrator), new FormDefinition(id, 0, ExampleForms.text("Identité"), null,
                false, List.of(new FormSection("main", ExampleForms.text("Identité"), false, List.of(name)))), 0);
        WebSession admin = signedIn(administrator);
        admin.get("/admin/forms/" + id);
        admin.post("/admin/forms/" + id, Map.of("version", "1", "f.given_names.label.fr", "Prénom(s)",
                "f.given_names.hidden", "true"));
        FormDefinition after = catalogue.get(id);
        assertThat(after.field("given_names").orElseThrow().label().fr()).isEqualTo("Prénom(s)");
        assertThat(after.field("given_names").orElseThrow().hidden()).isFalse();
        assertThat(after.field("given_names").orElseThrow().required()).isTrue();
        // Removing it (e.g. by an imported definition) is refused.
        FormDefinition without = after.withSections(List.of(after.sections().get(0).withFields(List.of())));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalogue.save(fixtures.signIn(administrator), without,
                after.version())).isInstanceOfSatisfying(InvalidFormDefinitionException.class, e -> assertThat(
                        e.problems()).extracting(FormProblem::code).containsExactly("locked_removed"));
    }

    /** Posts the "add a field" form as read from the version in use (unless the test says otherwise). */
    private HttpResponse<String> addField(WebSession admin, String formId, FieldForm form) {
        form.map.putIfAbsent("version", String.valueOf(catalogue.get(formId).version()));
        return admin.post("/admin/forms/" + formId + "/fields", form.map);
    }


    /** The "add a field" form, filled in, with the version of the form it was read from. */
    private FieldForm field(String target, String id, String type, String label) {
        return new FieldForm().with("target", target).with("id", id).with("type", type)
                .with("labelFr", label.replace("''", "'")).with("labelEn", label + " (en)").with("labelAr", label + " (ar)");
    }

    private final class FieldForm {
        final Map<String, String> map = new LinkedHashMap<>();

        FieldForm with(String name, String value) {
            map.put(name, value);
            return this;
        }
    }
}
