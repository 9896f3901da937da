package org.abri.bench.generate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.abri.bench.Dataset;
import org.abri.bench.generate.Staff.User;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Fills an Abri database with a national-scale synthetic deployment (bench/README.md, "The
 * generator"): agencies, staff, places, a service map, N children's cases with their histories and
 * referrals, loaded with COPY; then issues API tokens for four personas and writes the dataset
 * manifest the benchmark reads.
 */
public final class Generate {

    /** The one password of every generated account (documented in bench/README.md). */
    public static final String PASSWORD = "bench-abri-2026";

    /** The tables the cases fill, whose secondary indexes are dropped during the load. */
    static final List<String> BIG_TABLES = List.of("child_case", "case_consent", "case_transition", "form_record",
            "case_approval", "referral", "referral_event");

    record Options(String url, String user, String password, int cases, long seed, Path manifest, LocalDate today,
            boolean replace, int threads, double caseload) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean replace = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--replace")) {
                    replace = true;
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    usage(null);
                } else if (arg.startsWith("--") && i + 1 < args.length) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    usage("unknown argument " + arg);
                }
            }
            for (String key : values.keySet()) {
                if (!List.of("db-url", "db-user", "db-password", "cases", "seed", "manifest", "today", "threads", "caseload")
                        .contains(key)) {
                    usage("unknown option --" + key);
                }
            }
            return new Options(values.getOrDefault("db-url", "jdbc:postgresql://127.0.0.1:5432/abri_bench"),
                    values.getOrDefault("db-user", "postgres"), values.getOrDefault("db-password", ""),
                    Integer.parseInt(values.getOrDefault("cases", "1000000")), Long.parseLong(values.getOrDefault("seed", "42")),
                    Path.of(values.getOrDefault("manifest", Dataset.DEFAULT.toString())),
                    values.containsKey("today") ? LocalDate.parse(values.get("today")) : LocalDate.now(ZoneId.of("Africa/Bangui")),
                    replace, Integer.parseInt(values.getOrDefault("threads", "2")),
                    Double.parseDouble(values.getOrDefault("caseload", "18")));
        }

        static void usage(String problem) {
            if (problem != null) {
                System.err.println(problem);
            }
            System.err.println("""
                    usage: Generate [--db-url URL] [--db-user USER] [--db-password PW] [--cases N] [--seed S]
                                    [--today YYYY-MM-DD] [--manifest FILE] [--threads T] [--caseload C] [--replace]""");
            System.exit(problem == null ? 0 : 2);
        }
    }

    private final Options options;
    private final long began = System.nanoTime();
    private long phaseStart = System.nanoTime();

    private Generate(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new Generate(Options.parse(args)).run();
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(options.url(), options.user(), options.password());
        try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
        }
        return c;
    }

    private void phase(String name) {
        long now = System.nanoTime();
        System.out.printf("  %-34s %8.1f s%n", name, (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    private void run() throws Exception {
        Options o = options;
        System.out.printf("Generating %,d cases, seed %d, today %s, into %s%n", o.cases(), o.seed(), o.today(), o.url());
        try (Connection db = connect()) {
            boolean superuser = preflight(db);
            Cases.Reference reference = reference(db);
            List<Places.Place> places = Places.build(o.seed());
            Cases cases = new Cases(o.seed(), o.cases(), o.today().toEpochDay(), places, reference, o.caseload());
            cases.firstPass();
            cases.staff = new Staff(o.seed(), cases.casesPerAgencyRegion(true), cases.casesPerAgencyRegion(false),
                    o.caseload(), places);
            cases.services = new Services(o.seed(), cases.staff);
            phase("plan (first pass, staff)");
            String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(12, seeded(o.seed())));
            loadConfiguration(db, cases, places, hash);
            phase("agencies, users, places, services");
            List<String[]> indexes = dropIndexes(db);
            phase("drop " + indexes.size() + " secondary indexes");
            try {
                loadCases(cases, superuser);
                phase("cases and histories (COPY)");
                counters(db, cases);
            } finally {
                recreateIndexes(indexes);
                phase("recreate indexes");
            }
            // Vacuum too, as autovacuum does on a deployment that has been running: freshly copied
            // rows are not yet marked all-visible, so every index-only scan would also read the table.
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("vacuum (analyze)");
            } finally {
                db.setAutoCommit(autoCommit);
            }
            phase("vacuum and analyze");
            long loadMillis = (System.nanoTime() - began) / 1_000_000;
            Dataset dataset = Manifest.build(db, cases, o, loadMillis);
            dataset.write(o.manifest());
            phase("personas, tokens, probes, manifest");
            counts(db);
            System.out.printf("Done in %.1f s; manifest %s%n", (System.nanoTime() - began) / 1e9, o.manifest());
        }
    }

    /** A SecureRandom whose output follows the seed (the bcrypt salt, so that the same seed gives the same rows). */
    static java.security.SecureRandom seeded(long seed) throws Exception {
        java.security.SecureRandom random = java.security.SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        return random;
    }

    // ---- before loading ----------------------------------------------------------------------------

    /** Checks the schema is the application's and refuses a database with cases unless --replace; says if we are superuser. */
    private boolean preflight(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            ResultSet rs = s.executeQuery("select to_regclass('child_case') is not null, (select count(*) from form_definition where source = 'shipped'), "
                    + "(select rolsuper from pg_roles where rolname = current_user)");
            rs.next();
            if (!rs.getBoolean(1) || rs.getInt(2) == 0) {
                throw new IllegalStateException("No Abri schema with shipped forms here: start the application once against "
                        + "this database first (bench/README.md).");
            }
            boolean superuser = rs.getBoolean(3);
            rs = s.executeQuery("select exists (select 1 from child_case), exists (select 1 from agency where code = any(array["
                    + String.join(",", Staff.AGENCIES.stream().map(a -> "'" + a.code() + "'").toList()) + "]))");
            rs.next();
            if (rs.getBoolean(1) || rs.getBoolean(2)) {
                if (!options.replace()) {
                    throw new IllegalStateException("This database already holds child cases or generated agencies; "
                            + "pass --replace to remove them (configuration is kept).");
                }
                replace(db);
            }
            return superuser;
        }
    }

    /**
     * Removes what a previous run generated: every case and what hangs on it (TRUNCATE … CASCADE
     * from child_case), the service map, the generated agencies' users and the agencies, the "BN-"
     * places. Forms, lookups, the quality grid, SOP settings and the first administrator stay.
     */
    private void replace(Connection db) throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            String codes = String.join(",", Staff.AGENCIES.stream().map(a -> "'" + a.code() + "'").toList());
            String users = "select id from app_user where agency_id in (select id from agency where code in (" + codes + "))";
            s.execute("truncate child_case, case_number_counter cascade");
            s.execute("truncate service_provider cascade");
            s.execute("delete from api_token where user_id in (" + users + ")");
            s.execute("delete from user_role where user_id in (" + users + ")");
            s.execute("delete from supervision_schedule where caseworker_id in (" + users + ")");
            s.execute("delete from supervision where supervisor_id in (" + users + ") or caseworker_id in (" + users + ")");
            s.execute("delete from app_user where id in (" + users + ")");
            s.execute("delete from agency where code in (" + codes + ")");
            for (int level = 3; level >= 1; level--) {
                s.execute("delete from location where code like 'BN-%' and level = " + level);
            }
            s.execute("select setval('referral_number', 1, false)");
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        db.commit();
        db.setAutoCommit(true);
        phase("--replace: removed generated data");
    }

    private static Cases.Reference reference(Connection db) throws SQLException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        try (Statement s = db.createStatement()) {
            ResultSet rs = s.executeQuery("select list_name, code from lookup_value where active and list_name in "
                    + "('protection_concern', 'nationality', 'displacement_status', 'caregiver_relationship') order by list_name, sort_order, code");
            while (rs.next()) {
                lists.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
            Map<String, Integer> versions = new LinkedHashMap<>();
            rs = s.executeQuery("select form_id, current_version from form");
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getInt(2));
            }
            for (String form : Cases.FORM_IDS) {
                if (!versions.containsKey(form)) {
                    throw new IllegalStateException("The shipped form " + form + " is missing");
                }
            }
            return new Cases.Reference(lists.get("protection_concern"), lists.get("nationality"),
                    lists.get("displacement_status"), lists.get("caregiver_relationship"), versions);
        }
    }

    // ---- configuration rows --------------------------------------------------------------------------

    private void loadConfiguration(Connection db, Cases cases, List<Places.Place> places, String hash) throws Exception {
        Staff staff = cases.staff;
        long created = cases.start - 30 * Cases.DAY;
        CopyRows agencies = new CopyRows("agency", "id, code, name, kind, created_at");
        for (Staff.Agency a : staff.agencies) {
            agencies.uuid(a.id()).raw(a.spec().code()).text(a.spec().name()).raw(a.spec().kind()).time(created).end();
        }
        CopyRows users = new CopyRows("app_user", "id, agency_id, username, full_name, password_hash, locale, created_at");
        CopyRows roles = new CopyRows("user_role", "user_id, role");
        CopyRows supervision = new CopyRows("supervision", "supervisor_id, caseworker_id");
        for (User u : staff.users) {
            users.uuid(u.id).uuid(staff.agencies.get(u.agency).id()).raw(u.username).text(u.fullName).text(hash).raw(u.locale)
                    .time(created).end();
            for (String role : u.roles) {
                roles.uuid(u.id).raw(role).end();
            }
            if (u.supervisor >= 0) {
                supervision.uuid(staff.users.get(u.supervisor).id).uuid(u.id).end();
            }
        }
        CopyRows locations = new CopyRows("location", "id, parent_id, level, code, name, name_ar");
        for (Places.Place p : places) {
            locations.uuid(p.id()).uuid(p.parentId()).number(p.level()).raw(p.code()).text(p.name()).text(p.nameAr()).end();
        }
        CopyRows providers = new CopyRows("service_provider", "id, name, agency_id, created_at, updated_at");
        for (Services.Provider p : cases.services.providers) {
            providers.uuid(p.id()).text(p.name()).uuid(p.agency() == null ? null : p.agency().id()).time(created)
                    .time(created).end();
        }
        CopyRows services = new CopyRows("service", "id, provider_id, sector, name, focal_point_id, last_verified_on, created_at, updated_at");
        CopyRows serviceLocations = new CopyRows("service_location", "service_id, location_id");
        for (Services.Service s : cases.services.services) {
            services.uuid(s.id()).uuid(s.provider().id()).raw(s.sector()).text(s.name())
                    .uuid(s.focalPoint() == null ? null : s.focalPoint().id).date(CopyRows.day(cases.today - 60 * Cases.DAY))
                    .time(created).time(created).end();
            for (int r : s.regions()) {
                serviceLocations.uuid(s.id()).uuid(places.get(regionPlaceIndex(places, r)).id()).end();
            }
        }
        db.setAutoCommit(false);
        for (CopyRows rows : List.of(agencies, users, roles, supervision, locations, providers, services, serviceLocations)) {
            rows.send(db);
        }
        db.commit();
        db.setAutoCommit(true);
        System.out.printf("    %d agencies, %,d users (%,d caseworkers, %,d supervisors, %,d clerks), %d places, %d services%n",
                staff.agencies.size(), staff.users.size(), staff.count("CASEWORKER"), staff.count("SUPERVISOR"),
                staff.count("DATA_ENTRY_CLERK"), places.size(), cases.services.services.size());
    }

    private static int regionPlaceIndex(List<Places.Place> places, int region) {
        for (int i = 0; i < places.size(); i++) {
            if (places.get(i).level() == 1 && places.get(i).region() == region) {
                return i;
            }
        }
        throw new IllegalArgumentException("region " + region);
    }

    // ---- indexes -------------------------------------------------------------------------------------------

    /** Drops the secondary (not primary, not unique) indexes of the big tables; returns [name, definition] of each. */
    private List<String[]> dropIndexes(Connection db) throws Exception {
        List<String[]> dropped = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("""
                select i.indexname, i.indexdef from pg_indexes i
                join pg_namespace n on n.nspname = i.schemaname
                join pg_class ic on ic.relname = i.indexname and ic.relnamespace = n.oid
                join pg_index x on x.indexrelid = ic.oid
                where i.schemaname = current_schema() and i.tablename = any(?) and not x.indisunique and not x.indisprimary
                order by pg_relation_size(x.indrelid) desc, i.indexname""")) {
            q.setArray(1, db.createArrayOf("text", BIG_TABLES.toArray()));
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                dropped.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        // Kept beside the manifest until they are back, in case the run is killed half-way.
        Path saved = options.manifest().resolveSibling("dropped-indexes.sql");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, String.join(";\n", dropped.stream().map(d -> d[1]).toList()) + ";\n");
        try (Statement s = db.createStatement()) {
            for (String[] index : dropped) {
                s.execute("drop index if exists " + index[0]);
            }
        }
        return dropped;
    }

    /** Builds the dropped indexes again, the heaviest (the name search's GIN indexes) first, on parallel connections. */
    private void recreateIndexes(List<String[]> indexes) throws Exception {
        List<String[]> ordered = new ArrayList<>(indexes);
        ordered.sort((a, b) -> Integer.compare(weight(b[1]), weight(a[1])));
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String[] index : ordered) {
                done.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    try (Connection c = connect(); Statement s = c.createStatement()) {
                        s.execute("set maintenance_work_mem = '1GB'");
                        s.execute(index[1]);
                    }
                    System.out.printf("    %-36s %7.1f s%n", index[0], (System.nanoTime() - t) / 1e9);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Files.deleteIfExists(options.manifest().resolveSibling("dropped-indexes.sql"));
    }

    private static int weight(String definition) {
        return definition.contains("gin_trgm_ops") ? 3 : definition.contains("USING gin") ? 2
                : definition.contains("child_case") ? 1 : 0;
    }

    // ---- the cases ------------------------------------------------------------------------------------------------

    /**
     * Slices of cases written in parallel, each in its own transaction on its own connection: a
     * case's plan is drawn once and its rows go to one buffer per table, sent by COPY when full
     * (child_case always first, so foreign keys hold even when checked).
     */
    private void loadCases(Cases cases, boolean superuser) throws Exception {
        int slice = Math.max(1_000, Math.min(50_000, cases.n / (options.threads() * 4) + 1));
        AtomicLong written = new AtomicLong();
        Map<String, AtomicLong> rows = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        long t0 = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < cases.n; from += slice) {
                int start = from;
                int end = Math.min(cases.n, from + slice);
                done.add(pool.submit(() -> {
                    try (Connection c = connect()) {
                        if (superuser) {
                            // Foreign keys are not checked row by row: the rows are generated consistent.
                            try (Statement s = c.createStatement()) {
                                s.execute("set session_replication_role = replica");
                            }
                        }
                        c.setAutoCommit(false);
                        List<CopyRows> out = List.of(new CopyRows("child_case", Cases.CASE_COLUMNS),
                                new CopyRows("case_consent", Cases.CONSENT_COLUMNS),
                                new CopyRows("case_transition", Cases.TRANSITION_COLUMNS),
                                new CopyRows("form_record", Cases.FORM_COLUMNS),
                                new CopyRows("case_approval", Cases.APPROVAL_COLUMNS),
                                new CopyRows("referral", Referrals.REFERRAL_COLUMNS),
                                new CopyRows("referral_event", Referrals.EVENT_COLUMNS));
                        for (int i = start; i < end; i++) {
                            Cases.Plan p = cases.plan(i);
                            cases.writeCase(p, out.get(0));
                            cases.writeConsents(p, out.get(1));
                            cases.writeTransitions(p, out.get(2));
                            cases.writeForms(p, out.get(3));
                            cases.writeApprovals(p, out.get(4));
                            cases.writeReferrals(p, out.get(5), out.get(6));
                            if (out.stream().anyMatch(CopyRows::full)) {
                                for (CopyRows r : out) {
                                    r.send(c);
                                }
                            }
                        }
                        for (CopyRows r : out) {
                            r.send(c);
                            rows.computeIfAbsent(r.table, k -> new AtomicLong()).addAndGet(r.rows());
                        }
                        c.commit();
                    }
                    long total = written.addAndGet(end - start);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("    %,10d / %,d cases  %6.1f s  %,8.0f cases/s%n", total, cases.n, seconds, total / seconds);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        rows.forEach((table, count) -> System.out.printf("    %-16s %,12d rows%n", table, count.get()));
    }

    /** The case number counters at their last value and the sequences past the generated ids, so that the application's next rows do not collide. */
    private void counters(Connection db, Cases cases) throws Exception {
        CopyRows counters = new CopyRows("case_number_counter", "agency_id, year, last_value");
        for (int a = 0; a < cases.lastNumber.length; a++) {
            for (int y = 0; y < cases.lastNumber[a].length; y++) {
                if (cases.lastNumber[a][y] > 0) {
                    counters.uuid(cases.staff.agencies.get(a).id()).number(cases.firstYear() + y)
                            .number(cases.lastNumber[a][y]).end();
                }
            }
        }
        db.setAutoCommit(false);
        counters.send(db);
        try (Statement s = db.createStatement()) {
            s.execute("select setval(pg_get_serial_sequence('case_transition', 'id'), greatest(1, (select max(id) from case_transition)))");
            s.execute("select setval(pg_get_serial_sequence('referral_event', 'id'), greatest(1, (select max(id) from referral_event)))");
            s.execute("select setval('referral_number', " + Math.max(1, cases.referralCount) + ", " + (cases.referralCount > 0) + ")");
        }
        db.commit();
        db.setAutoCommit(true);
    }

    private static void counts(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            List<String> tables = new ArrayList<>(List.of("agency", "app_user", "user_role", "supervision", "location",
                    "service_provider", "service", "service_location", "api_token", "case_number_counter"));
            tables.addAll(BIG_TABLES);
            long total = 0;
            StringBuilder line = new StringBuilder("  rows:");
            for (String table : tables) {
                ResultSet rs = s.executeQuery("select count(*) from " + table);
                rs.next();
                total += rs.getLong(1);
                line.append(String.format(" %s=%,d", table, rs.getLong(1)));
            }
            System.out.println(line.append(String.format("; total %,d", total)));
        }
    }

    // ---- tokens -------------------------------------------------------------------------------------------------------

    /** An API token stored exactly as ApiTokens.create does: "abri_" + base64url(32 bytes), SHA-256 hex, first 10 characters. */
    static String issueToken(Connection db, Rng rng, UUID userId, String name) throws Exception {
        byte[] random = new byte[32];
        rng.nextBytes(random);
        String secret = "abri_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement s = db.prepareStatement(
                "insert into api_token (id, user_id, name, token_hash, token_prefix) values (?, ?, ?, ?, ?)")) {
            s.setObject(1, rng.uuid());
            s.setObject(2, userId);
            s.setString(3, name);
            s.setString(4, hash);
            s.setString(5, secret.substring(0, 10));
            s.executeUpdate();
        }
        return secret;
    }

    static String now() {
        return Instant.now().toString();
    }
}
