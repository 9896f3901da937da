package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.NotFoundException;
import org.abri.platform.Page;
import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The timeline of a case: registration, an edit (with the fields it changed), a filled form
 * and notes, newest first and paged; supervisor-only notes only for those who may see them;
 * outside the need-to-know, 404.
 */
class CaseTimelineTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseNotes notes;
    @Autowired
    CaseTimeline timeline;
    @Autowired
    JdbcClient jdbc;

    private UserAccount caseworker;
    private UserAccount supervisor;
    private UserAccount manager;
    private UserAccount otherCaseworker;
    private UUID caseId;
    private UUID recordId;
    private String caseNumber;

    @BeforeEach
    void aCaseThatLived() {
        Agency agency = fixtures.agency();
        caseworker = fixtures.userSpeaking("en", agency, Role.CASEWORKER);
        supervisor = fixtures.supervisor(agency, caseworker);
        manager = fixtures.userSpeaking("en", agency, Role.AGENCY_MANAGER);
        otherCaseworker = fixtures.user(agency, Role.CASEWORKER);

        ChildCase registered = registry.register(fixtures.signIn(caseworker), fixtures.child("Fatimé", "Timeline-Test"));
        caseId = registered.id();
        caseNumber = registered.caseNumber();
        CaseDetails edit = registered.toDetails();
        edit.setCaregiverName("Grand-mère test");
        edit.setRiskLevel("high");
        registry.update(fixtures.signIn(caseworker), caseId, edit);
        recordId = records.create(fixtures.signIn(caseworker), caseId, "follow_up_visit", Map.of(
                "visit_date", "2026-11-20T09:30", "contact_type", "home_visit", "new_concerns", "no",
                "risk_level", "high")).id();
        notes.add(fixtures.signIn(caseworker), caseId, "Suivi régulier.", false);
        notes.add(fixtures.signIn(caseworker), caseId, "À discuter en supervision.", true);
    }

    private List<String> kindsSeenBy(UserAccount reader) {
        return timeline.page(fixtures.signIn(reader), caseId, 0, 25, Locale.ENGLISH).items().stream()
                .map(TimelineEvent::kind).toList();
    }

    @Test
    void everythingThatHappenedIsListedNewestFirstWithWhoAndWhat() {
        Page<TimelineEvent> page = timeline.page(fixtures.signIn(supervisor), caseId, 0, 25, Locale.ENGLISH);
        assertThat(page.items()).extracting(TimelineEvent::kind).containsExactly("note_supervisor_only", "note",
                "form_filled", "edited", "registered");
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).allSatisfy(event -> assertThat(event.who()).isEqualTo(caseworker.fullName()));
        assertThat(page.items()).extracting(TimelineEvent::when).isSortedAccordingTo((a, b) -> b.compareTo(a));

        TimelineEvent form = page.items().get(2);
        assertThat(form.summaryKey()).isEqualTo("timeline.formFilled");
        assertThat(form.arguments()).containsExactly("Follow-up visit");
        assertThat(form.link()).isEqualTo("/cases/" + caseId + "/records/" + recordId);
        TimelineEvent edit = page.items().get(3);
        assertThat(edit.arguments()).as("the fields changed, by their labels, never their values")
                .containsExactly("Caregiver's name, Risk level");
        assertThat(page.items().get(4).arguments()).containsExactly(caseNumber);
        assertThat(page.items().get(0).link()).startsWith("/cases/" + caseId + "#note-");
    }

    @Test
    void supervisorOnlyNotesAreLeftOutForThoseWhoMayNotSeeThemAndOutsidersGet404() {
        assertThat(kindsSeenBy(caseworker)).as("the author").contains("note_supervisor_only", "note");
        assertThat(kindsSeenBy(manager)).containsExactly("note", "form_filled", "edited", "registered");
        assertThat(timeline.page(fixtures.signIn(manager), caseId, 0, 25, Locale.ENGLISH).total()).isEqualTo(4);
        assertThatThrownBy(() -> kindsSeenBy(otherCaseworker)).isInstanceOf(NotFoundException.class)
                .hasMessage("case.not_found");
        UserAccount stranger = fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER);
        assertThatThrownBy(() -> kindsSeenBy(stranger)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theTimelineIsPagedAndEveryReadIsAudited() {
        Page<TimelineEvent> first = timeline.page(fixtures.signIn(supervisor), caseId, 0, 2, Locale.FRENCH);
        Page<TimelineEvent> last = timeline.page(fixtures.signIn(supervisor), caseId, 2, 2, Locale.FRENCH);
        assertThat(first.items()).extracting(TimelineEvent::kind).containsExactly("note_supervisor_only", "note");
        assertThat(first.pageCount()).isEqualTo(3);
        assertThat(first.hasNext()).isTrue();
        assertThat(last.items()).extracting(TimelineEvent::kind).containsExactly("registered");
        assertThat(last.hasNext()).isFalse();
        assertThat(timeline.page(fixtures.signIn(supervisor), caseId, 1, 2, Locale.FRENCH).items().get(0).arguments())
                .as("form titles in the reader's language").containsExactly("Visite de suivi");

        List<String> details = jdbc.sql("""
                select detail::text from audit_entry where record_type = 'child_case' and action = 'read'
                and record_id = ? and user_id = ? and detail ->> 'view' = 'timeline' order by id""")
                .params(caseId, supervisor.id()).query(String.class).list();
        assertThat(details).hasSize(3);
        assertThat(details.get(1)).contains("\"page\": 2", "\"events\": 1", caseNumber);
    }

    @Test
    void theTimelinePageAndTheApiWordEventsInTheReadersLanguage() {
        String page = signedIn(caseworker).get("/cases/" + caseId + "/timeline").body();
        assertThat(page).contains("Case history", "Note added (visible to supervisor only)", "Note added",
                "Form filled in: Follow-up visit", "Case edited: Caregiver", "Child registered (case " + caseNumber,
                "/cases/" + caseId + "/records/" + recordId);
        assertThat(page.indexOf("Form filled in")).as("newest first").isLessThan(page.indexOf("Child registered"));

        String managerPage = signedIn(manager).get("/cases/" + caseId + "/timeline").body();
        assertThat(managerPage).contains("Note added").doesNotContain("visible to supervisor only");

        JsonNode api = new ApiClient(port).as(fixtures.token(supervisor)).language("ar")
                .get("/api/v1/cases/" + caseId + "/timeline?size=3").json();
        assertThat(api.path("total").asInt()).isEqualTo(5);
        assertThat(api.path("items").size()).isEqualTo(3);
        assertThat(api.path("items").get(2).path("kind").asString()).isEqualTo("form_filled");
        assertThat(api.path("items").get(2).path("summary").asString()).isEqualTo("ملء استمارة: زيارة متابعة");
        assertThat(new ApiClient(port).as(fixtures.token(supervisor))
                .get("/api/v1/cases/" + caseId + "/timeline?size=500").fieldCodes()).containsKey("size");
    }
}
