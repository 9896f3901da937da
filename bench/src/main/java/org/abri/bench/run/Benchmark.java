package org.abri.bench.run;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.abri.bench.Dataset;

/**
 * The load driver (bench/README.md): search latency through the API against the same SQL over
 * JDBC, registrations per second against raw inserts, dashboards, errors and GC time at a small
 * heap, and page weight. Prints one Markdown table and writes it to {@code --out}.
 * Prints no child's name: name probes are used as inputs only.
 */
public final class Benchmark {

    // Targets of issue 8.
    static final double SEARCH_P95_MS = 100;
    static final double SEARCH_RATIO = 2;
    static final double REGISTRATIONS_PER_S = 300;
    static final double DASHBOARD_MS = 1000;
    static final long PAGE_BYTES = 60 * 1024;

    private final Map<String, String> options;
    private final boolean smoke;
    /** --only TEXT: just the search measures whose name contains TEXT (for iterating on one query). */
    private final String only;
    private final double warmup;
    private final double seconds;
    private final Dataset data;
    private final Http api;
    private final Raw raw;
    private final Report report = new Report();
    private long searchCalls;
    private long searchErrors;
    private final List<String> errorSamples = new ArrayList<>();

    private Benchmark(Map<String, String> options) throws IOException {
        this.options = options;
        this.smoke = options.containsKey("smoke");
        this.only = options.get("only");
        this.warmup = Double.parseDouble(options.getOrDefault("warmup", smoke ? "1" : "10"));
        this.seconds = Double.parseDouble(options.getOrDefault("seconds", smoke ? "2" : "30"));
        this.data = Dataset.read(Path.of(options.getOrDefault("manifest", Dataset.DEFAULT.toString())));
        this.api = new Http(required("base-url"), false);
        this.raw = new Raw(required("db-url"), options.getOrDefault("db-user", "postgres"), options.get("db-password"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        Benchmark benchmark = new Benchmark(options);
        int status;
        try {
            status = benchmark.run();
        } finally {
            benchmark.raw.closeAll();
        }
        System.exit(status);
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }

    /** 0 when every call succeeded (targets missed or not), 1 when any call failed. */
    private int run() throws Exception {
        header();
        long gcStart = gcLogSize();
        long loadStart = System.nanoTime();
        search();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long gcEnd = gcLogSize();
        if (only == null) {
            registration();
            dashboards();
            memory(gcStart, gcEnd, loadSeconds);
            pageWeight();
        } else {
            report.notes.add("Only the search measures matching \"" + only + "\" (--only): not a full run.");
        }
        String table = report.markdown();
        System.out.println();
        System.out.print(table);
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, table);
            log("written to " + out);
        }
        boolean failed = searchErrors > 0 || failures > 0;
        if (failed) {
            errorSamples.forEach(sample -> log("error: " + sample));
        }
        return failed ? 1 : 0;
    }

    private int failures;

