package org.abri.bench.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.bench.generate.Names.ChildName;
import org.abri.bench.generate.Staff.User;

/**
 * The children's cases and their histories. Drawn in two passes: a cheap first pass over all
 * cases (agency, region, registration time, open or closed, risk, referrals) that sizes the
 * staff and numbers cases and referrals in order; then, for each table, the full plan of a case
 * is drawn again from the case's own seeded stream, so any table of any slice of cases can be
 * written by any thread and the rows stay the same.
 */
final class Cases {

    static final long DAY = 86_400L;
    static final long YEARS = 5;

    // Purposes of the seeded streams (Rng).
    private static final long CORE = 1, CONSENTS = 2, FORMS = 3, REFERRALS = 4;

    static final String[] STEPS = {"identification", "assessment", "planning", "implementation", "closure_requested",
        "closed", "archived"};
    static final int IDENTIFICATION = 0, ASSESSMENT = 1, PLANNING = 2, IMPLEMENTATION = 3, CLOSURE_REQUESTED = 4,
            CLOSED = 5, ARCHIVED = 6;
    static final String[] RISKS = {"high", "medium", "low"};

    /** The configuration the rows refer to (read from the database: the deployment's own lists and forms). */
    record Reference(List<String> concerns, List<String> nationalities, List<String> displacement,
            List<String> relationships, Map<String, Integer> formVersions) {
    }

    final long seed;
    final int n;
    final long today;
    final long start;
    final List<Places.Place> places;
    final List<List<Places.Place>> communesByDistrict = new ArrayList<>();
    final List<Places.Place> districts = new ArrayList<>();
    final Reference reference;
    final double caseload;
    Staff staff;
    Services services;

    // First pass, per case.
    final byte[] agency;
    final byte[] region;
    final int[] registered; // seconds since start
    final boolean[] open;
    final byte[] referrals;
    final int[] number; // sequence of the case number within agency and year
    final int[] firstReferral; // global number of the case's first referral
    final int[][] lastNumber; // per agency and year offset, the counter's last value
    int referralCount;

    Cases(long seed, int n, long todayEpochDay, List<Places.Place> places, Reference reference, double caseload) {
        this.seed = seed;
        this.n = n;
        this.today = todayEpochDay * DAY;
        this.start = today - YEARS * 365 * DAY;
        this.places = places;
        this.reference = reference;
        this.caseload = caseload;
        for (Places.Place p : places) {
            if (p.level() == 2) {
                districts.add(p);
                communesByDistrict.add(new ArrayList<>());
            }
        }
        for (Places.Place p : places) {
            if (p.level() == 3) {
                communesByDistrict.get(p.district()).add(p);
            }
        }
        agency = new byte[n];
        region = new byte[n];
        registered = new int[n];
        open = new boolean[n];
        referrals = new byte[n];
        number = new int[n];
        firstReferral = new int[n];
        lastNumber = new int[Staff.AGENCIES.size()][(int) YEARS + 2];
    }

    // ---- first pass ------------------------------------------------------------------------

    private static final double[] AGENCY_SHARES = Staff.AGENCIES.stream().mapToDouble(Staff.AgencySpec::share).toArray();

    /** The draws every later pass replays first, in the same order. */
    private void core(Rng rng, int i) {
        int a = rng.weighted(AGENCY_SHARES);
        int[] regions = Staff.AGENCIES.get(a).regions();
        double[] weights = new double[regions.length];
        for (int k = 0; k < regions.length; k++) {
            weights[k] = Places.REGIONS.get(regions[k]).caseWeight();
        }
        int r = regions[rng.weighted(weights)];
        // More cases in recent years (the deployment grew): half uniform, half rising linearly.
        long span = YEARS * 365 * DAY;
        double u = rng.nextDouble();
        double position = rng.chance(0.5) ? u : Math.sqrt(u);
        long secondsOfDay = 6 * 3600 + rng.nextInt(10 * 3600); // office hours, 7:00 to 17:00 in Bangui
        long day = Math.min((long) (position * span) / DAY, span / DAY - 1);
        int reg = (int) (day * DAY + secondsOfDay);
        double ageDays = (span - reg) / (double) DAY;
        boolean isOpen = ageDays < 10 || rng.chance(0.015 + Math.exp(-ageDays / 290.0));
        int referralCount = rng.chance(0.09) ? (rng.chance(0.12) ? 2 : 1) : 0;
        agency[i] = (byte) a;
        region[i] = (byte) r;
        registered[i] = reg;
        open[i] = isOpen;
        referrals[i] = (byte) referralCount;
    }

