package org.abri.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Self-assessments on the improvement grid. An agency manager assesses their agency; a
 * coordinator assesses the response at interagency level (no agency). Each item is ticked met or
 * not, with an evidence note or documents; the figures Abri measures are shown beside the items
 * and frozen at completion. The improvement plan holds an action per unmet item of a domain's
 * next level; its outcome is recorded in the next assessment of the same agency. Nobody else
 * reads an assessment: the coordination group sees only the profile an agency chooses to share.
 */
@Service
public class QualityAssessments {

    static final String RECORD_TYPE = "quality_assessment";
    static final int MAX_NOTE = 2000;
    static final int MAX_ACTION = 1000;
    static final int MAX_OWNER = 200;
    public static final List<String> OUTCOMES = List.of("done", "in_progress", "not_done");

    /** An assessment and who ran it. {@code agencyId} null: the interagency assessment. */
    public record Assessment(UUID id, UUID agencyId, String agencyName, LocalDate from, LocalDate to, String status,
            boolean shared, Instant startedAt, String startedByName, Instant completedAt, String completedByName,
            int version) {

        public boolean completed() {
            return "completed".equals(status);
        }

        public boolean interagency() {
            return agencyId == null;
        }
    }

    public record Answer(UUID itemId, boolean met, String note) {
    }

    public record Document(UUID id, UUID itemId, String fileName, String contentType, int sizeBytes,
            Instant uploadedAt, String uploadedByName) {
    }

    /** An action of the improvement plan, and its outcome once followed up. */
    public record Action(UUID id, UUID assessmentId, UUID itemId, String itemCode, String action, String owner,
            LocalDate dueOn, String outcome, String outcomeNote, UUID followedUpIn) {
    }

    /** What a user submits for one item. */
    public record AnswerInput(UUID itemId, boolean met, String note) {
    }

    private final JdbcClient jdbc;
    private final QualityGrid grid;
    private final QualityEvidence evidence;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    QualityAssessments(JdbcClient jdbc, QualityGrid grid, QualityEvidence evidence, AuditLog audit, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.grid = grid;
        this.evidence = evidence;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    // ---- who may ------------------------------------------------------------------------------

    /** Runs the assessments of this scope: the agency's manager, or a coordinator for interagency. */
    public static boolean mayRun(CurrentUser me, UUID agencyId) {
        if (me == null) {
            return false;
        }
        if (agencyId == null) {
            return me.has(Role.COORDINATOR);
        }
        return me.has(Role.AGENCY_MANAGER) && agencyId.equals(me.agencyId());
    }

    /** Reads the assessments of this scope: who runs them, and the coordination viewers for interagency. */
    public static boolean mayRead(CurrentUser me, UUID agencyId) {
        return mayRun(me, agencyId) || (agencyId == null && me != null && me.has(Role.COORDINATION_VIEWER));
    }

    /** Sees the interagency view (profiles agencies share, and the interagency assessments). */
    public static boolean maySeeInteragency(CurrentUser me) {
        return me != null && me.hasAny(Role.COORDINATOR, Role.COORDINATION_VIEWER);
    }

    /** The scope a user's own assessments are about: their agency as manager, else interagency. */
    public static Optional<Scope> scopeOf(CurrentUser me) {
        if (me != null && me.has(Role.AGENCY_MANAGER) && me.agencyId() != null) {
            return Optional.of(new Scope(me.agencyId()));
        }
        if (maySeeInteragency(me)) {
            return Optional.of(new Scope(null));
        }
        return Optional.empty();
    }

    /** An agency, or the interagency level when {@code agencyId} is null. */
    public record Scope(UUID agencyId) {

        public boolean interagency() {
            return agencyId == null;
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    private static final String SELECT = """
             select a.id, a.agency_id, g.name as agency_name, a.period_from, a.period_to, a.status, a.shared,
                   a.started_at, s.full_name as started_by_name, a.completed_at, c.full_name as completed_by_name,
                   a.version
            from quality_assessment a
            left join agency g on g.id = a.agency_id
            join app_user s on s.id = a.started_by
            left join app_user c on c.id = a.completed_by""";

    private static Assessment assessment(ResultSet rs, int n) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Assessment(rs.getObject("id", UUID.class), rs.getObject("agency_id", UUID.class),
                rs.getString("agency_name"), rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class), rs.getString("status"), rs.getBoolean("shared"),
                rs.getTimestamp("started_at").toInstant(), rs.getString("started_by_name"),
                completed == null ? null : completed.toInstant(), rs.getString("completed_by_name"),
                rs.getInt("version"));
    }

    /** The assessments of a scope, newest first. */
    public List<Assessment> list(CurrentUser me, Scope scope) {
        if (!mayRead(me, scope.agencyId())) {
            throw new AccessDeniedException("not your agency's assessments");
        }
        return jdbc.sql(SELECT + " where a.agency_id is not distinct from ? order by a.started_at desc")
                .param(scope.agencyId()).query(QualityAssessments::assessment).list();
    }

    /** One assessment, for who may read it (404 for anyone else, as for a record they may not know of). */
    public Assessment read(CurrentUser me, UUID id) {
        Assessment found = find(id).orElseThrow(() -> new NotFoundException("quality.not_found"));
        if (!mayRead(me, found.agencyId())) {
            throw new NotFoundException("quality.not_found");
        }
        return found;
    }

    Optional<Assessment> find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query(QualityAssessments::assessment).optional();
    }

