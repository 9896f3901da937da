package org.abri.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * An agency's self-assessment from start to plan: answers, the profile and its gaps, completion,
 * the plan followed up in the next assessment, sharing with the coordination group; and who may
 * do what, on the service and on the pages.
 */
class QualityAssessmentsTest extends IntegrationTest {

    @Autowired
    QualityAssessments assessments;
    @Autowired
    QualityGrid grid;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private static final LocalDate FROM = LocalDate.now().minusMonths(6);
    private static final LocalDate TO = LocalDate.now().minusDays(1);

    private QualityGrid.Item item(String code) {
        return grid.items().stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }

    /** Every item of a domain's parts at or below a level, met. */
    private List<QualityAssessments.AnswerInput> meetUpTo(int domain, QualityLevel level) {
        return grid.items().stream()
                .filter(i -> i.domainCode().startsWith(String.valueOf(domain)) && i.level().compareTo(level) <= 0)
                .map(i -> new QualityAssessments.AnswerInput(i.id(), true, null)).toList();
    }

    @Test
    void aManagerAssessesTheAgencyPlansTheGapsAndFollowsThemUpNextTime() {
        Agency agency = fixtures.agency();
        CurrentUser manager = fixtures.signIn(fixtures.user(agency, Role.AGENCY_MANAGER));
        QualityAssessments.Scope scope = QualityAssessments.scopeOf(manager).orElseThrow();
        assertThat(scope.agencyId()).isEqualTo(agency.id());

        QualityAssessments.Assessment first = assessments.start(manager, scope, FROM, TO);
        assertThat(first.completed()).isFalse();
        // One assessment in progress at a time.
        assertThatThrownBy(() -> assessments.start(manager, scope, FROM, TO))
                .isInstanceOf(RuleViolationException.class).extracting("code")
                .isEqualTo("quality.assessment_in_progress");

        // Domain 3 to minimum threshold; domain 8 all but one good-practice item; a note kept.
        assessments.answer(manager, first.id(), meetUpTo(3, QualityLevel.MINIMUM_THRESHOLD));
        assessments.answer(manager, first.id(), meetUpTo(8, QualityLevel.GOOD_PRACTICE));
        assessments.answer(manager, first.id(), List.of(
                new QualityAssessments.AnswerInput(item("8-3-2").id(), false, "Pas encore de retour des enfants"),
                new QualityAssessments.AnswerInput(item("1-1-1").id(), true, "Procédures signées en mars")));

        QualityProfile profile = assessments.profile(first.id());
        assertThat(profile.domains()).hasSize(8);
        assertThat(profile.domain(3).level()).isEqualTo(QualityLevel.MINIMUM_THRESHOLD);
        assertThat(profile.domain(3).gaps()).extracting(QualityGrid.Item::code)
                .containsExactly("3-3-1", "3-3-2", "3-3-3");
        assertThat(profile.domain(8).level()).isEqualTo(QualityLevel.MINIMUM_THRESHOLD);
        assertThat(profile.domain(8).gaps()).extracting(QualityGrid.Item::code).containsExactly("8-3-2");
        // Domain 1: one item of the first level met is not enough.
        assertThat(profile.domain(1).level()).isEqualTo(QualityLevel.ESSENTIAL_INTERVENTION);
        assertThat(profile.domain(1).gaps()).hasSize(4).extracting(QualityGrid.Item::code).doesNotContain("1-1-1");
        // Domain 2 is as low as its lowest part; its parts have their own levels.
        assertThat(profile.domain(2).parts()).extracting(QualityProfile.PartResult::code)
                .containsExactly("2a", "2b", "2c", "2d", "2e", "2f");
        assertThat(profile.domain(2).total()).isEqualTo(grid.items().stream()
                .filter(i -> i.domainCode().startsWith("2")).count());
        assertThat(assessments.answers(first.id()).get(item("1-1-1").id()).note()).isEqualTo("Procédures signées en mars");

        // The plan is for a gap; anything else is refused; blanks are named.
        QualityAssessments.Action action = assessments.plan(manager, first.id(), item("8-3-2").id(),
                "Mettre en place une boîte à suggestions", "Responsable qualité", TO.plusMonths(2));
        assertThatThrownBy(() -> assessments.plan(manager, first.id(), item("1-1-1").id(), "x", "y", TO))
                .isInstanceOf(RuleViolationException.class).extracting("code").isEqualTo("quality.action_not_a_gap");
        assertThatThrownBy(() -> assessments.plan(manager, first.id(), item("3-3-1").id(), " ", "", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InvalidInputException.FieldProblem::field)
                        .containsExactlyInAnyOrder("action", "owner", "dueOn"));

        QualityAssessments.Assessment done = assessments.complete(manager, first.id(), first.version(), true);
        assertThat(done.completed()).isTrue();
        assertThat(done.shared()).isTrue();
        // Completed answers no longer change; the plan still does until the next assessment.
        assertThatThrownBy(() -> assessments.answer(manager, first.id(), meetUpTo(1, QualityLevel.GOOD_PRACTICE)))
                .isInstanceOf(RuleViolationException.class).extracting("code").isEqualTo("quality.assessment_completed");
        assessments.plan(manager, first.id(), item("3-3-1").id(), "Former les partenaires", "Coordinatrice", TO.plusMonths(3));
        assertThat(assessments.plan(first.id())).hasSize(2);

        // The next assessment follows the plan up; the first plan is then closed.
        QualityAssessments.Assessment second = assessments.start(manager, scope, TO, TO);
        assertThat(assessments.previous(second)).map(QualityAssessments.Assessment::id).contains(first.id());
        assessments.followUp(manager, second.id(), action.id(), "done", "Boîte installée dans les trois sites");
        assertThatThrownBy(() -> assessments.followUp(manager, second.id(), action.id(), "finished", null))
                .isInstanceOf(InvalidInputException.class);
        assertThat(assessments.plan(first.id())).filteredOn(a -> a.id().equals(action.id())).singleElement()
                .satisfies(a -> {
                    assertThat(a.outcome()).isEqualTo("done");
                    assertThat(a.followedUpIn()).isEqualTo(second.id());
                });
        assertThatThrownBy(() -> assessments.plan(manager, first.id(), item("3-3-2").id(), "a", "b", TO))
                .isInstanceOf(RuleViolationException.class).extracting("code").isEqualTo("quality.plan_closed");

        // Every change audited against the assessment.
        assertThat(jdbc.sql("select count(*) from audit_entry where record_type = 'quality_assessment' and record_id = ?")
                .param(first.id()).query(Long.class).single()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void onlyTheAgencysManagerRunsItsAssessmentsAndOthersDoNotSeeThem() {
        Agency agency = fixtures.agency();
        CurrentUser manager = fixtures.signIn(fixtures.user(agency, Role.AGENCY_MANAGER));
        QualityAssessments.Assessment started = assessments.start(manager,
                new QualityAssessments.Scope(agency.id()), FROM, TO);

        CurrentUser otherManager = fixtures.signIn(fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER));
        CurrentUser supervisor = fixtures.signIn(fixtures.user(agency, Role.SUPERVISOR));
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        CurrentUser admin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        for (CurrentUser outsider : List.of(otherManager, supervisor, coordinator, admin)) {
            assertThatThrownBy(() -> assessments.read(outsider, started.id())).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> assessments.start(supervisor, new QualityAssessments.Scope(agency.id()), FROM, TO))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> assessments.start(otherManager, new QualityAssessments.Scope(agency.id()), FROM, TO))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(QualityAssessments.scopeOf(supervisor)).isEmpty();

        // A period ending in the future or reversed is refused with the field named.
        Agency fresh = fixtures.agency();
        CurrentUser freshManager = fixtures.signIn(fixtures.user(fresh, Role.AGENCY_MANAGER));
        assertThatThrownBy(() -> assessments.start(freshManager, new QualityAssessments.Scope(fresh.id()), TO, FROM))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InvalidInputException.FieldProblem::code).contains("quality.period_reversed"));
        assertThatThrownBy(() -> assessments.start(freshManager, new QualityAssessments.Scope(fresh.id()), FROM,
                LocalDate.now().plusYears(1))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void documentsAreCheckedKeptAndReadByTheManagerOnly() {
        Agency agency = fixtures.agency();
        CurrentUser manager = fixtures.signIn(fixtures.user(agency, Role.AGENCY_MANAGER));
        QualityAssessments.Assessment started = assessments.start(manager,
                new QualityAssessments.Scope(agency.id()), FROM, TO);
        UUID itemId = item("7-2-1").id();
        QualityAssessments.Document kept = assessments.attach(manager, started.id(), itemId, "C:\\docs\\POS signées.pdf",
                "%PDF-1.4 test".getBytes());
        assertThat(kept.fileName()).isEqualTo("POS signées.pdf");
        assertThat(kept.contentType()).isEqualTo("application/pdf");
        assertThat(new String(assessments.document(manager, started.id(), kept.id()).getValue())).isEqualTo("%PDF-1.4 test");

        assertThatThrownBy(() -> assessments.attach(manager, started.id(), itemId, "script.exe", new byte[] {1}))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InvalidInputException.FieldProblem::code).containsExactly("quality.document_type"));
        assertThatThrownBy(() -> assessments.attach(manager, started.id(), itemId, "vide.pdf", new byte[0]))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> assessments.attach(manager, started.id(), itemId, "gros.pdf",
                new byte[QualityAssessments.MAX_DOCUMENT_BYTES + 1])).isInstanceOf(InvalidInputException.class);

        CurrentUser otherManager = fixtures.signIn(fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER));
        assertThatThrownBy(() -> assessments.document(otherManager, started.id(), kept.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theCoordinationGroupSeesSharedProfilesAndRunsTheInteragencyAssessment() {
        Agency sharing = fixtures.agency();
        Agency keeping = fixtures.agency();
        for (Agency agency : List.of(sharing, keeping)) {
            CurrentUser manager = fixtures.signIn(fixtures.user(agency, Role.AGENCY_MANAGER));
            QualityAssessments.Assessment a = assessments.start(manager, new QualityAssessments.Scope(agency.id()),
                    FROM, TO);
            assessments.answer(manager, a.id(), meetUpTo(4, QualityLevel.IMPROVEMENT_NEEDED));
            assessments.complete(manager, a.id(), a.version(), agency == sharing);
        }
        CurrentUser viewer = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATION_VIEWER));
        List<QualityAssessments.Assessment> shared = assessments.latestShared(viewer);
        assertThat(shared).extracting(QualityAssessments.Assessment::agencyId).contains(sharing.id())
                .doesNotContain(keeping.id());
        assertThat(assessments.profile(shared.stream().filter(a -> a.agencyId().equals(sharing.id())).findFirst()
                .orElseThrow().id()).domain(4).level()).isEqualTo(QualityLevel.IMPROVEMENT_NEEDED);
        CurrentUser caseworker = fixtures.signIn(fixtures.user(sharing, Role.CASEWORKER));
        assertThatThrownBy(() -> assessments.latestShared(caseworker)).isInstanceOf(AccessDeniedException.class);

        // The interagency assessment: run by a coordinator, read by viewers, not by agency managers.
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        QualityAssessments.Scope interagency = QualityAssessments.scopeOf(coordinator).orElseThrow();
        assertThat(interagency.interagency()).isTrue();
        QualityAssessments.Assessment group = assessments.start(coordinator, interagency, FROM, TO);
        try {
            assertThat(assessments.read(viewer, group.id()).interagency()).isTrue();
            assertThatThrownBy(() -> assessments.answer(viewer, group.id(), meetUpTo(1, QualityLevel.GOOD_PRACTICE)))
                    .isInstanceOf(AccessDeniedException.class);
            CurrentUser manager = fixtures.signIn(fixtures.user(sharing, Role.AGENCY_MANAGER));
            assertThatThrownBy(() -> assessments.read(manager, group.id())).isInstanceOf(NotFoundException.class);
            assessments.answer(coordinator, group.id(), meetUpTo(4, QualityLevel.MINIMUM_THRESHOLD));
        } finally {
            assessments.complete(coordinator, group.id(), assessments.read(coordinator, group.id()).version(), true);
        }
        // An interagency assessment is never "shared": it is the group's own.
        assertThat(assessments.read(viewer, group.id()).shared()).isFalse();
        assertThat(assessments.profile(group.id()).domain(4).level()).isEqualTo(QualityLevel.MINIMUM_THRESHOLD);
    }

    @Test
    void thePagesWalkThroughAnAssessmentAndKeepWhatWasTypedOnError() {
        Agency agency = fixtures.agency();
        UserAccount managerAccount = fixtures.user(agency, Role.AGENCY_MANAGER);
        WebSession web = signedIn(managerAccount);
        assertThat(web.get("/quality").body()).contains("id=\"start-form\"");

        HttpResponse<String> refused = web.post("/quality/assessments", Map.of("from", TO.toString(), "to",
                FROM.toString()));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("La fin de la période doit suivre son début.")
                .contains("value=\"" + TO + "\"");
        HttpResponse<String> started = web.post("/quality/assessments", Map.of("from", FROM.toString(), "to",
                TO.toString()));
        assertThat(started.statusCode()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        String page = web.get("/quality/assessments/" + id).body();
        assertThat(page).contains("id=\"profile-chart\"").contains("id=\"profile-table\"").contains("id=\"gaps\"");

        String domain = web.get("/quality/assessments/" + id + "/domains/8").body();
        assertThat(domain).contains("id=\"met-8-1-1\"");
        Map<String, String> form = new java.util.HashMap<>();
        grid.items().stream().filter(i -> i.domainCode().equals("8") && i.level() == QualityLevel.IMPROVEMENT_NEEDED)
                .forEach(i -> form.put("met-" + i.id(), "true"));
        String tooLong = "x".repeat(QualityAssessments.MAX_NOTE + 1);
        form.put("note-" + item("8-2-1").id(), tooLong);
        HttpResponse<String> invalid = web.post("/quality/assessments/" + id + "/domains/8", form);
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("id=\"form-problems\"").contains(tooLong);
        form.put("note-" + item("8-2-1").id(), "Rapport trimestriel");
        assertThat(web.post("/quality/assessments/" + id + "/domains/8", form).statusCode()).isEqualTo(302);
        assertThat(assessments.profile(id).domain(8).level()).isEqualTo(QualityLevel.IMPROVEMENT_NEEDED);

        // A plan action with a blank owner is refused and the typed action stays.
        UUID gap = assessments.profile(id).domain(8).gaps().get(0).id();
        HttpResponse<String> noOwner = web.post("/quality/assessments/" + id + "/actions",
                Map.of("item", gap.toString(), "action", "Réviser les indicateurs", "owner", "", "dueOn",
                        TO.plusMonths(1).toString()));
        assertThat(noOwner.statusCode()).isEqualTo(200);
        assertThat(noOwner.body()).contains("Réviser les indicateurs").contains("Ce champ est obligatoire.");

        // Another agency's manager does not find it; a caseworker has no quality pages.
        WebSession other = signedIn(fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER));
        assertThat(other.get("/quality/assessments/" + id).statusCode()).isEqualTo(404);
        assertThat(other.get("/quality/assessments/" + id + "/domains/8").statusCode()).isEqualTo(404);
        WebSession caseworker = signedIn(fixtures.user(agency, Role.CASEWORKER));
        assertThat(caseworker.get("/quality").statusCode()).isEqualTo(403);
        assertThat(caseworker.get("/quality/assessments/" + id).statusCode()).isEqualTo(404);
        assertThat(caseworker.get("/quality/interagency").statusCode()).isEqualTo(403);
        assertThat(web.get("/quality/progress").statusCode()).isEqualTo(200);
        assertThat(web.get("/quality/assessments/" + id + "/domains/9").statusCode()).isEqualTo(404);
    }
}