    void firstPass() {
        for (int i = 0; i < n; i++) {
            core(new Rng(seed, i, CORE), i);
        }
        // Case numbers in order of registration within each agency and year.
        int agencies = Staff.AGENCIES.size();
        int[] counts = new int[agencies];
        for (int i = 0; i < n; i++) {
            counts[agency[i]]++;
        }
        long[][] keys = new long[agencies][];
        for (int a = 0; a < agencies; a++) {
            keys[a] = new long[counts[a]];
            counts[a] = 0;
        }
        for (int i = 0; i < n; i++) {
            keys[agency[i]][counts[agency[i]]++] = ((long) registered[i] << 24) | i;
        }
        int firstYear = year(start);
        for (int a = 0; a < agencies; a++) {
            Arrays.sort(keys[a]);
            for (long key : keys[a]) {
                int i = (int) (key & 0xFFFFFF);
                int y = year(start + registered[i]) - firstYear;
                number[i] = ++lastNumber[a][y];
            }
        }
        int next = 1;
        for (int i = 0; i < n; i++) {
            firstReferral[i] = next;
            next += referrals[i];
        }
        referralCount = next - 1;
    }

    int[][] casesPerAgencyRegion(boolean onlyOpen) {
        int[][] counts = new int[Staff.AGENCIES.size()][Places.REGIONS.size()];
        for (int i = 0; i < n; i++) {
            if (!onlyOpen || open[i]) {
                counts[agency[i]][region[i]]++;
            }
        }
        return counts;
    }

    static int year(long epochSeconds) {
        return CopyRows.day(epochSeconds).getYear();
    }

    int firstYear() {
        return year(start);
    }

    // ---- the plan of one case --------------------------------------------------------------------

    record Transition(int from, int to, String action, String reason, long at, User by) {
    }

    record FormRec(UUID id, String formId, long at, User by, int kind) {
    }

    record Approval(UUID id, String kind, FormRec record, String status, long submittedAt, User submittedBy,
            long decidedAt, User decidedBy, String comment) {
    }

    /** Everything about one case, drawn from its stream. */
    final class Plan {
        int i;
        UUID id;
        String caseNumber;
        int agencyIndex;
        User caseworker;
        User supervisor;
        User registeredBy;
        int step;
        String risk;
        ChildName name;
        String sex;
        java.time.LocalDate dateOfBirth;
        int ageEstimated = -1;
        int age;
        String nationality;
        String displacement;
        UUID locationId;
        String caregiverName;
        String caregiverRelationship;
        List<String> concerns;
        long registeredAt;
        long stepSince;
        long closedAt = Long.MIN_VALUE;
        long updatedAt;
        User updatedBy;
        final List<Transition> transitions = new ArrayList<>();
        final List<FormRec> forms = new ArrayList<>();
        final List<Approval> approvals = new ArrayList<>();
        /** When the case was open (for referrals): from registration to closure or today. */
        long activeUntil;
    }

    static final int F_INITIAL = 0, F_COMPREHENSIVE = 1, F_PLAN = 2, F_FOLLOW_UP = 3, F_CLOSURE = 4, F_CONSENT = 5;
    static final String[] FORM_IDS = {"initial_assessment", "comprehensive_assessment", "case_plan", "follow_up_visit",
        "case_closure", "consent_assent"};

