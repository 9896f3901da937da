package org.abri.quality;

import static org.abri.quality.QualityLevel.ESSENTIAL_INTERVENTION;
import static org.abri.quality.QualityLevel.GOOD_PRACTICE;
import static org.abri.quality.QualityLevel.IMPROVEMENT_NEEDED;
import static org.abri.quality.QualityLevel.MINIMUM_THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.abri.quality.QualityLevels.Answer;
import org.junit.jupiter.api.Test;

/** The level of a domain on hand-made cases: 2 items per level, met or not. */
class QualityLevelsTest {

    /** Two items at each of the three levels, met as told (in order: IN, IN, MT, MT, GP, GP). */
    static List<Answer> domain(boolean... met) {
        QualityLevel[] levels = {IMPROVEMENT_NEEDED, IMPROVEMENT_NEEDED, MINIMUM_THRESHOLD, MINIMUM_THRESHOLD,
            GOOD_PRACTICE, GOOD_PRACTICE};
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            answers.add(new Answer(levels[i], met[i]));
        }
        return answers;
    }

    @Test
    void allMetIsGoodPractice() {
        assertThat(QualityLevels.reached(domain(true, true, true, true, true, true))).isEqualTo(GOOD_PRACTICE);
    }

    @Test
    void nothingMetIsTheLowestLevel() {
        assertThat(QualityLevels.reached(domain(false, false, false, false, false, false)))
                .isEqualTo(ESSENTIAL_INTERVENTION);
    }

    @Test
    void aGapAtALevelLeavesTheDomainAtTheLevelBelowIt() {
        assertThat(QualityLevels.reached(domain(true, false, true, true, true, true))).isEqualTo(ESSENTIAL_INTERVENTION);
        assertThat(QualityLevels.reached(domain(true, true, false, true, true, true))).isEqualTo(IMPROVEMENT_NEEDED);
        assertThat(QualityLevels.reached(domain(true, true, true, true, true, false))).isEqualTo(MINIMUM_THRESHOLD);
    }

    @Test
    void itemsMetAboveAGapDoNotCount() {
        assertThat(QualityLevels.reached(domain(false, false, true, true, true, true)))
                .isEqualTo(ESSENTIAL_INTERVENTION);
        assertThat(QualityLevels.reached(domain(true, true, false, false, true, true))).isEqualTo(IMPROVEMENT_NEEDED);
    }

    @Test
    void theOrderOfTheAnswersDoesNotMatterAndALevelWithoutItemsIsPassedThrough() {
        List<Answer> answers = new ArrayList<>(domain(true, true, true, true, false, true));
        java.util.Collections.reverse(answers);
        assertThat(QualityLevels.reached(answers)).isEqualTo(MINIMUM_THRESHOLD);
        assertThat(QualityLevels.reached(List.of(new Answer(IMPROVEMENT_NEEDED, true),
                new Answer(GOOD_PRACTICE, true)))).isEqualTo(GOOD_PRACTICE);
        assertThat(QualityLevels.reached(List.of())).isEqualTo(GOOD_PRACTICE);
    }

    @Test
    void theNextLevel() {
        assertThat(QualityLevels.next(ESSENTIAL_INTERVENTION)).isEqualTo(IMPROVEMENT_NEEDED);
        assertThat(QualityLevels.next(MINIMUM_THRESHOLD)).isEqualTo(GOOD_PRACTICE);
        assertThat(QualityLevels.next(GOOD_PRACTICE)).isNull();
    }
}
