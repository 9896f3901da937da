package org.abri.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.SqlParameters;
import org.abri.platform.StaleRecordException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Case notes. Whoever may change a case may add a note to it; whoever may read the case reads
 * its notes, except those marked "visible to supervisor only", which only their author and the
 * supervisors of the case's caseworker see (see {@link CaseAccess#noteVisible}). Notes are
 * append-only: the author may correct their own note within {@value #EDIT_WINDOW_HOURS} hours
 * (optimistic version), nobody may delete one. Every read and write is audited as
 * {@code case_note}, never with the note's text.
 */
@Service
public class CaseNotes {

    static final String RECORD_TYPE = "case_note";
    public static final int MAX_LENGTH = 10_000;
    public static final int EDIT_WINDOW_HOURS = 24;
    private static final String WITHIN_WINDOW = "n.created_at > now() - interval '" + EDIT_WINDOW_HOURS + " hours'";

    private static final String SELECT = """
            select n.id, n.case_id, n.author_id, a.full_name as author_name, n.body, n.supervisor_only, n.created_at,
                   n.edited_at, n.version, (n.author_id = ? and %s) as own_and_recent
            from case_note n join child_case c on c.id = n.case_id join app_user a on a.id = n.author_id"""
            .formatted(WITHIN_WINDOW);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CaseRegistry registry;

    CaseNotes(JdbcClient jdbc, AuditLog audit, CaseRegistry registry) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.registry = registry;
    }

    /**
     * One note as a reader sees it. {@code editable}: the reader wrote it, may still change the
     * case and is within the edit window.
     */
    public record CaseNote(UUID id, UUID caseId, UUID authorId, String authorName, String body,
            boolean supervisorOnly, Instant createdAt, Instant editedAt, int version, boolean editable) {
    }

    /** Adds a note to a case the author may change. */
    @Transactional
    public CaseNote add(CurrentUser author, UUID caseId, String body, boolean supervisorOnly) {
        UUID agencyId = requireEditable(author, caseId);
        String text = checked(body);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_note (id, case_id, author_id, body, supervisor_only) values (?, ?, ?, ?, ?)")
                .params(id, caseId, author.id(), text, supervisorOnly).update();
        audit.record(AuditAction.CREATE, RECORD_TYPE, id, agencyId, Map.of("caseId", caseId.toString(),
                "supervisorOnly", supervisorOnly, "length", text.length()));
        return find(author, caseId, id, true);
    }

    /**
     * The notes of a case this reader sees, newest first. Audited as one READ line naming the
     * case and the notes shown in its detail (never their text); like a search, the line has no
     * single record, so that the case's own trail keeps one read per opening of the case.
     */
    @Transactional
    public List<CaseNote> list(CurrentUser reader, UUID caseId) {
        UUID agencyId = requireReadable(reader, caseId);
        boolean mayEdit = registry.mayEdit(reader, caseId);
        CaseAccess.Condition visible = CaseAccess.noteVisible(reader);
        List<Object> params = new ArrayList<>();
        params.add(reader.id());
        params.add(caseId);
        params.addAll(visible.params());
        List<CaseNote> notes = SqlParameters.bind(jdbc.sql(SELECT + " where n.case_id = ? and " + visible.sql()
                + " order by n.created_at desc, n.id desc"), params).query((rs, n) -> note(rs, mayEdit)).list();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("caseId", caseId.toString());
        detail.put("notes", notes.stream().map(note -> note.id().toString()).toList());
        detail.put("supervisorOnlyShown", notes.stream().filter(CaseNote::supervisorOnly).count());
        audit.record(AuditAction.READ, RECORD_TYPE, null, agencyId, detail);
        return notes;
    }

    /** One note of a case, if this reader sees it (404 otherwise, as if it did not exist). Audited. */
    @Transactional
    public CaseNote read(CurrentUser reader, UUID caseId, UUID noteId) {
        UUID agencyId = requireReadable(reader, caseId);
        CaseNote note = find(reader, caseId, noteId, registry.mayEdit(reader, caseId));
        audit.record(AuditAction.READ, RECORD_TYPE, noteId, agencyId, Map.of("caseId", caseId.toString()));
        return note;
    }

    /**
     * Corrects one's own note, made from {@code expectedVersion}, within the edit window. After
     * it, or for someone else's note, the change is refused with a rule the user can read;
     * if the note was saved meanwhile (another tab), with {@link StaleRecordException}.
     */
    @Transactional
    public CaseNote edit(CurrentUser editor, UUID caseId, UUID noteId, String body, boolean supervisorOnly,
            int expectedVersion) {
        UUID agencyId = requireEditable(editor, caseId);
        CaseNote before = find(editor, caseId, noteId, true);
        if (!before.authorId().equals(editor.id())) {
            throw new RuleViolationException("note.not_author");
        }
        if (!before.editable()) {
            throw new RuleViolationException("note.edit_window_closed", EDIT_WINDOW_HOURS);
        }
        String text = checked(body);
        int updated = jdbc.sql("update case_note n set body = ?, supervisor_only = ?, edited_at = now(), "
                + "version = version + 1 where n.id = ? and n.version = ? and n.author_id = ? and " + WITHIN_WINDOW)
                .params(text, supervisorOnly, noteId, expectedVersion, editor.id()).update();
        if (updated == 0) {
            if (!jdbc.sql("select " + WITHIN_WINDOW + " from case_note n where n.id = ?").param(noteId)
                    .query(Boolean.class).single()) {
                throw new RuleViolationException("note.edit_window_closed", EDIT_WINDOW_HOURS);
            }
            throw new StaleRecordException("note.changed_meanwhile");
        }
        List<String> changed = new ArrayList<>();
        if (!before.body().equals(text)) {
            changed.add("body");
        }
        if (before.supervisorOnly() != supervisorOnly) {
            changed.add("supervisorOnly");
        }
        audit.record(AuditAction.UPDATE, RECORD_TYPE, noteId, agencyId, Map.of("caseId", caseId.toString(),
                "fields", changed, "supervisorOnly", supervisorOnly, "length", text.length()));
        return find(editor, caseId, noteId, true);
    }

    /** Whether this user may add notes to the case (they may change it). */
    public boolean mayAdd(CurrentUser user, UUID caseId) {
        return registry.mayEdit(user, caseId);
    }

    private static String checked(String body) {
        new FieldChecks().text("body", body, true, MAX_LENGTH).throwIfAny();
        return body.strip();
    }

    /** A note of this case that the user sees; 404 for any other (another case's, or hidden). */
    private CaseNote find(CurrentUser user, UUID caseId, UUID noteId, boolean mayEdit) {
        CaseAccess.Condition readable = CaseAccess.readable(user);
        CaseAccess.Condition visible = CaseAccess.noteVisible(user);
        List<Object> params = new ArrayList<>();
        params.add(user.id());
        params.add(noteId);
        params.add(caseId);
        params.addAll(readable.params());
        params.addAll(visible.params());
        return SqlParameters.bind(jdbc.sql(SELECT + " where n.id = ? and n.case_id = ? and " + readable.sql() + " and "
                + visible.sql()), params).query((rs, n) -> note(rs, mayEdit)).optional()
                .orElseThrow(() -> new NotFoundException("note.not_found"));
    }

    private UUID requireReadable(CurrentUser reader, UUID caseId) {
        CaseAccess.Condition access = CaseAccess.readable(reader);
        return SqlParameters.bind(jdbc.sql("select c.agency_id from child_case c where c.id = ? and " + access.sql())
                .param(caseId), access.params()).query(UUID.class).optional()
                .orElseThrow(() -> new NotFoundException("case.not_found"));
    }

    private UUID requireEditable(CurrentUser editor, UUID caseId) {
        UUID agencyId = requireReadable(editor, caseId);
        if (!registry.mayEdit(editor, caseId)) {
            throw new AccessDeniedException("may read but not change this case");
        }
        return agencyId;
    }

    private static CaseNote note(ResultSet rs, boolean mayEdit) throws SQLException {
        Timestamp edited = rs.getTimestamp("edited_at");
        return new CaseNote(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("author_id", UUID.class), rs.getString("author_name"), rs.getString("body"),
                rs.getBoolean("supervisor_only"), rs.getTimestamp("created_at").toInstant(),
                edited == null ? null : edited.toInstant(), rs.getInt("version"),
                mayEdit && rs.getBoolean("own_and_recent"));
    }
}
