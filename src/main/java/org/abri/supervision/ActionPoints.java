package org.abri.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The action points agreed in supervision, as their owner and the record's author see them:
 * nobody else (404). The owner or the author marks one done; it then leaves the owner's tasks.
 */
@Service
public class ActionPoints {

    private static final String SELECT = """
            select a.id, a.record_id, a.owner_id, o.full_name as owner_name, a.action, a.due_on, a.done_at,
                   d.full_name as done_by_name, r.form_id, r.held_on, r.created_by as author_id, w.full_name as author_name,
                   r.agency_id
            from supervision_action a join staff_record r on r.id = a.record_id join app_user o on o.id = a.owner_id
            join app_user w on w.id = r.created_by left join app_user d on d.id = a.done_by""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    ActionPoints(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public record ActionPoint(UUID id, UUID recordId, UUID ownerId, String ownerName, String action, LocalDate dueOn,
            Instant doneAt, String doneByName, String formId, LocalDate heldOn, UUID authorId, String authorName,
            UUID agencyId) {

        public boolean done() {
            return doneAt != null;
        }
    }

    /** One action point, for its owner or the author of its record; 404 for anyone else. */
    public ActionPoint read(CurrentUser reader, UUID id) {
        return jdbc.sql(SELECT + " where a.id = ? and (a.owner_id = ? or r.created_by = ?)")
                .params(id, reader.id(), reader.id())
                .query(ActionPoint.class).optional().orElseThrow(() -> new NotFoundException("supervision_action.not_found"));
    }

    /** The owner's open action points, soonest due first. */
    public List<ActionPoint> openOf(UUID ownerId) {
        return jdbc.sql(SELECT + " where a.owner_id = ? and a.done_at is null order by a.due_on nulls last, r.held_on")
                .param(ownerId).query(ActionPoint.class).list();
    }

    @Transactional
    public ActionPoint markDone(CurrentUser user, UUID id) {
        ActionPoint point = read(user, id);
        if (!point.done()) {
            jdbc.sql("update supervision_action set done_at = ?, done_by = ? where id = ? and done_at is null")
                    .params(java.sql.Timestamp.from(clock.instant()), user.id(), id).update();
            audit.record(AuditAction.UPDATE, "supervision_action", id, point.agencyId(), Map.of("done", "true"));
        }
        return read(user, id);
    }
}
