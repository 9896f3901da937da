package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Locations and lookup lists over the API: what a client needs to fill a case. */
class ReferenceDataApiTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Locations locations;
    @Autowired
    Lookups lookups;


    @Test
    void locationsComeAsATreeWithPathsAndInactiveOnesOnlyOnRequest() {
        Location commune = fixtures.location();
        CurrentUser admin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        Location closed = locations.create(admin, commune.parentId(), "X" + System.nanoTime() % 100000,
                "Commune fermée", null);
        locations.update(admin, closed.id(), closed.name(), null, false);
        ApiClient api = new ApiClient(port).as(fixtures.token(fixtures.user(fixtures.agency(), Role.CASEWORKER)));

        JsonNode active = api.get("/api/v1/locations").json();
        JsonNode found = active.valueStream().filter(l -> l.path("id").asString().equals(commune.id().toString()))
                .findFirst().orElseThrow();
        assertThat(found.path("level").asInt()).isEqualTo(3);
        assertThat(found.path("parentId").asString()).isEqualTo(commune.parentId().toString());
        assertThat(found.path("path").asString()).isEqualTo("Région test > District test > Commune test");
        assertThat(found.path("pathAr").asString()).startsWith("منطقة");
        assertThat(active.findValuesAsString("id")).doesNotContain(closed.id().toString());
        assertThat(active.findValuesAsString("id").indexOf(commune.parentId().toString()))
                .as("parents come before their children")
                .isLessThan(active.findValuesAsString("id").indexOf(commune.id().toString()));
        assertThat(api.get("/api/v1/locations?includeInactive=true").json().findValuesAsString("id"))
                .contains(closed.id().toString());
    }

    @Test
    void lookupValuesAreLabelledInTheCallersLanguageAndAnUnknownListAnswers404() {
        ApiClient api = new ApiClient(port).as(fixtures.token(fixtures.user(fixtures.agency(), Role.CASEWORKER)));
        Map<String, String> neglect = Map.of("fr", "Négligence", "en", "Neglect", "ar", "الإهمال");
        neglect.forEach((language, label) -> {
            JsonNode values = api.language(language).get("/api/v1/lookups/protection_concern").json();
            JsonNode value = values.valueStream().filter(v -> v.path("code").asString().equals("neglect"))
                    .findFirst().orElseThrow();
            assertThat(value.path("label").asString()).isEqualTo(label);
            assertThat(value.path("labelEn").asString()).isEqualTo("Neglect");
        });
        assertThat(api.get("/api/v1/lookups/protection_concern").json().get(0).path("label").asString())
                .as("the French-speaking caller's preference").isEqualTo("Violence physique");
        ApiClient english = new ApiClient(port).as(fixtures.token(fixtures.userSpeaking("en", fixtures.agency(),
                Role.CASEWORKER)));
        assertThat(english.get("/api/v1/lookups/protection_concern").json().get(0).path("label").asString())
                .as("without Accept-Language, the caller's preference").isEqualTo("Physical violence");
        assertThat(english.language("ar").get("/api/v1/lookups/protection_concern").json().get(0).path("label")
                .asString()).as("Accept-Language wins").isEqualTo("العنف الجسدي");

        String code = "retired_" + System.nanoTime() % 100000;
        lookups.save(fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)),
                new LookupValue("displacement_status", code, "Ancien", "Former", "سابق", 999, false));
        assertThat(api.get("/api/v1/lookups/displacement_status").json().findValuesAsString("code"))
                .contains("idp").doesNotContain(code);
        assertThat(api.get("/api/v1/lookups/displacement_status?includeInactive=true").json()
                .findValuesAsString("code")).contains(code);

        Response unknown = api.language("en").get("/api/v1/lookups/favourite_colour");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("lookup.list_not_found");
        assertThat(unknown.json().path("message").asString()).isNotBlank().isNotEqualTo("lookup.list_not_found");
    }
}