    public Map<UUID, Answer> answers(UUID assessmentId) {
        return jdbc.sql("select item_id, met, note from quality_answer where assessment_id = ?").param(assessmentId)
                .query((rs, n) -> new Answer(rs.getObject("item_id", UUID.class), rs.getBoolean("met"),
                        rs.getString("note")))
                .list().stream().collect(Collectors.toMap(Answer::itemId, Function.identity()));
    }

    public List<Document> documents(UUID assessmentId) {
        return jdbc.sql("""
                select d.id, d.item_id, d.file_name, d.content_type, d.size_bytes, d.uploaded_at, u.full_name
                from quality_document d join app_user u on u.id = d.uploaded_by
                where d.assessment_id = ? order by d.uploaded_at""").param(assessmentId)
                .query((rs, n) -> new Document(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getInt("size_bytes"),
                        rs.getTimestamp("uploaded_at").toInstant(), rs.getString("full_name")))
                .list();
    }

    private static final String ACTIONS = """
             select x.id, x.assessment_id, x.item_id, i.code, x.action, x.owner, x.due_on, x.outcome, x.outcome_note,
                   x.followed_up_in
            from quality_action x join quality_item i on i.id = x.item_id
            join quality_domain d on d.code = i.domain_code""";
    private static final String ACTION_ORDER = " order by d.position, " + QualityGrid.LEVEL_ORDER
            + ", i.position, x.created_at";

    private static Action action(ResultSet rs, int n) throws SQLException {
        return new Action(rs.getObject("id", UUID.class), rs.getObject("assessment_id", UUID.class),
                rs.getObject("item_id", UUID.class), rs.getString("code"), rs.getString("action"),
                rs.getString("owner"), rs.getObject("due_on", LocalDate.class), rs.getString("outcome"),
                rs.getString("outcome_note"), rs.getObject("followed_up_in", UUID.class));
    }

    /** The improvement plan made in this assessment. */
    public List<Action> plan(UUID assessmentId) {
        return jdbc.sql(ACTIONS + " where x.assessment_id = ?" + ACTION_ORDER).param(assessmentId)
                .query(QualityAssessments::action).list();
    }

    /** The assessment of the same scope completed before this one started, whose plan this one follows up. */
    public Optional<Assessment> previous(Assessment of) {
        return jdbc.sql(SELECT + " " + """
                 where a.agency_id is not distinct from ? and a.status = 'completed' and a.id <> ?
                  and a.completed_at <= ? order by a.completed_at desc limit 1""")
                .params(of.agencyId(), of.id(), Timestamp.from(of.startedAt()))
                .query(QualityAssessments::assessment).optional();
    }

    /** Whether a newer assessment of the same scope has started: this one's plan is then closed. */
    boolean superseded(Assessment of) {
        return jdbc.sql("""
                select count(*) from quality_assessment
                where agency_id is not distinct from ? and id <> ? and started_at > ?""")
                .params(of.agencyId(), of.id(), Timestamp.from(of.startedAt())).query(Long.class).single() > 0;
    }

