package org.abri.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart drawn on the server as inline SVG (no script, a few hundred bytes a
 * row): one row per thing measured, one bar per series in each row (oldest lightest, latest
 * darkest), the scale from 0 to the last tick across. Right to left, the whole drawing is
 * mirrored, so labels stay at the start of the line and bars grow towards its end. Pages show
 * the same figures in a table beside it. Drawn by the fragment {@code fragments/bar-chart}.
 */
public record BarChart(int width, int height, boolean rtl, List<Bar> bars, List<Label> labels, List<Tick> ticks,
        List<Legend> legend) {

    static final int LABEL_WIDTH = 230;
    static final int BAR_HEIGHT = 10;
    static final int ROW_GAP = 14;
    static final int TOP = 30;
    static final int PLOT_WIDTH = 300;
    public static final int MAX_SERIES = 6;
    /** From light to dark: the latest series is the darkest. */
    static final List<String> PALETTE = List.of("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08306b");

    /** A series: its name (a date, say) and its value in each row, null where it has none. */
    public record Series(String name, List<Integer> values) {
    }

    public record Bar(double x, double y, double width, int height, String fill, String title) {
    }

    public record Label(double x, double y, String anchor, String text) {
    }

    public record Tick(double x, double y1, double y2, double labelY, String label) {
    }

    public record Legend(double x, double y, String fill, double textX, String anchor, String text) {
    }

    /**
     * The chart of these rows and series (the last {@link #MAX_SERIES} are drawn), on a scale whose
     * ticks are named by {@code tickLabels}: value {@code v} reaches tick {@code v}.
     */
    public static BarChart of(List<String> rows, List<Series> allSeries, List<String> tickLabels, boolean rtl) {
        List<Series> shown = allSeries.size() > MAX_SERIES
                ? allSeries.subList(allSeries.size() - MAX_SERIES, allSeries.size()) : allSeries;
        int series = Math.max(1, shown.size());
        int rowHeight = series * BAR_HEIGHT + ROW_GAP;
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        int plotBottom = TOP + rows.size() * rowHeight;
        int height = plotBottom + 40;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        List<Legend> legend = new ArrayList<>();
        double unit = PLOT_WIDTH / (double) Math.max(1, tickLabels.size() - 1);
        for (int value = 0; value < tickLabels.size(); value++) {
            double x = LABEL_WIDTH + value * unit;
            ticks.add(new Tick(mirror(x, 0, width, rtl), TOP - 4, plotBottom, plotBottom + 14, tickLabels.get(value)));
        }
        for (int row = 0; row < rows.size(); row++) {
            double rowTop = TOP + row * rowHeight + ROW_GAP / 2.0;
            labels.add(new Label(mirror(LABEL_WIDTH - 8, 0, width, rtl), rowTop + series * BAR_HEIGHT / 2.0 + 4,
                    rtl ? "start" : "end", rows.get(row)));
            for (int i = 0; i < shown.size(); i++) {
                List<Integer> values = shown.get(i).values();
                Integer value = row < values.size() ? values.get(row) : null;
                if (value == null) {
                    continue;
                }
                double length = value * unit;
                String named = value < tickLabels.size() ? tickLabels.get(value) : String.valueOf(value);
                bars.add(new Bar(mirror(LABEL_WIDTH, length, width, rtl), rowTop + i * BAR_HEIGHT, length,
                        BAR_HEIGHT - 2, colour(i, shown.size()), rows.get(row) + " — " + shown.get(i).name() + " : "
                                + named));
            }
        }
        for (int i = 0; i < shown.size(); i++) {
            double x = LABEL_WIDTH + i * (PLOT_WIDTH / (double) MAX_SERIES);
            legend.add(new Legend(mirror(x, 12, width, rtl), 8, colour(i, shown.size()),
                    rtl ? mirror(x + 16, 0, width, true) : x + 16, rtl ? "end" : "start", shown.get(i).name()));
        }
        return new BarChart(width, height, rtl, bars, labels, ticks, legend);
    }

    /** Where something of this length starting at x (from the left) goes, right to left. */
    private static double mirror(double x, double length, int width, boolean rtl) {
        return rtl ? width - x - length : x;
    }

    private static String colour(int index, int count) {
        return PALETTE.get(PALETTE.size() - count + index);
    }
}
