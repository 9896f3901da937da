package org.abri.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/** A measured figure in the exports: the bundles' sentence, or the key and the figures when there is none. */
class QualityMeasureTextTest {

    private final StaticMessageSource messages = new StaticMessageSource();

    @Test
    void aFigureIsWordedByItsSentenceOrShownAsItIs() {
        messages.addMessage("quality.measure.plans_approved", Locale.FRENCH, "{0} plans approuvés sur {1} ({2} %)");
        messages.addMessage("quality.measure.plans_approved.title", Locale.FRENCH, "Plans approuvés");
        messages.addMessage("quality.measure.no_data", Locale.FRENCH, "aucune donnée sur la période");
        messages.addMessage("quality.measure.titled", Locale.FRENCH, "{0} : {1}");
        Measure measured = new Measure("plans_approved", List.of("2d-2-1"), 3, 4, null);
        Measure empty = new Measure("plans_approved", List.of("2d-2-1"), 0, 0, null);
        assertThat(QualityEvidence.describe(messages, measured, Locale.FRENCH))
                .isEqualTo("3 plans approuvés sur 4 (75 %)");
        assertThat(QualityEvidence.describe(messages, empty, Locale.FRENCH))
                .isEqualTo("Plans approuvés : aucune donnée sur la période");

        Measure unworded = new Measure("consent_recorded", List.of("2a-2-1"), 5, 8, null);
        assertThat(QualityEvidence.describe(messages, unworded, Locale.FRENCH))
                .isEqualTo("consent_recorded: 5/8");
        assertThat(QualityEvidence.describe(messages,
                new Measure("consent_recorded", List.of(), 0, 0, null), Locale.FRENCH)).isEqualTo("consent_recorded : aucune donnée sur la période");
    }
}
