package org.abri.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Minimal valid answers to the shipped forms the process needs on file (initial and
 * comprehensive assessment, case plan, closure), for tests that move a case through its steps.
 */
public final class FilledForms {

    private FilledForms() {
    }

    /**
     * A consent and assent form where every consent is given, and the consent to share with
     * other providers is {@code sharing} (given or refused).
     */
    public static Map<String, Object> consent(String sharing) {
        String today = LocalDate.now().toString();
        Map<String, Object> given = Map.of("decision", "given", "method", "verbal", "givenBy", "both", "date", today);
        Map<String, Object> values = new HashMap<>();
        values.put("explanation_date", today);
        values.put("explained_by", "Gestionnaire de cas");
        values.put("language_used", "Sango");
        values.put("confidentiality_limits_explained", "yes");
        values.put("consent_case_management", given);
        values.put("consent_data_collection", given);
        values.put("consent_aggregate_sharing", given);
        values.put("consent_information_sharing",
                Map.of("decision", sharing, "method", "verbal", "givenBy", "both", "date", today));
        values.put("child_assent", "given");
        return values;
    }

    /** The answers to one form; {@code risk} is the risk level the assessments give. */
    public static Map<String, Object> of(String formId, String risk) {
        String today = LocalDate.now().toString();
        Map<String, Object> values = new HashMap<>(switch (formId) {
            case "initial_assessment" -> Map.of("assessment_date", today, "child_seen", "yes",
                    "situation_summary", "Vit chez une tante.", "child_safe_now", "yes", "risk_level", risk,
                    "risk_level_reason", "Situation évaluée.", "urgent_action_needed", "no",
                    "next_step", "comprehensive_assessment");
            case "comprehensive_assessment" -> Map.ofEntries(Map.entry("assessment_start_date", today),
                    Map.entry("assessment_type", "first"), Map.entry("safety_rating", "some_concern"),
                    Map.entry("care_rating", "some_concern"), Map.entry("health_rating", "no_concern"),
                    Map.entry("education_rating", "some_concern"), Map.entry("psychosocial_rating", "some_concern"),
                    Map.entry("economic_rating", "some_concern"), Map.entry("legal_rating", "no_concern"),
                    Map.entry("overall_analysis", "Besoins d'école et de suivi."), Map.entry("priority_needs", "École."),
                    Map.entry("risk_level", risk), Map.entry("risk_level_reason", "Stable."));
            case "case_plan" -> Map.of("plan_date", today, "plan_type", "first", "child_participated", "yes",
                    "family_participated", "yes", "plan_review_date", LocalDate.now().plusMonths(1).toString());
            case "case_closure" -> Map.of("closure_reason", "goals_achieved", "closure_explanation", "Objectifs atteints.",
                    "closure_date", today, "child_participated", "yes", "family_participated", "yes",
                    "contacts_given", "yes", "contacts_which", "Numéro du centre d'écoute.");
            default -> throw new IllegalArgumentException("no answers for " + formId);
        });
        return values;
    }
}
