package org.abri.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two result tables of the same machine and database side by side: a baseline (an earlier commit)
 * and the current build, row by row, with current ÷ baseline for each figure. Figures measured in
 * one run are the only ones that compare (a machine's load moves every row of a run together).
 * Usage: {@code Compare <baseline.md> <current.md> <out.md> <baseline label> <current label>}.
 */
public final class Compare {

    /** A figure of a row: its name, its value, and whether lower is better. */
    record Figure(String name, double value, boolean lowerIsBetter) {
    }

    private static final List<Extractor> EXTRACTORS = List.of(
            new Extractor("app p95 ms", Pattern.compile("app p50/p95/p99 [\\d.,]+/([\\d.,]+)/[\\d.,]+ ms"), true),
            new Extractor("raw p95 ms", Pattern.compile("raw SQL [\\d.,]+/([\\d.,]+)/[\\d.,]+ ms"), true),
            new Extractor("app cases/s", Pattern.compile("app ([\\d.,]+) cases/s"), false),
            new Extractor("raw rows/s", Pattern.compile("raw ([\\d.,]+) rows/s"), false),
            new Extractor("median ms", Pattern.compile("median ([\\d.,]+) ms"), true),
            new Extractor("first visit KB", Pattern.compile("first visit ([\\d.,]+) KB"), true));

    /** Slower than this share is worth a look (two runs of the same build differ by a few per cent). */
    static final double TOLERANCE = 1.10;

    record Extractor(String name, Pattern pattern, boolean lowerIsBetter) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: Compare <baseline.md> <current.md> <out.md> <baseline label> <current label>");
            System.exit(2);
        }
        Map<String, List<Figure>> baseline = figures(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        Map<String, List<Figure>> current = figures(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
        String table = table(baseline, current, args[3], args[4]);
        Files.writeString(Path.of(args[2]), table, StandardCharsets.UTF_8);
        System.out.print(table);
    }

    /** The figures of each row of a result table, by "area — what". */
    static Map<String, List<Figure>> figures(List<String> lines) {
        Map<String, List<Figure>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("| Area | What |")) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("| ")) {
                inTable = false;
                continue;
            }
            String[] cells = line.substring(2).split(" \\| ", -1);
            if (cells.length < 3) {
                continue;
            }
            List<Figure> found = new ArrayList<>();
            for (Extractor extractor : EXTRACTORS) {
                Matcher matcher = extractor.pattern().matcher(cells[2]);
                if (matcher.find()) {
                    found.add(new Figure(extractor.name(), Double.parseDouble(matcher.group(1).replace(",", "")),
                            extractor.lowerIsBetter()));
                }
            }
            if (!found.isEmpty()) {
                rows.put(cells[0] + " — " + cells[1], found);
            }
        }
        return rows;
    }

    static String table(Map<String, List<Figure>> baseline, Map<String, List<Figure>> current, String baselineLabel,
            String currentLabel) {
        StringBuilder out = new StringBuilder();
        out.append("| Row | Figure | ").append(baselineLabel).append(" | ").append(currentLabel)
                .append(" | current ÷ baseline | |\n|---|---|---|---|---|---|\n");
        int worse = 0;
        for (var row : current.entrySet()) {
            List<Figure> before = baseline.get(row.getKey());
            for (Figure now : row.getValue()) {
                Figure then = before == null ? null : before.stream().filter(f -> f.name().equals(now.name()))
                        .findFirst().orElse(null);
                String ratio = "–";
                String mark = then == null ? "new" : "";
                if (then != null && then.value() > 0) {
                    double r = now.value() / then.value();
                    ratio = String.format(Locale.ROOT, "%.2f", r);
                    boolean slower = now.lowerIsBetter() ? r > TOLERANCE : r < 1 / TOLERANCE;
                    boolean faster = now.lowerIsBetter() ? r < 1 / TOLERANCE : r > TOLERANCE;
                    mark = slower ? "slower" : faster ? "faster" : "same";
                    if (slower) {
                        worse++;
                    }
                }
                out.append("| ").append(row.getKey()).append(" | ").append(now.name()).append(" | ")
                        .append(then == null ? "–" : Report.num(then.value())).append(" | ")
                        .append(Report.num(now.value())).append(" | ").append(ratio).append(" | ").append(mark)
                        .append(" |\n");
            }
        }
        out.append('\n').append("- ").append(worse).append(" figure(s) slower than the baseline by more than ")
                .append(Math.round((TOLERANCE - 1) * 100)).append(" % (throughputs: lower by more than that).\n");
        return out.toString();
    }
}