    private void failure(String what, Exception e) {
        failures++;
        errorSamples.add(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    // ---- header ----------------------------------------------------------------------------------

    private void header() throws Exception {
        String pg;
        long cases;
        try (var s = raw.connection().createStatement(); ResultSet rs = s.executeQuery(
                "select current_setting('server_version'), (select count(*) from child_case)")) {
            rs.next();
            pg = rs.getString(1);
            cases = rs.getLong(2);
        }
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        report.header.add("# Abri benchmark" + (smoke ? " (smoke: short runs, figures are not meaningful)" : ""));
        report.header.add("");
        report.header.add(String.format(Locale.ROOT, "- Date: %s", java.time.OffsetDateTime.now().withNano(0)));
        report.header.add(String.format(Locale.ROOT, "- Machine: %d cores, %.1f GB RAM, %s %s; JDK %s; PostgreSQL %s",
                Runtime.getRuntime().availableProcessors(), memKb / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), pg));
        report.header.add(String.format(Locale.ROOT,
                "- Data: %,d cases in the database (generated: N = %,d, seed %d, %d agencies, %d users)", cases,
                data.cases(), data.seed(), data.agencies(), data.users()));
        report.header.add(String.format(Locale.ROOT,
                "- App: %s, heap %s; each measure: %.0f s warm-up, then %.0f s", options.getOrDefault("base-url", "?"),
                options.getOrDefault("heap", "-Xmx256m"), warmup, seconds));
    }

    // ---- search ----------------------------------------------------------------------------------

    /** One of the five queries: who asks, the API call for input i, the same SQL for input i. */
    private record Query(String name, String who, Dataset.Persona persona, IntFunction<String> path,
            IntFunction<List<Raw.Statement>> sql) {
    }

    private List<Query> queries() throws SQLException {
        Raw.Actor caseworker = raw.actor(data.caseworker().userId());
        Raw.Actor supervisor = raw.actor(data.supervisor().userId());
        Raw.Actor manager = raw.actor(data.manager().userId());
        List<Query> queries = new ArrayList<>();

        List<String> typed = data.names().stream().map(Dataset.NameProbe::typed).toList();
        queries.add(new Query("name search with a misspelling", "caseworker", data.caseworker(),
                i -> "/api/v1/cases?q=" + Http.enc(pick(typed, i)),
                i -> Raw.search(caseworker, pick(typed, i), null, null, null, null, List.of())));

        String[][] filters = {{"high", "open"}, {"medium", "open"}, {"low", "open"}, {"high", "closed"}};
        queries.add(new Query("my cases by risk and status", "caseworker", data.caseworker(),
                i -> "/api/v1/cases?risk=" + filters[Math.floorMod(i, filters.length)][0] + "&status="
                        + filters[Math.floorMod(i, filters.length)][1],
                i -> Raw.search(caseworker, null, filters[Math.floorMod(i, filters.length)][1],
                        filters[Math.floorMod(i, filters.length)][0], null, null, List.of())));

        List<Raw.Statement> tasks = raw.tasks(supervisor);
        queries.add(new Query("overdue tasks of the team (task list)", "supervisor", data.supervisor(),
                i -> "/api/v1/me/tasks?bucket=overdue", i -> tasks));

        List<Dataset.PlaceConcern> places = data.placesAndConcerns();
        java.util.Map<java.util.UUID, List<java.util.UUID>> subtrees = new java.util.HashMap<>();
        for (Dataset.PlaceConcern place : places) {
            subtrees.put(place.locationId(), raw.subtree(place.locationId()));
        }
        queries.add(new Query("location + concern", "agency manager", data.manager(),
                i -> "/api/v1/cases?location=" + pick(places, i).locationId() + "&concern="
                        + Http.enc(pick(places, i).concern()),
                i -> Raw.search(manager, null, null, null, pick(places, i).concern(), pick(places, i).locationId(),
                        subtrees.get(pick(places, i).locationId()))));

        List<String> numbers = data.caseNumbers();
        queries.add(new Query("case number lookup", "agency manager", data.manager(),
                i -> "/api/v1/cases?q=" + Http.enc(pick(numbers, i)),
                i -> Raw.search(manager, pick(numbers, i), null, null, null, null, List.of())));
        return queries;
    }

    private static <T> T pick(List<T> list, int i) {
        return list.get(Math.floorMod(i * 31 + 7, list.size()));
    }

    private void search() throws Exception {
        for (Query query : queries()) {
            if (only != null && !query.name().contains(only)) {
                continue;
            }
            for (int clients : new int[] {1, 16}) {
                log("search: " + query.name() + ", " + clients + " client(s), app");
                Load.Result app = Load.run(clients, warmup, seconds, i -> api.get(query.persona().token(), query.path().apply(i)));
                searchCalls += app.ok() + app.errors();
                searchErrors += app.errors();
                if (app.firstError() != null) {
                    errorSamples.add(query.name() + ": " + app.firstError());
                }
                log("search: " + query.name() + ", " + clients + " client(s), raw SQL");
                Load.Result sql = Load.run(clients, warmup, seconds, i -> raw.run(query.sql().apply(i)));
                if (sql.firstError() != null) {
                    failures++;
                    errorSamples.add(query.name() + " (raw SQL): " + sql.firstError());
                }
                double ratio = app.p(95) / sql.p(95);
                String measured = String.format(Locale.ROOT,
                        "app p50/p95/p99 %s/%s/%s ms (%,d calls, %.0f/s%s) · raw SQL %s/%s/%s ms · app/raw p95 %s×",
                        Report.num(app.p(50)), Report.num(app.p(95)), Report.num(app.p(99)), app.ok(), app.perSecond(),
                        app.errors() > 0 ? ", " + app.errors() + " errors" : "", Report.num(sql.p(50)),
                        Report.num(sql.p(95)), Report.num(sql.p(99)), Report.num(ratio));
                String what = query.name() + " (" + query.who() + "), " + clients + (clients == 1 ? " client" : " clients");
                if (clients == 16) {
                    String latency = Report.atMost(app.p(95), SEARCH_P95_MS, " ms");
                    String ratioVerdict = Report.atMost(ratio, SEARCH_RATIO, "");
                    report.row("search", what, measured, "p95 ≤ 100 ms; app/raw ≤ 2",
                            "p95 " + latency + "; ratio " + ratioVerdict);
                } else {
                    report.row("search", what, measured, "(16 clients only)", "–");
                }
            }
        }
        for (int clients : only != null ? new int[0] : new int[] {1, 16}) {
            log("search: baseline GET /api/v1/me, " + clients + " client(s)");
            Load.Result me = Load.run(clients, warmup, seconds, i -> api.get(data.caseworker().token(), "/api/v1/me"));
            searchCalls += me.ok() + me.errors();
            searchErrors += me.errors();
            if (me.firstError() != null) {
                errorSamples.add("GET /api/v1/me: " + me.firstError());
            }
            report.row("search", "baseline: GET /api/v1/me (token check, no case SQL), " + clients
                    + (clients == 1 ? " client" : " clients"), String.format(Locale.ROOT,
                            "app p50/p95/p99 %s/%s/%s ms (%,d calls, %.0f/s)", Report.num(me.p(50)), Report.num(me.p(95)),
                            Report.num(me.p(99)), me.ok(), me.perSecond()), "(reported)", "–");
        }
        report.notes.add("Search: raw SQL = the statements the application runs for that call (need-to-know condition, "
                + "count + page of 25, or the task list's statements), over JDBC, one connection per client thread (the app has a pool of 10, ABRI_DB_POOL_SIZE). The app "
                + "also authenticates the token (one update, one user read), writes the audit line and serialises JSON; "
                + "that is what the ratio measures.");
    }

    // ---- registration ----------------------------------------------------------------------------

    private void registration() throws Exception {
        Registration registration = new Registration(data.placesAndConcerns());
        Raw.Actor caseworker = raw.actor(data.caseworker().userId());
        String agencyCode;
        try (var s = raw.connection().prepareStatement("select code from agency where id = ?")) {
            s.setObject(1, caseworker.agencyId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                agencyCode = rs.getString(1);
            }
        }
        double duration = seconds;
        try {
            log("registration: API, 16 clients");
            Load.Result app = Load.run(16, warmup, duration,
                    i -> registration.viaApi(api, data.caseworker().token(), i));
            log("registration: raw inserts, 16 threads");
            Load.Result sql = Load.run(16, warmup, duration,
                    i -> {
                        Connection c = raw.borrow();
                        try {
                            registration.raw(c, caseworker, agencyCode, i);
                        } finally {
                            raw.release(c);
                        }
                    });
            if (app.firstError() != null) {
                failures++;
                errorSamples.add("registration (API): " + app.firstError() + " (" + app.errors() + " errors)");
            }
            if (sql.firstError() != null) {
                failures++;
                errorSamples.add("registration (raw): " + sql.firstError());
            }
            double ratio = app.perSecond() / sql.perSecond();
            report.row("registration", "POST /api/v1/cases (caseworker), 16 clients, against raw inserts, 16 threads",
                    String.format(Locale.ROOT, "app %s cases/s (p95 %s ms%s) · raw %s rows/s · app/raw %s×",
                            Report.num(app.perSecond()), Report.num(app.p(95)),
                            app.errors() > 0 ? ", " + app.errors() + " errors" : "", Report.num(sql.perSecond()),
                            Report.num(ratio)),
                    "≥ 300 cases/s", Report.atLeast(app.perSecond(), REGISTRATIONS_PER_S, " cases/s"));
        } finally {
            int removed = registration.cleanUp(raw.connection());
            log("registration: removed the " + removed + " cases this run created");
        }
        report.notes.add("Registration: raw = per child, in one transaction, the statements CaseRegistry.register writes "
                + "(the next number of the agency-year sequence, case, its step, its three consents), without the read-back and the audit line. "
                + "The cases created (both sides, warm-up included) are deleted afterwards and the tables vacuumed; their audit lines remain.");
    }

    // ---- dashboards ------------------------------------------------------------------------------

    private void dashboards() {
        int runs = smoke ? 3 : 7;
        dashboard("supervisor's team view: GET /api/v1/supervision/team (supervisor)", runs,
                () -> api.get(data.supervisor().token(), "/api/v1/supervision/team"));
        dashboard("the agency's teams, a page of 20: GET /api/v1/supervision/team (agency manager)", runs,
                () -> api.get(data.manager().token(), "/api/v1/supervision/team"));
        Http browser = new Http(api.base, true);
        try {
            browser.signIn(data.manager().username(), data.manager().password());
            dashboard("agency's case counts: the manager's home page GET / (HTML)", runs, () -> browser.pageOk("/"));
        } catch (Exception e) {
            failure("manager sign-in", e);
            report.row("dashboards", "agency's case counts: the manager's home page", "sign-in failed", "≤ 1 s", "✗");
        }
        dashboard("agency's referral indicators: GET /api/v1/referrals/report (agency manager)", runs,
                () -> api.get(data.manager().token(), "/api/v1/referrals/report"));
        report.notes.add("Dashboards: median of " + runs + " sequential calls after one warm-up call. There is no "
                + "indicators page yet: the manager's home page (case counts by risk) and the referral report stand in.");
    }

    private interface Call {
        Object call() throws Exception;
    }

    private void dashboard(String what, int runs, Call call) {
        log("dashboard: " + what);
        try {
            call.call();
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                call.call();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            java.util.Arrays.sort(ms);
            double median = ms[runs / 2];
            report.row("dashboards", what, String.format(Locale.ROOT, "median %s ms (min %s, max %s)", Report.num(median),
                    Report.num(ms[0]), Report.num(ms[runs - 1])), "≤ 1 s", Report.atMost(median, DASHBOARD_MS, " ms"));
        } catch (Exception e) {
            failure(what, e);
            report.row("dashboards", what, "failed: " + e.getMessage(), "≤ 1 s", "✗ error");
        }
    }

    // ---- memory ----------------------------------------------------------------------------------

    private long gcLogSize() {
        String log = options.get("gc-log");
        try {
            return log == null ? -1 : Files.size(Path.of(log));
        } catch (IOException e) {
            return -1;
        }
    }

    /** The plain [gc] tag (padded by the log): the line that ends a pause with its duration. */
    private static final Pattern GC_TAG = Pattern.compile("\\[gc\\s*\\]");
    private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause.*?(?:(\\d+)M->(\\d+)M\\((\\d+)M\\))? (\\d+(?:\\.\\d+)?)ms\\s*$");

    private void memory(long gcStart, long gcEnd, double loadSeconds) throws IOException {
        String heap = options.getOrDefault("heap", "-Xmx256m");
        long appErrors = searchErrors;
        String errorCell = String.format(Locale.ROOT, "%,d errors in %,d search calls (1 and 16 clients, %.0f s)",
                appErrors, searchCalls, loadSeconds);
        String oom = "";
        if (options.containsKey("app-log")) {
            String appLog = Files.readString(Path.of(options.get("app-log")));
            if (appLog.contains("OutOfMemoryError")) {
                oom = "; OutOfMemoryError in the app's log";
                failures++;
                errorSamples.add("OutOfMemoryError in the application's log");
            }
        }
        report.row("memory", "errors while serving the search load at " + heap, errorCell + oom, "no error",
                appErrors == 0 && oom.isEmpty() ? "✓" : "✗ " + appErrors + " errors" + oom);
        if (gcStart < 0 || gcEnd < 0) {
            report.row("memory", "GC time share during the search load", "no GC log given", "(reported)", "–");
            return;
        }
        double pauseMs = 0;
        int pauses = 0;
        int maxAfter = 0;
        int committed = 0;
        byte[] bytes = Files.readAllBytes(Path.of(options.get("gc-log")));
        String window = new String(bytes, (int) gcStart, (int) Math.min(bytes.length, gcEnd) - (int) gcStart,
                java.nio.charset.StandardCharsets.UTF_8);
        for (String line : window.split("\n")) {
            Matcher m = PAUSE.matcher(line);
            if (GC_TAG.matcher(line).find() && m.find()) {
                pauses++;
                pauseMs += Double.parseDouble(m.group(4));
                if (m.group(2) != null) {
                    maxAfter = Math.max(maxAfter, Integer.parseInt(m.group(2)));
                    committed = Math.max(committed, Integer.parseInt(m.group(3)));
                }
            }
        }
        double share = 100 * pauseMs / (loadSeconds * 1000);
        report.row("memory", "GC time share during the search load",
                String.format(Locale.ROOT, "%s %% (%d pauses, %s ms in %.0f s); heap after GC ≤ %d MB of %d MB committed",
                        Report.num(share), pauses, Report.num(pauseMs), loadSeconds, maxAfter, committed),
                "(reported)", "–");
    }

    // ---- page weight -----------------------------------------------------------------------------

    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/[^\"]+\\.(?:css|js|svg|png|ico|woff2?)(?:\\?[^\"]*)?)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(['\"]?(/[^'\")]+)['\"]?\\)");
    private static final Pattern CASE_LINK = Pattern.compile("href=\"(/cases/[0-9a-f-]{36})\"");

    private void pageWeight() {
        Http browser = new Http(api.base, true);
        try {
            HttpResponse<byte[]> login = browser.pageOk("/login");
            weigh("login page /login", login, browser);
            browser.signIn(data.caseworker().username(), data.caseworker().password());
            HttpResponse<byte[]> list = browser.pageOk("/cases");
            weigh("case list /cases (caseworker)", list, browser);
            Matcher link = CASE_LINK.matcher(Http.text(list));
            if (link.find()) {
                weigh("case page /cases/{id} (caseworker)", browser.pageOk(link.group(1)), browser);
            } else {
                report.row("page weight", "case page /cases/{id}", "no case on the caseworker's list", "≤ 60 KB", "✗");
            }
        } catch (Exception e) {
            failure("page weight", e);
            report.row("page weight", "pages", "failed: " + e.getMessage(), "≤ 60 KB", "✗ error");
        }
        report.notes.add("Page weight: bytes over the wire with gzip accepted (status line, headers, compressed body); "
                + "\"first visit\" adds every stylesheet, script and icon the page references (and fonts/images their CSS "
                + "references), as a browser with an empty cache loads them. The target is checked on the first visit.");
    }

    private void weigh(String what, HttpResponse<byte[]> page, Http browser) throws Exception {
        long html = Http.wireBytes(page);
        long assets = 0;
        Set<String> seen = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>();
        Matcher m = ASSET.matcher(Http.text(page));
        while (m.find()) {
            queue.add(m.group(1).replace("&amp;", "&"));
        }
        for (int i = 0; i < queue.size(); i++) {
            String path = queue.get(i);
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<byte[]> asset = browser.page(path);
            if (asset.statusCode() != 200) {
                continue;
            }
            assets += Http.wireBytes(asset);
            if (path.contains(".css")) {
                Matcher urls = CSS_URL.matcher(Http.text(asset));
                while (urls.find()) {
                    queue.add(urls.group(1));
                }
            }
        }
        long total = html + assets;
        report.row("page weight", what, String.format(Locale.ROOT, "HTML %s · first visit %s (%d assets)",
                Report.kb(html), Report.kb(total), seen.size()), "≤ 60 KB",
                Report.atMost(total / 1024.0, PAGE_BYTES / 1024.0, " KB"));
    }
}
