package org.abri.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseDetails;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseTasks;
import org.abri.forms.ExampleForms;
import org.abri.forms.FieldDefinition;
import org.abri.forms.FieldType;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormSection;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The team view's numbers on a seeded team, the caseload standards, who sees which team, the
 * supervision rhythm in the supervisor's task list as the clock moves, and the action points
 * agreed in supervision in their owner's task list until marked done.
 */
class TeamViewTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    TeamView view;
    @Autowired
    SupervisionRhythm rhythm;
    @Autowired
    ActionPoints actions;
    @Autowired
    StaffRecords records;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseTasks tasks;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    private UUID register(UserAccount user, String risk) {
        CaseDetails child = fixtures.child("Achta", "Mahamat");
        child.setRiskLevel(risk);
        return registry.register(fixtures.signIn(user), child).id();
    }

    private void submitted(UUID caseId, UserAccount by) {
        jdbc.sql("""
                insert into case_approval (id, case_id, kind, plan_version, status, submitted_at, submitted_by)
                values (?, ?, 'plan', 1, 'submitted', now(), ?)""").params(UUID.randomUUID(), caseId, by.id()).update();
    }

    /** An individual supervision session about this person on this day (the form shipped or, here, a stand-in). */
    private void individualSession(UserAccount supervisor, UserAccount about, LocalDate heldOn) {
        staffRecord(supervisor, about == null ? null : about.id(), SupervisionRhythm.INDIVIDUAL_SUPERVISION, heldOn);
    }

    private void staffRecord(UserAccount author, UUID subjectId, String formId, LocalDate heldOn) {
        int version = catalogue.current(formId).map(FormDefinition::version).orElseGet(() -> catalogue.save(
                fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)), new FormDefinition(formId, 0,
                        ExampleForms.text(formId), null, true, List.of(new FormSection("one", ExampleForms.text("Un"),
                                false, List.of(ExampleForms.field("notes", FieldType.TEXTAREA)))), FormDefinition.STAFF), 0)
                .version());
        jdbc.sql("""
                insert into staff_record (id, agency_id, subject_id, form_id, form_version, held_on, created_by, updated_by)
                values (?, (select agency_id from app_user where id = ?), ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), author.id(), subjectId, formId, version, Date.valueOf(heldOn), author.id(),
                        author.id()).update();
    }

    private static TeamView.Team teamOf(TeamView.Overview overview, UserAccount supervisor) {
        return overview.teams().stream().filter(t -> t.supervisorId().equals(supervisor.id())).findFirst().orElseThrow();
    }

    private static TeamView.Member member(TeamView.Team team, UserAccount person) {
        return team.members().stream().filter(m -> m.id().equals(person.id())).findFirst().orElseThrow();
    }

    @Test
    void theTeamViewCountsCasesByRiskOverdueStepsApprovalsAndTheLastSessionAndWarnsAboveTheStandards() {
        Agency agency = fixtures.agency();
        UserAccount amina = fixtures.user(agency, Role.CASEWORKER);
        UserAccount busy = fixtures.user(agency, Role.CASEWORKER);
        UserAccount clerk = fixtures.user(agency, Role.DATA_ENTRY_CLERK);
        UserAccount supervisor = fixtures.supervisor(agency, amina, busy, clerk);
        UserAccount elsewhere = fixtures.user(agency, Role.CASEWORKER);

        UUID high1 = register(amina, "high");
        register(amina, "high");
        UUID medium = register(amina, "medium");
        UUID closed = register(amina, "low");
        jdbc.sql("update child_case set step = 'closed', closed_at = now() where id = ?").param(closed).update();
        // One case registered a month ago and never touched: its first action and initial assessment are late.
        jdbc.sql("update child_case set registered_at = now() - interval '30 days', step_since = now() - interval '30 days'"
                + " where id = ?").param(high1).update();
        int expectedOverdue = (int) tasks.ofCase(high1).stream().filter(t -> t.due().isBefore(clock.instant())).count();
        assertThat(expectedOverdue).isEqualTo(2);
        // A case closed long ago whose post-closure review is late, and one whose review is not due yet.
        UUID closedLongAgo = register(amina, "medium");
        jdbc.sql("update child_case set step = 'closed', closed_at = now() - interval '200 days', step_since = now() - interval '200 days'"
                + " where id = ?").param(closedLongAgo).update();
        assertThat(tasks.ofCase(closedLongAgo)).singleElement().satisfies(task -> {
            assertThat(task.kind()).isEqualTo("post_closure_review");
            assertThat(task.due()).isBefore(clock.instant());
        });
        assertThat(tasks.ofCase(closed)).singleElement().satisfies(task -> assertThat(task.due()).isAfter(clock.instant()));
        submitted(medium, amina);
        submitted(high1, amina);
        for (int i = 0; i < 26; i++) {
            register(busy, "low");
        }
        CaseDetails typed = fixtures.child("Zara", "Abakar");
        typed.setCaseworkerId(elsewhere.id());
        registry.register(fixtures.signIn(clerk), typed);
        individualSession(supervisor, amina, LocalDate.now().minusDays(3));
        individualSession(supervisor, amina, LocalDate.now().minusDays(10));

        TeamView.Team team = teamOf(view.of(fixtures.signIn(supervisor)), supervisor);
        assertThat(team.size()).isEqualTo(3);
        assertThat(team.overStandard()).isFalse();
        TeamView.Member a = member(team, amina);
        assertThat(List.of(a.high(), a.medium(), a.low(), a.openCases(), a.caseload())).containsExactly(2, 1, 0, 3, 3);
        assertThat(a.overdue()).isEqualTo(3);
        assertThat(a.pendingApprovals()).isEqualTo(2);
        assertThat(a.lastIndividualSupervision()).isEqualTo(LocalDate.now().minusDays(3));
        assertThat(a.standard()).isEqualTo(25);
        assertThat(a.overStandard()).isFalse();
        TeamView.Member b = member(team, busy);
        assertThat(List.of(b.high(), b.medium(), b.low(), b.caseload())).containsExactly(0, 0, 26, 26);
        assertThat(b.overStandard()).isTrue();
        assertThat(b.lastIndividualSupervision()).isNull();
        TeamView.Member c = member(team, clerk);
        assertThat(c.dataEntry()).isTrue();
        assertThat(c.caseload()).isEqualTo(1);
        assertThat(c.standard()).isEqualTo(100);
        assertThat(view.of(fixtures.signIn(supervisor)).myQueue()).isEqualTo(2);

        // The page says it in words, not colour only.
        String page = signedIn(supervisor).get("/supervision").body();
        assertThat(page).contains("Au-delà de la norme (+1)", "26 / 25", "Approbations en attente de votre décision : 2");

        // Seven people for one supervisor is above the standard of six.
        List<UserAccount> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(fixtures.user(agency, Role.CASEWORKER));
        }
        UserAccount stretched = fixtures.supervisor(agency, seven.toArray(UserAccount[]::new));
        TeamView.Team big = teamOf(view.of(fixtures.signIn(stretched)), stretched);
        assertThat(big.size()).isEqualTo(7);
        assertThat(big.overStandard()).isTrue();
        assertThat(signedIn(stretched).get("/supervision").body()).contains("Équipe au-delà de la norme : 7 personnes pour 6 au plus");
    }

    @Test
    void aSupervisorSeesOnlyTheirTeamAManagerEveryTeamOfTheirAgencyAndNobodyElseAny() {
        Agency agency = fixtures.agency();
        UserAccount mine = fixtures.user(agency, Role.CASEWORKER);
        UserAccount theirs = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, mine);
        UserAccount other = fixtures.supervisor(agency, theirs);
        UserAccount manager = fixtures.user(agency, Role.AGENCY_MANAGER);
        UserAccount foreignManager = fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER);

        TeamView.Overview own = view.of(fixtures.signIn(supervisor));
        assertThat(own.teams()).extracting(TeamView.Team::supervisorId).containsExactly(supervisor.id());
        assertThat(own.teams().get(0).members()).extracting(TeamView.Member::id).containsExactly(mine.id());
        assertThat(view.of(fixtures.signIn(manager)).teams()).extracting(TeamView.Team::supervisorId)
                .contains(supervisor.id(), other.id());
        assertThat(view.of(fixtures.signIn(foreignManager)).teams()).extracting(TeamView.Team::supervisorId)
                .doesNotContain(supervisor.id(), other.id());
        assertThatThrownBy(() -> view.of(fixtures.signIn(mine))).isInstanceOf(AccessDeniedException.class);

        assertThat(signedIn(mine).get("/supervision").statusCode()).isEqualTo(403);
        assertThat(signedIn(supervisor).get("/supervision").body()).contains(mine.fullName()).doesNotContain(theirs.fullName());
        assertThat(signedIn(foreignManager).get("/supervision").body()).doesNotContain(mine.fullName());
        assertThat(signedIn(supervisor).get("/supervision/people/" + theirs.id()).statusCode()).isEqualTo(404);
        assertThat(signedIn(foreignManager).get("/supervision/people/" + mine.id()).statusCode()).isEqualTo(404);
        assertThat(signedIn(manager).get("/supervision/people/" + mine.id()).statusCode()).isEqualTo(200);
        assertThat(signedIn(supervisor).get("/").body()).contains("nav-team");
        assertThat(signedIn(mine).get("/").body()).doesNotContain("nav-team");
    }

    @Test
    void aManagerSeesTheTeamsOfALargeAgencyTwentyAtATime() {
        Agency agency = fixtures.agency();
        List<UUID> supervisors = new ArrayList<>();
        List<UUID> caseworkers = new ArrayList<>();
        for (int i = 0; i < TeamView.TEAMS_PER_PAGE + 3; i++) {
            UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
            caseworkers.add(caseworker.id());
            supervisors.add(fixtures.supervisor(agency, caseworker).id());
        }
        UserAccount manager = fixtures.user(agency, Role.AGENCY_MANAGER);

        TeamView.Overview first = view.of(fixtures.signIn(manager), 0);
        TeamView.Overview second = view.of(fixtures.signIn(manager), 1);
        assertThat(first.teams()).hasSize(TeamView.TEAMS_PER_PAGE);
        assertThat(second.teams()).hasSize(3);
        assertThat(List.of(first.totalTeams(), second.totalTeams())).containsOnly((long) TeamView.TEAMS_PER_PAGE + 3);
        List<UUID> seen = new ArrayList<>();
        for (TeamView.Overview page : List.of(first, second)) {
            for (TeamView.Team team : page.teams()) {
                seen.add(team.supervisorId());
                assertThat(team.members()).hasSize(1);
                assertThat(caseworkers).contains(team.members().get(0).id());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(supervisors);
        assertThat(view.of(fixtures.signIn(manager), 2).teams()).isEmpty();
        assertThat(view.of(fixtures.signIn(manager), -1).page()).isZero();

        String page = signedIn(manager).get("/supervision").body();
        assertThat(page).contains("Page 1 sur 2 (23 résultats)", "/supervision?page=1");
        String next = signedIn(manager).get("/supervision?page=1").body();
        for (TeamView.Team team : second.teams()) {
            assertThat(next).contains("team-" + team.supervisorId());
            assertThat(page).doesNotContain("team-" + team.supervisorId());
        }
    }

    @Test
    void whatTheRhythmSaysIsDueShowsInTheSupervisorsTaskListAndMovesWithTheClockAndTheRecords() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);
        String person = "/supervision/people/" + caseworker.id();

        // A new caseworker: the first individual session within the week; the observation not yet shown.
        List<CaseTasks.Task> now = tasks.of(fixtures.signIn(supervisor));
        assertThat(now).filteredOn(t -> person.equals(t.link())).extracting(CaseTasks.Task::kind)
                .containsExactly("supervision_individual_supervision");
        CaseTasks.Task session = now.stream().filter(t -> person.equals(t.link())).findFirst().orElseThrow();
        assertThat(session.caseId()).isNull();
        assertThat(session.caseworkerName()).isEqualTo(caseworker.fullName());
        assertThat(tasks.bucketOf(session)).isEqualTo(CaseTasks.Bucket.THIS_WEEK);
        assertThat(tasks.of(fixtures.signIn(caseworker))).noneMatch(t -> t.kind().startsWith("supervision_"));

        clock.advance(Duration.ofDays(8));
        List<CaseTasks.Task> later = tasks.of(fixtures.signIn(supervisor));
        CaseTasks.Task late = later.stream().filter(t -> "supervision_individual_supervision".equals(t.kind())
                && person.equals(t.link())).findFirst().orElseThrow();
        assertThat(tasks.bucketOf(late)).isEqualTo(CaseTasks.Bucket.OVERDUE);
        // The team meeting (every 14 days from the supervisor's start) is now within the week.
        assertThat(later).anyMatch(t -> "supervision_team_meeting".equals(t.kind()) && "/supervision".equals(t.link()));

        // A session held "today" (on the moved clock) moves the next one a week on.
        individualSession(supervisor, caseworker, rhythm.today());
        assertThat(tasks.of(fixtures.signIn(supervisor))).filteredOn(t -> person.equals(t.link()))
                .allMatch(t -> tasks.bucketOf(t) != CaseTasks.Bucket.OVERDUE);

        clock.advance(Duration.ofDays(25));
        assertThat(tasks.of(fixtures.signIn(supervisor))).filteredOn(t -> person.equals(t.link()))
                .extracting(CaseTasks.Task::kind).contains("supervision_observation");

        // The supervisor changes the rhythm: an observation every 60 days takes it off the list.
        rhythm.update(fixtures.signIn(supervisor), caseworker.id(), Map.of("observation", "60"));
        assertThat(tasks.of(fixtures.signIn(supervisor))).filteredOn(t -> person.equals(t.link()))
                .extracting(CaseTasks.Task::kind).doesNotContain("supervision_observation");
        TeamView.Member member = member(teamOf(view.of(fixtures.signIn(supervisor)), supervisor), caseworker);
        assertThat(member.rhythm()).filteredOn(d -> d.formId().equals("observation"))
                .extracting(SupervisionRhythm.Due::everyDays, SupervisionRhythm.Due::custom)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(60, true));
        java.util.Map<String, String> blank = new java.util.HashMap<>();
        blank.put("observation", "");
        rhythm.update(fixtures.signIn(supervisor), caseworker.id(), blank);
        assertThat(rhythm.personal(List.of(rhythm.person(caseworker.id()))).get(caseworker.id()))
                .filteredOn(d -> d.formId().equals("observation")).extracting(SupervisionRhythm.Due::everyDays).containsExactly(30);

        assertThatThrownBy(() -> rhythm.update(fixtures.signIn(supervisor), caseworker.id(), Map.of("observation", "0")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> rhythm.update(fixtures.signIn(supervisor), caseworker.id(), Map.of("case_plan", "3")))
                .isInstanceOf(InvalidInputException.class);
        UserAccount stranger = fixtures.supervisor(agency);
        assertThatThrownBy(() -> rhythm.update(fixtures.signIn(stranger), caseworker.id(), Map.of("observation", "3")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> rhythm.update(fixtures.signIn(caseworker), caseworker.id(), Map.of("observation", "3")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void actionPointsAgreedInSupervisionAreInTheOwnersTaskListUntilTheOwnerOrTheAuthorMarksThemDone() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount colleague = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker, colleague);
        String formId = "staff_test_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        FieldDefinition action = ExampleForms.field("action", FieldType.TEXT);
        FieldDefinition due = ExampleForms.field("due_date", FieldType.DATE);
        FieldDefinition agreed = new FieldDefinition(StaffRecords.ACTION_POINTS, FieldType.GROUP, ExampleForms.text("Actions"),
                null, false, null, null, null, null, null, null, null, false, false, List.of(action, due), null, null, null);
        catalogue.save(fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN)), new FormDefinition(formId, 0,
                ExampleForms.text("Séance test"), null, true, List.of(new FormSection("one", ExampleForms.text("Un"), false,
                        List.of(ExampleForms.field("notes", FieldType.TEXTAREA), agreed))), FormDefinition.STAFF), 0);
        LocalDate dueOn = LocalDate.now().plusDays(3);
        CurrentUser author = fixtures.signIn(supervisor);
        records.create(author, new StaffRecords.StaffRecordRequest(formId, caseworker.id(), null, LocalDate.now(), "phone",
                Map.of("notes", "Bonne semaine.", StaffRecords.ACTION_POINTS, List.of(
                        Map.of("action", "Relire la procédure de référencement", "due_date", dueOn.toString()),
                        Map.of("action", "Préparer deux visites de suivi", "due_date", LocalDate.now().minusDays(1).toString())))));

        List<CaseTasks.Task> mine = tasks.of(fixtures.signIn(caseworker)).stream()
                .filter(t -> "supervision_action".equals(t.kind())).toList();
        assertThat(mine).extracting(CaseTasks.Task::caseworkerName)
                .containsExactly("Préparer deux visites de suivi", "Relire la procédure de référencement");
        assertThat(mine).allMatch(t -> t.caseId() == null && t.link().startsWith("/supervision/actions/"));
        assertThat(tasks.bucketOf(mine.get(0))).isEqualTo(CaseTasks.Bucket.OVERDUE);
        assertThat(tasks.bucketOf(mine.get(1))).isEqualTo(CaseTasks.Bucket.THIS_WEEK);
        assertThat(tasks.of(fixtures.signIn(colleague))).noneMatch(t -> "supervision_action".equals(t.kind()));
        String tasksPage = signedIn(caseworker).get("/tasks").body();
        assertThat(tasksPage).contains("Relire la procédure de référencement", "Point d&#39;action convenu en supervision");

        String first = mine.get(0).link();
        UUID firstId = UUID.fromString(first.substring(first.lastIndexOf('/') + 1));
        org.abri.support.WebSession other = signedIn(colleague);
        assertThat(other.get(first).statusCode()).isEqualTo(404);
        other.get("/tasks");
        assertThat(other.post(first + "/done", Map.of()).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> actions.markDone(fixtures.signIn(colleague), firstId)).isInstanceOf(NotFoundException.class);
        assertThat(signedIn(supervisor).get(first).body()).contains("Préparer deux visites de suivi");
        org.abri.support.WebSession owner = signedIn(caseworker);
        owner.get(first);
        assertThat(owner.post(first + "/done", Map.of()).statusCode()).isEqualTo(302);
        assertThat(actions.read(fixtures.signIn(caseworker), firstId).done()).isTrue();
        assertThat(signedIn(caseworker).get(first).body()).contains("action-done").doesNotContain("mark-done");

        String second = mine.get(1).link();
        UUID secondId = UUID.fromString(second.substring(second.lastIndexOf('/') + 1));
        actions.markDone(fixtures.signIn(supervisor), secondId);
        assertThat(tasks.of(fixtures.signIn(caseworker))).noneMatch(t -> "supervision_action".equals(t.kind()));
        assertThat(jdbc.sql("select done_by from supervision_action where id = ?").param(secondId).query(UUID.class).single())
                .isEqualTo(supervisor.id());
    }

}
