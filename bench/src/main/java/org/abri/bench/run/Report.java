package org.abri.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table: each row what was measured, its target and whether it is met (and by how much not). */
final class Report {

    record Row(String area, String what, String measured, String target, String verdict) {
    }

    final List<String> header = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    void row(String area, String what, String measured, String target, String verdict) {
        rows.add(new Row(area, what, measured, target, verdict));
    }

    /** ✓, or ✗ with how far above an upper bound the value is. */
    static String atMost(double value, double limit, String unit) {
        if (Double.isNaN(value)) {
            return "✗ not measured";
        }
        if (value <= limit) {
            return "✓";
        }
        return "✗ " + num(value - limit) + unit + " over (" + num(value / limit) + "× the target)";
    }

    /** ✓, or ✗ with how far below a lower bound the value is. */
    static String atLeast(double value, double limit, String unit) {
        if (Double.isNaN(value)) {
            return "✗ not measured";
        }
        if (value >= limit) {
            return "✓";
        }
        return "✗ " + num(limit - value) + unit + " short (" + Math.round(100 * value / limit) + " % of the target)";
    }

    static String num(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        out.append('\n');
        out.append("| Area | What | Measured | Target | Met |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(cell(row.area())).append(" | ").append(cell(row.what())).append(" | ")
                    .append(cell(row.measured())).append(" | ").append(cell(row.target())).append(" | ")
                    .append(cell(row.verdict())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