    /** The figures measured for this assessment: frozen at completion, live while in progress. */
    public List<Measure> evidence(CurrentUser me, Assessment of) {
        if (of.completed()) {
            String frozen = jdbc.sql("select evidence::text from quality_assessment where id = ?").param(of.id())
                    .query(String.class).optional().orElse(null);
            if (frozen != null) {
                return json.readValue(frozen, new TypeReference<List<Measure>>() {
                });
            }
        }
        return evidence.measure(me, of.agencyId(), of.from(), of.to());
    }

    /** The profile of an assessment: the level of each domain and what stands before the next. */
    public QualityProfile profile(UUID assessmentId) {
        Map<UUID, Answer> answers = answers(assessmentId);
        return QualityProfile.of(grid.domains(), grid.itemsByDomain(),
                itemId -> answers.containsKey(itemId) && answers.get(itemId).met());
    }

    /** The completed assessments of a scope, oldest first, for comparison over time. */
    public List<Assessment> completed(CurrentUser me, Scope scope) {
        return list(me, scope).stream().filter(Assessment::completed)
                .sorted(java.util.Comparator.comparing(Assessment::completedAt)).toList();
    }

    /** Each agency's latest shared profile, by agency name, for the coordination group. */
    public List<Assessment> latestShared(CurrentUser me) {
        if (!maySeeInteragency(me)) {
            throw new AccessDeniedException("the coordination group only");
        }
        return jdbc.sql(SELECT + " " + """
                 where a.id in (select distinct on (agency_id) id from quality_assessment
                                where agency_id is not null and status = 'completed' and shared
                                order by agency_id, completed_at desc)
                order by g.name""").query(QualityAssessments::assessment).list();
    }

    // ---- writing ------------------------------------------------------------------------------

