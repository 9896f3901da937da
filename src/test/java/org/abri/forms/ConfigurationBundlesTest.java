package org.abri.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.abri.AbriApplication;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.locations.Locations;
import org.abri.lookups.LookupList;
import org.abri.lookups.Lookups;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.TestDatabase;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A configuration exported from one deployment imports into a new one and yields the same
 * forms, lists and locations; an invalid bundle is refused, naming the problem, and changes
 * nothing.
 */
class ConfigurationBundlesTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ConfigurationBundles bundles;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    Lookups lookups;
    @Autowired
    Locations locations;


    @Test
    void aBundleExportedHereImportsIntoAnEmptyDeploymentAndYieldsIdenticalForms() {
        CurrentUser admin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        // Contextualise first, so that the other deployment has something to learn.
        String list = "school_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        lookups.createList(admin, new LookupList(list, "Écoles", "Schools", "المدارس", 500));
        lookups.saveValue(new org.abri.lookups.LookupValue(list, "lycee_birao", "Lycée de Birao", "Birao high school",
                "ثانوية بيراو", 10, true));
        FormDefinition closure = catalogue.get("case_closure");
        FieldDefinition school = new FieldDefinition("last_school_" + list.substring(7), FieldType.SELECT,
                new Text("Dernière école", "Last school", "آخر مدرسة"), null, false, null, null, null, null, list, null,
                null, false, false, null, null, null, null);
        catalogue.save(admin, FormEditor.addField(closure, closure.sections().get(0).id(), null, school),
                closure.version());
        String place = "CFG" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        locations.create(admin, null, place, "Vakaga", "فاكاغا");
        settings.update(admin, "follow_up", "high", "P5D");
        byte[] exported = bundles.exportJson(admin);
        settings.update(admin, "follow_up", "high", "P7D");
        ConfigurationBundle bundle = bundles.preview(admin, exported).bundle();

        List<String> args = new ArrayList<>(TestDatabase.freshDatabaseArguments());
        args.add("--abri.admin.password=" + ADMIN_PASSWORD);
        args.add("--server.port=0");
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(AbriApplication.class)
                .run(args.toArray(String[]::new))) {
            CurrentUser otherAdmin = other.getBean(UserAccounts.class).loadCurrentUser(
                    other.getBean(UserAccounts.class).findByUsername("admin").orElseThrow().id()).orElseThrow();
            ConfigurationBundles otherBundles = other.getBean(ConfigurationBundles.class);
            FormCatalogue otherCatalogue = other.getBean(FormCatalogue.class);

            ConfigurationBundles.Preview preview = otherBundles.preview(otherAdmin, exported);
            assertThat(preview.problems()).isEmpty();
            assertThat(preview.changes()).contains(new ConfigurationBundles.Change("form", "case_closure", "changed"),
                    new ConfigurationBundles.Change("list", list, "new"),
                    new ConfigurationBundles.Change("location", place, "new"),
                    new ConfigurationBundles.Change("sop", "follow_up.high", "changed"));
            assertThat(otherCatalogue.get("case_closure").field(school.id())).isEmpty();

            otherBundles.apply(otherAdmin, exported);

            for (FormDefinition form : bundle.forms()) {
                assertThat(otherCatalogue.get(form.id()).withVersion(0)).as(form.id()).isEqualTo(form.withVersion(0));
            }
            assertThat(otherCatalogue.current()).extracting(FormDefinition::id)
                    .containsExactlyInAnyOrderElementsOf(bundle.forms().stream().map(FormDefinition::id).toList());
            assertThat(other.getBean(Lookups.class).all(list)).extracting(org.abri.lookups.LookupValue::labelAr)
                    .containsExactly("ثانوية بيراو");
            assertThat(other.getBean(Locations.class).findByCode(place)).get()
                    .extracting(org.abri.locations.Location::nameAr).isEqualTo("فاكاغا");
            assertThat(otherCatalogue.history("case_closure").get(0).source()).isEqualTo("import");
            assertThat(other.getBean(org.abri.sop.SopSettings.class).delay("follow_up", "high"))
                    .isEqualTo(java.time.Duration.ofDays(5));
            // Importing the same bundle again changes nothing.
            assertThat(otherBundles.preview(otherAdmin, exported).changes()).isEmpty();
        }
    }

    @Test
    void anInvalidBundleIsRefusedNamingTheProblemAndChangesNothing() {
        CurrentUser admin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        int before = catalogue.get("follow_up_visit").version();

        assertThat(codes(bundles.preview(admin, "{ not json".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("bundle_unreadable");
        assertThat(codes(bundles.preview(admin, "{\"format\":\"something-else\",\"formatVersion\":1}"
                .getBytes(StandardCharsets.UTF_8)))).containsExactly("bundle_format");

        String valid = new String(bundles.exportJson(admin), StandardCharsets.UTF_8);
        String broken = valid.replace("\"lookup\" : \"closure_reason\"", "\"lookup\" : \"closure_reasons_typo\"")
                .replace("\"id\" : \"visit_date\"", "\"id\" : \"contact_type\"");
        ConfigurationBundles.Preview refused = bundles.preview(admin, broken.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.acceptable()).isFalse();
        assertThat(refused.problems()).extracting(FormProblem::code).contains("lookup_unknown", "duplicate_id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bundles.apply(admin,
                broken.getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidFormDefinitionException.class);
        assertThat(catalogue.get("follow_up_visit").version()).isEqualTo(before);
    }

    @Test
    void thePagesExportPreviewAndApplyForTheSystemAdministratorOnly() {
        UserAccount administrator = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        WebSession admin = signedIn(administrator);
        HttpResponse<String> export = admin.get("/admin/configuration/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition")).get().asString().contains("attachment");
        assertThat(export.body()).contains("\"format\" : \"abri-configuration\"", "\"follow_up_visit\"");

        admin.get("/admin/configuration");
        String changed = export.body().replaceFirst("\"fr\" : \"Visite de suivi\"", "\"fr\" : \"Visite de suivi (importée)\"");
        HttpResponse<String> preview = admin.upload("/admin/configuration/preview", "bundle", "config.json",
                changed.getBytes(StandardCharsets.UTF_8));
        assertThat(preview.body()).contains("id=\"preview\"", "follow_up_visit", "Modifié");
        String token = preview.body().replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");
        assertThat(admin.post("/admin/configuration/apply", Map.of("token", token)).statusCode()).isEqualTo(302);
        assertThat(catalogue.get("follow_up_visit").title().fr()).isEqualTo("Visite de suivi (importée)");

        admin.get("/admin/configuration");
        HttpResponse<String> garbage = admin.upload("/admin/configuration/preview", "bundle", "config.json",
                "[1, 2".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(garbage.body()).contains("id=\"problems\"", "Ce n&#39;est pas un JSON de configuration lisible")
                .doesNotContain("id=\"apply\"");

        WebSession agencyAdmin = signedIn(fixtures.user(fixtures.agency(), Role.AGENCY_ADMIN));
        assertThat(agencyAdmin.get("/admin/configuration/export").statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).get("/admin/configuration/export").statusCode()).isEqualTo(302);
        // Restore the shipped title for the other tests sharing this database.
        FormDefinition now = catalogue.get("follow_up_visit");
        catalogue.save(fixtures.signIn(administrator), now.withTitle(now.title().with("fr", "Visite de suivi")),
                now.version());
    }

    @Autowired
    org.abri.sop.SopSettings settings;

    private static List<String> codes(ConfigurationBundles.Preview preview) {
        return preview.problems().stream().map(FormProblem::code).toList();
    }

}
