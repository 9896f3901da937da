package org.abri.transfers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.cases.CaseOwnership;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseSharing;
import org.abri.cases.ChildCase;
import org.abri.identity.Agencies;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.notifications.Notifications;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.SqlParameters;
import org.abri.sop.SopSettings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transfers of a case to another agency, deny by default. Who sees a transfer: on the receiving
 * side, the receiving agency's service focal points, agency managers and supervisors; on the
 * sending side, whoever requested it, the case's caseworker, their supervisors and the sending
 * agency's manager. Anyone else gets 404, like a transfer that does not exist; a role that takes
 * no part in transfers gets 403.
 */
@Service
public class Transfers {

    static final String RECORD_TYPE = "case_transfer";
    static final String CASE_RECORD_TYPE = "child_case";
    static final String READ_DAYS = "transfer_sender_read_days";
    static final int TEXT_LIMIT = 4000;
    static final List<String> ACTIONS = List.of("accept", "decline", "withdraw");

    private static final Role[] RECEIVING_ROLES = {Role.SERVICE_FOCAL_POINT, Role.AGENCY_MANAGER, Role.SUPERVISOR};
    private static final Role[] SENDING_ROLES = {Role.CASEWORKER, Role.SUPERVISOR, Role.DATA_ENTRY_CLERK};
    private static final Role[] TAKING_PART = {Role.CASEWORKER, Role.SUPERVISOR, Role.DATA_ENTRY_CLERK,
            Role.AGENCY_MANAGER, Role.SERVICE_FOCAL_POINT};
    private static final List<String> CHILD_PARTS = List.of("identity", "concerns", "risk");

    private static final String SELECT = """
            select t.id, t.case_id, c.case_number, t.from_agency_id, fa.code as from_agency_code,
                   fa.name as from_agency_name, t.to_agency_id, ta.code as to_agency_code, ta.name as to_agency_name,
                   t.status, t.reason, t.needs, t.consent_given, t.best_interest_reason, t.requested_at,
                   t.requested_by, rb.full_name as requested_by_name, t.from_caseworker_id, t.decided_at,
                   db.full_name as decided_by_name, t.decision_reason, t.to_caseworker_id,
                   tc.full_name as to_caseworker_name
            from case_transfer t join child_case c on c.id = t.case_id
            join agency fa on fa.id = t.from_agency_id join agency ta on ta.id = t.to_agency_id
            join app_user rb on rb.id = t.requested_by left join app_user db on db.id = t.decided_by
            left join app_user tc on tc.id = t.to_caseworker_id""";