    Plan plan(int i) {
        Rng rng = new Rng(seed, i, CORE);
        core(rng, i);
        Plan p = new Plan();
        p.i = i;
        p.id = rng.uuid();
        p.agencyIndex = agency[i];
        Staff.Agency ag = staff.agencies.get(agency[i]);
        p.caseNumber = caseNumber(ag.spec().code(), year(start + registered[i]), number[i]);
        List<User> pool = staff.caseworkers.get(agency[i]).get(region[i]);
        p.caseworker = pickWeighted(rng, pool);
        p.supervisor = staff.users.get(p.caseworker.supervisor);
        List<User> clerks = staff.clerks.get(agency[i]);
        p.registeredBy = rng.chance(0.3) ? rng.pick(clerks) : p.caseworker;
        p.registeredAt = start + registered[i];
        p.risk = RISKS[rng.weighted(0.20, 0.45, 0.35)];
        // The child.
        Names.Culture culture = Places.culture(rng, region[i]);
        boolean female = rng.chance(0.52);
        p.sex = rng.chance(0.004) ? "unknown" : female ? "female" : "male";
        p.name = Names.child(rng, culture, female);
        p.age = rng.weighted(3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 8, 8, 7, 7, 6);
        java.time.LocalDate registeredOn = CopyRows.day(p.registeredAt);
        if (rng.chance(0.55)) {
            p.dateOfBirth = registeredOn.minusYears(p.age).minusDays(rng.nextInt(365));
        } else {
            p.ageEstimated = p.age;
        }
        p.nationality = culture == Names.Culture.ARABIC_ORIGIN && rng.chance(0.5) ? (rng.chance(0.7) ? "tcd" : "sdn")
                : culture == Names.Culture.FULANI && rng.chance(0.2) ? "cmr" : rng.chance(0.93) ? "caf"
                : rng.pick(reference.nationalities());
        p.displacement = rng.chance(0.1) ? null : reference.displacement().get(rng.weighted(45, 30, 10, 2, 10, 2, 1)
                % reference.displacement().size());
        // Where: a commune of the caseworker's district, sometimes only the district, rarely unknown.
        double where = rng.nextDouble();
        List<Places.Place> communes = communesByDistrict.get(p.caseworker.district);
        p.locationId = where < 0.90 ? rng.pick(communes).id() : where < 0.97 ? districts.get(p.caseworker.district).id() : null;
        boolean alone = rng.chance(0.07);
        p.caregiverRelationship = alone ? "none" : reference.relationships().get(rng.weighted(40, 15, 12, 6, 12, 6, 3, 4, 0)
                % reference.relationships().size());
        p.caregiverName = alone ? null : Names.adult(rng, culture, !p.caregiverRelationship.equals("father") && rng.chance(0.7));
        int concernCount = 1 + rng.weighted(55, 33, 12);
        p.concerns = new ArrayList<>(3);
        List<String> all = reference.concerns();
        while (p.concerns.size() < concernCount) {
            String c = all.get(rng.weighted(CONCERN_WEIGHTS) % all.size());
            if (!p.concerns.contains(c)) {
                p.concerns.add(c);
            }
        }
        history(rng, p);
        return p;
    }

    // In the order of the default lookup (physical violence … lack of documentation).
    private static final double[] CONCERN_WEIGHTS = {14, 9, 6, 12, 9, 3, 2, 5, 4, 8, 10, 3, 10, 3, 8};

    private static User pickWeighted(Rng rng, List<User> pool) {
        double total = 0;
        for (User u : pool) {
            total += u.weight;
        }
        double r = rng.nextDouble() * total;
        for (User u : pool) {
            r -= u.weight;
            if (r < 0) {
                return u;
            }
        }
        return pool.get(pool.size() - 1);
    }

