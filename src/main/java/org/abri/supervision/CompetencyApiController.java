package org.abri.supervision;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A person's competency assessments over JSON, with the same visibility and audit as the page. */
@RestController
@Tag(name = "Competency assessments", description = "A caseworker's competency assessments against the "
        + "deployment's framework, and the capacity-building plan each one produced.")
class CompetencyApiController {

    private final Competencies competencies;

    CompetencyApiController(Competencies competencies) {
        this.competencies = competencies;
    }

    record CompetencyView(String code, String label) {
    }

    record AssessmentView(UUID recordId, LocalDate heldOn, String assessor, Map<String, Integer> scores,
            List<Competencies.PlanLine> capacityPlan) {
    }

    record HistoryView(UUID userId, String fullName, List<CompetencyView> competencies,
            List<AssessmentView> assessments) {
    }

    @GetMapping(path = "/api/v1/supervision/competencies/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "competencyHistory", summary = "A person's competency assessments, oldest first",
            description = "The competencies of the framework (labels in the caller's language) and each assessment: "
                    + "its date, assessor, score (1–4) per competency code and capacity-building plan. For the person, "
                    + "their supervisors and their agency's manager only (404 for anyone else). Audited.")
    HistoryView history(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, Locale locale) {
        Competencies.History history = competencies.history(me, userId, locale);
        return new HistoryView(history.userId(), history.fullName(),
                history.competencies().stream().map(c -> new CompetencyView(c.code(), c.label())).toList(),
                history.assessments().stream().map(a -> new AssessmentView(a.recordId(), a.heldOn(), a.assessorName(),
                        a.scores(), a.plan())).toList());
    }
}
