package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Every decision shows who, when and why (issue 18.2): the supervisor's comment on a returned
 * plan or closure and the note closing an urgent action reach the caseworker on the case page,
 * in the timeline and in the API history; the notification names the decision, never the comment.
 */
class DecisionReasonsTest extends IntegrationTest {

    private static final String PLAN_COMMENT = "Objectif scolaire sans date cible.";
    private static final String CLOSURE_COMMENT = "La famille demande encore un suivi.";
    private static final String URGENT_NOTE = "Enfant mise en sécurité chez sa tante.";

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aReturnedPlanAClosedUrgentActionAndAReturnedClosureKeepWhoWhenAndWhy() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Fatimé", "Abakar")).id();
        workflow.decideEligibility(fixtures.signIn(caseworker), caseId, true, null);
        fill(caseworker, caseId, "initial_assessment");
        fill(caseworker, caseId, "comprehensive_assessment");
        workflow.completeAssessment(fixtures.signIn(caseworker), caseId);
        fill(caseworker, caseId, "case_plan");
        UUID plan = workflow.submitPlan(fixtures.signIn(caseworker), caseId).approvals().get(0).id();

        // The plan returned with a comment.
        CaseWorkflow.Approval returned = workflow.decide(fixtures.signIn(supervisor), plan, false, PLAN_COMMENT)
                .approvals().get(0);
        WebSession worker = signedIn(caseworker);
        ApiClient api = new ApiClient(port).as(fixtures.token(caseworker));
        String page = page(worker, "/cases/" + caseId);
        assertThat(section(page, "returned-plan")).as("the return, by the step's actions")
                .contains(supervisor.fullName(), day(returned.decidedAt()), PLAN_COMMENT);
        assertThat(section(page, "history")).contains("Plan renvoyé", supervisor.fullName(), PLAN_COMMENT);
        assertThat(page(worker, "/cases/" + caseId + "/timeline")).contains(supervisor.fullName(),
                minute(returned.decidedAt()).substring(0, 10), "Étape : Plan renvoyé — " + PLAN_COMMENT);
        JsonNode entry = latest(api, caseId);
        assertThat(entry.path("action").asString()).isEqualTo("plan_returned");
        assertThat(entry.path("reason").asString()).isEqualTo(PLAN_COMMENT);
        assertThat(entry.path("byName").asString()).isEqualTo(supervisor.fullName());
        assertThat(entry.path("occurredAt").isMissingNode()).isFalse();
        List<String> notices = jdbc.sql("select kind || ' ' || arguments::text from notification where user_id = ?")
                .param(caseworker.id()).query(String.class).list();
        assertThat(notices).singleElement().asString().startsWith("plan_returned").contains(supervisor.fullName())
                .doesNotContain(PLAN_COMMENT, "Fatimé", "Abakar");
        assertThat(page(worker, "/notifications")).contains("renvoyé par " + supervisor.fullName())
                .doesNotContain(PLAN_COMMENT);

        // An urgent action closed with its note.
        String urgentId = workflow.openUrgentAction(fixtures.signIn(caseworker), caseId, "Menace de mariage forcé.",
                "Mise à l'abri.").urgentActions().get(0).id().toString();
        workflow.closeUrgentAction(fixtures.signIn(caseworker), caseId, UUID.fromString(urgentId), URGENT_NOTE);
        entry = latest(api, caseId);
        assertThat(entry.path("action").asString()).isEqualTo("urgent_action_closed");
        assertThat(entry.path("reason").asString()).isEqualTo(URGENT_NOTE);
        assertThat(entry.path("byName").asString()).isEqualTo(caseworker.fullName());
        assertThat(section(page(worker, "/cases/" + caseId), "history")).contains("Action urgente close", URGENT_NOTE);
        assertThat(page(worker, "/cases/" + caseId + "/timeline")).contains(URGENT_NOTE);

        // The plan submitted again and approved: the return no longer stands.
        UUID second = workflow.submitPlan(fixtures.signIn(caseworker), caseId).approvals().get(0).id();
        workflow.decide(fixtures.signIn(supervisor), second, true, null);
        assertThat(page(worker, "/cases/" + caseId)).doesNotContain("id=\"returned-plan\"");

        // A closure returned with a comment.
        fill(caseworker, caseId, "case_closure");
        UUID closure = workflow.requestClosure(fixtures.signIn(caseworker), caseId).approvals().get(0).id();
        CaseWorkflow.Approval closureReturned = workflow.decide(fixtures.signIn(supervisor), closure, false,
                CLOSURE_COMMENT).approvals().get(0);
        assertThat(closureReturned.kind()).isEqualTo("closure");
        page = page(worker, "/cases/" + caseId);
        assertThat(section(page, "returned-closure")).contains(supervisor.fullName(),
                day(closureReturned.decidedAt()), CLOSURE_COMMENT);
        assertThat(page(worker, "/cases/" + caseId + "/timeline")).contains(CLOSURE_COMMENT);
        entry = latest(api, caseId);
        assertThat(entry.path("action").asString()).isEqualTo("closure_returned");
        assertThat(entry.path("reason").asString()).isEqualTo(CLOSURE_COMMENT);
        assertThat(jdbc.sql("select arguments::text from notification where user_id = ? and kind = 'closure_returned'")
                .param(caseworker.id()).query(String.class).single()).contains(supervisor.fullName())
                .doesNotContain(CLOSURE_COMMENT);
        assertThat(page(worker, "/notifications")).contains("renvoyée par " + supervisor.fullName())
                .doesNotContain(CLOSURE_COMMENT);
    }

    private void fill(UserAccount user, UUID caseId, String formId) {
        records.create(fixtures.signIn(user), caseId, formId, FilledForms.of(formId, "medium"));
    }

    private static String page(WebSession session, String path) {
        var response = session.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return HtmlUtils.htmlUnescape(response.body());
    }

    /** The element with this id, up to the end of the page (enough to tell it holds the texts). */
    private static String section(String page, String id) {
        int at = page.indexOf("id=\"" + id + "\"");
        assertThat(at).as(id).isNotNegative();
        return page.substring(at);
    }

    private static JsonNode latest(ApiClient api, UUID caseId) {
        ApiClient.Response response = api.get("/api/v1/cases/" + caseId + "/workflow");
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("history").get(0);
    }

    /** As the pages write a date (the server's zone, like Thymeleaf's temporals). */
    private static String day(Instant when) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault()).format(when);
    }

    private static String minute(Instant when) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault()).format(when);
    }
}