    /** The steps the case went through, with their records and approvals, consistent with where it stands today. */
    private void history(Rng rng, Plan p) {
        long reg = p.registeredAt;
        long age = today - reg;
        double ageDays = age / (double) DAY;
        User cw = p.caseworker;
        User sup = p.supervisor;
        int target;
        boolean notEligible = false;
        if (open[p.i]) {
            double[] w = ageDays < 3 ? new double[] {80, 20, 0, 0, 0}
                    : ageDays < 20 ? new double[] {30, 60, 10, 0, 0}
                    : ageDays < 60 ? new double[] {5, 25, 35, 35, 0}
                    : new double[] {1, 4, 8, 75, 12};
            target = rng.weighted(w);
        } else {
            notEligible = rng.chance(0.12);
            target = notEligible ? CLOSED : CLOSURE_REQUESTED + 1;
        }
        // Nominal durations (seconds) between the milestones.
        long[] offsets = new long[7];
        offsets[0] = rng.between(1, 6) * DAY + rng.nextInt(8 * 3600); // eligibility decided
        offsets[1] = offsets[0] + rng.between(7, 35) * DAY; // assessment completed
        offsets[2] = offsets[1] + rng.between(2, 12) * DAY; // plan submitted
        offsets[3] = offsets[2] + rng.between(1, 6) * DAY; // plan approved
        offsets[4] = offsets[3] + rng.between(30, 300) * DAY; // closure requested
        offsets[5] = offsets[4] + rng.between(1, 10) * DAY; // closure approved
        long notEligibleAt = rng.between(1, 10) * DAY;
        int last = notEligible ? -1 : open[p.i] ? switch (target) {
            case IDENTIFICATION -> -1;
            case ASSESSMENT -> 0;
            case PLANNING -> 1;
            case IMPLEMENTATION -> 3;
            default -> 4;
        } : 5;
        long lastOffset = notEligible ? notEligibleAt : last < 0 ? 0 : offsets[last];
        // Squeeze the timeline into the time the case has existed.
        double squeeze = lastOffset > 0 && lastOffset > age * 0.9 ? age * 0.9 / lastOffset : 1;
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = (long) (offsets[k] * squeeze);
        }
        notEligibleAt = (long) (notEligibleAt * squeeze);
        p.step = IDENTIFICATION;
        p.stepSince = reg;
        p.updatedAt = reg;
        p.updatedBy = p.registeredBy;
        p.activeUntil = today - 3600;

