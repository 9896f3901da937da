package org.abri.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseStep;
import org.abri.cases.CaseWorkflow;
import org.abri.identity.UserAccount;

/** Cases taken through the process through the services, for the tests of the case file checklist. */
public final class CaseFileJourneys {

    private CaseFileJourneys() {
    }

    /** A medium-risk case taken to implementation on time, its consents and assent on file, its plan approved. */
    public static UUID caseInImplementation(Fixtures fixtures, CaseRegistry registry, CaseRecords records,
            CaseWorkflow workflow, UserAccount caseworker, UserAccount supervisor) {
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Achta", "Mahamat")).id();
        records.create(fixtures.signIn(caseworker), caseId, "consent_assent", FilledForms.consent("given"));
        workflow.decideEligibility(fixtures.signIn(caseworker), caseId, true, null);
        records.create(fixtures.signIn(caseworker), caseId, "initial_assessment",
                FilledForms.of("initial_assessment", "medium"));
        records.create(fixtures.signIn(caseworker), caseId, "comprehensive_assessment",
                FilledForms.of("comprehensive_assessment", "medium"));
        workflow.completeAssessment(fixtures.signIn(caseworker), caseId);
        records.create(fixtures.signIn(caseworker), caseId, "case_plan", FilledForms.of("case_plan", "medium"));
        UUID plan = workflow.submitPlan(fixtures.signIn(caseworker), caseId).approvals().get(0).id();
        assertThat(workflow.decide(fixtures.signIn(supervisor), plan, true, null).step())
                .isEqualTo(CaseStep.IMPLEMENTATION);
        return caseId;
    }

    /** A follow-up visit's answers: a home visit today, nothing new, medium risk. */
    public static Map<String, Object> followUp() {
        return Map.of("visit_date", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString(),
                "contact_type", "home_visit", "new_concerns", "no", "risk_level", "medium");
    }

    /** A periodic case review's answers: nothing changed, the plan continues. */
    public static Map<String, Object> review() {
        return Map.of("review_date", LocalDate.now().toString(), "review_type", "periodic", "situation_changed", "no",
                "risk_level", "medium", "decision", "continue", "decision_reason", "Le plan convient.",
                "next_review_date", LocalDate.now().plusMonths(1).toString());
    }
}
