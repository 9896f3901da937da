package org.abri.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRecords.FormRecord;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseStep;
import org.abri.cases.CaseWorkflow;
import org.abri.cases.ChildCase;
import org.abri.cases.ConsentRecord;
import org.abri.identity.CurrentUser;
import org.abri.platform.NotFoundException;
import org.abri.platform.SqlParameters;
import org.abri.sop.SopSettings;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case file checklist (form {@code case_file_checklist}): is a case's file complete and
 * timely? Each item is computed from the record — consents, risk level, assessments within
 * their SOP deadlines, the plan approved, follow-ups and reviews on time, closure criteria — with
 * the dates that show it, so the supervisor only confirms or corrects and comments. Saved as a
 * staff record about the case's caseworker, on the case.
 */
@Service
public class CaseFileChecks {

    public static final String FORM = "case_file_checklist";
    public static final List<String> ITEMS = List.of("consents", "risk_level", "initial_assessment",
            "comprehensive_assessment", "plan_approved", "follow_ups", "case_review", "closure_criteria");
    public static final String MET = "met";
    public static final String NOT_MET = "not_met";
    public static final String NOT_APPLICABLE = "not_applicable";

    private final CaseRegistry registry;
    private final CaseRecords records;
    private final CaseWorkflow workflow;
    private final SopSettings sop;
    private final StaffRecords staffRecords;
    private final MessageSource messages;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    CaseFileChecks(CaseRegistry registry, CaseRecords records, CaseWorkflow workflow, SopSettings sop,
            StaffRecords staffRecords, MessageSource messages, Clock clock, JdbcClient jdbc, JsonMapper json) {
        this.registry = registry;
        this.records = records;
        this.workflow = workflow;
        this.sop = sop;
        this.staffRecords = staffRecords;
        this.messages = messages;
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One item as computed from the record: met, not met or not applicable, and the facts that show it. */
    public record Item(String id, String result, String evidence) {
    }

    /** The checklist pre-filled for a case: the case and each item. */
    public record Prefill(ChildCase child, List<Item> items) {

        /** The form's values: each item's result and evidence, comments left to the supervisor. */
        public Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Item item : items) {
                values.put(item.id(), item.result());
                values.put(item.id() + "_evidence", item.evidence());
            }
            return values;
        }

