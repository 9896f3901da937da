package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The case pages over HTTP: who may see what, CSRF, bad input and concurrent edits. */
class CasePagesTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    JdbcClient jdbc;


    @Test
    void everyCasePageIsRefusedToAnonymousUsersRolesWithoutAccessAndOtherAgencies() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UUID id = registry.register(fixtures.signIn(caseworker), fixtures.child("Prince", "Kossi")).id();
        String[] pages = {"/cases/" + id, "/cases/" + id + "/edit"};

        WebSession anonymous = new WebSession(port);
        for (String page : new String[] {"/cases", "/cases/new", pages[0], pages[1]}) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login");
        }
        for (UserAccount outsider : new UserAccount[] {fixtures.user(fixtures.agency(), Role.CASEWORKER),
                fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER), fixtures.user(agency, Role.AGENCY_ADMIN),
                fixtures.user(agency, Role.SERVICE_FOCAL_POINT), fixtures.user(agency, Role.CASEWORKER),
                fixtures.deploymentUser(Role.SYSTEM_ADMIN), fixtures.deploymentUser(Role.COORDINATION_VIEWER)}) {
            WebSession session = signedIn(outsider);
            for (String page : pages) {
                HttpResponse<String> response = session.get(page);
                assertThat(response.statusCode()).as(page + " for " + outsider.roles()).isEqualTo(404);
                assertThat(response.body()).doesNotContain("Kossi");
            }
            assertThat(session.get("/cases").body()).doesNotContain("Kossi");
            assertThat(session.post("/cases/" + id, form(fixtures.child("Prince", "Changed"), 0)).statusCode())
                    .isEqualTo(404);
        }
        WebSession focalPoint = signedIn(fixtures.user(agency, Role.SERVICE_FOCAL_POINT));
        assertThat(focalPoint.get("/cases/new").statusCode()).isEqualTo(403);
        assertThat(registry.read(fixtures.signIn(caseworker), id).familyName()).isEqualTo("Kossi");
    }

    @Test
    void registeringWithoutCsrfTokenIsRefused() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = signedIn(caseworker);
        Map<String, String> form = form(fixtures.child("Hawa", "Zanga"), null);
        assertThat(session.postRaw("/cases", form).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from child_case where caseworker_id = ?").param(caseworker.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void registeringThroughTheFormAuditsAndMalformedInputKeepsWhatWasTyped() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = signedIn(caseworker);
        session.get("/cases/new");
        HttpResponse<String> created = session.post("/cases", form(fixtures.child("Achta", "Mahamat"), null));
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(session.get("/cases/" + id).body()).contains("Achta Mahamat");
        assertThat(jdbc.sql("select action from audit_entry where record_id = ? order by id").param(id)
                .query(String.class).list()).containsExactly("create", "read");

        session.get("/cases/new");
        Map<String, String> bad = form(fixtures.child("Oumar", "Issa"), null);
        bad.put("ageEstimated", "neuf");
        bad.put("dateOfBirth", "hier");
        HttpResponse<String> refused = session.post("/cases", bad);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("value=\"Oumar\"", "value=\"neuf\"", "value=\"hier\"",
                "Le format n&#39;est pas valide.").doesNotContain("Exception");
    }

    @Test
    void aStaleEditIsRefusedWithAClearMessageAndKeepsTheInput() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        ChildCase registered = registry.register(fixtures.signIn(caseworker), fixtures.child("Nadège", "Yakité"));
        WebSession first = signedIn(caseworker);
        WebSession second = signedIn(caseworker);
        first.get("/cases/" + registered.id() + "/edit");
        second.get("/cases/" + registered.id() + "/edit");

        CaseDetails mine = registered.toDetails();
        mine.setCaregiverName("Grand-mère Yakité");
        assertThat(first.post("/cases/" + registered.id(), form(mine, registered.version())).statusCode())
                .isEqualTo(302);

        CaseDetails theirs = registered.toDetails();
        theirs.setOtherNames("Nadege Yakite");
        HttpResponse<String> refused = second.post("/cases/" + registered.id(), form(theirs, registered.version()));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"conflict\"", "Quelqu&#39;un a enregistré ce cas",
                "value=\"Nadege Yakite\"");
        ChildCase now = registry.read(fixtures.signIn(caseworker), registered.id());
        assertThat(now.caregiverName()).isEqualTo("Grand-mère Yakité");
        assertThat(now.otherNames()).isNull();

        // Saving again from the conflict page applies the user's version knowingly.
        HttpResponse<String> resaved = second.post("/cases/" + registered.id(), form(theirs, now.version()));
        assertThat(resaved.statusCode()).isEqualTo(302);
    }


    private static Map<String, String> form(CaseDetails details, Integer version) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenNames", details.getGivenNames());
        form.put("familyName", details.getFamilyName());
        if (details.getOtherNames() != null) {
            form.put("otherNames", details.getOtherNames());
        }
        form.put("sex", details.getSex());
        form.put("ageEstimated", String.valueOf(details.getAgeEstimated()));
        form.put("nationality", details.getNationality());
        form.put("displacementStatus", details.getDisplacementStatus());
        form.put("locationId", details.getLocationId().toString());
        form.put("caregiverName", details.getCaregiverName());
        form.put("caregiverRelationship", details.getCaregiverRelationship());
        form.put("protectionConcerns", String.join(",", details.getProtectionConcerns()));
        form.put("riskLevel", details.getRiskLevel());
        for (int i = 0; i < details.getConsents().size(); i++) {
            ConsentRecord consent = details.getConsents().get(i);
            form.put("consents[" + i + "].decision", consent.decision());
            form.put("consents[" + i + "].method", consent.method());
            form.put("consents[" + i + "].givenBy", consent.givenBy());
            form.put("consents[" + i + "].givenOn", consent.givenOn().toString());
        }
        if (version != null) {
            form.put("version", version.toString());
        }
        return form;
    }
}
