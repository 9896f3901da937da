package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.forms.ExampleForms;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.PdfText;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Printing over HTTP: a blank form for any signed-in user, a filled one for whoever may read
 * the record, as a PDF download named after the case number (never the child), audited as an
 * export; outsiders get the same 404 as for a record that does not exist.
 */
class CasePrintTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    JdbcClient jdbc;


    @Test
    void anySignedInUserPrintsABlankFormInTheirLanguage() {
        Agency agency = fixtures.agency();
        WebSession focalPoint = signedIn(fixtures.user(agency, Role.SERVICE_FOCAL_POINT));

        HttpResponse<byte[]> french = focalPoint.download("/forms/follow_up_visit/print");
        assertThat(french.statusCode()).isEqualTo(200);
        assertThat(french.headers().firstValue("Content-Type")).get().asString().startsWith("application/pdf");
        assertThat(french.headers().firstValue("Content-Disposition")).get()
                .isEqualTo("attachment; filename=\"follow_up_visit_fr.pdf\"");
        assertThat(french.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        PdfText frenchText = PdfText.of(french.body());
        assertThat(frenchText.shows("Visite de suivi")).isTrue();
        assertThat(frenchText.shows("Type de contact")).isTrue();

        WebSession arabicCaseworker = signedIn(fixtures.userSpeaking("ar", agency, Role.CASEWORKER));
        HttpResponse<byte[]> arabic = arabicCaseworker.download("/forms/follow_up_visit/print");
        assertThat(arabic.headers().firstValue("Content-Disposition")).get().asString().contains("follow_up_visit_ar.pdf");
        PdfText arabicText = PdfText.of(arabic.body());
        assertThat(arabicText.shows("زيارة متابعة")).as(arabicText.text()).isTrue();
        assertThat(arabicText.shows("Visite de suivi")).isFalse();
    }

    @Test
    void theRegistrationFormPrintsBlankLikeAnyOther() {
        FormDefinition registration = catalogue.current(CaseRecords.REGISTRATION).orElseGet(() -> catalogue.save(
                fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)),
                ExampleForms.everyType(CaseRecords.REGISTRATION), 0));
        SecurityContextHolder.clearContext();
        WebSession clerk = signedIn(fixtures.user(fixtures.agency(), Role.DATA_ENTRY_CLERK));

        HttpResponse<byte[]> response = clerk.download("/forms/registration/print");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(PdfText.of(response.body()).shows(registration.title().in(java.util.Locale.FRENCH))).isTrue();
    }

    @Test
    void anUnknownFormIsNotFoundAndNobodyPrintsWithoutSigningIn() {
        WebSession caseworker = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        assertThat(caseworker.download("/forms/no_such_form/print").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> anonymous = new WebSession(port).download("/forms/follow_up_visit/print");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).get().asString().endsWith("/login");
    }

    @Test
    void aFilledFormPrintsWithItsValuesNamedByCaseNumberAndIsAuditedAsAnExport() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        ChildCase child = registry.register(fixtures.signIn(caseworker), fixtures.child("Zénabou", "Adoum"));
        UUID recordId = followUpVisit(child.id());
        SecurityContextHolder.clearContext();
        WebSession session = signedIn(caseworker);

        HttpResponse<byte[]> response = session.download(printPath(child.id(), recordId));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/pdf");
        String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).isEqualTo("attachment; filename=\"" + child.caseNumber() + "_follow_up_visit.pdf\"")
                .doesNotContain("Zénabou").doesNotContain("Adoum");
        PdfText pdf = PdfText.of(response.body());
        assertThat(List.of("Visite de suivi", child.caseNumber(), "Zénabou Adoum", "Visite à domicile",
                "L'enfant, Enseignant", "Retour à l'école", "En cours", "Moyen", "Vue seule, elle va mieux.",
                "CONFIDENTIEL"))
                .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s in%n%s", text, pdf.text()).isTrue());

        List<Map<String, Object>> trail = jdbc.sql("""
                select action, user_id, detail::text as detail from audit_entry where record_id = ? order by id""")
                .param(recordId).query().listOfRows();
        assertThat(trail).extracting(row -> row.get("action")).contains("create", "read", "export");
        Map<String, Object> export = trail.stream().filter(row -> "export".equals(row.get("action"))).findFirst()
                .orElseThrow();
        assertThat(export.get("user_id")).isEqualTo(caseworker.id());
        assertThat((String) export.get("detail")).contains("\"form\": \"follow_up_visit\"", "\"format\": \"pdf\"")
                .doesNotContain("Zénabou").doesNotContain("Adoum").doesNotContain("Retour");
    }

    @Test
    void outsidersOfTheCaseGetNotFoundAndNothingIsExported() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        ChildCase child = registry.register(fixtures.signIn(caseworker), fixtures.child("Hawa", "Zanga"));
        UUID recordId = followUpVisit(child.id());
        ChildCase otherChild = registry.register(fixtures.signIn(caseworker), fixtures.child("Achta", "Zanga"));
        SecurityContextHolder.clearContext();

        WebSession outsider = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        assertThat(outsider.download(printPath(child.id(), recordId)).statusCode()).isEqualTo(404);
        assertThat(outsider.download(printPath(child.id(), UUID.randomUUID())).statusCode()).isEqualTo(404);
        // The record under another case of the same caseworker: not found either, even for its owner.
        WebSession owner = signedIn(caseworker);
        assertThat(owner.download(printPath(otherChild.id(), recordId)).statusCode()).isEqualTo(404);

        HttpResponse<byte[]> anonymous = new WebSession(port).download(printPath(child.id(), recordId));
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).get().asString().endsWith("/login");

        assertThat(jdbc.sql("select count(*) from audit_entry where record_id = ? and action = 'export'")
                .param(recordId).query(Long.class).single()).isZero();
    }

    @Test
    void theSupervisorOfTheCaseworkerPrintsTheFilledFormInArabic() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        ChildCase child = registry.register(fixtures.signIn(caseworker), fixtures.child("Mariam", "Ousmane"));
        UUID recordId = followUpVisit(child.id());
        SecurityContextHolder.clearContext();
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);
        jdbc.sql("update app_user set locale = 'ar' where id = ?").param(supervisor.id()).update();

        HttpResponse<byte[]> response = signedIn(supervisor).download(printPath(child.id(), recordId));

        assertThat(response.statusCode()).isEqualTo(200);
        PdfText pdf = PdfText.of(response.body());
        assertThat(List.of("زيارة متابعة", "زيارة منزلية", "متوسط", "Retour à l'école", child.caseNumber(), "سري"))
                .allSatisfy(text -> assertThat(pdf.shows(text)).as("shows %s in%n%s", text, pdf.text()).isTrue());
    }

    /** A follow-up visit saved through the service, as the signed-in caseworker. */
    private UUID followUpVisit(UUID caseId) {
        return records.create(org.abri.identity.CurrentUser.inContext().orElseThrow(), caseId, "follow_up_visit",
                Map.of("visit_date", "2026-11-20T09:30", "contact_type", "home_visit", "people_met",
                        List.of("child", "teacher"), "child_seen_alone", "yes", "goal_progress",
                        List.of(Map.of("goal", "Retour à l'école", "progress_status", "in_progress")), "new_concerns",
                        "no", "risk_level", "medium", "notes", "Vue seule, elle va mieux.")).id();
    }

    private static String printPath(UUID caseId, UUID recordId) {
        return "/cases/" + caseId + "/records/" + recordId + "/print";
    }

}
