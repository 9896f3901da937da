package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.forms.FieldDefinition;
import org.abri.forms.FieldType;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormSection;
import org.abri.forms.Text;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registration is a form definition: the core fields keep their columns but take their
 * labels from it, and the fields a deployment adds are drawn, checked and kept with the case.
 */
class RegistrationFormTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    JdbcClient jdbc;


    @Test
    void aRenamedCoreFieldAndAnAddedFieldReachTheRegistrationPageAndTheCase() {
        var admin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        FormDefinition shipped = catalogue.get("registration");
        assertThat(shipped.field("given_names").orElseThrow().locked()).isTrue();
        String fieldId = "ration_card_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        List<FormSection> sections = new ArrayList<>();
        for (FormSection section : shipped.sections()) {
            List<FieldDefinition> fields = new ArrayList<>(section.fields().stream().map(field ->
                    field.id().equals("given_names") ? field.withLabel(field.label().with("fr", "Prénom(s) usuel(s)"))
                            : field).toList());
            if (section.id().equals("preferences")) {
                fields.add(new FieldDefinition(fieldId, FieldType.TEXT, new Text("N° de carte de ration", "Ration card number",
                        "رقم بطاقة التموين"), null, true, null, null, "[0-9]{4,12}", null, null, null, null, false, false,
                        null, null, null, null));
            }
            sections.add(section.withFields(fields));
        }
        catalogue.save(admin, shipped.withSections(sections), shipped.version());
        assertThat(catalogue.get("registration").field("given_names").orElseThrow().label().fr())
                .isEqualTo("Prénom(s) usuel(s)");
        assertThat(RegistrationForm.labels(catalogue.get("registration"), java.util.Locale.FRENCH))
                .containsEntry("givenNames", "Prénom(s) usuel(s)");
        try {
            UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
            WebSession session = registering(caseworker);
            String page = session.get("/cases/new").body();
            assertThat(page).contains("Prénom(s) usuel(s)", "N° de carte de ration", "name=\"" + fieldId + "\"",
                    "name=\"caseworker_sex_preference\"");

            Map<String, String> form = form(fixtures.location().id().toString());
            form.put(fieldId, "12ab");
            HttpResponse<String> refused = session.post("/cases", form);
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("id=\"f-" + fieldId + "-error\"", "value=\"12ab\"", "value=\"Kaltouma\"");

            form.put(fieldId, "20261124");
            HttpResponse<String> saved = session.post("/cases", form);
            assertThat(saved.statusCode()).isEqualTo(302);
            String location = java.net.URI.create(saved.headers().firstValue("Location").orElseThrow()).getPath();
            UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
            assertThat(jdbc.sql("select form_data->>? from child_case where id = ?").params(fieldId, id)
                    .query(String.class).single()).isEqualTo("20261124");
            assertThat(jdbc.sql("select form_data->>'caseworker_sex_preference' from child_case where id = ?").param(id)
                    .query(String.class).single()).isEqualTo("female");
            assertThat(session.get(location).body()).contains("Prénom(s) usuel(s)", "N° de carte de ration", "20261124",
                    "Une femme");
        } finally {
            FormDefinition now = catalogue.get("registration");
            catalogue.save(admin, shipped.withVersion(now.version()), now.version());
        }
    }

    /** Signed in and on the registration page, so that the next post carries its CSRF token. */
    private WebSession registering(UserAccount user) {
        WebSession session = signedIn(user);
        session.get("/cases/new");
        return session;
    }

    private static Map<String, String> form(String locationId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenNames", "Kaltouma");
        form.put("familyName", "Brahim");
        form.put("sex", "female");
        form.put("ageEstimated", "12");
        form.put("locationId", locationId);
        form.put("protectionConcerns", "neglect");
        form.put("riskLevel", "medium");
        form.put("caseworker_sex_preference", "female");
        for (int i = 0; i < 3; i++) {
            form.put("consents[" + i + "].decision", "given");
            form.put("consents[" + i + "].method", "verbal");
            form.put("consents[" + i + "].givenBy", "both");
            form.put("consents[" + i + "].givenOn", java.time.LocalDate.now().toString());
        }
        return form;
    }
}
