package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Case notes: a supervisor-only note is read by its author and the supervisors of the case's
 * caseworker, by nobody else; other readers of the case read the ordinary notes; outside the
 * need-to-know the case answers 404. The author corrects a note within 24 hours, never after;
 * every read and write is audited without the text; a refused note keeps what was typed.
 */
class CaseNotesTest extends IntegrationTest {

    private static final String NORMAL = "Visite à domicile : la tante accepte le suivi.";
    private static final String PRIVATE = "Inquiétude sur la sécurité de l'enfant chez l'oncle.";

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseNotes notes;
    @Autowired
    JdbcClient jdbc;

    private Agency agency;
    private UserAccount caseworker;
    private UserAccount otherCaseworker;
    private UserAccount supervisor;
    private UserAccount otherSupervisor;
    private UserAccount manager;
    private UserAccount otherAgencyManager;
    private UUID caseId;

    @BeforeEach
    void world() {
        agency = fixtures.agency();
        caseworker = fixtures.user(agency, Role.CASEWORKER);
        otherCaseworker = fixtures.user(agency, Role.CASEWORKER);
        supervisor = fixtures.supervisor(agency, caseworker);
        otherSupervisor = fixtures.supervisor(agency, otherCaseworker);
        manager = fixtures.user(agency, Role.AGENCY_MANAGER);
        otherAgencyManager = fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER);
        caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Mariam", "Notes-Test")).id();
    }

    private void writeBothNotes() {
        notes.add(fixtures.signIn(caseworker), caseId, NORMAL, false);
        notes.add(fixtures.signIn(caseworker), caseId, PRIVATE, true);
    }

    private List<String> bodiesSeenBy(UserAccount reader) {
        return notes.list(fixtures.signIn(reader), caseId).stream().map(CaseNotes.CaseNote::body).toList();
    }

    @Test
    void aSupervisorOnlyNoteIsReadByItsAuthorAndTheCaseworkersSupervisorsOnly() {
        writeBothNotes();

        assertThat(bodiesSeenBy(caseworker)).as("the author, newest first").containsExactly(PRIVATE, NORMAL);
        assertThat(bodiesSeenBy(supervisor)).containsExactly(PRIVATE, NORMAL);
        assertThat(bodiesSeenBy(manager)).as("the agency manager reads the case, not the private note")
                .containsExactly(NORMAL);
        assertThatThrownBy(() -> bodiesSeenBy(otherCaseworker)).isInstanceOf(NotFoundException.class)
                .hasMessage("case.not_found");
        assertThatThrownBy(() -> bodiesSeenBy(otherSupervisor)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bodiesSeenBy(otherAgencyManager)).isInstanceOf(NotFoundException.class);

        List<CaseNotes.CaseNote> seenBySupervisor = notes.list(fixtures.signIn(supervisor), caseId);
        assertThat(seenBySupervisor).extracting(CaseNotes.CaseNote::supervisorOnly).containsExactly(true, false);
        assertThat(seenBySupervisor).allSatisfy(note -> {
            assertThat(note.authorId()).isEqualTo(caseworker.id());
            assertThat(note.editable()).as("only the author corrects a note").isFalse();
        });
        UUID privateNote = seenBySupervisor.get(0).id();
        assertThatThrownBy(() -> notes.read(fixtures.signIn(manager), caseId, privateNote))
                .isInstanceOf(NotFoundException.class).hasMessage("note.not_found");
    }

    @Test
    void theCasePageShowsEachReaderTheNotesTheyMaySeeAndOthersGet404OrTheSignInPage() {
        writeBothNotes();
        String supervisorPage = signedIn(supervisor).get("/cases/" + caseId).body();
        assertThat(supervisorPage).contains("id=\"notes\"", "Visite à domicile", "Inquiétude sur la sécurité",
                "Superviseur seulement", "/cases/" + caseId + "/timeline");

        String managerPage = signedIn(manager).get("/cases/" + caseId).body();
        assertThat(managerPage).contains("Visite à domicile").doesNotContain("Inquiétude sur la sécurité",
                "Superviseur seulement");
        assertThat(managerPage).as("a manager reads but does not write").doesNotContain("id=\"note-form\"");

        WebSession other = signedIn(otherCaseworker);
        assertThat(other.get("/cases/" + caseId).statusCode()).isEqualTo(404);
        assertThat(other.get("/cases/" + caseId + "/timeline").statusCode()).isEqualTo(404);
        assertThat(signedIn(otherAgencyManager).get("/cases/" + caseId).statusCode()).isEqualTo(404);

        WebSession anonymous = new WebSession(port);
        for (String path : List.of("/cases/" + caseId, "/cases/" + caseId + "/timeline")) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login");
        }
    }

    @Test
    void aNoteIsAddedFromTheCasePageAndARefusedOneKeepsWhatWasTypedInTheUsersLanguage() {
        UserAccount english = fixtures.userSpeaking("en", agency, Role.CASEWORKER);
        UUID englishCase = registry.register(fixtures.signIn(english), fixtures.child("Awa", "Page-Test")).id();
        WebSession session = signedIn(english);
        assertThat(session.get("/cases/" + englishCase).body()).contains("id=\"note-form\"", "Visible to supervisor only");

        HttpResponse<String> added = session.post("/cases/" + englishCase + "/notes",
                Map.of("body", "Met the child at school.", "supervisorOnly", "true"));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(added.headers().firstValue("Location")).get().asString().contains("/cases/" + englishCase + "#note-");
        String page = session.get("/cases/" + englishCase).body();
        assertThat(page).contains("The note is added.", "Met the child at school.", "Supervisor only");
        assertThat(jdbc.sql("select supervisor_only from case_note where case_id = ?").param(englishCase)
                .query(Boolean.class).single()).isTrue();

        String tooLong = "Long account of the visit. " + "x".repeat(CaseNotes.MAX_LENGTH);
        HttpResponse<String> refused = session.post("/cases/" + englishCase + "/notes",
                Map.of("body", tooLong, "supervisorOnly", "true"));
        assertThat(refused.headers().firstValue("Location")).get().asString().endsWith("#notes");
        String again = session.get("/cases/" + englishCase).body();
        assertThat(again).contains("id=\"note-problem\"", "This field is too long (at most 10,000 characters)",
                "Long account of the visit. xxxxxxxx");
        assertThat(again).containsPattern("id=\"note-supervisor-only\"[^>]*checked");
        assertThat(session.post("/cases/" + englishCase + "/notes", Map.of("body", "   ")).statusCode())
                .isEqualTo(302);
        assertThat(session.get("/cases/" + englishCase).body()).contains("This field is required.");
        assertThat(jdbc.sql("select count(*) from case_note where case_id = ?").param(englishCase).query(Long.class)
                .single()).as("nothing refused was saved").isEqualTo(1);

        HttpResponse<String> byManager = signedIn(manager).post("/cases/" + englishCase + "/notes",
                Map.of("body", "A manager may not write here."));
        assertThat(byManager.statusCode()).isEqualTo(403);
    }

    @Test
    void theAuthorCorrectsANoteWithin24HoursButNotAfterAndNobodyElseEver() {
        CaseNotes.CaseNote note = notes.add(fixtures.signIn(caseworker), caseId, "Premier jet.", false);
        assertThat(note.editable()).isTrue();

        CaseNotes.CaseNote corrected = notes.edit(fixtures.signIn(caseworker), caseId, note.id(), "Premier jet, corrigé.",
                true, note.version());
        assertThat(corrected.body()).isEqualTo("Premier jet, corrigé.");
        assertThat(corrected.supervisorOnly()).isTrue();
        assertThat(corrected.version()).isEqualTo(note.version() + 1);
        assertThat(corrected.editedAt()).isNotNull();
        assertThatThrownBy(() -> notes.edit(fixtures.signIn(caseworker), caseId, note.id(), "Onglet périmé.", true,
                note.version())).isInstanceOf(StaleRecordException.class).hasMessage("note.changed_meanwhile");
        assertThatThrownBy(() -> notes.edit(fixtures.signIn(supervisor), caseId, note.id(), "Par le superviseur.",
                true, corrected.version())).isInstanceOf(RuleViolationException.class).hasMessage("note.not_author");
        assertThatThrownBy(() -> notes.edit(fixtures.signIn(caseworker), caseId, note.id(), "", true,
                corrected.version())).isInstanceOf(InvalidInputException.class);

        jdbc.sql("update case_note set created_at = now() - interval '25 hours' where id = ?").param(note.id()).update();
        assertThatThrownBy(() -> notes.edit(fixtures.signIn(caseworker), caseId, note.id(), "Trop tard.", true,
                corrected.version())).isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("note.edit_window_closed");
                    assertThat(e.arguments()).containsExactly(24);
                });
        assertThat(notes.list(fixtures.signIn(caseworker), caseId)).singleElement().satisfies(n -> {
            assertThat(n.body()).isEqualTo("Premier jet, corrigé.");
            assertThat(n.editable()).isFalse();
        });
    }

    @Test
    void theEditPageCorrectsAFreshNoteAndRefusesAnOldOneWithAClearMessageKeepingTheText() {
        CaseNotes.CaseNote note = notes.add(fixtures.signIn(caseworker), caseId, "Texte à corriger.", false);
        WebSession session = signedIn(caseworker);
        assertThat(session.get("/cases/" + caseId).body()).contains("/cases/" + caseId + "/notes/" + note.id() + "/edit");
        assertThat(session.get("/cases/" + caseId + "/notes/" + note.id() + "/edit").body())
                .contains("Texte à corriger.", "24 heures");

        HttpResponse<String> saved = session.post("/cases/" + caseId + "/notes/" + note.id(),
                Map.of("body", "Texte corrigé.", "version", String.valueOf(note.version())));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(session.get("/cases/" + caseId).body()).contains("Texte corrigé.", "La note est corrigée.",
                "corrigée le");

        jdbc.sql("update case_note set created_at = now() - interval '2 days' where id = ?").param(note.id()).update();
        assertThat(session.get("/cases/" + caseId).body()).as("no correction offered any more")
                .doesNotContain("/notes/" + note.id() + "/edit");
        session.get("/cases/" + caseId + "/notes/" + note.id() + "/edit");
        HttpResponse<String> refused = session.post("/cases/" + caseId + "/notes/" + note.id(),
                Map.of("body", "Correction tardive.", "version", "1"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"note-problem\"", "dans les 24 heures qui suivent son écriture",
                "Correction tardive.");
        assertThat(jdbc.sql("select body from case_note where id = ?").param(note.id()).query(String.class).single())
                .isEqualTo("Texte corrigé.");
    }

    @Test
    void everyReadAndWriteIsAuditedWithoutTheText() {
        CaseNotes.CaseNote note = notes.add(fixtures.signIn(caseworker), caseId, PRIVATE, true);
        notes.list(fixtures.signIn(supervisor), caseId);
        notes.list(fixtures.signIn(manager), caseId);
        notes.edit(fixtures.signIn(caseworker), caseId, note.id(), PRIVATE + " Suite.", true, note.version());

        List<Map<String, Object>> rows = jdbc.sql("""
                select action, record_id, user_id, detail::text as detail from audit_entry
                where record_type = 'case_note' and (record_id = ? or detail ->> 'caseId' = ?) order by id""")
                .params(note.id(), caseId.toString()).query().listOfRows();
        assertThat(rows).extracting(row -> row.get("action")).containsExactly("create", "read", "read", "update");
        assertThat(rows.get(0).get("record_id")).isEqualTo(note.id());
        assertThat(rows.get(1).get("user_id")).isEqualTo(supervisor.id());
        assertThat(rows.get(1).get("record_id")).as("a list names its notes in the detail").isNull();
        assertThat((String) rows.get(1).get("detail")).contains(note.id().toString(), "\"supervisorOnlyShown\": 1");
        assertThat((String) rows.get(2).get("detail")).as("the manager was shown no note")
                .doesNotContain(note.id().toString());
        assertThat((String) rows.get(3).get("detail")).contains("\"body\"");
        assertThat(rows).allSatisfy(row -> assertThat((String) row.get("detail"))
                .doesNotContain("Inquiétude", "sécurité", "Suite"));
    }

    @Test
    void theApiAddsAndListsNotesUnderTheSameRules() {
        ApiClient api = new ApiClient(port);
        String path = "/api/v1/cases/" + caseId + "/notes";
        ApiClient.Response created = api.as(fixtures.token(caseworker)).post(path,
                Map.of("body", PRIVATE, "supervisorOnly", true));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("supervisorOnly").asBoolean()).isTrue();
        api.as(fixtures.token(caseworker)).post(path, Map.of("body", NORMAL));

        assertThat(api.as(fixtures.token(supervisor)).get(path).json().findValuesAsString("body"))
                .as("newest first").containsExactly(NORMAL, PRIVATE);
        assertThat(api.as(fixtures.token(manager)).get(path).json().findValuesAsString("body"))
                .containsExactly(NORMAL);
        ApiClient.Response outside = api.as(fixtures.token(otherCaseworker)).get(path);
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.body()).doesNotContain("Visite", "Mariam");

        ApiClient.Response tooLong = api.as(fixtures.token(caseworker)).language("en").post(path,
                Map.of("body", "y".repeat(CaseNotes.MAX_LENGTH + 1)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.fieldCodes()).containsEntry("body", "validation.too_long");
        assertThat(api.as(fixtures.token(caseworker)).post(path, Map.of("supervisorOnly", true)).fieldCodes())
                .containsEntry("body", "validation.required");
        assertThatThrownBy(() -> notes.add(fixtures.signIn(manager), caseId, "Par le coordinateur.", false))
                .isInstanceOf(AccessDeniedException.class);
    }
}