        public Optional<Item> item(String id) {
            return items.stream().filter(i -> i.id().equals(id)).findFirst();
        }
    }

    /** The latest checklist of a case as one reader sees it, with its counts. */
    public record CaseCheck(UUID recordId, UUID caseId, String caseNumber, UUID caseworkerId, LocalDate heldOn,
            String authorName, Map<String, Object> values, int met, int applicable, int total) {

        public String result(String item) {
            Object value = values.get(item);
            return value == null ? "" : value.toString();
        }

        public String comment(String item) {
            Object value = values.get(item + "_comment");
            return value == null ? "" : value.toString();
        }
    }

    /** One caseworker's checked files, for the team view: how many, and items met out of those that apply. */
    public record Tally(int files, int met, int applicable) {

        public int percentMet() {
            return applicable == 0 ? 100 : Math.round(100f * met / applicable);
        }
    }

    /** {@link #summary} added up per caseworker. */
    public Map<UUID, Tally> tallies(CurrentUser reader, Collection<UUID> caseworkerIds) {
        Map<UUID, Tally> tallies = new java.util.HashMap<>();
        for (CaseCheck check : summary(reader, caseworkerIds)) {
            tallies.merge(check.caseworkerId(), new Tally(1, check.met(), check.applicable()),
                    (a, b) -> new Tally(a.files() + b.files(), a.met() + b.met(), a.applicable() + b.applicable()));
        }
        return tallies;
    }

    /** Whether this user may check this case's file: a supervisor or manager who may write about its caseworker. */
    /** 404 unless this user may read the case: the checklist section opens no door of its own. */
    public void requireCaseReadable(CurrentUser user, UUID caseId) {
        if (!registry.mayRead(user, caseId)) {
            throw new NotFoundException("case.not_found");
        }
    }

    public boolean mayCheck(CurrentUser user, UUID caseId) {
        if (!registry.mayRead(user, caseId)) {
            return false;
        }
        UUID caseworker = jdbc.sql("select caseworker_id from child_case where id = ?").param(caseId)
                .query(UUID.class).optional().orElse(null);
        return caseworker != null && staffRecords.mayRecordAbout(user, caseworker);
    }

    /** The checklist computed from the record of a case, worded in the reader's language. 404 if not theirs to check. */
    @Transactional
    public Prefill prefill(CurrentUser supervisor, UUID caseId, Locale locale) {
        if (!mayCheck(supervisor, caseId)) {
            throw new NotFoundException("case.not_found");
        }
        ChildCase child = registry.read(supervisor, caseId);
        List<FormRecord> onFile = records.list(supervisor, caseId);
        CaseWorkflow.CaseState state = workflow.state(supervisor, caseId);
        SopSettings.Delays delays = sop.delays();
        String risk = child.riskLevel() == null ? "medium" : child.riskLevel();
        Instant now = clock.instant();
        Facts facts = new Facts(child, onFile, state, delays, risk, now, locale);
        List<Item> items = List.of(consents(facts), riskLevel(facts), initialAssessment(facts),
                comprehensiveAssessment(facts), planApproved(facts), regular(facts, "follow_ups", "follow_up_visit",
                        "follow_up"), regular(facts, "case_review", "case_review", "case_review"),
                closure(facts, supervisor));
        return new Prefill(child, items);
    }

    /** Saves the checklist the supervisor confirmed or corrected: about the case's caseworker, on the case. */
    @Transactional
    public StaffRecord save(CurrentUser supervisor, UUID caseId, LocalDate heldOn, String mode, Map<String, ?> values) {
        if (!mayCheck(supervisor, caseId)) {
            throw new NotFoundException("case.not_found");
        }
        ChildCase child = registry.read(supervisor, caseId);
        return staffRecords.create(supervisor, new StaffRecords.StaffRecordRequest(FORM, child.caseworkerId(), caseId,
                heldOn, mode, values));
    }

    /** The latest checklist of a case this reader may see (the person checked, their supervisors, their manager). */
    @Transactional
    public Optional<CaseCheck> latest(CurrentUser reader, UUID caseId) {
        return staffRecords.list(reader, null, FORM, caseId).stream().findFirst()
                .map(r -> check(r.id(), r.caseId(), r.caseNumber(), r.subjectId(), r.heldOn(), r.createdByName(),
                        r.data()));
    }

    /**
     * For the team view: the latest checklist of each case of these caseworkers that this reader
     * may see, with its counts (items met out of those that apply, and in all). No child data.
     */
    public List<CaseCheck> summary(CurrentUser reader, Collection<UUID> caseworkerIds) {
        if (caseworkerIds.isEmpty()) {
            return List.of();
        }
        StaffRecords.Condition readable = StaffRecords.readable(reader);
        List<Object> params = new ArrayList<>(readable.params());
        String marks = String.join(", ", caseworkerIds.stream().map(id -> "?").toList());
        params.add(FORM);
        params.addAll(caseworkerIds);
        String sql = "select distinct on (r.case_id) r.id, r.case_id, c.case_number, c.caseworker_id, r.held_on,"
                + " a.full_name as author_name, r.data::text as data"
                + " from staff_record r join child_case c on c.id = r.case_id join app_user a on a.id = r.created_by"
                + " where " + readable.sql() + " and r.form_id = ? and c.caseworker_id in (" + marks + ")"
                + " order by r.case_id, r.held_on desc, r.created_at desc";
        return SqlParameters.bind(jdbc.sql(sql), params).query((rs, n) -> check(rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class), rs.getString("case_number"),
                rs.getObject("caseworker_id", UUID.class), rs.getObject("held_on", LocalDate.class),
                rs.getString("author_name"), json.readValue(rs.getString("data"),
                        new TypeReference<LinkedHashMap<String, Object>>() {
                        }))).list();
    }

    static CaseCheck check(UUID recordId, UUID caseId, String caseNumber, UUID caseworkerId, LocalDate heldOn,
            String authorName, Map<String, Object> values) {
        int met = 0;
        int applicable = 0;
        int total = 0;
        for (String item : ITEMS) {
            Object value = values.get(item);
            if (value == null) {
                continue;
            }
            total++;
            if (!NOT_APPLICABLE.equals(value)) {
                applicable++;
            }
            if (MET.equals(value)) {
                met++;
            }
        }
        return new CaseCheck(recordId, caseId, caseNumber, caseworkerId, heldOn, authorName, values, met, applicable,
                total);
    }

    // ---- the items -----------------------------------------------------------------------------

    private record Facts(ChildCase child, List<FormRecord> onFile, CaseWorkflow.CaseState state,
            SopSettings.Delays delays, String risk, Instant now, Locale locale) {

        List<Instant> times(String formId) {
            return onFile.stream().filter(r -> r.formId().equals(formId)).map(FormRecord::createdAt).sorted().toList();
        }

        Optional<Instant> first(String formId) {
            return times(formId).stream().findFirst();
        }

        /** When the case first entered a step (its history is newest first). */
        Optional<Instant> entered(CaseStep step) {
            return state.history().stream().filter(t -> step.code().equals(t.toStep()))
                    .map(CaseWorkflow.Transition::occurredAt).min(Comparator.naturalOrder());
        }

        boolean reached(CaseStep step) {
            return state.step().ordinal() >= step.ordinal();
        }
    }

    private Item consents(Facts f) {
        long recorded = ConsentRecord.KINDS.stream().filter(kind -> f.child().consents().stream()
                .anyMatch(c -> c.kind().equals(kind) && c.decision() != null)).count();
        Optional<Instant> form = f.first("consent_assent");
        String formText = form.map(at -> say(f, "checklist.evidence.recordedOn", day(at)))
                .orElseGet(() -> say(f, "checklist.evidence.notOnFile"));
        boolean met = recorded == ConsentRecord.KINDS.size() && form.isPresent();
        return new Item("consents", met ? MET : NOT_MET,
                say(f, "checklist.evidence.consents", recorded, ConsentRecord.KINDS.size(), formText));
    }

    private Item riskLevel(Facts f) {
        String level = f.child().riskLevel();
        return level == null ? new Item("risk_level", NOT_MET, say(f, "checklist.evidence.riskMissing"))
                : new Item("risk_level", MET, say(f, "checklist.evidence.risk", say(f, "checklist.risk." + level)));
    }

    private Item initialAssessment(Facts f) {
        Instant from = f.child().registeredAt();
        return deadline(f, "initial_assessment", from, f.first("initial_assessment"),
                f.delays().of("initial_assessment", f.risk()), "checklist.evidence.fromRegistration");
    }

    private Item comprehensiveAssessment(Facts f) {
        Optional<Instant> initial = f.first("initial_assessment");
        if (initial.isEmpty()) {
            return new Item("comprehensive_assessment", NOT_APPLICABLE, say(f, "checklist.evidence.noInitial"));
        }
        return deadline(f, "comprehensive_assessment", initial.get(), f.first("comprehensive_assessment"),
                f.delays().of("comprehensive_assessment", f.risk()), "checklist.evidence.fromInitial");
    }

    /** A document due within a delay from a date: on file in time, late, missing past its deadline, or not yet due. */
    private Item deadline(Facts f, String id, Instant from, Optional<Instant> done, Duration delay, String fromKey) {
        Instant due = from.plus(delay);
        String context = say(f, fromKey, day(from), span(f, delay), day(due));
        if (done.isPresent()) {
            boolean inTime = !done.get().isAfter(due);
            return new Item(id, inTime ? MET : NOT_MET, context + " " + say(f,
                    inTime ? "checklist.evidence.doneInTime" : "checklist.evidence.doneLate", day(done.get())));
        }
        if (f.now().isAfter(due)) {
            return new Item(id, NOT_MET, context + " " + say(f, "checklist.evidence.missingOverdue"));
        }
        return new Item(id, NOT_APPLICABLE, context + " " + say(f, "checklist.evidence.notYetDue"));
    }

    private Item planApproved(Facts f) {
        Optional<CaseWorkflow.Approval> approved = f.state().approvals().stream()
                .filter(a -> "plan".equals(a.kind()) && "approved".equals(a.status()))
                .max(Comparator.comparing(CaseWorkflow.Approval::decidedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (approved.isPresent()) {
            CaseWorkflow.Approval a = approved.get();
            return new Item("plan_approved", MET, say(f, "checklist.evidence.planApproved",
                    a.decidedAt() == null ? "" : day(a.decidedAt()), a.decidedByName() == null ? "" : a.decidedByName()));
        }
        if (f.reached(CaseStep.IMPLEMENTATION) && f.first("case_plan").isPresent()) {
            return new Item("plan_approved", NOT_MET, say(f, "checklist.evidence.planNotApproved"));
        }
        if (f.reached(CaseStep.IMPLEMENTATION)) {
            return new Item("plan_approved", NOT_MET, say(f, "checklist.evidence.planMissing"));
        }
        return new Item("plan_approved", NOT_APPLICABLE, say(f, "checklist.evidence.planNotYet"));
    }

    /**
     * Follow-ups or reviews: from the start of implementation, no gap between two of them, or
     * since the last one, longer than the SOP delay for the risk level. One gap too long — a
     * missed follow-up — and the item is not met.
     */
    private Item regular(Facts f, String id, String formId, String delayName) {
        Optional<Instant> start = f.entered(CaseStep.IMPLEMENTATION);
        if (start.isEmpty()) {
            return new Item(id, NOT_APPLICABLE, say(f, "checklist.evidence.notImplemented"));
        }
        Duration delay = f.delays().of(delayName, f.risk());
        Instant end = f.now();
        if (f.state().step() != CaseStep.IMPLEMENTATION) {
            // Once closure is requested, the rhythm stops when implementation ended.
            end = f.state().history().stream().filter(t -> CaseStep.IMPLEMENTATION.code().equals(t.fromStep()))
                    .map(CaseWorkflow.Transition::occurredAt).max(Comparator.naturalOrder()).orElse(f.now());
        }
        List<Instant> done = f.times(formId).stream().filter(at -> !at.isBefore(start.get())).toList();
        List<String> gaps = new ArrayList<>();
        Instant previous = start.get();
        for (Instant at : done) {
            if (Duration.between(previous, at).compareTo(delay) > 0) {
                gaps.add(say(f, "checklist.evidence.gap", Duration.between(previous, at).toDays(), day(previous), day(at)));
            }
            previous = at;
        }
        if (Duration.between(previous, end).compareTo(delay) > 0) {
            gaps.add(say(f, "checklist.evidence.since", day(previous), Duration.between(previous, end).toDays(),
                    day(previous.plus(delay))));
        }
        StringBuilder evidence = new StringBuilder(say(f, "checklist.evidence.rhythm", done.size(),
                day(start.get()), span(f, delay)));
        if (!done.isEmpty()) {
            evidence.append(' ').append(say(f, "checklist.evidence.last", day(done.get(done.size() - 1))));
        }
        gaps.forEach(gap -> evidence.append(' ').append(gap));
        return new Item(id, gaps.isEmpty() ? MET : NOT_MET, evidence.toString());
    }

    private Item closure(Facts f, CurrentUser reader) {
        if (!f.reached(CaseStep.CLOSURE_REQUESTED)) {
            return new Item("closure_criteria", NOT_APPLICABLE, say(f, "checklist.evidence.notClosing"));
        }
        Optional<FormRecord> latest = f.onFile().stream().filter(r -> r.formId().equals("case_closure"))
                .max(Comparator.comparing(FormRecord::createdAt));
        if (latest.isEmpty()) {
            return new Item("closure_criteria", NOT_MET, say(f, "checklist.evidence.closureMissing"));
        }
        Map<String, Object> data = records.read(reader, latest.get().id()).data();
        int ticked = data.get("closure_criteria") instanceof Collection<?> list ? list.size() : 0;
        Object date = data.get("closure_date");
        return new Item("closure_criteria", ticked > 0 ? MET : NOT_MET, say(f, "checklist.evidence.closure",
                ticked, date == null ? day(latest.get().createdAt()) : date.toString()));
    }

    // ---- wording -------------------------------------------------------------------------------

    private String say(Facts f, String key, Object... args) {
        return messages.getMessage(key, args, key, f.locale());
    }

    private String day(Instant at) {
        return LocalDate.ofInstant(at, clock.getZone()).toString();
    }

    private String span(Facts f, Duration delay) {
        if (delay.toHours() % 24 == 0) {
            return say(f, "checklist.days", delay.toDays());
        }
        return say(f, "checklist.hours", delay.toHours());
    }
}
