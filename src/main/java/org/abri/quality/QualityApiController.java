package org.abri.quality;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.audit.AuditAction;
import org.abri.identity.CurrentUser;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quality self-assessment over JSON, under the rules of the pages: an agency's assessments
 * are its manager's; the interagency ones a coordinator's (read by coordination viewers); the
 * coordination group sees the profiles agencies share. Items are named by their stable codes.
 */
@RestController
@Tag(name = "Quality", description = "Self-assessment on the improvement grid, its evidence and improvement plan.")
class QualityApiController {

    private final QualityAssessments assessments;
    private final QualityGrid grid;

    QualityApiController(QualityAssessments assessments, QualityGrid grid) {
        this.assessments = assessments;
        this.grid = grid;
    }

    record GridItemView(String code, String domain, String level, int position, String fr, String en, String ar) {
    }

    record GridDomainView(String code, int number, String letter, String fr, String en, String ar) {
    }

    record GridView(List<GridDomainView> domains, List<GridItemView> items) {
    }

    record AssessmentSummary(UUID id, UUID agencyId, String agencyName, LocalDate from, LocalDate to, String status,
            boolean shared, Instant startedAt, String startedBy, Instant completedAt, String completedBy,
            int version) {

        static AssessmentSummary of(QualityAssessments.Assessment a) {
            return new AssessmentSummary(a.id(), a.agencyId(), a.agencyName(), a.from(), a.to(), a.status(),
                    a.shared(), a.startedAt(), a.startedByName(), a.completedAt(), a.completedByName(), a.version());
        }
    }

    record DomainLevel(int number, String level, List<PartLevel> parts, int met, int total, List<String> gaps) {
    }

    record PartLevel(String code, String level) {
    }

    record ItemAnswer(String code, boolean met, String note, List<String> documents, List<Measure> measures) {
    }

    record ActionView(UUID id, String item, String action, String owner, LocalDate dueOn, String outcome,
            String outcomeNote, UUID followedUpIn) {

        static ActionView of(QualityAssessments.Action x) {
            return new ActionView(x.id(), x.itemCode(), x.action(), x.owner(), x.dueOn(), x.outcome(),
                    x.outcomeNote(), x.followedUpIn());
        }
    }

    record AssessmentView(AssessmentSummary assessment, List<DomainLevel> profile, List<ItemAnswer> items,
            List<ActionView> plan, UUID previousAssessmentId, List<ActionView> previousPlan) {
    }

    record NewAssessment(LocalDate from, LocalDate to) {
    }

    record AnswerInput(String item, Boolean met, String note) {
    }

    record Completion(Integer version, Boolean shared) {
    }

    record NewAction(String item, String action, String owner, LocalDate dueOn) {
    }

    record FollowUp(String outcome, String note) {
    }

    record SharedProfile(AssessmentSummary assessment, List<DomainLevel> profile) {
    }

    @GetMapping(path = "/api/v1/quality/grid", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getQualityGrid", summary = "The improvement grid of this deployment",
            description = "Domains and parts, and every item with its stable code (part-level-position), level and "
                    + "wording in French, English and Arabic. For agency managers and the coordination group.")
    GridView grid(@AuthenticationPrincipal CurrentUser me) {
        if (QualityAssessments.scopeOf(me).isEmpty() && !QualityGrid.maySetWording(me)) {
            throw new AccessDeniedException("agency managers and the coordination group");
        }
        return new GridView(
                grid.domains().stream().map(d -> new GridDomainView(d.code(), d.number(), d.letter(), d.title().fr(),
                        d.title().en(), d.title().ar())).toList(),
                grid.items().stream().map(i -> new GridItemView(i.code(), i.domainCode(), i.level().name(),
                        i.position(), i.text().fr(), i.text().en(), i.text().ar())).toList());
    }

    @GetMapping(path = "/api/v1/quality/assessments", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listQualityAssessments", summary = "List your agency's self-assessments",
            description = "Newest first: an agency manager's agency; the interagency ones for the coordination group.")
    List<AssessmentSummary> list(@AuthenticationPrincipal CurrentUser me) {
        return assessments.list(me, scope(me)).stream().map(AssessmentSummary::of).toList();
    }

    @PostMapping(path = "/api/v1/quality/assessments", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "startQualityAssessment", summary = "Start a self-assessment",
            description = "For the period `from`–`to` (not after today). An agency manager assesses their agency; a "
                    + "coordinator the interagency level. One assessment in progress at a time (422 "
                    + "`quality.assessment_in_progress`). Audited.")
    ResponseEntity<AssessmentView> start(@AuthenticationPrincipal CurrentUser me, @RequestBody NewAssessment input) {
        QualityAssessments.Scope scope = scope(me);
        QualityAssessments.Assessment started = assessments.start(me, scope, input.from(), input.to());
        return ResponseEntity.created(URI.create("/api/v1/quality/assessments/" + started.id()))
                .body(view(me, started));
    }

