package org.abri.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.abri.quality.QualityAssessments;
import org.abri.quality.QualityGrid;
import org.abri.quality.QualityLevel;
import org.abri.quality.QualityProfile;
import org.springframework.stereotype.Component;

/**
 * Quality self-assessments of three demo agencies, completed over the last six months: two share
 * their profile with the coordination group (the interagency view has something to show), each
 * with an improvement plan for the first gaps of two domains.
 */
@Component
class DemoQuality {

    /** An agency's manager, whether the profile is shared, and the level each domain 1–8 reaches. */
    private record Planned(String manager, boolean shared, List<QualityLevel> levels) {
    }

    private static final QualityLevel EI = QualityLevel.ESSENTIAL_INTERVENTION;
    private static final QualityLevel IN = QualityLevel.IMPROVEMENT_NEEDED;
    private static final QualityLevel MT = QualityLevel.MINIMUM_THRESHOLD;
    private static final QualityLevel GP = QualityLevel.GOOD_PRACTICE;

    private static final List<Planned> PLANNED = List.of(
            new Planned("intlaide.manager", true, List.of(MT, IN, MT, GP, IN, MT, MT, IN)),
            new Planned("espoir.manager", true, List.of(IN, IN, EI, MT, EI, IN, IN, EI)),
            new Planned("onuenf.manager", false, List.of(MT, MT, IN, MT, MT, GP, MT, MT)));

    private final QualityAssessments assessments;
    private final QualityGrid grid;
    private final DemoUsers users;

    DemoQuality(QualityAssessments assessments, QualityGrid grid, DemoUsers users) {
        this.assessments = assessments;
        this.grid = grid;
        this.users = users;
    }

    /** Loads the assessments; returns how many. */
    int load(LocalDate today) {
        Map<String, List<QualityGrid.Item>> items = grid.itemsByDomain();
        for (Planned planned : PLANNED) {
            users.as(planned.manager(), me -> {
                QualityAssessments.Assessment started = assessments.start(me,
                        QualityAssessments.scopeOf(me).orElseThrow(), today.minusMonths(6), today.minusDays(1));
                List<QualityAssessments.AnswerInput> answers = items.values().stream().flatMap(List::stream)
                        .map(item -> new QualityAssessments.AnswerInput(item.id(), item.level().compareTo(
                                planned.levels().get(Integer.parseInt(item.domainCode().substring(0, 1)) - 1)) <= 0,
                                null))
                        .toList();
                assessments.answer(me, started.id(), answers);
                QualityProfile profile = assessments.profile(started.id());
                profile.domains().stream().filter(d -> !d.gaps().isEmpty()).limit(2).forEach(domain ->
                        assessments.plan(me, started.id(), domain.gaps().get(0).id(),
                                "Atelier de l'équipe sur : " + domain.title().fr().toLowerCase(),
                                "Coordinateur·rice de programme", today.plusMonths(3)));
                return assessments.complete(me, started.id(), started.version(), planned.shared());
            });
        }
        return PLANNED.size();
    }
}
