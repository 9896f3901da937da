package org.abri.bench.generate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.abri.bench.generate.Cases.FormRec;
import org.abri.bench.generate.Cases.Plan;

/**
 * Small but valid values of the shipped forms (src/main/resources/forms): the required fields of
 * each, as the forms engine stores them (field id to value; yes/no as "yes"/"no", dates ISO,
 * choices as codes, lists as arrays, repeated groups as arrays of objects). The risk level a form
 * records is the case's, so the application sees no unexplained risk change.
 */
final class FormData {

    private FormData() {
    }

    static String render(Rng rng, FormRec f, Plan p) {
        Json j = new Json();
        String day = CopyRows.day(f.at()).toString();
        switch (f.kind()) {
            case Cases.F_INITIAL -> {
                boolean urgent = p.risk.equals("high") && rng.chance(0.3);
                j.put("assessment_date", day).list("people_met", rng.chance(0.6) ? new String[] {"child", "caregiver"}
                        : new String[] {"child"}).put("child_seen", "yes").list("protection_concerns", p.concerns.toArray(String[]::new))
                        .put("situation_summary", pick(rng, SUMMARIES)).put("child_safe_now", p.risk.equals("high") ? "no" : "yes")
                        .put("safety_details", pick(rng, SAFETY)).put("risk_level", p.risk)
                        .put("risk_level_reason", pick(rng, RISK_REASONS)).put("urgent_action_needed", urgent ? "yes" : "no")
                        .put("urgent_action_details", urgent ? "Mise à l'abri chez une tante, supervision informée" : "Aucune")
                        .put("next_step", p.step == Cases.CLOSED && p.transitions.size() == 1 ? "not_eligible"
                                : "comprehensive_assessment");
            }
            case Cases.F_COMPREHENSIVE -> {
                j.put("assessment_start_date", day).put("assessment_type", "first")
                        .list("information_sources", new String[] {"child", "caregiver", "home_visit"});
                for (String area : new String[] {"safety", "care", "health", "education", "psychosocial", "economic", "legal"}) {
                    j.put(area + "_rating", RATINGS[rng.weighted(25, 45, 20, 10)]);
                }
                j.put("overall_analysis", pick(rng, SUMMARIES)).put("priority_needs", pick(rng, NEEDS))
                        .put("risk_level", p.risk).put("risk_level_reason", pick(rng, RISK_REASONS));
            }
            case Cases.F_PLAN -> {
                String target = CopyRows.day(f.at() + 60 * Cases.DAY).toString();
                j.put("plan_date", day).put("plan_type", "first").raw("goals", "[{\"goal_number\":1,\"goal\":"
                        + Json.quote(pick(rng, GOALS)) + ",\"goal_area\":\"" + AREAS[rng.nextInt(AREAS.length)]
                        + "\",\"goal_term\":\"medium\",\"target_date\":\"" + target + "\"}]")
                        .raw("actions", "[{\"action\":" + Json.quote(pick(rng, ACTIONS)) + ",\"action_responsible\":"
                                + Json.quote(p.caseworker.fullName) + ",\"action_due_date\":\"" + target
                                + "\",\"action_status\":\"planned\"}]")
                        .put("child_participated", "yes").put("family_participated", rng.chance(0.85) ? "yes" : "no")
                        .put("follow_up_frequency", p.risk.equals("high") ? "weekly" : p.risk.equals("medium")
                                ? "every_two_weeks" : "monthly")
                        .put("plan_review_date", CopyRows.day(f.at() + 90 * Cases.DAY).toString());
            }
            case Cases.F_FOLLOW_UP -> {
                j.put("visit_date", LocalDateTime.ofInstant(Instant.ofEpochSecond(f.at()), ZoneOffset.UTC).withSecond(0).toString())
                        .put("contact_type", new String[] {"home_visit", "phone", "office", "community"}[rng.weighted(55, 20, 15, 10)])
                        .list("people_met", new String[] {"child", "caregiver"})
                        .raw("goal_progress", "[{\"goal\":" + Json.quote(pick(rng, GOALS)) + ",\"progress_status\":\""
                                + new String[] {"in_progress", "achieved", "blocked"}[rng.weighted(60, 30, 10)] + "\"}]")
                        .put("new_concerns", "no").put("new_concerns_detail", "Aucune").put("risk_level", p.risk);
            }
            case Cases.F_CLOSURE -> {
                j.put("closure_reason", new String[] {"goals_achieved", "child_reached_majority", "relocated", "refused_services"}
                        [rng.weighted(75, 10, 10, 5)]).list("closure_criteria", new String[] {"goals_achieved", "child_safe",
                            "care_stable"}).put("closure_explanation", "Objectifs du plan atteints, situation stable")
                        .put("closure_date", day).put("child_participated", "yes").put("family_participated", "yes")
                        .put("contacts_given", "yes").put("contacts_which", "Numéro vert, comité de protection du quartier");
            }
            default -> throw new IllegalArgumentException(f.formId());
        }
        return j.end();
    }

