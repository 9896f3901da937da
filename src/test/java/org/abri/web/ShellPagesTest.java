package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseWorkflow;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The shell around every page (issue 18.7): what is late or urgent first on the home page, the
 * notification bell drawn and named with its count, and error pages that keep the reader's
 * language, the navigation and a way back.
 */
class ShellPagesTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseWorkflow workflow;
    @Autowired
    JdbcClient jdbc;

    @Test
    void homeShowsTheOpenUrgentActionsAndTheOverdueTasksFirstWithTheirCounts() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount colleague = fixtures.user(agency, Role.CASEWORKER);
        UUID late = registry.register(fixtures.signIn(caseworker), fixtures.child("Awa", "Accueil-Test")).id();
        UUID urgent = registry.register(fixtures.signIn(caseworker), fixtures.child("Mariam", "Accueil-Test")).id();
        workflow.openUrgentAction(fixtures.signIn(caseworker), urgent, "Menace d'un groupe armé.", "Mise à l'abri.");
        // Registered a month ago and nothing done since: its first steps are late.
        jdbc.sql("update child_case set registered_at = now() - interval '30 days', step_since = now() - interval '30 days'"
                + " where id = ?").param(late).update();
        SecurityContextHolder.clearContext();

        String home = signedIn(caseworker).get("/").body();
        assertThat(home).contains("id=\"late-and-urgent\"", "id=\"home-urgent\"", "id=\"home-overdue\"");
        assertThat(home.indexOf("id=\"late-and-urgent\"")).as("before the caseload")
                .isLessThan(home.indexOf("Cas visibles"));
        assertThat(between(home, "id=\"home-urgent\"", "</a>")).contains("<strong>1</strong>", "action urgente en cours");
        assertThat(between(home, "id=\"home-overdue\"", "</a>")).containsPattern("<strong>[1-9][0-9]*</strong>")
                .contains("en retard");
        assertThat(home).doesNotContain("Awa", "Mariam", "Accueil-Test");
        // Someone with nothing late sees no such section.
        assertThat(signedIn(colleague).get("/").body()).doesNotContain("late-and-urgent");
    }

    @Test
    void theBellIsDrawnAndNamedWithItsUnreadCount() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        String home = signedIn(caseworker).get("/").body();
        String badge = between(home, "id=\"notification-badge\"", "</a>");
        assertThat(badge).contains("<svg", "aria-hidden=\"true\"").doesNotContain("🔔");
        assertThat(home).contains("aria-label=\"Notifications, aucune non lue\"");
        assertThat(signedIn(caseworker).get("/?lang=en").body()).contains("aria-label=\"Notifications, none unread\"");
    }

    @Test
    void anErrorPageKeepsTheReadersLanguageTheNavigationAndAWayBack() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = signedIn(caseworker);
        session.get("/?lang=ar");
        HttpResponse<String> missing = session.getFrom("/cases/" + UUID.randomUUID(), "/cases?q=x");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("lang=\"ar\"", "dir=\"rtl\"", "id=\"sign-out\"", "aria-label=\"",
                "href=\"/cases?q=x\" id=\"error-back\"", "id=\"error-cases\"");
        HttpResponse<String> unknown = session.getFrom("/no-such-page", "/tasks");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("lang=\"ar\"", "dir=\"rtl\"", "id=\"sign-out\"", "href=\"/tasks\" id=\"error-back\"");
        // A refusal (403) too; and no way "back" to somewhere else than this application.
        session.get("/?lang=fr");
        HttpResponse<String> refused = session.get("/admin/system");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("lang=\"fr\"", "dir=\"ltr\"", "id=\"sign-out\"", "id=\"error-cases\"")
                .doesNotContain("error-back");
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("%s in the page", from).isNotNegative();
        return text.substring(start, text.indexOf(to, start));
    }
}
