package org.abri.referrals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.cases.CaseOwnership;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseSharing;
import org.abri.cases.ChildCase;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.notifications.Notifications;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.abri.platform.Page;
import org.abri.platform.RuleViolationException;
import org.abri.platform.SqlParameters;
import org.abri.platform.StaleRecordException;
import org.abri.services.ServiceEntry;
import org.abri.services.ServiceMap;
import org.abri.sop.SopSettings;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends, answers and follows referrals. Two sides see a referral: the <em>referring</em> side
 * (whoever may read the case, by the case's need-to-know) and the <em>receiving</em> side (the
 * receiving agency's focal points and manager, the caseworker it assigned and their
 * supervisors). Anyone else gets 404, as for a referral that does not exist.
 */
@Service
public class Referrals {

    static final String RECORD_TYPE = "referral";
    static final int MAX_TEXT = 2000;
    static final List<String> URGENCIES = SopSettings.RISK_LEVELS;

    private static final String SELECT = """
            select r.*, c.case_number, fa.code as from_agency_code, rb.full_name as referred_by_name,
                   s.name as service_name, p.name as provider_name, ta.code as to_agency_code,
                   asg.full_name as assigned_to_name
            from referral r join child_case c on c.id = r.case_id join agency fa on fa.id = r.from_agency_id
            join app_user rb on rb.id = r.referred_by join service s on s.id = r.service_id
            join service_provider p on p.id = s.provider_id left join agency ta on ta.id = r.to_agency_id
            left join app_user asg on asg.id = r.assigned_to""";

    /** Which side of a referral a user is on; a user of an agency referring to itself may be on both. */
    public enum Side { REFERRING, RECEIVING }

    private final JdbcClient jdbc;
    private final CaseRegistry cases;
    private final CaseSharing sharing;
    private final ServiceMap serviceMap;
    private final SopSettings sop;
    private final UserAccounts accounts;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;

