package org.abri.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.abri.platform.BarChart;
import org.springframework.context.MessageSource;

/** Profiles drawn as bar charts: a row per domain, a bar per assessment, the four levels across. */
final class QualityCharts {

    static final int LABEL_LENGTH = 34;

    private QualityCharts() {
    }

    /** A profile per series, named by the series' names, oldest first. */
    static BarChart of(List<String> names, List<QualityProfile> profiles, MessageSource messages, Locale locale) {
        List<String> rows = new ArrayList<>();
        if (!profiles.isEmpty()) {
            for (QualityProfile.DomainResult domain : profiles.get(0).domains()) {
                rows.add(shorten(domain.number() + ". " + domain.title().in(locale)));
            }
        }
        List<BarChart.Series> series = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            series.add(new BarChart.Series(names.get(i),
                    profiles.get(i).domains().stream().map(d -> d.level().number()).toList()));
        }
        List<String> ticks = new ArrayList<>();
        for (QualityLevel level : QualityLevel.values()) {
            ticks.add(messages.getMessage("quality.level.short." + level.name(), null, level.name(), locale));
        }
        return BarChart.of(rows, series, ticks, "ar".equals(locale.getLanguage()));
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_LENGTH ? label : label.substring(0, LABEL_LENGTH - 1).strip() + "…";
    }
}
