package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every transition of the process through the API, and every refusal: a role that reads no
 * case, an agency manager (reads, never moves), another agency, one's own approval, a step
 * out of order, an unknown action.
 */
class CaseWorkflowApiTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;

    @Test
    void everyTransitionThroughTheApiAndEveryRefusal() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Maïmouna", "Sow")).id();
        ApiClient worker = new ApiClient(port).as(fixtures.token(caseworker));
        ApiClient boss = new ApiClient(port).as(fixtures.token(supervisor));
        ApiClient manager = new ApiClient(port).as(fixtures.token(fixtures.user(agency, Role.AGENCY_MANAGER)));
        ApiClient focal = new ApiClient(port).as(fixtures.token(fixtures.user(agency, Role.SERVICE_FOCAL_POINT)));
        ApiClient stranger = new ApiClient(port).as(fixtures.token(fixtures.user(fixtures.agency(), Role.CASEWORKER)));
        String base = "/api/v1/cases/" + caseId + "/workflow";

        assertThat(worker.get(base).json().path("step").asString()).isEqualTo("IDENTIFICATION");
        assertThat(focal.get(base).status()).isEqualTo(403);
        assertThat(stranger.get(base).status()).isEqualTo(404);
        assertThat(manager.get(base).status()).isEqualTo(200);
        assertThat(manager.post(base + "/eligible", Map.of()).status()).isEqualTo(403);
        assertThat(stranger.post(base + "/eligible", Map.of()).status()).isEqualTo(404);
        assertThat(worker.post(base + "/teleport", Map.of()).status()).isEqualTo(404);
        Response skipped = worker.post(base + "/submit-plan", Map.of());
        assertThat(skipped.status()).isEqualTo(422);
        assertThat(skipped.code()).isEqualTo("workflow.wrong_step");
        assertThat(worker.language("en").post(base + "/not-eligible", Map.of()).fieldCodes())
                .containsEntry("text", "validation.required");

        // Eligible only when every criterion of the deployment is met.
        Response unmet = worker.post(base + "/eligible", Map.of("criteria", java.util.List.of("under_18")));
        assertThat(unmet.status()).isEqualTo(422);
        assertThat(unmet.code()).isEqualTo("workflow.criteria_unmet");
        assertThat(step(worker.post(base + "/eligible", Map.of("criteria", java.util.List.of("under_18",
                "protection_concern", "area_served", "consent_given"))))).isEqualTo("ASSESSMENT");
        assertThat(worker.post(base + "/assessment-completed", Map.of()).code()).isEqualTo("workflow.record_missing");
        fill(caseworker, caseId, "initial_assessment");
        fill(caseworker, caseId, "comprehensive_assessment");
        assertThat(step(worker.post(base + "/assessment-completed", Map.of()))).isEqualTo("PLANNING");

        // Urgent action, opened and closed through the API.
        Response urgent = worker.post(base + "/urgent-action", Map.of("threat", "Menace d'un groupe armé.",
                "actionsTaken", "Mise à l'abri."));
        assertThat(urgent.json().path("urgent").asBoolean()).isTrue();
        String urgentId = urgent.json().path("urgentActions").get(0).path("id").asString();
        assertThat(step(worker.post(base + "/act-now", Map.of("text", "Protection immédiate.")))).isEqualTo("IMPLEMENTATION");
        assertThat(worker.post(base + "/close-urgent-action", Map.of("urgentActionId", urgentId, "text", "En sécurité."))
                .json().path("urgent").asBoolean()).isFalse();

        // The plan (still due after acting first): submitted, refused to its own author, decided by the supervisor.
        fill(caseworker, caseId, "case_plan");
        Response submitted = boss.post(base + "/submit-plan", Map.of());
        String approval = submitted.json().path("approvals").get(0).path("id").asString();
        Response own = boss.post("/api/v1/approvals/" + approval, Map.of("decision", "approve"));
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.code()).isEqualTo("workflow.own_request");
        assertThat(worker.post("/api/v1/approvals/" + approval, Map.of("decision", "approve")).status()).isEqualTo(403);
        assertThat(stranger.post("/api/v1/approvals/" + approval, Map.of("decision", "approve")).status()).isEqualTo(404);
        UserAccount secondSupervisor = fixtures.supervisor(agency, caseworker);
        ApiClient other = new ApiClient(port).as(fixtures.token(secondSupervisor));
        assertThat(other.get("/api/v1/approvals").json().findValuesAsString("id")).contains(approval);
        assertThat(other.post("/api/v1/approvals/" + approval, Map.of("decision", "return")).fieldCodes())
                .containsEntry("comment", "validation.required");
        assertThat(other.post("/api/v1/approvals/" + approval, Map.of("decision", "approve")).status()).isEqualTo(200);

        fill(caseworker, caseId, "case_closure");
        String closure = worker.post(base + "/request-closure", Map.of()).json().path("approvals").get(0).path("id").asString();
        assertThat(step(boss.post("/api/v1/approvals/" + closure, Map.of("decision", "return", "comment", "Revoir les contacts."))))
                .isEqualTo("IMPLEMENTATION");
        String again = worker.post(base + "/request-closure", Map.of()).json().path("approvals").get(0).path("id").asString();
        assertThat(step(boss.post("/api/v1/approvals/" + again, Map.of("decision", "approve")))).isEqualTo("CLOSED");
        assertThat(worker.get("/api/v1/me/tasks").json().findValuesAsString("kind")).contains("post_closure_review");
        // The review is months away: it is in the "later" group, not among the overdue ones.
        assertThat(worker.get("/api/v1/me/tasks?bucket=later").json().findValuesAsString("kind")).contains("post_closure_review");
        assertThat(worker.get("/api/v1/me/tasks?bucket=OVERDUE").json().findValuesAsString("kind"))
                .doesNotContain("post_closure_review");
        assertThat(worker.get("/api/v1/me/tasks?bucket=later").json().findValuesAsString("bucket")).containsOnly("later");
        Response unknownBucket = worker.get("/api/v1/me/tasks?bucket=soon");
        assertThat(unknownBucket.status()).isEqualTo(400);
        assertThat(unknownBucket.fieldCodes()).containsEntry("bucket", "validation.invalid_choice");
        assertThat(step(worker.post(base + "/post-closure-review", Map.of("text", "Stable.")))).isEqualTo("ARCHIVED");
        assertThat(step(worker.post(base + "/reopen", Map.of("text", "Nouvelle menace.")))).isEqualTo("ASSESSMENT");

        UserAccount colleague = fixtures.user(agency, Role.CASEWORKER);
        Response toColleague = boss.post(base + "/reassign", Map.of("caseworkerId", colleague.id().toString()));
        assertThat(toColleague.status()).as(toColleague.toString()).isEqualTo(200);
        assertThat(new ApiClient(port).as(fixtures.token(colleague)).get(base).json().path("step").asString())
                .isEqualTo("ASSESSMENT");
        assertThat(worker.get(base).status()).isEqualTo(404);
    }

    private void fill(UserAccount user, UUID caseId, String formId) {
        records.create(fixtures.signIn(user), caseId, formId, org.abri.support.FilledForms.of(formId, "high"));
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }

    private static String step(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("step").asString();
    }
}