    /** The consent form with the consent to share information (needed for referrals made on consent). */
    static String consent(Rng rng, Plan p) {
        String day = CopyRows.day(p.registeredAt).toString();
        String method = rng.chance(0.6) ? "written" : "verbal";
        String by = p.age < 12 ? "caregiver" : "both";
        String consent = "{\"decision\":\"given\",\"method\":\"" + method + "\",\"givenBy\":\"" + by + "\",\"date\":\"" + day + "\"}";
        return new Json().put("explanation_date", day).put("explained_by", p.caseworker.fullName)
                .put("language_used", p.nationality != null && p.nationality.equals("tcd") ? "Arabe tchadien" : "Sango")
                .put("confidentiality_limits_explained", "yes").raw("consent_case_management", consent)
                .raw("consent_data_collection", consent).raw("consent_aggregate_sharing", consent)
                .raw("consent_information_sharing", consent).put("child_assent", "given").end();
    }

    private static final String[] RATINGS = {"no_concern", "some_concern", "serious_concern", "not_assessed"};
    private static final String[] AREAS = {"safety", "care", "health", "education", "psychosocial", "economic", "legal"};
    private static final String[] SUMMARIES = {
        "Enfant rencontré au domicile avec sa tante ; a quitté le foyer familial après des violences répétées.",
        "Enfant séparé lors du déplacement ; vit chez un voisin depuis trois semaines.",
        "Enfant travaillant au marché de six heures à dix-huit heures, ne va plus à l'école.",
        "Signalé par le comité de protection du quartier ; la famille accepte le suivi.",
        "Enfant sorti d'un groupe armé, accueilli par sa grand-mère, cauchemars fréquents.",
        "Mariage prévu par la famille ; l'enfant a demandé de l'aide à son enseignante."};
    private static final String[] SAFETY = {"Pas de danger immédiat identifié.", "Menaces du voisinage, mise à l'abri discutée.",
        "L'auteur présumé vit dans la même concession.", "Vit seul la nuit sur le site de déplacés."};
    private static final String[] RISK_REASONS = {"Violence répétée et absence de protection à la maison.",
        "Besoins couverts en partie, personne de confiance présente.", "Situation stable, besoins ponctuels.",
        "Exposition au recrutement et absence d'adulte responsable."};
    private static final String[] NEEDS = {"Soins médicaux et soutien psychosocial", "Réinscription scolaire",
        "Recherche familiale et prise en charge transitoire", "Documentation d'état civil"};
    private static final String[] GOALS = {"L'enfant vit dans un environnement sûr", "L'enfant retourne à l'école",
        "L'enfant retrouve sa famille", "L'enfant reçoit des soins adaptés", "L'enfant obtient un acte de naissance"};
    private static final String[] ACTIONS = {"Référer vers le centre de santé", "Visite à domicile avec le comité",
        "Inscription à l'école du quartier", "Recherche familiale par la Croix-Rouge", "Accompagnement au tribunal"};

    private static String pick(Rng rng, String[] items) {
        return items[rng.nextInt(items.length)];
    }

    /** A minimal JSON object writer (the values are our own short texts). */
    static final class Json {
        private final StringBuilder b = new StringBuilder(512).append('{');

        Json put(String key, String value) {
            return raw(key, quote(value));
        }

        Json list(String key, String[] values) {
            StringBuilder v = new StringBuilder("[");
            for (int i = 0; i < values.length; i++) {
                v.append(i == 0 ? "" : ",").append(quote(values[i]));
            }
            return raw(key, v.append(']').toString());
        }

        Json raw(String key, String json) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(key).append("\":").append(json);
            return this;
        }

        String end() {
            return b.append('}').toString();
        }

        static String quote(String value) {
            StringBuilder q = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> q.append("\\\"");
                    case '\\' -> q.append("\\\\");
                    case '\n' -> q.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            q.append(String.format("\\u%04x", (int) c));
                        } else {
                            q.append(c);
                        }
                    }
                }
            }
            return q.append('"').toString();
        }
    }
}