    private final JdbcClient jdbc;
    private final CaseSharing sharing;
    private final CaseOwnership ownership;
    private final CaseRegistry registry;
    private final Agencies agencies;
    private final UserAccounts accounts;
    private final Notifications notifications;
    private final SopSettings sop;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Transfers(JdbcClient jdbc, CaseSharing sharing, CaseOwnership ownership, CaseRegistry registry, Agencies agencies,
            UserAccounts accounts, Notifications notifications, SopSettings sop, AuditLog audit, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.sharing = sharing;
        this.ownership = ownership;
        this.registry = registry;
        this.agencies = agencies;
        this.accounts = accounts;
        this.notifications = notifications;
        this.sop = sop;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** A transfer as both sides know it: case number and agencies, never the child's data. */
    public record Transfer(UUID id, UUID caseId, String caseNumber, UUID fromAgencyId, String fromAgencyCode,
            String fromAgencyName, UUID toAgencyId, String toAgencyCode, String toAgencyName, String status,
            String reason, String needs, boolean consentGiven, String bestInterestReason, Instant requestedAt,
            UUID requestedBy, String requestedByName, UUID fromCaseworkerId, Instant decidedAt, String decidedByName,
            String decisionReason, UUID toCaseworkerId, String toCaseworkerName) {

        public boolean pending() {
            return "requested".equals(status);
        }
    }

    /** What the receiving agency sees of the child to decide: identity, sex, age, concerns and risk level. */
    public record TransferredChild(String givenNames, String familyName, String sex, Integer age,
            List<String> protectionConcerns, String riskLevel) {
    }

    /**
     * A transfer as the caller sees it. {@code side}: incoming (the caller's agency receives it) or
     * outgoing; {@code child}: to the receiving deciders while pending, to the sending side while it
     * owns the case, then from the snapshot taken at acceptance until it is purged, else null; {@code actions}: what the caller may do now;
     * {@code senderRecordsUntil}: until when the caller may read what the sending agency recorded.
     */
    public record TransferView(Transfer transfer, String side, TransferredChild child, List<String> actions,
            Instant senderRecordsUntil) {
    }

    /** One line of the caller's transfer lists. */
    public record Listed(Transfer transfer, String side) {
    }

    public record TransferRequest(UUID toAgencyId, String reason, String needs, String bestInterestReason) {
    }

    /** What the sending agency may still read: the file as it was when the case left it. */
    public record SenderFile(Transfer transfer, CaseOwnership.HandedOverFile file, Instant until) {
    }

    // ---- requesting ----------------------------------------------------------------------

    /** The agencies a case may be transferred to by this user: every active agency but their own. */
    public List<Agency> receivingAgencies(CurrentUser user) {
        return agencies.all().stream().filter(Agency::active).filter(a -> !a.id().equals(user.agencyId())).toList();
    }

    /** The consent to share information of a case this user may send (404 otherwise). */
    public CaseSharing.SharingConsent consentOf(CurrentUser user, UUID caseId) {
        requireSender(user);
        sharing.forSending(user, caseId);
        audit.recordCaseRead(caseId, Map.of("view", "transfer_request"));
        return sharing.informationSharingConsent(caseId);
    }

    /** The case number of a case this user may send (404 otherwise), for the request page. */
    public String caseNumberForSending(CurrentUser user, UUID caseId) {
        requireSender(user);
        return sharing.forSending(user, caseId).caseNumber();
    }

    /**
     * Requests the transfer of a case the user may change. Refused without the information sharing
     * consent given, unless a best-interest reason is recorded (then the supervisors are told).
     */
    @Transactional
    public TransferView request(CurrentUser user, UUID caseId, TransferRequest request) {
        requireSender(user);
        ChildCase c = sharing.forSending(user, caseId);
        List<FieldProblem> problems = new ArrayList<>();
        Agency to = request.toAgencyId() == null ? null : agencies.find(request.toAgencyId()).orElse(null);
        if (request.toAgencyId() == null) {
            problems.add(new FieldProblem("toAgencyId", "validation.required"));
        } else if (to == null || !to.active() || to.id().equals(c.agencyId())) {
            problems.add(new FieldProblem("toAgencyId", "validation.invalid_choice"));
        }
        String reason = text("reason", request.reason(), true, problems);
        String needs = text("needs", request.needs(), true, problems);
        String bestInterest = text("bestInterestReason", request.bestInterestReason(), false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (!"open".equals(c.status())) {
            throw new RuleViolationException("transfer.case_closed");
        }
        boolean consent = sharing.informationSharingConsent(caseId).given();
        if (!consent && bestInterest == null) {
            throw new RuleViolationException("transfer.consent_missing");
        }
        if (openTransferOf(caseId).isPresent()) {
            throw new RuleViolationException("transfer.already_open");
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    insert into case_transfer (id, case_id, from_agency_id, to_agency_id, from_caseworker_id, requested_by,
                        requested_at, reason, needs, consent_given, best_interest_reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, caseId, c.agencyId(), to.id(), c.caseworkerId(), user.id(), now(), reason, needs,
                            consent, consent ? null : bestInterest)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new RuleViolationException("transfer.already_open");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("caseNumber", c.caseNumber());
        detail.put("toAgency", to.code());
        detail.put("consentGiven", consent);
        detail.put("bestInterestReasonRecorded", !consent);
        detail.put("caseId", caseId.toString());
        audit.record(AuditAction.CREATE, RECORD_TYPE, id, c.agencyId(), detail);
        tell(receivers(to.id()), user, "transfer_requested", id, c.id(), c.caseNumber());
        tell(supervisorsOf(c.caseworkerId()), user, consent ? "transfer_requested_supervisor"
                : "transfer_without_consent", id, c.id(), c.caseNumber());
        return view(user, load(id).orElseThrow(), false);
    }

    // ---- reading -------------------------------------------------------------------------

    /** The caller's incoming then outgoing transfers, pending first, newest first. */
    public List<Listed> list(CurrentUser user) {
        requireTakingPart(user);
        Visibility v = visibility(user);
        List<Object> params = new ArrayList<>(v.params());
        List<Transfer> found = SqlParameters.bind(jdbc.sql(SELECT + " where " + v.sql()
                + " order by (t.status = 'requested') desc, t.requested_at desc, t.id limit 500"), params)
                .query(Transfer.class).list();
        List<Listed> listed = new ArrayList<>();
        for (Transfer t : found) {
            Transfer shown = shown(user, t);
            auditBestInterestReason(shown, "list");
            listed.add(new Listed(shown, side(user, t)));
        }
        audit.record(AuditAction.SEARCH, RECORD_TYPE, null, user.agencyId(), Map.of("list", "transfers", "results",
                listed.size(), "shown", listed.stream().map(l -> l.transfer().caseNumber()).toList()));
        return listed;
    }

    /** One transfer the caller may see; reading the child's data is audited on the case. */
    @Transactional
    public TransferView get(CurrentUser user, UUID id) {
        return view(user, visible(user, id), true);
    }

    /** The receiving agency's caseworkers, to choose who takes the case. */
    public List<UserAccount> receivingCaseworkers(Transfer transfer) {
        return accounts.activeWithRole(transfer.toAgencyId(), Role.CASEWORKER);
    }

    // ---- deciding ------------------------------------------------------------------------

    /** Takes the action named {@code action} (accept, decline, withdraw); an unknown one is not found. */
    @Transactional
    public TransferView act(CurrentUser user, UUID id, String action, UUID caseworkerId, String reason) {
        return switch (action) {
            case "accept" -> accept(user, id, caseworkerId);
            case "decline" -> decline(user, id, reason);
            case "withdraw" -> withdraw(user, id, reason);
            default -> throw new NotFoundException("request.not_found");
        };
    }

    /** The receiving agency accepts and names its caseworker: the case moves, with its whole history. */
    @Transactional
    public TransferView accept(CurrentUser user, UUID id, UUID caseworkerId) {
        Transfer t = visible(user, id);
        requireReceiver(user, t);
        requirePending(t);
        CaseOwnership.HandedOverFile file = ownership.moveToAgency(user, t.caseId(), t.toAgencyId(), caseworkerId);
        int updated = jdbc.sql("""
                update case_transfer set status = 'accepted', decided_at = ?, decided_by = ?, to_caseworker_id = ?,
                    from_caseworker_id = ? where id = ? and status = 'requested'""")
                .params(Timestamp.from(file.movedAt()), user.id(), caseworkerId, file.fromCaseworkerId(), id)
                .update();
        if (updated == 0) {
            throw new RuleViolationException("transfer.not_pending");
        }
        // The sender's read-only file: what the sending agency held the moment the case moved, nothing later.
        jdbc.sql("insert into case_transfer_snapshot (transfer_id, taken_at, file) values (?, ?, ?::jsonb)")
                .params(id, Timestamp.from(file.movedAt()), json.writeValueAsString(file)).update();
        decided(user, t, "accepted");
        // The new caseworker opens the case itself (the transfer is the deciding side's page).
        tell(Set.of(caseworkerId), user, "transfer_assigned", "/cases/" + t.caseId(), t.caseId(), t.caseNumber());
        Set<UUID> senders = new LinkedHashSet<>(List.of(t.requestedBy(), file.fromCaseworkerId()));
        senders.addAll(supervisorsOf(file.fromCaseworkerId()));
        tell(senders, user, "transfer_accepted", id, t.caseId(), t.caseNumber());
        return view(user, load(id).orElseThrow(), false);
    }

    /** The receiving agency declines, with its reason: nothing moves. */
    @Transactional
    public TransferView decline(CurrentUser user, UUID id, String reason) {
        Transfer t = visible(user, id);
        requireReceiver(user, t);
        List<FieldProblem> problems = new ArrayList<>();
        String clean = text("reason", reason, true, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requirePending(t);
        close(user, t, "declined", clean);
        Set<UUID> senders = new LinkedHashSet<>(List.of(t.requestedBy(), t.fromCaseworkerId()));
        senders.addAll(supervisorsOf(t.fromCaseworkerId()));
        tell(senders, user, "transfer_declined", id, t.caseId(), t.caseNumber());
        return view(user, load(id).orElseThrow(), false);
    }

    /** The sending side withdraws a pending request (whoever may change the case): nothing moves. */
    @Transactional
    public TransferView withdraw(CurrentUser user, UUID id, String reason) {
        Transfer t = visible(user, id);
        if (!"outgoing".equals(side(user, t)) || !user.hasAny(SENDING_ROLES)) {
            throw new AccessDeniedException("only the sending side withdraws");
        }
        try {
            sharing.forSending(user, t.caseId());
        } catch (NotFoundException e) {
            throw new AccessDeniedException("may not change this case");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String clean = text("reason", reason, false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requirePending(t);
        close(user, t, "withdrawn", clean);
        tell(receivers(t.toAgencyId()), user, "transfer_withdrawn", id, t.caseId(), t.caseNumber());
        return view(user, load(id).orElseThrow(), false);
    }

    // ---- what the sending agency keeps ---------------------------------------------------

    /**
     * What the sending agency had recorded, for its former caseworker, their supervisors and its
     * agency manager, during {@code transfer_sender_read_days} after acceptance; afterwards (or
     * for anyone else) 404. Every read is audited on the case, for both agencies.
     */
    @Transactional
    public SenderFile senderFile(CurrentUser user, UUID id) {
        Transfer t = load(id).orElseThrow(() -> new NotFoundException("transfer.not_found"));
        Instant until = senderRecordsUntil(user, t).orElseThrow(() -> new NotFoundException("transfer.not_found"));
        CaseOwnership.HandedOverFile file = snapshot(id).orElseThrow(() -> new NotFoundException("transfer.not_found"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("caseNumber", t.caseNumber());
        detail.put("transfer", id.toString());
        detail.put("senderFile", true);
        audit.record(AuditAction.READ, CASE_RECORD_TYPE, t.caseId(), t.toAgencyId(), detail);
        return new SenderFile(shown(user, t), file, until);
    }

    private Optional<Instant> senderRecordsUntil(CurrentUser user, Transfer t) {
        if (!"accepted".equals(t.status()) || user.agencyId() == null || !user.agencyId().equals(t.fromAgencyId())) {
            return Optional.empty();
        }
        boolean allowed = user.has(Role.AGENCY_MANAGER) || user.id().equals(t.fromCaseworkerId())
                || user.has(Role.SUPERVISOR) && supervisorsOf(t.fromCaseworkerId()).contains(user.id());
        int days = sop.standard(READ_DAYS);
        if (!allowed || days <= 0) {
            return Optional.empty();
        }
        Instant until = t.decidedAt().plus(Duration.ofDays(days));
        return clock.instant().isBefore(until) && hasSnapshot(t.id()) ? Optional.of(until) : Optional.empty();
    }

    private boolean hasSnapshot(UUID transferId) {
        return jdbc.sql("select exists (select 1 from case_transfer_snapshot where transfer_id = ?)").param(transferId)
                .query(Boolean.class).single();
    }

    private Optional<CaseOwnership.HandedOverFile> snapshot(UUID transferId) {
        return jdbc.sql("select file::text from case_transfer_snapshot where transfer_id = ?").param(transferId)
                .query(String.class).optional().map(f -> json.readValue(f, CaseOwnership.HandedOverFile.class));
    }

    /**
     * Deletes the sender's snapshots whose {@code transfer_sender_read_days} have passed (all of
     * them when the SOP sets no days): afterwards the sending side sees the transfer's metadata only.
     *
     * @return how many were deleted
     */
    @Transactional
    public int purgeExpiredSnapshots() {
        int days = sop.standard(READ_DAYS);
        List<Map<String, Object>> purged = jdbc.sql("""
                delete from case_transfer_snapshot s using case_transfer t, child_case c
                where t.id = s.transfer_id and c.id = t.case_id
                  and (? <= 0 or t.decided_at + make_interval(days => ?) <= ?)
                returning t.id, t.from_agency_id, c.case_number""")
                .params(days, Math.max(days, 0), now()).query().listOfRows();
        for (Map<String, Object> row : purged) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("caseNumber", row.get("case_number"));
            detail.put("senderSnapshot", "purged");
            detail.put("readDays", days);
            audit.record(AuditAction.UPDATE, RECORD_TYPE, (UUID) row.get("id"), (UUID) row.get("from_agency_id"), detail);
        }
        int deleted = purged.size();
        return deleted;
    }

    // ---- helpers -------------------------------------------------------------------------

    private TransferView view(CurrentUser user, Transfer t, boolean audited) {
        String side = side(user, t);
        boolean receiving = "incoming".equals(side);
        Optional<Instant> senderUntil = receiving ? Optional.empty() : senderRecordsUntil(user, t);
        TransferredChild child = null;
        if (receiving ? t.pending() && user.hasAny(RECEIVING_ROLES) : !"accepted".equals(t.status())
                && stillWithSender(t) && registry.mayRead(user, t.caseId())) {
            // The case is still the sending agency's: what it holds now is what it holds.
            child = child(sharing.read(t.caseId(), CHILD_PARTS).fields());
            if (audited) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("caseNumber", t.caseNumber());
                detail.put("transfer", t.id().toString());
                detail.put("parts", CHILD_PARTS);
                audit.record(AuditAction.READ, CASE_RECORD_TYPE, t.caseId(), t.fromAgencyId(), detail);
            }
        } else if (!receiving && senderUntil.isPresent()) {
            // After acceptance the sender reads the snapshot taken at the transfer, never the current case.
            Optional<CaseOwnership.HandedOverFile> file = snapshot(t.id());
            if (file.isPresent()) {
                child = child(file.get().registration());
                if (audited) {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("caseNumber", t.caseNumber());
                    detail.put("transfer", t.id().toString());
                    detail.put("senderSnapshot", true);
                    audit.record(AuditAction.READ, CASE_RECORD_TYPE, t.caseId(), t.toAgencyId(), detail);
                }
            } else {
                senderUntil = Optional.empty();
            }
        }
        Transfer shown = shown(user, t);
        if (audited) {
            auditBestInterestReason(shown, "view");
        }
        List<String> actions = new ArrayList<>();
        if (t.pending()) {
            if (receiving && user.hasAny(RECEIVING_ROLES)) {
                actions.add("accept");
                actions.add("decline");
            } else if (!receiving && user.hasAny(SENDING_ROLES) && mayChange(user, t.caseId())) {
                actions.add("withdraw");
            }
        }
        return new TransferView(shown, side, child, List.copyOf(actions), senderUntil.orElse(null));
    }

    private boolean stillWithSender(Transfer t) {
        return t.fromAgencyId().equals(jdbc.sql("select agency_id from child_case where id = ?").param(t.caseId())
                .query(UUID.class).single());
    }

    @SuppressWarnings("unchecked")
    private static TransferredChild child(Map<String, Object> f) {
        Object age = f.get("age");
        return new TransferredChild((String) f.get("givenNames"), (String) f.get("familyName"), (String) f.get("sex"),
                age instanceof Number n ? n.intValue() : null, (List<String>) f.get("protectionConcerns"),
                (String) f.get("riskLevel"));
    }

    /**
     * The transfer with only what this caller may read of it. The best-interest reason: to the
     * receiving deciders only (while they decide, then if the case is theirs by need-to-know).
     * The request's reason and needs: receiving side, as the best-interest reason; sending side,
     * while the case is the sender's and it reads it, or while its snapshot is readable. After a
     * decline or a withdrawal the receiving side keeps the outcome only (and its own decline reason).
     */
    private Transfer shown(CurrentUser user, Transfer t) {
        boolean details;
        boolean bestInterest;
        String decisionReason = t.decisionReason();
        if ("incoming".equals(side(user, t))) {
            details = user.hasAny(RECEIVING_ROLES)
                    && (t.pending() || "accepted".equals(t.status()) && registry.mayRead(user, t.caseId()));
            bestInterest = details;
            if ("withdrawn".equals(t.status())) {
                decisionReason = null;
            }
        } else {
            details = "accepted".equals(t.status()) ? senderRecordsUntil(user, t).isPresent()
                    : stillWithSender(t) && registry.mayRead(user, t.caseId());
            bestInterest = false;
        }
        return new Transfer(t.id(), t.caseId(), t.caseNumber(), t.fromAgencyId(), t.fromAgencyCode(),
                t.fromAgencyName(), t.toAgencyId(), t.toAgencyCode(), t.toAgencyName(), t.status(),
                details ? t.reason() : null, details ? t.needs() : null, t.consentGiven(),
                bestInterest ? t.bestInterestReason() : null, t.requestedAt(), t.requestedBy(), t.requestedByName(),
                t.fromCaseworkerId(), t.decidedAt(), t.decidedByName(), decisionReason, t.toCaseworkerId(),
                t.toCaseworkerName());
    }

    /** Every time a best-interest reason is shown, in a list or on its own, it is audited. */
    private void auditBestInterestReason(Transfer shown, String where) {
        if (shown.bestInterestReason() == null) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("caseNumber", shown.caseNumber());
        detail.put("bestInterestReason", true);
        detail.put("shownIn", where);
        audit.record(AuditAction.READ, RECORD_TYPE, shown.id(), shown.fromAgencyId(), detail);
    }

    private boolean mayChange(CurrentUser user, UUID caseId) {
        try {
            sharing.forSending(user, caseId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void decided(CurrentUser user, Transfer t, String outcome) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("caseNumber", t.caseNumber());
        detail.put("status", outcome);
        detail.put("caseId", t.caseId().toString());
        audit.record(AuditAction.UPDATE, RECORD_TYPE, t.id(), t.fromAgencyId(), detail);
    }

    private void close(CurrentUser user, Transfer t, String status, String reason) {
        int updated = jdbc.sql("""
                update case_transfer set status = ?, decided_at = ?, decided_by = ?, decision_reason = ?
                where id = ? and status = 'requested'""").params(status, now(), user.id(), reason, t.id()).update();
        if (updated == 0) {
            throw new RuleViolationException("transfer.not_pending");
        }
        decided(user, t, status);
    }

    private Transfer visible(CurrentUser user, UUID id) {
        requireTakingPart(user);
        Visibility v = visibility(user);
        List<Object> params = new ArrayList<>();
        params.add(id);
        params.addAll(v.params());
        return SqlParameters.bind(jdbc.sql(SELECT + " where t.id = ? and " + v.sql()), params).query(Transfer.class).optional()
                .orElseThrow(() -> new NotFoundException("transfer.not_found"));
    }

    private Optional<Transfer> load(UUID id) {
        return jdbc.sql(SELECT + " where t.id = ?").param(id).query(Transfer.class).optional();
    }

    private Optional<UUID> openTransferOf(UUID caseId) {
        return jdbc.sql("select id from case_transfer where case_id = ? and status = 'requested'").param(caseId)
                .query(UUID.class).optional();
    }

    /** Who sees which transfers, as a condition on alias {@code t}. */
    private Visibility visibility(CurrentUser user) {
        if (user.agencyId() == null) {
            return new Visibility("false", List.of());
        }
        List<String> grants = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (user.hasAny(RECEIVING_ROLES)) {
            grants.add("t.to_agency_id = ?");
            params.add(user.agencyId());
        }
        if (user.has(Role.AGENCY_MANAGER)) {
            grants.add("t.from_agency_id = ?");
            params.add(user.agencyId());
        } else {
            // Sending side by need-to-know, not by having asked: while the case is still the agency's,
            // its caseworker now and their supervisors (a requester reassigned away no longer reads it);
            // once accepted, the caseworker it was taken from and their supervisors.
            grants.add("t.from_agency_id = ? and (t.status <> 'accepted' and c.agency_id = t.from_agency_id"
                    + " and (c.caseworker_id = ? or c.caseworker_id in (select caseworker_id from supervision"
                    + " where supervisor_id = ?)) or t.status = 'accepted' and (t.from_caseworker_id = ?"
                    + " or t.from_caseworker_id in (select caseworker_id from supervision where supervisor_id = ?)))");
            params.add(user.agencyId());
            params.add(user.id());
            params.add(user.id());
            params.add(user.id());
            params.add(user.id());
        }
        return new Visibility("((" + String.join(") or (", grants) + "))", params);
    }

    private record Visibility(String sql, List<Object> params) {
    }

    private static String side(CurrentUser user, Transfer t) {
        return t.toAgencyId().equals(user.agencyId()) ? "incoming" : "outgoing";
    }

    private static void requireTakingPart(CurrentUser user) {
        if (!user.hasAny(TAKING_PART)) {
            throw new AccessDeniedException("this role takes no part in transfers");
        }
    }

    private static void requireSender(CurrentUser user) {
        if (!user.hasAny(SENDING_ROLES)) {
            throw new AccessDeniedException("this role does not send cases");
        }
    }

    private static void requireReceiver(CurrentUser user, Transfer t) {
        if (!t.toAgencyId().equals(user.agencyId()) || !user.hasAny(RECEIVING_ROLES)) {
            throw new AccessDeniedException("only the receiving agency decides");
        }
    }

    private static void requirePending(Transfer t) {
        if (!t.pending()) {
            throw new RuleViolationException("transfer.not_pending");
        }
    }

    /** The receiving agency's focal points and managers, who hear of a request. */
    private Set<UUID> receivers(UUID agencyId) {
        Set<UUID> ids = new LinkedHashSet<>();
        accounts.activeWithRole(agencyId, Role.SERVICE_FOCAL_POINT).forEach(u -> ids.add(u.id()));
        accounts.activeWithRole(agencyId, Role.AGENCY_MANAGER).forEach(u -> ids.add(u.id()));
        return ids;
    }

    private Set<UUID> supervisorsOf(UUID caseworkerId) {
        return new LinkedHashSet<>(jdbc.sql("select supervisor_id from supervision where caseworker_id = ?")
                .param(caseworkerId).query(UUID.class).list());
    }

    /** Tells these users (not the one who acted): a case number and a staff member's name, nothing of the child. */
    private void tell(Set<UUID> recipients, CurrentUser by, String kind, UUID transferId, UUID caseId,
            String caseNumber) {
        tell(recipients, by, kind, "/transfers/" + transferId, caseId, caseNumber);
    }

    private void tell(Set<UUID> recipients, CurrentUser by, String kind, String link, UUID caseId,
            String caseNumber) {
        Set<UUID> others = new LinkedHashSet<>(recipients);
        others.remove(by.id());
        others.remove(null);
        if (!others.isEmpty()) {
            notifications.notifyAll(others, kind, caseId, link,
                    Map.of("caseNumber", caseNumber, "by", by.fullName()));
        }
    }

    private static String text(String field, String value, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "validation.required"));
            }
            return null;
        }
        if (value.strip().length() > TEXT_LIMIT) {
            problems.add(new FieldProblem(field, "validation.too_long", TEXT_LIMIT));
            return null;
        }
        return value.strip();
    }


    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