    @GetMapping(path = "/api/v1/quality/assessments/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getQualityAssessment", summary = "Read a self-assessment",
            description = "Its profile (level per domain and part, unmet items of the next level), every item with "
                    + "its answer, evidence note, documents and the figures Abri measured for the period (frozen "
                    + "at completion), the improvement plan and the previous plan to follow up. Audited.")
    AssessmentView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        QualityAssessments.Assessment found = assessments.read(me, id);
        assessments.readBy(found, AuditAction.READ, "api");
        return view(me, found);
    }

    @PutMapping(path = "/api/v1/quality/assessments/{id}/answers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "answerQualityItems", summary = "Answer items of a self-assessment in progress",
            description = "A list of `{item, met, note}` by item code; items not listed keep their answer. "
                    + "Documents are attached on the assessment's pages. Audited.")
    AssessmentView answer(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestBody List<AnswerInput> input) {
        assessments.read(me, id);
        Map<String, QualityGrid.Item> byCode = grid.items().stream()
                .collect(Collectors.toMap(QualityGrid.Item::code, Function.identity()));
        List<QualityAssessments.AnswerInput> answers = new ArrayList<>();
        FieldChecks checks = new FieldChecks();
        for (int i = 0; i < (input == null ? 0 : input.size()); i++) {
            AnswerInput answer = input.get(i);
            QualityGrid.Item item = answer == null || answer.item() == null ? null : byCode.get(answer.item());
            if (item == null) {
                checks.add("[" + i + "].item", "validation.invalid_choice");
                continue;
            }
            answers.add(new QualityAssessments.AnswerInput(item.id(), Boolean.TRUE.equals(answer.met()),
                    answer.note()));
        }
        checks.throwIfAny();
        assessments.answer(me, id, answers);
        return view(me, assessments.read(me, id));
    }

    @PostMapping(path = "/api/v1/quality/assessments/{id}/complete", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "completeQualityAssessment", summary = "Complete a self-assessment",
            description = "Answers and measured figures are frozen. `version` as read (409 if it changed); "
                    + "`shared` lets the coordination group see the agency's profile. Audited.")
    AssessmentView complete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestBody Completion input) {
        new FieldChecks().required("version", input.version()).throwIfAny();
        return view(me, assessments.complete(me, id, input.version(), Boolean.TRUE.equals(input.shared())));
    }

    @PostMapping(path = "/api/v1/quality/assessments/{id}/actions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "planQualityAction", summary = "Add an action to the improvement plan",
            description = "For an unmet item of a domain's next level (422 `quality.action_not_a_gap` otherwise), "
                    + "with an owner and a due date; until the next assessment starts. Audited.")
    ResponseEntity<ActionView> plan(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestBody NewAction input) {
        assessments.read(me, id);
        UUID itemId = grid.items().stream().filter(i -> i.code().equals(input.item())).findFirst()
                .map(QualityGrid.Item::id).orElse(null);
        if (itemId == null) {
            new FieldChecks().add("item", "validation.invalid_choice").throwIfAny();
        }
        QualityAssessments.Action added = assessments.plan(me, id, itemId, input.action(), input.owner(),
                input.dueOn());
        return ResponseEntity.created(URI.create("/api/v1/quality/assessments/" + id)).body(ActionView.of(added));
    }

    @PostMapping(path = "/api/v1/quality/assessments/{id}/follow-ups/{actionId}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "followUpQualityAction", summary = "Follow up an action of the previous plan",
            description = "In an assessment in progress: `outcome` done, in_progress or not_done, and a note. "
                    + "Audited.")
    ActionView followUp(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID actionId,
            @RequestBody FollowUp input) {
        assessments.followUp(me, id, actionId, input.outcome(), input.note());
        QualityAssessments.Assessment found = assessments.read(me, id);
        return assessments.previous(found).stream().flatMap(p -> assessments.plan(p.id()).stream())
                .filter(x -> x.id().equals(actionId)).findFirst().map(ActionView::of)
                .orElseThrow(() -> new NotFoundException("quality.action_not_found"));
    }

    @GetMapping(path = "/api/v1/quality/interagency", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listSharedQualityProfiles", summary = "Profiles shared with the coordination group",
            description = "Each agency's latest completed profile it chose to share (levels only), by agency "
                    + "name. For coordinators and coordination viewers.")
    List<SharedProfile> interagency(@AuthenticationPrincipal CurrentUser me) {
        return assessments.latestShared(me).stream()
                .map(a -> new SharedProfile(AssessmentSummary.of(a), levels(assessments.profile(a.id())))).toList();
    }

    private static QualityAssessments.Scope scope(CurrentUser me) {
        return QualityAssessments.scopeOf(me).orElseThrow(() -> new AccessDeniedException("no assessments"));
    }

    private static List<DomainLevel> levels(QualityProfile profile) {
        return profile.domains().stream().map(d -> new DomainLevel(d.number(), d.level().name(),
                d.parts().stream().map(p -> new PartLevel(p.code(), p.level().name())).toList(), d.met(), d.total(),
                d.gaps().stream().map(QualityGrid.Item::code).toList())).toList();
    }

    private AssessmentView view(CurrentUser me, QualityAssessments.Assessment found) {
        List<ItemAnswer> items = new ArrayList<>();
        assessments.itemViews(me, found).values().forEach(list -> list.forEach(v -> items.add(new ItemAnswer(
                v.item().code(), v.met(), v.note(),
                v.documents().stream().map(QualityAssessments.Document::fileName).toList(), v.measures()))));
        Optional<QualityAssessments.Assessment> previous = found.completed() ? Optional.empty()
                : assessments.previous(found);
        return new AssessmentView(AssessmentSummary.of(found), levels(assessments.profile(found.id())), items,
                assessments.plan(found.id()).stream().map(ActionView::of).toList(),
                previous.map(QualityAssessments.Assessment::id).orElse(null),
                previous.map(p -> assessments.plan(p.id()).stream().map(ActionView::of).toList()).orElse(List.of()));
    }
}