    @Transactional
    public Assessment start(CurrentUser me, Scope scope, LocalDate from, LocalDate to) {
        if (!mayRun(me, scope.agencyId())) {
            throw new AccessDeniedException("agency managers, or coordinators for the interagency level");
        }
        FieldChecks checks = new FieldChecks().required("from", from).required("to", to);
        if (from != null && to != null && from.isAfter(to)) {
            checks.add("to", "quality.period_reversed");
        }
        if (to != null && to.isAfter(LocalDate.now(clock))) {
            checks.add("to", "quality.period_future");
        }
        checks.throwIfAny();
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    insert into quality_assessment (id, agency_id, period_from, period_to, started_at, started_by)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(id, scope.agencyId(), from, to, Timestamp.from(clock.instant()), me.id()).update();
        } catch (DuplicateKeyException e) {
            throw new RuleViolationException("quality.assessment_in_progress");
        }
        audit.record(AuditAction.CREATE, RECORD_TYPE, id, scope.agencyId(),
                Map.of("from", from.toString(), "to", to.toString()));
        return find(id).orElseThrow();
    }

    private Assessment writable(CurrentUser me, UUID id) {
        Assessment found = read(me, id);
        if (!mayRun(me, found.agencyId())) {
            throw new AccessDeniedException("read only");
        }
        return found;
    }

    private Assessment inProgress(CurrentUser me, UUID id) {
        Assessment found = writable(me, id);
        if (found.completed()) {
            throw new RuleViolationException("quality.assessment_completed");
        }
        return found;
    }

    /** Saves the answers given for some items (a domain's page at a time); the others stay as they were. */
    @Transactional
    public void answer(CurrentUser me, UUID id, List<AnswerInput> inputs) {
        Assessment found = inProgress(me, id);
        Set<UUID> known = grid.items().stream().map(QualityGrid.Item::id).collect(Collectors.toSet());
        FieldChecks checks = new FieldChecks();
        for (AnswerInput input : inputs) {
            if (!known.contains(input.itemId())) {
                throw new NotFoundException("quality.item_not_found");
            }
            checks.text("note-" + input.itemId(), input.note(), false, MAX_NOTE);
        }
        checks.throwIfAny();
        Timestamp now = Timestamp.from(clock.instant());
        for (AnswerInput input : inputs) {
            jdbc.sql("""
                    insert into quality_answer (assessment_id, item_id, met, note, updated_at, updated_by)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (assessment_id, item_id) do update
                    set met = excluded.met, note = excluded.note, updated_at = excluded.updated_at,
                        updated_by = excluded.updated_by
                    where quality_answer.met <> excluded.met
                       or quality_answer.note is distinct from excluded.note""")
                    .params(id, input.itemId(), input.met(), blankToNull(input.note()), now, me.id()).update();
        }
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, found.agencyId(), Map.of("answers", inputs.size()));
    }

    /** The document types accepted as evidence, by what their name ends with. */
    static final Map<String, String> DOCUMENT_TYPES = Map.ofEntries(Map.entry("pdf", "application/pdf"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("txt", "text/plain"));
    public static final int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

    /** Keeps a document as evidence for an item. Its type is taken from its name, never from the browser. */
    @Transactional
    public Document attach(CurrentUser me, UUID id, UUID itemId, String fileName, byte[] content) {
        Assessment found = inProgress(me, id);
        grid.item(itemId).orElseThrow(() -> new NotFoundException("quality.item_not_found"));
        String name = fileName == null ? "" : fileName.replaceAll("^.*[/\\\\]", "").strip();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase() : "";
        FieldChecks checks = new FieldChecks();
        if (content == null || content.length == 0) {
            checks.add("document", "quality.document_empty");
        } else if (content.length > MAX_DOCUMENT_BYTES) {
            checks.add("document", "quality.document_too_large", MAX_DOCUMENT_BYTES / (1024 * 1024));
        } else if (!DOCUMENT_TYPES.containsKey(extension)) {
            checks.add("document", "quality.document_type", String.join(", ", new java.util.TreeSet<>(
                    DOCUMENT_TYPES.keySet())));
        } else if (name.length() > 200) {
            checks.add("document", "quality.document_name");
        }
        checks.throwIfAny();
        UUID documentId = UUID.randomUUID();
        jdbc.sql("""
                insert into quality_document (id, assessment_id, item_id, file_name, content_type, size_bytes, content,
                                              uploaded_at, uploaded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(documentId, id, itemId, name, DOCUMENT_TYPES.get(extension), content.length, content,
                        Timestamp.from(clock.instant()), me.id())
                .update();
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, found.agencyId(),
                Map.of("document", documentId.toString(), "item", itemId.toString()));
        return documents(id).stream().filter(d -> d.id().equals(documentId)).findFirst().orElseThrow();
    }

    /** A document and its content, for who may read the assessment; audited. */
    public Map.Entry<Document, byte[]> document(CurrentUser me, UUID id, UUID documentId) {
        Assessment found = read(me, id);
        Document document = documents(id).stream().filter(d -> d.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("quality.document_not_found"));
        byte[] content = jdbc.sql("select content from quality_document where id = ?").param(documentId)
                .query((rs, n) -> rs.getBytes(1)).single();
        audit.record(AuditAction.READ, RECORD_TYPE, id, found.agencyId(), Map.of("document", documentId.toString()));
        return Map.entry(document, content);
    }

    /** Completes the assessment: answers and figures are kept as they are now. */
    @Transactional
    public Assessment complete(CurrentUser me, UUID id, int version, boolean shared) {
        Assessment found = inProgress(me, id);
        List<Measure> measured = evidence.measure(me, found.agencyId(), found.from(), found.to());
        int changed = jdbc.sql("""
                update quality_assessment set status = 'completed', completed_at = ?, completed_by = ?,
                       evidence = ?::jsonb, shared = ?, version = version + 1
                where id = ? and version = ? and status = 'in_progress'""")
                .params(Timestamp.from(clock.instant()), me.id(), json.writeValueAsString(measured),
                        shared && !found.interagency(), id, version)
                .update();
        if (changed == 0) {
            throw new StaleRecordException("quality.assessment_changed_meanwhile");
        }
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, found.agencyId(), Map.of("completed", true,
                "shared", shared && !found.interagency()));
        return find(id).orElseThrow();
    }

    /** Shares (or stops sharing) the agency's profile with the coordination group. */
    @Transactional
    public void share(CurrentUser me, UUID id, boolean shared) {
        Assessment found = writable(me, id);
        if (found.interagency()) {
            throw new RuleViolationException("quality.interagency_not_shared");
        }
        jdbc.sql("update quality_assessment set shared = ?, version = version + 1 where id = ?").params(shared, id)
                .update();
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, found.agencyId(), Map.of("shared", shared));
    }

    /**
     * Adds an action to the improvement plan, for an unmet item of its domain's next level. The
     * plan stays open until the next assessment of the same scope starts.
     */
    @Transactional
    public Action plan(CurrentUser me, UUID id, UUID itemId, String actionText, String owner, LocalDate dueOn) {
        Assessment found = writable(me, id);
        if (superseded(found)) {
            throw new RuleViolationException("quality.plan_closed");
        }
        QualityProfile profile = profile(id);
        if (profile.gaps().stream().noneMatch(i -> i.id().equals(itemId))) {
            throw new RuleViolationException("quality.action_not_a_gap");
        }
        FieldChecks checks = new FieldChecks().text("action", actionText, true, MAX_ACTION)
                .text("owner", owner, true, MAX_OWNER).required("dueOn", dueOn);
        checks.throwIfAny();
        UUID actionId = UUID.randomUUID();
        jdbc.sql("""
                insert into quality_action (id, assessment_id, item_id, action, owner, due_on, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(actionId, id, itemId, actionText.strip(), owner.strip(), dueOn, Timestamp.from(clock.instant()),
                        me.id())
                .update();
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, found.agencyId(), Map.of("action", actionId.toString()));
        return plan(id).stream().filter(a -> a.id().equals(actionId)).findFirst().orElseThrow();
    }

    /** Removes an action not yet followed up, while the plan is open. */
    @Transactional
    public void dropAction(CurrentUser me, UUID id, UUID actionId) {
        Assessment found = writable(me, id);
        if (superseded(found)) {
            throw new RuleViolationException("quality.plan_closed");
        }
        int removed = jdbc.sql("delete from quality_action where id = ? and assessment_id = ? and outcome is null")
                .params(actionId, id).update();
        if (removed == 0) {
            throw new NotFoundException("quality.action_not_found");
        }
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, found.agencyId(),
                Map.of("action_removed", actionId.toString()));
    }

    /** Records, in an assessment in progress, what became of an action of the previous plan. */
    @Transactional
    public void followUp(CurrentUser me, UUID id, UUID actionId, String outcome, String note) {
        Assessment found = inProgress(me, id);
        Assessment before = previous(found).orElseThrow(() -> new NotFoundException("quality.action_not_found"));
        FieldChecks checks = new FieldChecks().choice("outcome", outcome, OUTCOMES, true)
                .text("outcomeNote", note, false, MAX_NOTE);
        checks.throwIfAny();
        int changed = jdbc.sql("""
                update quality_action set outcome = ?, outcome_note = ?, followed_up_in = ?, followed_up_at = ?,
                       followed_up_by = ?
                where id = ? and assessment_id = ?""")
                .params(outcome, blankToNull(note), id, Timestamp.from(clock.instant()), me.id(), actionId,
                        before.id())
                .update();
        if (changed == 0) {
            throw new NotFoundException("quality.action_not_found");
        }
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, found.agencyId(),
                Map.of("follow_up", actionId.toString(), "outcome", outcome));
    }

    /** Audits that someone read an assessment (its page, API view or an export). */
    public void readBy(Assessment assessment, AuditAction action, String what) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("view", what);
        audit.record(action, RECORD_TYPE, assessment.id(), assessment.agencyId(), detail);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The answers, documents and measures of each item, for pages and exports. */
    public record ItemView(QualityGrid.Item item, boolean met, String note, List<Document> documents,
            List<Measure> measures) {
    }

    /** Every item of the grid with its answer, documents and measures, keyed by domain or part code. */
    public Map<String, List<ItemView>> itemViews(CurrentUser me, Assessment of) {
        Map<UUID, Answer> answers = answers(of.id());
        Map<UUID, List<Document>> documents = documents(of.id()).stream()
                .collect(Collectors.groupingBy(Document::itemId));
        Map<String, List<Measure>> measures = QualityEvidence.byItem(evidence(me, of));
        Map<String, List<ItemView>> views = new LinkedHashMap<>();
        grid.itemsByDomain().forEach((code, items) -> {
            List<ItemView> list = new ArrayList<>();
            for (QualityGrid.Item item : items) {
                Answer answer = answers.get(item.id());
                list.add(new ItemView(item, answer != null && answer.met(), answer == null ? null : answer.note(),
                        documents.getOrDefault(item.id(), List.of()), measures.getOrDefault(item.code(), List.of())));
            }
            views.put(code, list);
        });
        return views;
    }
}
