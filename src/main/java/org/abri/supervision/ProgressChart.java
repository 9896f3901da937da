package org.abri.supervision;

import java.util.ArrayList;
import java.util.List;

/**
 * The progress chart of a person's competency assessments, drawn on the server as inline SVG:
 * one row per competency, one horizontal bar per assessment (oldest lightest, latest darkest),
 * the scale 0–4 across. Right to left, the whole drawing is mirrored, so labels stay at the
 * start of the line and bars grow towards its end. The same figures are in a table beside it.
 */
public record ProgressChart(int width, int height, boolean rtl, List<Bar> bars, List<Label> labels,
        List<Tick> ticks, List<Legend> legend) {

    static final int LABEL_WIDTH = 230;
    static final int BAR_HEIGHT = 10;
    static final int ROW_GAP = 14;
    static final int TOP = 30;
    static final int PLOT_WIDTH = 300;
    static final int MAX_SERIES = 6;
    /** From light to dark: the latest assessment is the darkest. */
    static final List<String> PALETTE = List.of("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08306b");

    public record Bar(double x, double y, double width, int height, String fill, String title) {
    }

    public record Label(double x, double y, String anchor, String text) {
    }

    public record Tick(double x, double y1, double y2, double labelY, String label) {
    }

    public record Legend(double x, double y, String fill, double textX, String anchor, String text) {
    }

    public static ProgressChart of(Competencies.History history, boolean rtl) {
        List<Competencies.Assessment> shown = history.assessments();
        if (shown.size() > MAX_SERIES) {
            shown = shown.subList(shown.size() - MAX_SERIES, shown.size());
        }
        int series = Math.max(1, shown.size());
        int rowHeight = series * BAR_HEIGHT + ROW_GAP;
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        int plotTop = TOP;
        int height = plotTop + history.competencies().size() * rowHeight + 40;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        List<Legend> legend = new ArrayList<>();
        double unit = PLOT_WIDTH / (double) Competencies.MAX_SCORE;
        int plotBottom = plotTop + history.competencies().size() * rowHeight;
        for (int score = 0; score <= Competencies.MAX_SCORE; score++) {
            double x = LABEL_WIDTH + score * unit;
            ticks.add(new Tick(mirror(x, 0, width, rtl), plotTop - 4, plotBottom, plotBottom + 14, String.valueOf(score)));
        }
        int row = 0;
        for (Competencies.Competency competency : history.competencies()) {
            double rowTop = plotTop + row * rowHeight + ROW_GAP / 2.0;
            labels.add(new Label(mirror(LABEL_WIDTH - 8, 0, width, rtl), rowTop + series * BAR_HEIGHT / 2.0 + 4,
                    rtl ? "start" : "end", competency.label()));
            for (int i = 0; i < shown.size(); i++) {
                Integer score = shown.get(i).score(competency.code());
                if (score == null) {
                    continue;
                }
                double length = score * unit;
                bars.add(new Bar(mirror(LABEL_WIDTH, length, width, rtl), rowTop + i * BAR_HEIGHT, length,
                        BAR_HEIGHT - 2, colour(i, shown.size()),
                        competency.label() + " — " + shown.get(i).heldOn() + " : " + score));
            }
            row++;
        }
        for (int i = 0; i < shown.size(); i++) {
            double x = LABEL_WIDTH + i * (PLOT_WIDTH / (double) MAX_SERIES);
            legend.add(new Legend(mirror(x, 12, width, rtl), 8, colour(i, shown.size()),
                    rtl ? mirror(x + 16, 0, width, true) : x + 16, rtl ? "end" : "start", shown.get(i).heldOn().toString()));
        }
        return new ProgressChart(width, height, rtl, bars, labels, ticks, legend);
    }

    /** Where something of this length starting at x (from the left) goes, right to left. */
    private static double mirror(double x, double length, int width, boolean rtl) {
        return rtl ? width - x - length : x;
    }

    private static String colour(int index, int count) {
        return PALETTE.get(PALETTE.size() - count + index);
    }
}
