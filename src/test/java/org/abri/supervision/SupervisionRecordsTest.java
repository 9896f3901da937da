package org.abri.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The rules of supervision records (issue 6): a record about a staff member is seen by that
 * person, their supervisor and their agency's manager — never by other caseworkers, other
 * supervisors, administrators or other agencies — on the pages and the API alike; every read is
 * audited; a team meeting is seen by the supervisor's team; only supervisors (about the people they
 * supervise) and managers write.
 */
class SupervisionRecordsTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    StaffRecords records;
    @Autowired
    CaseRegistry registry;
    @Autowired
    JdbcClient jdbc;

    private Agency agency;
    private UserAccount caseworker;
    private UserAccount supervisor;
    private UserAccount manager;
    private UserAccount colleague;
    private UserAccount otherSupervisor;
    private UserAccount agencyAdmin;
    private UserAccount managerElsewhere;
    private UserAccount systemAdmin;

    @BeforeEach
    void team() {
        agency = fixtures.agency();
        Agency elsewhere = fixtures.agency();
        caseworker = fixtures.user(agency, Role.CASEWORKER);
        colleague = fixtures.user(agency, Role.CASEWORKER);
        supervisor = fixtures.supervisor(agency, caseworker);
        otherSupervisor = fixtures.supervisor(agency, colleague);
        manager = fixtures.user(agency, Role.AGENCY_MANAGER);
        agencyAdmin = fixtures.user(agency, Role.AGENCY_ADMIN);
        managerElsewhere = fixtures.user(elsewhere, Role.AGENCY_MANAGER);
        systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
    }

    private StaffRecord individualSession(String mode) {
        StaffRecord record = records.create(fixtures.signIn(supervisor), new StaffRecords.StaffRecordRequest(
                "individual_supervision", caseworker.id(), null, LocalDate.now().minusDays(1), mode,
                Map.of("supportive_points", "Charge lourde ce mois-ci, soutien proposé.", "wellbeing", "some_stress",
                        "agreed_actions", List.of(Map.of("action", "Mettre à jour les plans", "due_date",
                                LocalDate.now().plusDays(7).toString())))));
        SecurityContextHolder.clearContext();
        return record;
    }

    private long reads(UUID recordId, UserAccount reader) {
        return jdbc.sql("select count(*) from audit_entry where record_type = 'staff_record' and action = 'read' "
                + "and record_id = ? and user_id = ?").params(recordId, reader.id()).query(Long.class).single();
    }

    @Test
    void aRecordAboutACaseworkerIsReadByThemTheirSupervisorAndTheirManagerOnlyOnPagesEachReadAudited() {
        StaffRecord record = individualSession("phone");
        String path = "/supervision/records/" + record.id();
        for (UserAccount reader : List.of(caseworker, supervisor, manager)) {
            HttpResponse<String> page = signedIn(reader).get(path);
            assertThat(page.statusCode()).as(reader.fullName()).isEqualTo(200);
            assertThat(page.body()).contains("Charge lourde ce mois-ci", "Par téléphone", "Mettre à jour les plans");
            assertThat(reads(record.id(), reader)).as("audited read of %s", reader.fullName()).isEqualTo(1);
        }
        for (UserAccount stranger : List.of(colleague, otherSupervisor, agencyAdmin, managerElsewhere)) {
            HttpResponse<String> page = signedIn(stranger).get(path);
            assertThat(page.statusCode()).as(stranger.fullName()).isEqualTo(404);
            assertThat(page.body()).doesNotContain("Charge lourde");
            assertThat(signedIn(stranger).get("/supervision/people/" + caseworker.id()).statusCode())
                    .as("the person's page for %s", stranger.fullName()).isEqualTo(404);
        }
        assertThat(signedIn(systemAdmin).get(path).statusCode()).isEqualTo(403);
        // "My supervision" lists it for the person; the supervisor and the manager see the same list.
        for (UserAccount reader : List.of(caseworker, supervisor, manager)) {
            assertThat(signedIn(reader).get("/supervision/people/" + caseworker.id()).body())
                    .contains("/supervision/records/" + record.id());
        }
        assertThat(signedIn(caseworker).get("/supervision/people/" + caseworker.id()).body())
                .contains("Ma supervision").doesNotContain("id=\"new-individual_supervision\"");
        assertThat(signedIn(supervisor).get("/supervision/people/" + caseworker.id()).body())
                .contains("id=\"new-individual_supervision\"", "id=\"new-observation\"");
    }

    @Test
    void theApiAppliesTheSameRulesAndAuditsEachRead() {
        StaffRecord record = individualSession("video");
        ApiClient api = new ApiClient(port);
        String path = "/api/v1/supervision/records/" + record.id();
        for (UserAccount reader : List.of(caseworker, supervisor, manager)) {
            ApiClient.Response read = api.as(fixtures.token(reader)).get(path);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("mode").asString()).isEqualTo("video");
            assertThat(reads(record.id(), reader)).isEqualTo(1);
            assertThat(api.as(fixtures.token(reader)).get("/api/v1/supervision/records?subject=" + caseworker.id())
                    .json().findValuesAsString("id")).containsExactly(record.id().toString());
        }
        for (UserAccount stranger : List.of(colleague, otherSupervisor, agencyAdmin, managerElsewhere)) {
            String token = fixtures.token(stranger);
            assertThat(api.as(token).get(path).status()).isEqualTo(404);
            assertThat(api.as(token).get("/api/v1/supervision/records?subject=" + caseworker.id()).status())
                    .isEqualTo(404);
            assertThat(api.as(token).get("/api/v1/supervision/records").json().findValuesAsString("id"))
                    .doesNotContain(record.id().toString());
        }
        assertThat(api.as(fixtures.token(systemAdmin)).get(path).status()).isEqualTo(403);
    }

    @Test
    void aTeamMeetingIsReadByTheSupervisorsTeamAndNobodyElseOfTheAgency() {
        StaffRecord meeting = records.create(fixtures.signIn(supervisor), new StaffRecords.StaffRecordRequest(
                "team_meeting", null, null, LocalDate.now(), "in_person",
                Map.of("attendees", "Toute l'équipe", "decisions", "Revoir les cas à risque élevé chaque lundi.")));
        SecurityContextHolder.clearContext();
        String path = "/supervision/records/" + meeting.id();
        assertThat(signedIn(caseworker).get(path).body()).contains("Revoir les cas à risque élevé");
        assertThat(signedIn(caseworker).get("/supervision/records").body()).contains(path);
        assertThat(signedIn(manager).get(path).statusCode()).isEqualTo(200);
        assertThat(signedIn(colleague).get(path).statusCode()).isEqualTo(404);
        assertThat(signedIn(colleague).get("/supervision/records").body()).doesNotContain(path);
        assertThat(signedIn(otherSupervisor).get(path).statusCode()).isEqualTo(404);
        assertThat(reads(meeting.id(), caseworker)).isEqualTo(1);
    }

    @Test
    void onlyASupervisorAboutTheirSuperviseesOrAManagerWrites() {
        WebSession other = signedIn(otherSupervisor);
        assertThat(other.get("/supervision/records/new?form=individual_supervision&subject=" + caseworker.id())
                .statusCode()).isEqualTo(404);
        assertThat(other.post("/supervision/records", Map.of("form", "individual_supervision", "subject",
                caseworker.id().toString(), "heldOn", LocalDate.now().toString())).statusCode()).isEqualTo(404);
        WebSession self = signedIn(caseworker);
        assertThat(self.get("/supervision/records/new?form=individual_supervision&subject=" + caseworker.id())
                .statusCode()).isEqualTo(403);
        assertThat(self.post("/supervision/records", Map.of("form", "team_meeting", "heldOn",
                LocalDate.now().toString(), "attendees", "x")).statusCode()).isEqualTo(403);
        ApiClient api = new ApiClient(port);
        Map<String, Object> body = Map.of("formId", "individual_supervision", "subjectId", caseworker.id().toString(),
                "heldOn", LocalDate.now().toString(), "mode", "phone", "values", Map.of());
        assertThat(api.as(fixtures.token(otherSupervisor)).post("/api/v1/supervision/records", body).status())
                .isEqualTo(404);
        assertThat(api.as(fixtures.token(caseworker)).post("/api/v1/supervision/records", body).status())
                .isEqualTo(403);
        assertThat(api.as(fixtures.token(managerElsewhere)).post("/api/v1/supervision/records", body).status())
                .isEqualTo(404);
        assertThat(api.as(fixtures.token(manager)).post("/api/v1/supervision/records", body).status())
                .isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from staff_record where subject_id = ?").param(caseworker.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSupervisorRecordsAPhoneSessionOnThePageAndARefusalKeepsWhatWasTypedWithEachProblemInTheirLanguage() {
        WebSession session = signedIn(supervisor);
        String form = session.get("/supervision/records/new?form=individual_supervision&subject=" + caseworker.id())
                .body();
        assertThat(form).contains("name=\"heldOn\"", "name=\"mode\"", "agreed_actions");
        HttpResponse<String> refused = session.post("/supervision/records", Map.of("form", "individual_supervision",
                "subject", caseworker.id().toString(), "heldOn", LocalDate.now().plusDays(3).toString(), "mode", "phone",
                "developmental_points", "Entretien avec l'enfant à travailler", "agreed_actions[0].due_date",
                LocalDate.now().toString()));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Entretien avec l", "id=\"held-on-problem\"",
                "La date ne peut pas être dans le futur.", "Ce champ est obligatoire.");
        HttpResponse<String> saved = session.post("/supervision/records", Map.of("form", "individual_supervision",
                "subject", caseworker.id().toString(), "heldOn", LocalDate.now().toString(), "mode", "phone",
                "developmental_points", "Entretien avec l'enfant à travailler", "agreed_actions[0].action",
                "Lire la fiche sur l'entretien", "agreed_actions[0].due_date", LocalDate.now().plusDays(5).toString()));
        assertThat(saved.statusCode()).isEqualTo(302);
        String location = saved.headers().firstValue("Location").orElseThrow();
        assertThat(session.get(location.replaceFirst("^https?://[^/]+", "")).body()).contains("Par téléphone",
                "Lire la fiche sur l");
        assertThat(jdbc.sql("select count(*) from supervision_action where owner_id = ?").param(caseworker.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCaseDiscussionIsAboutOneOfTheSuperviseesCases() {
        var child = registry.register(fixtures.signIn(caseworker), fixtures.child("Aïcha", "Discussion-Test"));
        SecurityContextHolder.clearContext();
        WebSession session = signedIn(supervisor);
        String form = session.get("/supervision/records/new?form=case_discussion&subject=" + caseworker.id()).body();
        assertThat(form).contains(child.caseNumber());
        HttpResponse<String> refused = session.post("/supervision/records", Map.of("form", "case_discussion",
                "subject", caseworker.id().toString(), "heldOn", LocalDate.now().toString(), "question", "Placement ?"));
        assertThat(refused.body()).contains("id=\"case-problem\"", "Placement ?");
        HttpResponse<String> saved = session.post("/supervision/records", Map.of("form", "case_discussion",
                "subject", caseworker.id().toString(), "heldOn", LocalDate.now().toString(), "caseId",
                child.id().toString(), "question", "Placement ?", "decision", "Rester chez la tante."));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select case_id from staff_record where subject_id = ? and form_id = 'case_discussion'")
                .param(caseworker.id()).query(UUID.class).single()).isEqualTo(child.id());
    }

    @Test
    void onlyItsAuthorCorrectsARecordFromTheVersionTheyRead() {
        StaffRecord record = individualSession("in_person");
        assertThat(signedIn(manager).get("/supervision/records/" + record.id() + "/edit").statusCode()).isEqualTo(403);
        WebSession author = signedIn(supervisor);
        assertThat(author.get("/supervision/records/" + record.id() + "/edit").statusCode()).isEqualTo(200);
        HttpResponse<String> stale = author.post("/supervision/records/" + record.id(), Map.of("version", "99",
                "heldOn", record.heldOn().toString(), "mode", "video", "supportive_points", "Corrigé"));
        assertThat(stale.body()).contains("id=\"problem\"", "Corrigé");
        HttpResponse<String> saved = author.post("/supervision/records/" + record.id(), Map.of("version",
                String.valueOf(record.version()), "heldOn", record.heldOn().toString(), "mode", "video",
                "supportive_points", "Corrigé"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(author.get("/supervision/records/" + record.id()).body()).contains("Par vidéo", "Corrigé");
    }
}