    Referrals(JdbcClient jdbc, CaseRegistry cases, CaseSharing sharing, ServiceMap serviceMap, SopSettings sop,
            UserAccounts accounts, Notifications notifications, AuditLog audit, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.cases = cases;
        this.sharing = sharing;
        this.serviceMap = serviceMap;
        this.sop = sop;
        this.accounts = accounts;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- sending ---------------------------------------------------------------------------

    /**
     * What the caseworker asks for. {@code parts}: exactly what is shared, never more;
     * {@code bestInterestReason}: required when the consent to share is not given.
     */
    public record ReferralRequest(UUID serviceId, String urgency, String reason, String planAction,
            Collection<String> parts, String bestInterestReason) {
    }

    /** What the referral form starts from for this case and service: the consent, the parts, the defaults. */
    public record Draft(ChildCase childCase, ServiceEntry service, CaseSharing.SharingConsent consent,
            List<String> shareableParts, Set<String> defaultParts, String defaultUrgency) {
    }

    public Draft draft(CurrentUser referrer, UUID caseId, UUID serviceId) {
        ChildCase childCase = referable(referrer, caseId);
        ServiceEntry service = serviceId == null ? null : activeService(serviceId);
        audit.recordCaseRead(caseId, Map.of("view", "referral_draft"));
        return new Draft(childCase, service, sharing.informationSharingConsent(caseId), sharing.shareableParts(caseId),
                service == null ? Set.of() : defaultParts(service.sector()), childCase.riskLevel());
    }

    /** The parts shared by default with a kind of service (configured by the coordination group). */
    public Set<String> defaultParts(String sector) {
        return jdbc.sql("select parts from referral_sharing_default where sector = ?").param(sector)
                .query((rs, n) -> new LinkedHashSet<>(SqlParameters.texts(rs.getArray("parts")))).optional()
                .map(parts -> (Set<String>) parts).orElse(Set.of("identity"));
    }

    /**
     * Who may change the parts shared by default with each kind of service: the owners of the
     * sharing protocol. (A coordination role, when there is one, is one more entry here.)
     */
    static final Set<Role> SHARING_DEFAULT_EDITORS = EnumSet.of(Role.SYSTEM_ADMIN, Role.COORDINATOR);

    public static boolean mayEditSharingDefaults(CurrentUser user) {
        return SHARING_DEFAULT_EDITORS.stream().anyMatch(user::has);
    }

    /** The configured defaults, sector → parts (a sector without a line shares identity by default). */
    public Map<String, Set<String>> sharingDefaults() {
        Map<String, Set<String>> defaults = new LinkedHashMap<>();
        jdbc.sql("select sector, parts from referral_sharing_default order by sector").query((rs, n) -> {
            defaults.put(rs.getString("sector"), new LinkedHashSet<>(SqlParameters.texts(rs.getArray("parts"))));
            return null;
        }).list();
        return defaults;
    }

    /** Sets the core parts shared by default with a sector's services; audited with before and after. */
    @Transactional
    public void setDefaultParts(CurrentUser user, String sector, Collection<String> parts) {
        if (!mayEditSharingDefaults(user)) {
            throw new AccessDeniedException("sharing defaults: the coordination only");
        }
        FieldChecks checks = new FieldChecks();
        checks.text("sector", sector, true, 60);
        Set<String> chosen = new LinkedHashSet<>(parts == null ? List.of() : parts);
        if (chosen.isEmpty()) {
            checks.add("parts", "referral.parts_required");
        } else if (!CaseSharing.CORE_PARTS.containsAll(chosen)) {
            checks.add("parts", "validation.invalid_choice");
        }
        checks.throwIfAny();
        List<String> ordered = CaseSharing.CORE_PARTS.stream().filter(chosen::contains).toList();
        Set<String> before = defaultParts(sector);
        jdbc.sql("""
                insert into referral_sharing_default (sector, parts, updated_at, updated_by) values (?, ?, ?, ?)
                on conflict (sector) do update set parts = excluded.parts, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .params(sector, ordered.toArray(String[]::new), now(), user.id()).update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sector", sector);
        detail.put("before", List.copyOf(before));
        detail.put("parts", ordered);
        audit.record(AuditAction.UPDATE, "referral_sharing_default", null, null, detail);
    }

    @Transactional
    public Referral send(CurrentUser referrer, UUID caseId, ReferralRequest request) {
        ChildCase childCase = referable(referrer, caseId);
        if (!"open".equals(childCase.status())) {
            throw new RuleViolationException("referral.case_closed");
        }
        FieldChecks checks = new FieldChecks();
        checks.required("serviceId", request.serviceId());
        checks.choice("urgency", request.urgency(), URGENCIES, true);
        checks.text("reason", request.reason(), true, MAX_TEXT);
        checks.text("planAction", request.planAction(), false, 300);
        checks.text("bestInterestReason", request.bestInterestReason(), false, MAX_TEXT);
        List<String> shareable = sharing.shareableParts(caseId);
        Set<String> parts = new LinkedHashSet<>(request.parts() == null ? List.of() : request.parts());
        if (parts.isEmpty()) {
            checks.add("parts", "referral.parts_required");
        } else if (!shareable.containsAll(parts)) {
            checks.add("parts", "validation.invalid_choice");
        }
        checks.throwIfAny();
        ServiceEntry service = activeService(request.serviceId());
        CaseSharing.SharingConsent consent = sharing.informationSharingConsent(caseId);
        String basis = consent.given() ? "consent" : "best_interest";
        if (!consent.given() && FieldChecks.blank(request.bestInterestReason())) {
            throw new RuleViolationException("referral.consent_required");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String reference = childCase.agencyCode() + "-R" + Year.now(clock).getValue() + "-"
                + String.format("%05d", jdbc.sql("select nextval('referral_number')").query(Long.class).single());
        List<String> orderedParts = shareable.stream().filter(parts::contains).toList();
        jdbc.sql("""
                insert into referral (id, reference, case_id, from_agency_id, referred_by, service_id, to_agency_id,
                    sector, urgency, reason, plan_action, shared_parts, consent_basis, best_interest_reason, status,
                    sent_at, due_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?)""")
                .params(id, reference, caseId, childCase.agencyId(), referrer.id(), service.id(),
                        service.providerAgencyId(), service.sector(), request.urgency(), request.reason().strip(),
                        blankToNull(request.planAction()), orderedParts.toArray(String[]::new), basis,
                        consent.given() ? null : request.bestInterestReason().strip(), Timestamp.from(now),
                        Timestamp.from(now.plus(sop.delay("referral_response", request.urgency()))))
                .update();
        event(id, referrer, "sent", null, orderedParts);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("referral", reference);
        detail.put("parts", orderedParts);
        detail.put("toAgency", service.providerAgencyCode() == null ? "off_system" : service.providerAgencyCode());
        detail.put("basis", basis);
        detail.put("caseId", caseId.toString());
        audit.record(AuditAction.CREATE, RECORD_TYPE, id, childCase.agencyId(), detail);
        if (!consent.given()) {
            // Sharing without consent is the exception the supervisor must know of.
            notifications.notifyAll(accounts.supervisorsOf(childCase.caseworkerId()), "referral_without_consent",
                    caseId, "/referrals/" + id, Map.of("caseNumber", childCase.caseNumber(), "by", referrer.fullName()));
        }
        if (service.onSystem()) {
            notifications.notifyAll(receivers(service.providerAgencyId(), service.focalPointId()), "referral_received",
                    null, "/referrals/" + id, Map.of("caseNumber", reference, "by", childCase.agencyCode()));
        }
        return load(id);
    }

    private ChildCase referable(CurrentUser referrer, UUID caseId) {
        return sharing.forSending(referrer, caseId);
    }

    private ServiceEntry activeService(UUID serviceId) {
        ServiceEntry service = serviceMap.find(serviceId).orElseThrow(() -> new NotFoundException("service.not_found"));
        if (!service.active()) {
            throw new RuleViolationException("referral.service_inactive");
        }
        return service;
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The sides this user is on for this referral; empty: they may not see it. */
    public Set<Side> sidesOf(CurrentUser user, Referral referral) {
        Set<Side> sides = EnumSet.noneOf(Side.class);
        if (cases.mayRead(user, referral.caseId())) {
            sides.add(Side.REFERRING);
        }
        if (user.agencyId() != null && user.agencyId().equals(referral.toAgencyId())
                && (user.has(Role.AGENCY_MANAGER) || mayProvide(user, referral))) {
            sides.add(Side.RECEIVING);
        }
        return sides;
    }

    /**
     * Whether this user of the receiving agency may record the service and close: its focal
     * point, the caseworker it assigned, or that caseworker's supervisor.
     */
    private boolean mayProvide(CurrentUser user, Referral referral) {
        return user.has(Role.SERVICE_FOCAL_POINT) || user.id().equals(referral.assignedTo())
                || user.has(Role.SUPERVISOR) && referral.assignedTo() != null
                        && accounts.superviseesOf(user.id()).contains(referral.assignedTo());
    }

    /** A referral this user may see (either side); 404 otherwise. The receiving side's first look marks it seen. */
    @Transactional
    public Referral get(CurrentUser user, UUID id) {
        Seen seen = visible(user, id);
        Referral referral = seen.referral();
        if (seen.sides().contains(Side.RECEIVING) && "sent".equals(referral.status())
                && user.has(Role.SERVICE_FOCAL_POINT)) {
            jdbc.sql("update referral set status = 'seen', seen_at = ?, version = version + 1 where id = ? and status = 'sent'")
                    .params(Timestamp.from(clock.instant()), id).update();
            event(id, user, "seen", null, null);
            referral = load(id);
        }
        audit.record(AuditAction.READ, RECORD_TYPE, id, referral.fromAgencyId(), Map.of("referral", referral.reference(),
                "caseId", referral.caseId().toString()));
        return referral;
    }

    /** A referral with the sides its reader is on, looked up once. */
    private record Seen(Referral referral, Set<Side> sides) {
    }

    private Seen visible(CurrentUser user, UUID id) {
        Referral referral = find(id);
        Set<Side> sides = sidesOf(user, referral);
        if (sides.isEmpty()) {
            throw new NotFoundException("referral.not_found");
        }
        return new Seen(referral, sides);
    }

    /** Whether the receiving side may read the shared part now: while open, and some days after closing. */
    public boolean sharedPartReadable(Referral referral) {
        if (referral.open()) {
            return true;
        }
        if ("closed".equals(referral.status()) && referral.closedAt() != null) {
            int days = sop.standard("referral_read_days_after_close");
            return referral.closedAt().plus(java.time.Duration.ofDays(days)).isAfter(clock.instant());
        }
        return false;
    }

    /**
     * The shared part of a case as the receiving side reads it: exactly the ticked parts, and
     * nothing that names the referring case itself (not its internal id). {@code frozenAt}: the
     * case has left the referring agency since, and this is the part as that agency held it then.
     */
    public record SharedPart(Map<String, Object> fields, List<CaseSharing.SharedRecord> records, Instant frozenAt) {
    }

    /**
     * The shared part of the case, for the receiving side only, and only what was ticked. Every
     * read is audited against the case (so the referring agency sees it) and listed on the referral.
     */
    @Transactional
    public SharedPart sharedPart(CurrentUser user, UUID id) {
        Seen seen = visible(user, id);
        Referral referral = seen.referral();
        if (!seen.sides().contains(Side.RECEIVING) || !sharedPartReadable(referral)) {
            throw new NotFoundException("referral.not_found");
        }
        SharedPart shared = sharedPartOf(referral);
        audit.record(AuditAction.READ, "child_case", referral.caseId(), referral.fromAgencyId(),
                Map.of("referral", referral.reference(), "parts", referral.sharedParts()));
        event(id, user, "shared_part_read", null, null);
        return shared;
    }

    /** The ticked parts: as frozen when the case moved, else as the case holds them now. */
    private SharedPart sharedPartOf(Referral referral) {
        if (referral.sharedPartFrozen()) {
            String frozen = jdbc.sql("select shared_part_frozen::text from referral where id = ?")
                    .param(referral.id()).query(String.class).single();
            return thawed(json.readTree(frozen), referral.sharedPartFrozenAt());
        }
        CaseSharing.SharedCase live = sharing.read(referral.caseId(), referral.sharedParts());
        return new SharedPart(live.fields(), live.records(), null);
    }

    /**
     * A case moved to another agency (a transfer accepted): each open referral its former agency
     * sent keeps the shared part as that agency held it, in the move's transaction, so that
     * nothing the new agency records reaches the receiving side through a consent it did not ask.
     */
    @EventListener
    void freezeSharedParts(CaseOwnership.CaseMovedToAgency moved) {
        List<Referral> open = jdbc.sql(SELECT + " where r.case_id = ? and r.from_agency_id = ? "
                + "and r.shared_part_frozen_at is null and r.status in (" + SqlParameters.marks(Referral.OPEN.size())
                + ")").params(java.util.stream.Stream.concat(java.util.stream.Stream.of(moved.caseId(),
                        moved.fromAgencyId()), Referral.OPEN.stream()).toList())
                .query(Referrals::referral).list();
        for (Referral referral : open) {
            CaseSharing.SharedCase held = sharing.read(referral.caseId(), referral.sharedParts());
            Map<String, Object> frozen = new LinkedHashMap<>();
            frozen.put("fields", held.fields());
            frozen.put("records", held.records());
            jdbc.sql("update referral set shared_part_frozen = ?::jsonb, shared_part_frozen_at = ? where id = ?")
                    .params(json.writeValueAsString(frozen), Timestamp.from(moved.movedAt()), referral.id()).update();
            jdbc.sql("""
                    insert into referral_event (referral_id, occurred_at, actor_id, actor_agency_id, kind, note, parts)
                    values (?, clock_timestamp(), null, ?, 'case_moved', null, null)""")
                    .params(referral.id(), moved.fromAgencyId()).update();
        }
    }

    /** The frozen copy read back, with the types the live read gives (a date, a place's id, a list). */
    private static SharedPart thawed(JsonNode frozen, Instant frozenAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        frozen.path("fields").properties().forEach(field -> fields.put(field.getKey(),
                fieldValue(field.getKey(), field.getValue())));
        List<CaseSharing.SharedRecord> records = new ArrayList<>();
        for (JsonNode record : frozen.path("records")) {
            Map<String, Object> values = new LinkedHashMap<>();
            record.path("values").properties().forEach(value -> values.put(value.getKey(), plain(value.getValue())));
            records.add(new CaseSharing.SharedRecord(record.path("formId").asString(), record.path("formVersion").asInt(),
                    record.path("recordedAt").isNull() || record.path("recordedAt").isMissingNode() ? null
                            : Instant.parse(record.path("recordedAt").asString()), values));
        }
        return new SharedPart(fields, records, frozenAt);
    }

    private static Object fieldValue(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (name) {
            case "dateOfBirth" -> LocalDate.parse(value.asString());
            case "locationId" -> UUID.fromString(value.asString());
            default -> plain(value);
        };
    }

    /** A JSON value as the live read would give it: text, a whole or decimal number, true/false, a list or a map. */
    private static Object plain(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
            return map;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? (Object) value.asInt() : (Object) value.asLong();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asString();
    }

    /**
     * Everything the printed referral form shows: the referral, who refers and how to reach
     * them, the service and its contact, and exactly the shared parts of the case.
     */
    public record Printable(Referral referral, String fromAgencyName, String referrerEmail, ServiceEntry service,
            SharedPart shared) {
    }

    /**
     * The referral as printed for the provider (for a provider off Abri, the only way it
     * travels): for the referring side only (anyone else: 404, as for a referral that does not
     * exist). Audited as an export of the case's shared parts, against the referring agency.
     */
    @Transactional
    public Printable forPrinting(CurrentUser user, UUID id) {
        Seen seen = visible(user, id);
        Referral referral = seen.referral();
        if (!seen.sides().contains(Side.REFERRING)) {
            throw new NotFoundException("referral.not_found");
        }
        SharedPart shared = sharedPartOf(referral);
        String agencyName = jdbc.sql("select name from agency where id = ?").param(referral.fromAgencyId())
                .query(String.class).optional().orElse(referral.fromAgencyCode());
        String email = accounts.find(referral.referredBy()).map(UserAccount::email).orElse(null);
        ServiceEntry service = serviceMap.find(referral.serviceId()).orElse(null);
        audit.record(AuditAction.EXPORT, "child_case", referral.caseId(), referral.fromAgencyId(),
                Map.of("referral", referral.reference(), "format", "pdf", "parts", referral.sharedParts()));
        return new Printable(referral, agencyName, email, service, shared);
    }

    /**
     * A referral withdrawn or declined, read by someone only of its receiving side: they keep that it
     * was withdrawn or declined and when, never its texts (the reasons, the referral's own reason,
     * the questions and answers), which the referring side wrote about the child or kept for itself.
     */
    public static boolean endedForReceiver(Referral referral, Set<Side> sides) {
        return !sides.contains(Side.REFERRING)
                && ("withdrawn".equals(referral.status()) || "declined".equals(referral.status()));
    }

    public List<ReferralEvent> events(CurrentUser user, UUID id) {
        Seen seen = visible(user, id);
        boolean textsHidden = endedForReceiver(seen.referral(), seen.sides());
        return jdbc.sql("""
                select e.occurred_at, u.full_name as actor_name, a.code as actor_agency_code, e.kind, e.note, e.parts
                from referral_event e left join app_user u on u.id = e.actor_id left join agency a on a.id = e.actor_agency_id
                where e.referral_id = ? order by e.occurred_at, e.id""").param(id)
                .query((rs, n) -> new ReferralEvent(rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_name"),
                        rs.getString("actor_agency_code"), rs.getString("kind"), textsHidden ? null : rs.getString("note"),
                        SqlParameters.texts(rs.getArray("parts"))))
                .list();
    }

    /** Which list: what my agency (or I) received, or what was sent from cases I may read. */
    public enum Box { INBOX, OUTBOX }

    public Page<Referral> list(CurrentUser user, Box box, String status, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (box == Box.INBOX) {
            if (user.agencyId() == null) {
                return new Page<>(List.of(), page, size, 0);
            }
            where.append("r.to_agency_id = ?");
            params.add(user.agencyId());
            if (!user.hasAny(Role.SERVICE_FOCAL_POINT, Role.AGENCY_MANAGER)) {
                where.append(" and (r.assigned_to = ? or r.assigned_to in (select caseworker_id from supervision where supervisor_id = ?))");
                params.add(user.id());
                params.add(user.id());
            }
        } else {
            CaseRegistry.CaseScope scope = cases.readableScope(user);
            where.append("r.case_id in (").append(scope.sql()).append(")");
            params.addAll(scope.params());
        }
        if (status != null && Referral.STATUSES.contains(status)) {
            where.append(" and r.status = ?");
            params.add(status);
        } else if ("overdue".equals(status)) {
            where.append(" and r.status in ('sent', 'seen') and r.due_at < ?");
            params.add(Timestamp.from(clock.instant()));
        }
        long total = SqlParameters.bind(jdbc.sql("select count(*) from referral r where " + where), params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<Referral> items = SqlParameters.bind(jdbc.sql(SELECT + " where " + where
                + " order by (r.status in ('sent', 'seen')) desc, r.due_at, r.sent_at desc limit ? offset ?"), pageParams)
                .query(Referrals::referral).list();
        return new Page<>(items, page, size, total);
    }

    /** What waits in a user's referral lists: received and not answered, of which late; sent and late. */
    public record Summary(long awaiting, long awaitingOverdue, long sentOverdue) {

        public boolean empty() {
            return awaiting == 0 && sentOverdue == 0;
        }
    }

    public Summary summary(CurrentUser user) {
        long awaiting = list(user, Box.INBOX, "sent", 0, 1).total() + list(user, Box.INBOX, "seen", 0, 1).total();
        return new Summary(awaiting, list(user, Box.INBOX, "overdue", 0, 1).total(),
                list(user, Box.OUTBOX, "overdue", 0, 1).total());
    }

    /** The referrals of one case, for whoever may read the case. */
    public List<Referral> ofCase(CurrentUser user, UUID caseId) {
        if (!cases.mayRead(user, caseId)) {
            throw new NotFoundException("case.not_found");
        }
        List<Referral> found = jdbc.sql(SELECT + " where r.case_id = ? order by r.sent_at desc").param(caseId)
                .query(Referrals::referral).list();
        audit.recordCaseRead(caseId, Map.of("list", "case_referrals", "shown", found.stream().map(Referral::reference).toList()));
        return found;
    }

    /** Caseworkers of the receiving agency a focal point may assign a referral to. */
    public List<UserAccount> assignableFor(Referral referral) {
        if (referral.toAgencyId() == null) {
            return List.of();
        }
        List<UserAccount> people = new ArrayList<>(accounts.activeWithRole(referral.toAgencyId(), Role.CASEWORKER));
        return people;
    }

    // ---- answering (receiving side) ----------------------------------------------------------

    @Transactional
    public Referral accept(CurrentUser user, UUID id, UUID assigneeId, int version) {
        Referral referral = asReceiver(user, id, true);
        requireStatus(referral, "sent", "seen", "information_requested");
        if (assigneeId == null) {
            new FieldChecks().add("assignedTo", "validation.required").throwIfAny();
        }
        if (assignableFor(referral).stream().noneMatch(account -> account.id().equals(assigneeId))) {
            new FieldChecks().add("assignedTo", "validation.invalid_choice").throwIfAny();
        }
        change(referral, version, "status = 'accepted', assigned_to = ?, answered_at = coalesce(answered_at, ?)",
                assigneeId, now());
        event(id, user, "accepted", null, null);
        tellReferringSide(referral, "referral_accepted", user);
        notifications.notify(assigneeId, "referral_assigned", null, "/referrals/" + id,
                Map.of("caseNumber", referral.reference(), "by", user.fullName()));
        return load(id);
    }

    @Transactional
    public Referral decline(CurrentUser user, UUID id, String reason, int version) {
        Referral referral = asReceiver(user, id, true);
        requireStatus(referral, "sent", "seen", "information_requested");
        new FieldChecks().text("reason", reason, true, MAX_TEXT).throwIfAny();
        change(referral, version, "status = 'declined', decline_reason = ?, answered_at = coalesce(answered_at, ?)",
                reason.strip(), now());
        event(id, user, "declined", reason.strip(), null);
        tellReferringSide(referral, "referral_declined", user);
        return load(id);
    }

    @Transactional
    public Referral requestInformation(CurrentUser user, UUID id, String question, int version) {
        Referral referral = asReceiver(user, id, true);
        requireStatus(referral, "sent", "seen");
        new FieldChecks().text("question", question, true, MAX_TEXT).throwIfAny();
        change(referral, version, "status = 'information_requested'");
        event(id, user, "information_requested", question.strip(), null);
        tellReferringSide(referral, "referral_information_requested", user);
        return load(id);
    }

    @Transactional
    public Referral recordService(CurrentUser user, UUID id, String service, LocalDate providedOn, int version) {
        Referral referral = asReceiver(user, id, false);
        requireStatus(referral, "accepted");
        FieldChecks checks = new FieldChecks().text("service", service, true, MAX_TEXT).required("providedOn", providedOn);
        if (providedOn != null && providedOn.isAfter(LocalDate.now(clock))) {
            checks.add("providedOn", "validation.date_in_future");
        }
        checks.throwIfAny();
        change(referral, version, "status = 'service_provided', service_provided = ?, service_provided_on = ?",
                service.strip(), java.sql.Date.valueOf(providedOn));
        event(id, user, "service_provided", service.strip(), null);
        tellReferringSide(referral, "referral_service_provided", user);
        return load(id);
    }

    @Transactional
    public Referral close(CurrentUser user, UUID id, String feedback, int version) {
        Referral referral = asReceiver(user, id, false);
        requireStatus(referral, "accepted", "service_provided");
        new FieldChecks().text("feedback", feedback, true, MAX_TEXT).throwIfAny();
        change(referral, version, "status = 'closed', feedback = ?, closed_at = ?", feedback.strip(), now());
        event(id, user, "closed", feedback.strip(), null);
        tellReferringSide(referral, "referral_closed", user);
        return load(id);
    }

    // ---- following (referring side) ----------------------------------------------------------

    /** Answers the receiving agency's question; may share more parts, only those ticked now. */
    @Transactional
    public Referral answerInformation(CurrentUser user, UUID id, String answer, Collection<String> moreParts,
            int version) {
        Referral referral = asReferrer(user, id);
        requireStatus(referral, "information_requested");
        FieldChecks checks = new FieldChecks().text("answer", answer, true, MAX_TEXT);
        List<String> shareable = sharing.shareableParts(referral.caseId());
        Set<String> added = new LinkedHashSet<>(moreParts == null ? List.of() : moreParts);
        added.removeAll(referral.sharedParts());
        if (!shareable.containsAll(added)) {
            checks.add("parts", "validation.invalid_choice");
        } else if (!added.isEmpty() && referral.sharedPartFrozen()) {
            // The case has left the agency that asked the consent: nothing more of it is shared through this referral.
            checks.add("parts", "referral.parts_frozen");
        }
        checks.throwIfAny();
        Set<String> all = new LinkedHashSet<>(referral.sharedParts());
        all.addAll(added);
        List<String> ordered = shareable.stream().filter(all::contains).toList();
        change(referral, version, "status = 'seen', shared_parts = ?", (Object) ordered.toArray(String[]::new));
        event(id, user, "information_given", answer.strip(), added.isEmpty() ? null : List.copyOf(added));
        if (!added.isEmpty()) {
            audit.record(AuditAction.UPDATE, RECORD_TYPE, id, referral.fromAgencyId(),
                    Map.of("referral", referral.reference(), "partsAdded", List.copyOf(added),
                            "caseId", referral.caseId().toString()));
        }
        notifications.notifyAll(receivers(referral.toAgencyId(), null), "referral_information_given", null,
                "/referrals/" + id, Map.of("caseNumber", referral.reference(), "by", user.fullName()));
        return load(id);
    }

    /** Withdraws the referral (consent withdrawn, child moved…): the receiving side's access ends at once. */
    @Transactional
    public Referral withdraw(CurrentUser user, UUID id, String reason, int version) {
        Referral referral = asReferrer(user, id);
        if (!referral.open()) {
            throw new RuleViolationException("referral.wrong_status");
        }
        new FieldChecks().text("reason", reason, true, MAX_TEXT).throwIfAny();
        change(referral, version, "status = 'withdrawn', withdrawn_at = ?", now());
        event(id, user, "withdrawn", reason.strip(), null);
        audit.record(AuditAction.UPDATE, RECORD_TYPE, id, referral.fromAgencyId(),
                Map.of("referral", referral.reference(), "status", "withdrawn", "caseId", referral.caseId().toString()));
        if (!referral.offSystem()) {
            List<UUID> receivers = new ArrayList<>(receivers(referral.toAgencyId(), null));
            if (referral.assignedTo() != null) {
                receivers.add(referral.assignedTo());
            }
            notifications.notifyAll(receivers, "referral_withdrawn", null, "/referrals",
                    Map.of("caseNumber", referral.reference(), "by", referral.fromAgencyCode()));
        }
        return load(id);
    }

    /** Records that the family was told of a referral made without their consent. */
    @Transactional
    public Referral familyInformed(CurrentUser user, UUID id, String note, int version) {
        Referral referral = asReferrer(user, id);
        if (!referral.familyToTell()) {
            throw new RuleViolationException("referral.wrong_status");
        }
        new FieldChecks().text("note", note, false, MAX_TEXT).throwIfAny();
        change(referral, version, "family_informed_at = ?", now());
        event(id, user, "family_informed", blankToNull(note), null);
        return load(id);
    }

    /** The outcomes a referral to a provider off Abri can be given by hand. */
    public static final List<String> OUTCOMES = List.of("accepted", "declined", "service_provided", "closed");

    /** For a provider off Abri: the referring side records what the provider answered or did. */
    @Transactional
    public Referral recordOutcome(CurrentUser user, UUID id, String outcome, String note, int version) {
        Referral referral = asReferrer(user, id);
        if (!referral.offSystem() || !referral.open()) {
            throw new RuleViolationException("referral.wrong_status");
        }
        FieldChecks checks = new FieldChecks().choice("outcome", outcome, OUTCOMES, true)
                .text("note", note, "declined".equals(outcome) || "closed".equals(outcome), MAX_TEXT);
        checks.throwIfAny();
        String text = blankToNull(note);
        switch (outcome) {
            case "accepted" -> change(referral, version,
                    "status = 'accepted', answered_at = coalesce(answered_at, ?)", now());
            case "declined" -> change(referral, version,
                    "status = 'declined', decline_reason = ?, answered_at = coalesce(answered_at, ?)", text, now());
            case "service_provided" -> change(referral, version, "status = 'service_provided', service_provided = ?, "
                    + "service_provided_on = ?, answered_at = coalesce(answered_at, ?)", text,
                    java.sql.Date.valueOf(LocalDate.now(clock)), now());
            default -> change(referral, version,
                    "status = 'closed', feedback = ?, closed_at = ?, answered_at = coalesce(answered_at, ?)", text, now(),
                    now());
        }
        event(id, user, outcome, text, null);
        return load(id);
    }

    // ---- deadlines ---------------------------------------------------------------------------

    /**
     * Flags, once, each referral not answered in time to both sides: the referring caseworker
     * and the receiving agency's focal points. Returns how many were flagged.
     */
    @Transactional
    public int flagOverdue() {
        List<Referral> late = jdbc.sql(SELECT + " where r.status in ('sent', 'seen') and r.due_at < ? "
                + "and r.overdue_notified_at is null").param(now()).query(Referrals::referral).list();
        for (Referral referral : late) {
            // Claimed first: should two rounds ever overlap, nobody is notified twice.
            if (jdbc.sql("update referral set overdue_notified_at = ? where id = ? and overdue_notified_at is null")
                    .params(now(), referral.id()).update() == 0) {
                continue;
            }
            Set<UUID> referring = new LinkedHashSet<>();
            referring.add(referral.referredBy());
            notifications.notifyAll(referring, "referral_overdue", referral.caseId(), "/referrals/" + referral.id(),
                    Map.of("caseNumber", referral.reference(), "by", referral.toAgencyCode() == null ? "-" : referral.toAgencyCode()));
            if (!referral.offSystem()) {
                notifications.notifyAll(receivers(referral.toAgencyId(), null), "referral_overdue", null,
                        "/referrals/" + referral.id(), Map.of("caseNumber", referral.reference(), "by", referral.fromAgencyCode()));
            }
        }
        return late.size();
    }

    // ---- what a page offers ------------------------------------------------------------------

    public Instant clockNow() {
        return clock.instant();
    }

    /** Whether this user may refer the child of this case (they may change the case). */
    public boolean mayRefer(CurrentUser user, UUID caseId) {
        return cases.mayRead(user, caseId) && cases.mayEdit(user, caseId);
    }

    /** The open actions of the case's plan (the caller has already been allowed to refer the case). */
    public List<CaseSharing.PlanAction> openPlanActions(UUID caseId) {
        return sharing.openPlanActions(caseId);
    }

    public List<String> shareablePartsOf(Referral referral) {
        return sharing.shareableParts(referral.caseId());
    }

    /** The steps this user may take on this referral now (the buttons of its page). */
    public Set<String> actionsFor(CurrentUser user, Referral referral) {
        return actionsFor(user, referral, sidesOf(user, referral));
    }

    /** The same, for a caller that already knows the user's sides (a list: no second look-up per row). */
    public Set<String> actionsFor(CurrentUser user, Referral referral, Set<Side> sides) {
        Set<String> actions = new LinkedHashSet<>();
        if (sides.contains(Side.RECEIVING)) {
            boolean focal = user.has(Role.SERVICE_FOCAL_POINT);
            boolean provider = mayProvide(user, referral);
            if (focal && List.of("sent", "seen", "information_requested").contains(referral.status())) {
                actions.add("accept");
                actions.add("decline");
            }
            if (focal && referral.awaitingAnswer()) {
                actions.add("request-information");
            }
            if (provider && "accepted".equals(referral.status())) {
                actions.add("record-service");
            }
            if (provider && List.of("accepted", "service_provided").contains(referral.status())) {
                actions.add("close");
            }
        }
        if (sides.contains(Side.REFERRING) && cases.mayEdit(user, referral.caseId())) {
            if ("information_requested".equals(referral.status())) {
                actions.add("answer");
            }
            if (referral.familyToTell()) {
                actions.add("family-informed");
            }
            if (referral.offSystem() && referral.open()) {
                actions.add("record-outcome");
            }
            if (referral.open()) {
                actions.add("withdraw");
            }
        }
        return actions;
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Referral asReceiver(CurrentUser user, UUID id, boolean answering) {
        Seen seen = visible(user, id);
        Referral referral = seen.referral();
        if (!seen.sides().contains(Side.RECEIVING)) {
            throw new AccessDeniedException("not the receiving side");
        }
        if (answering ? !user.has(Role.SERVICE_FOCAL_POINT) : !mayProvide(user, referral)) {
            throw new AccessDeniedException("may not answer this referral");
        }
        return referral;
    }

    private Referral asReferrer(CurrentUser user, UUID id) {
        Seen seen = visible(user, id);
        Referral referral = seen.referral();
        if (!seen.sides().contains(Side.REFERRING) || !cases.mayEdit(user, referral.caseId())) {
            throw new AccessDeniedException("may not change the referring case");
        }
        return referral;
    }

    private static void requireStatus(Referral referral, String... statuses) {
        if (!List.of(statuses).contains(referral.status())) {
            throw new RuleViolationException("referral.wrong_status");
        }
    }

    private void change(Referral referral, int expectedVersion, String assignments, Object... values) {
        List<Object> params = new ArrayList<>(Arrays.asList(values));
        params.add(referral.id());
        params.add(expectedVersion);
        int updated = SqlParameters.bind(jdbc.sql("update referral set " + assignments + ", version = version + 1 where id = ? and version = ?"),
                params).update();
        if (updated == 0) {
            throw new StaleRecordException("referral.changed_meanwhile");
        }
    }

    private void tellReferringSide(Referral referral, String kind, CurrentUser by) {
        notifications.notifyAll(List.of(referral.referredBy()), kind, referral.caseId(), "/referrals/" + referral.id(),
                Map.of("caseNumber", referral.reference(), "by", by.fullName()));
    }

    /** Who receives a referral in an agency: the service's focal point, else every focal point of the agency. */
    private List<UUID> receivers(UUID agencyId, UUID serviceFocalPoint) {
        List<UUID> ids = new ArrayList<>();
        if (serviceFocalPoint != null) {
            ids.add(serviceFocalPoint);
        }
        accounts.activeWithRole(agencyId, Role.SERVICE_FOCAL_POINT).forEach(account -> ids.add(account.id()));
        return ids;
    }

    private void event(UUID referralId, CurrentUser actor, String kind, String note, List<String> parts) {
        jdbc.sql("""
                insert into referral_event (referral_id, occurred_at, actor_id, actor_agency_id, kind, note, parts)
                values (?, clock_timestamp(), ?, ?, ?, ?, ?)""")
                .params(referralId, actor.id(), actor.agencyId(), kind, note, parts == null ? null : parts.toArray(String[]::new))
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    Referral find(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(Referrals::referral).optional()
                .orElseThrow(() -> new NotFoundException("referral.not_found"));
    }

    private Referral load(UUID id) {
        return find(id);
    }


    static Referral referral(ResultSet rs, int row) throws SQLException {
        return new Referral(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getObject("case_id", UUID.class),
                rs.getString("case_number"), rs.getObject("from_agency_id", UUID.class), rs.getString("from_agency_code"),
                rs.getObject("referred_by", UUID.class), rs.getString("referred_by_name"),
                rs.getObject("service_id", UUID.class), rs.getString("service_name"), rs.getString("provider_name"),
                rs.getObject("to_agency_id", UUID.class), rs.getString("to_agency_code"), rs.getString("sector"),
                rs.getString("urgency"), rs.getString("reason"), rs.getString("plan_action"),
                SqlParameters.texts(rs.getArray("shared_parts")), rs.getString("consent_basis"), rs.getString("best_interest_reason"),
                instant(rs.getTimestamp("family_informed_at")), rs.getString("status"), instant(rs.getTimestamp("sent_at")),
                instant(rs.getTimestamp("due_at")), instant(rs.getTimestamp("seen_at")),
                instant(rs.getTimestamp("answered_at")), rs.getObject("assigned_to", UUID.class),
                rs.getString("assigned_to_name"), rs.getString("decline_reason"), rs.getString("service_provided"),
                rs.getObject("service_provided_on", LocalDate.class), rs.getString("feedback"),
                instant(rs.getTimestamp("closed_at")), instant(rs.getTimestamp("withdrawn_at")),
                instant(rs.getTimestamp("shared_part_frozen_at")), rs.getInt("version"));
    }


    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
