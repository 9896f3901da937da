package org.abri.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves a case to another agency (a transfer the receiving agency accepted): the case keeps its
 * number, its records, notes and timeline; only its agency and caseworker change, so that the
 * normal need-to-know now opens it to the receiving agency and closes it to the sending one.
 * The move is a step of the case's history and an audit line for each agency.
 */
@Service
public class CaseOwnership {

    private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final CaseRegistry registry;
    private final CaseSharing sharing;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CaseOwnership(JdbcClient jdbc, CaseRegistry registry, CaseSharing sharing, UserAccounts accounts, AuditLog audit,
            JsonMapper json, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.sharing = sharing;
        this.accounts = accounts;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A case left one agency for another (a transfer accepted), published in the move's
     * transaction: what another module keeps of the case for the former agency's sake (an open
     * referral's shared part) is settled before anything of the new agency is recorded.
     */
    public record CaseMovedToAgency(UUID caseId, UUID fromAgencyId, UUID toAgencyId, Instant movedAt) {
    }

    /** One form record as it stood when the case left its agency. */
    public record HandedOverRecord(UUID id, String formId, int formVersion, Instant createdAt, String createdByName,
            Map<String, Object> values) {
    }

    /**
     * What the sending agency had on file when the case left it: the registration's core fields
     * (as {@link CaseSharing#read} names them) and every form record, oldest first.
     */
    public record HandedOverFile(UUID caseId, String caseNumber, UUID fromAgencyId, UUID fromCaseworkerId,
            Instant movedAt, Map<String, Object> registration, List<HandedOverRecord> records) {
    }

    /**
     * Gives the case to {@code caseworkerId}, an active caseworker of {@code agencyId}. The caller
     * (the transfers module) has checked that {@code actor} may accept the case for that agency.
     *
     * @return the file as it was just before the move, for what the sending agency may still read
     * @throws InvalidInputException (field {@code caseworkerId}) when the caseworker is not an active
     *                               caseworker of the receiving agency
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public HandedOverFile moveToAgency(CurrentUser actor, UUID caseId, UUID agencyId, UUID caseworkerId) {
        ChildCase before = registry.load(caseId);
        if (caseworkerId == null) {
            throw new InvalidInputException(List.of(new FieldProblem("caseworkerId", "validation.required")));
        }
        UserAccount target = accounts.find(caseworkerId).filter(UserAccount::active)
                .filter(u -> u.roles().contains(Role.CASEWORKER) && agencyId.equals(u.agencyId()))
                .orElseThrow(() -> new InvalidInputException(List.of(new FieldProblem("caseworkerId",
                        "validation.invalid_choice"))));
        if (agencyId.equals(before.agencyId())) {
            throw new IllegalArgumentException("a case moves to another agency, not its own");
        }
        Instant now = clock.instant();
        HandedOverFile file = new HandedOverFile(caseId, before.caseNumber(), before.agencyId(), before.caseworkerId(),
                now, sharing.read(caseId, CaseSharing.CORE_PARTS).fields(), records(caseId));
        jdbc.sql("""
                update child_case set agency_id = ?, caseworker_id = ?, updated_at = ?, updated_by = ?,
                    version = version + 1 where id = ?""")
                .params(agencyId, target.id(), Timestamp.from(now), actor.id(), caseId).update();
        String toCode = jdbc.sql("select code from agency where id = ?").param(agencyId).query(String.class).single();
        jdbc.sql("""
                insert into case_transition (case_id, from_step, to_step, action, reason, occurred_at, user_id)
                select id, step, step, 'transferred', ?, ?, ? from child_case where id = ?""")
                .params(before.agencyCode() + " → " + toCode, Timestamp.from(now), actor.id(), caseId).update();
        Map<String, Object> detail = Map.of("caseNumber", before.caseNumber(), "transition", "transferred",
                "fromAgency", before.agencyCode(), "toAgency", toCode);
        // Each agency's administrators read the move in their own audit trail.
        audit.record(AuditAction.UPDATE, CaseRegistry.RECORD_TYPE, caseId, before.agencyId(), detail);
        audit.record(AuditAction.UPDATE, CaseRegistry.RECORD_TYPE, caseId, agencyId, detail);
        events.publishEvent(new CaseMovedToAgency(caseId, before.agencyId(), agencyId, now));
        return file;
    }

    private List<HandedOverRecord> records(UUID caseId) {
        return jdbc.sql("""
                select r.id, r.form_id, r.form_version, r.data::text as data, r.created_at, u.full_name
                from form_record r join app_user u on u.id = r.created_by where r.case_id = ? order by r.created_at, r.id""")
                .param(caseId)
                .query((rs, n) -> new HandedOverRecord(rs.getObject("id", UUID.class), rs.getString("form_id"),
                        rs.getInt("form_version"), rs.getTimestamp("created_at").toInstant(), rs.getString("full_name"),
                        json.readValue(rs.getString("data"), VALUES)))
                .list();
    }
}