        boolean initialDone = notEligible || last >= 0 || rng.chance(0.5);
        long initialAt = reg + (notEligible ? notEligibleAt : last >= 0 ? offsets[0] : Math.max(age / 2, 60)) - 3600;
        if (initialDone) {
            form(rng, p, F_INITIAL, Math.max(reg + 60, initialAt), cw);
        }
        if (notEligible) {
            move(p, CLOSED, "not_eligible", "Pas de besoin de gestion de cas : orienté vers d'autres services",
                    reg + notEligibleAt, cw);
            p.closedAt = reg + notEligibleAt;
            p.activeUntil = p.closedAt;
            return;
        }
        if (last < 0) {
            return;
        }
        move(p, ASSESSMENT, "eligible", null, reg + offsets[0], cw);
        boolean comprehensive = last >= 1 || rng.chance(0.4);
        if (comprehensive) {
            form(rng, p, F_COMPREHENSIVE, reg + (last >= 1 ? offsets[1] - 2 * 3600 : (offsets[0] + age) / 2), cw);
        }
        if (last < 1) {
            return;
        }
        move(p, PLANNING, "assessment_completed", null, reg + offsets[1], cw);
        boolean planned = last >= 3 || rng.chance(0.7);
        FormRec plan = null;
        if (planned) {
            long planAt = reg + (last >= 3 ? offsets[2] - 3600 : (offsets[1] + age) / 2);
            plan = form(rng, p, F_PLAN, planAt, cw);
            if (last >= 3 || rng.chance(0.5)) {
                long submitted = last >= 3 ? reg + offsets[2] : planAt + 600;
                trail(p, "plan_submitted", submitted, cw);
                if (last >= 3) {
                    p.approvals.add(new Approval(rng.uuid(), "plan", plan, "approved", submitted, cw, reg + offsets[3], sup,
                            null));
                    move(p, IMPLEMENTATION, "plan_approved", null, reg + offsets[3], sup);
                } else {
                    p.approvals.add(new Approval(rng.uuid(), "plan", plan, "submitted", submitted, cw, Long.MIN_VALUE, null,
                            null));
                }
            }
        }
        if (last < 3) {
            return;
        }
        long followUntil = last >= 4 ? reg + offsets[4] : today - 3600;
        int visits = rng.weighted(35, 40, 18, 7);
        for (int k = 1; k <= visits; k++) {
            long at = reg + offsets[3] + (followUntil - reg - offsets[3]) * k / (visits + 1);
            form(rng, p, F_FOLLOW_UP, at, cw);
        }
        if (last < 4) {
            return;
        }
        FormRec closure = form(rng, p, F_CLOSURE, reg + offsets[4] - 3600, cw);
        boolean closed = last >= 5;
        p.approvals.add(new Approval(rng.uuid(), "closure", closure, closed ? "approved" : "submitted", reg + offsets[4], cw,
                closed ? reg + offsets[5] : Long.MIN_VALUE, closed ? sup : null, null));
        move(p, CLOSURE_REQUESTED, "closure_requested", null, reg + offsets[4], cw);
        if (!closed) {
            return;
        }
        move(p, CLOSED, "closure_approved", null, reg + offsets[5], sup);
        p.closedAt = reg + offsets[5];
        p.activeUntil = p.closedAt;
        long review = p.closedAt + rng.between(90, 130) * DAY;
        if (review < today - DAY && rng.chance(0.85)) {
            move(p, ARCHIVED, "post_closure_review", "Revue post-clôture : situation stable, pas de nouvelle préoccupation",
                    review, cw);
        }
    }

    private FormRec form(Rng rng, Plan p, int kind, long at, User by) {
        FormRec rec = new FormRec(rng.uuid(), FORM_IDS[kind], at, by, kind);
        p.forms.add(rec);
        if (at > p.updatedAt) {
            p.updatedAt = at;
            p.updatedBy = by;
        }
        return rec;
    }

    private void move(Plan p, int to, String action, String reason, long at, User by) {
        p.transitions.add(new Transition(p.step, to, action, reason, at, by));
        p.step = to;
        p.stepSince = at;
        p.updatedAt = Math.max(p.updatedAt, at);
        p.updatedBy = by;
    }

    private void trail(Plan p, String action, long at, User by) {
        p.transitions.add(new Transition(p.step, p.step, action, null, at, by));
    }

    static String caseNumber(String agencyCode, int year, int sequence) {
        return "%s-%d-%05d".formatted(agencyCode, year, sequence);
    }

    // ---- rendering, one table at a time -----------------------------------------------------------

    static final String CASE_COLUMNS = "id, case_number, agency_id, caseworker_id, registered_by, status, risk_level, "
            + "given_names, family_name, other_names, sex, date_of_birth, age_estimated, age_estimated_on, nationality, "
            + "displacement_status, location_id, caregiver_name, caregiver_relationship, protection_concerns, registered_at, "
            + "updated_at, updated_by, version, step, step_since, closed_at";

    void writeCase(Plan p, CopyRows out) {
        boolean isOpen = p.step < CLOSED;
        out.uuid(p.id).raw(p.caseNumber).uuid(staff.agencies.get(p.agencyIndex).id()).uuid(p.caseworker.id)
                .uuid(p.registeredBy.id).raw(isOpen ? "open" : "closed").raw(p.risk).text(p.name.givenNames())
                .text(p.name.familyName()).text(p.name.otherNames()).raw(p.sex).date(p.dateOfBirth)
                .raw(p.ageEstimated < 0 ? null : Integer.toString(p.ageEstimated))
                .date(p.ageEstimated < 0 ? null : CopyRows.day(p.registeredAt)).raw(p.nationality).raw(p.displacement)
                .uuid(p.locationId).text(p.caregiverName).raw(p.caregiverRelationship).codes(p.concerns)
                .time(p.registeredAt).time(p.updatedAt).uuid(p.updatedBy.id).number(p.transitions.size() + p.forms.size())
                .raw(STEPS[p.step]).time(p.stepSince).time(p.closedAt);
        out.end();
    }

    static final String CONSENT_COLUMNS = "case_id, kind, decision, method, given_by, given_on";
    private static final String[] CONSENT_KINDS = {"case_management", "data_collection", "anonymous_data_sharing"};

    void writeConsents(Plan p, CopyRows out) {
        Rng rng = new Rng(seed, p.i, CONSENTS);
        String method = new String[] {"written", "verbal", "thumbprint"}[rng.weighted(50, 35, 15)];
        String by = p.age < 12 ? "caregiver" : p.caregiverName == null ? "child" : rng.chance(0.8) ? "both" : "caregiver";
        double[] given = {0.995, 0.96, 0.85};
        for (int k = 0; k < 3; k++) {
            out.uuid(p.id).raw(CONSENT_KINDS[k]).raw(rng.chance(given[k]) ? "given" : "refused").raw(method).raw(by)
                    .date(CopyRows.day(p.registeredAt));
            out.end();
        }
    }

    static final String TRANSITION_COLUMNS = "id, case_id, from_step, to_step, action, reason, occurred_at, user_id";

    void writeTransitions(Plan p, CopyRows out) {
        int k = 0;
        for (Transition t : p.transitions) {
            out.number((long) p.i * 10 + k++ + 1).uuid(p.id).raw(STEPS[t.from()]).raw(STEPS[t.to()]).raw(t.action())
                    .text(t.reason()).time(t.at()).uuid(t.by().id);
            out.end();
        }
    }

    static final String FORM_COLUMNS = "id, case_id, form_id, form_version, data, created_at, created_by, updated_at, updated_by";

    void writeForms(Plan p, CopyRows out) {
        Rng rng = new Rng(seed, p.i, FORMS);
        for (FormRec f : p.forms) {
            out.uuid(f.id()).uuid(p.id).raw(f.formId()).number(reference.formVersions().get(f.formId()))
                    .text(FormData.render(rng, f, p)).time(f.at()).uuid(f.by().id).time(f.at()).uuid(f.by().id);
            out.end();
        }
        if (referrals[p.i] > 0) {
            // The consent to share information the referrals rest on, recorded with the consent form.
            out.uuid(new Rng(seed, p.i, REFERRALS + 100).uuid()).uuid(p.id).raw("consent_assent")
                    .number(reference.formVersions().get("consent_assent"))
                    .text(FormData.consent(rng, p)).time(p.registeredAt + 600).uuid(p.registeredBy.id)
                    .time(p.registeredAt + 600).uuid(p.registeredBy.id);
            out.end();
        }
    }

    static final String APPROVAL_COLUMNS = "id, case_id, kind, record_id, record_version, snapshot, plan_version, status, "
            + "submitted_at, submitted_by, decided_at, decided_by, comment";

    void writeApprovals(Plan p, CopyRows out) {
        Rng rng = new Rng(seed, p.i, FORMS);
        // The snapshot is the record as submitted: render the forms again in order, keep those approved.
        java.util.Map<UUID, String> data = new java.util.HashMap<>();
        for (FormRec f : p.forms) {
            data.put(f.id(), FormData.render(rng, f, p));
        }
        for (Approval a : p.approvals) {
            out.uuid(a.id()).uuid(p.id).raw(a.kind()).uuid(a.record().id()).number(0).text(data.get(a.record().id()))
                    .raw(a.kind().equals("plan") ? "1" : null).raw(a.status()).time(a.submittedAt()).uuid(a.submittedBy().id)
                    .time(a.decidedAt()).uuid(a.decidedBy() == null ? null : a.decidedBy().id).text(a.comment());
            out.end();
        }
    }

    // ---- referrals ------------------------------------------------------------------------------------

    void writeReferrals(Plan p, CopyRows referralsOut, CopyRows eventsOut) {
        for (Referrals.Referral r : Referrals.of(this, p, new Rng(seed, p.i, REFERRALS))) {
            if (referralsOut != null) {
                Referrals.writeReferral(r, referralsOut);
            }
            if (eventsOut != null) {
                Referrals.writeEvents(r, eventsOut);
            }
        }
    }
}
