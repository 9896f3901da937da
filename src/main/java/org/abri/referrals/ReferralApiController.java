package org.abri.referrals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.platform.ApiPage;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Referrals over JSON, with the same rules as the pages. The receiving side never gets the
 * referring case's id or number, nor the best-interest reason: only the referral and, from
 * {@code /shared-case}, exactly the parts that were ticked.
 */
@RestController
@Tag(name = "Referrals", description = "Interagency referrals and the shared part of a case.")
class ReferralApiController {

    private final Referrals referrals;
    private final ReferralReport report;
    private final org.abri.audit.AuditLog audit;

    ReferralApiController(Referrals referrals, ReferralReport report, org.abri.audit.AuditLog audit) {
        this.audit = audit;
        this.referrals = referrals;
        this.report = report;
    }

    @Schema(description = "The referral report: counts only, never a child's data. `by`: referring or receiving "
            + "agency; `from`/`to`: months of sending (yyyy-MM, inclusive) in `timeZone`; each row is an agency "
            + "(null for providers off Abri), a sector and a month; `total` is the same over every row.")
    record ReportView(String by, String from, String to, String sector, String timeZone, List<ReferralReport.Row> rows,
            ReferralReport.Row total) {
    }

    @GetMapping(path = "/api/v1/referrals/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "referralReport", summary = "Referrals sent, accepted, declined, pending and overdue, "
            + "with the median hours to answer, per agency, sector and month",
            description = "`by`: referring (default) or receiving; `from`, `to`: yyyy-MM; `sector`: a service sector. "
                    + "Accepted: answered and not declined; pending: sent, seen or information requested; overdue: "
                    + "sent or seen past the deadline now. Agency managers: referrals their agency sent or received; "
                    + "coordination viewers and system administrators: every agency; others 403.")
    ReportView report(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String by,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String sector) {
        if (!ReferralReport.mayRead(me)) {
            throw new AccessDeniedException("referral report");
        }
        ReferralReport.Report found = report.run(me, ReferralReport.query(by, from, to, sector));
        ReferralReport.Query q = found.query();
        return new ReportView(q.by().name().toLowerCase(java.util.Locale.ROOT), q.from() == null ? null : q.from().toString(),
                q.to() == null ? null : q.to().toString(), q.sector(), found.timeZone(), found.rows(), found.total());
    }

    @Schema(description = "A referral to send. `parts`: exactly what is shared (identity, concerns, risk, location, "
            + "caregiver, background, form:<form id>). `bestInterestReason`: required when the consent to share "
            + "is not given. `urgency`: high, medium or low.")
    record ReferralInput(String serviceId, String urgency, String reason, String planAction, List<String> parts,
            String bestInterestReason) {
    }

    @Schema(description = "A step on a referral. `text`: the reason, question, answer, service, feedback or note the step "
            + "needs; `assignedTo`: the caseworker (accept); `providedOn`: date of the service; `parts`: parts added "
            + "to the sharing with an answer; `outcome`: for a provider off Abri; `version`: the referral's version read.")
    record StepInput(String text, String assignedTo, String providedOn, List<String> parts, String outcome,
            Integer version) {
    }

    @Schema(description = "A referral. `caseId`, `caseNumber` and `bestInterestReason` are given to the referring side "
            + "only. Once it is withdrawn or declined, the receiving side keeps its status and dates, not its texts "
            + "(`reason`, `planAction`, `declineReason` are null). `sharedPartFrozenAt`: the case has left the "
            + "referring agency; the shared part is as that agency held it then.")
    record ReferralView(UUID id, String reference, UUID caseId, String caseNumber, String fromAgencyCode,
            String referredByName, UUID serviceId, String serviceName, String providerName, String toAgencyCode,
            boolean offSystem, String sector, String urgency, String reason, String planAction, List<String> sharedParts,
            String consentBasis, String bestInterestReason, Instant familyInformedAt, String status, boolean overdue,
            Instant sentAt, Instant dueAt, Instant answeredAt, String assignedToName, String declineReason,
            String serviceProvided, LocalDate serviceProvidedOn, String feedback, Instant closedAt,
            Instant sharedPartFrozenAt, int version, List<String> sides, Set<String> actions) {
    }

    @GetMapping(path = "/api/v1/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listReferrals", summary = "Referrals received by the caller's agency (box=inbox) or sent "
            + "from cases the caller may read (box=outbox)", description = "`status`: a status, or `overdue`.")
    ApiPage<ReferralView> list(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "outbox") String box,
            @RequestParam(required = false) String status, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        requireAgencyUser(me);
        if (!"inbox".equals(box) && !"outbox".equals(box)) {
            throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem("box", "validation.invalid_choice")));
        }
        var found = referrals.list(me, "inbox".equals(box) ? Referrals.Box.INBOX : Referrals.Box.OUTBOX, status,
                FormValues.pageNumber(page), Math.min(Math.max(FormValues.intOr(size, 50), 1), 200));
        audit.record(org.abri.audit.AuditAction.SEARCH, Referrals.RECORD_TYPE, null, me.agencyId(), java.util.Map.of("list", box,
                "results", found.total(), "shown", found.items().stream().map(Referral::reference).toList()));
        return ApiPage.of(found, r -> view(me, r));
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "referChild", summary = "Refer the child of a case to a service of the map",
            description = "Refused (422 referral.consent_required) without the consent to share and without a "
                    + "best-interest reason. Audited; the receiving agency's focal points are notified.")
    ResponseEntity<ReferralView> send(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestBody ReferralInput input) {
        requireAgencyUser(me);
        UUID serviceId = FormValues.uuidOrNull(input.serviceId());
        if (serviceId == null) {
            throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem("serviceId", "validation.required")));
        }
        Referral sent = referrals.send(me, caseId, new Referrals.ReferralRequest(serviceId, input.urgency(),
                input.reason(), input.planAction(), input.parts(), input.bestInterestReason()));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/referrals/" + sent.id())
                .body(view(me, sent));
    }

    @GetMapping(path = "/api/v1/referrals/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getReferral", summary = "One referral, seen from the caller's side")
    ReferralView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireAgencyUser(me);
        return view(me, referrals.get(me, id));
    }

    @GetMapping(path = "/api/v1/referrals/{id}/shared-case", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getReferralSharedCase", summary = "The shared part of the case, for the receiving side",
            description = "Only the ticked parts: fields of a part not shared are absent. Readable while the referral "
                    + "is open and the configured days after it is closed; every read is audited and shown to the "
                    + "referring agency. Nothing in it names the referring case (no case id). `frozenAt`: the case "
                    + "has since left the referring agency, and this is the part as that agency held it then; what "
                    + "the new agency records is never shared through this referral.")
    Referrals.SharedPart shared(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireAgencyUser(me);
        return referrals.sharedPart(me, id);
    }

    @PostMapping(path = "/api/v1/referrals/{id}/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "stepReferral", summary = "Take a step on a referral",
            description = "Receiving side: accept (assignedTo), decline (text), request-information (text), "
                    + "record-service (text, providedOn), close (text: feedback). Referring side: answer (text, parts), "
                    + "withdraw (text), family-informed (text), record-outcome (outcome, text; providers off Abri). "
                    + "`version` is required (409 when the referral changed meanwhile).")
    ReferralView step(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable String action,
            @RequestBody(required = false) StepInput body) {
        requireAgencyUser(me);
        StepInput in = body == null ? new StepInput(null, null, null, null, null, null) : body;
        if (in.version() == null) {
            throw new InvalidInputException(List.of(new InvalidInputException.FieldProblem("version", "validation.required")));
        }
        try {
            return view(me, take(me, id, action, in));
        } catch (InvalidInputException e) {
            // The reason, question, answer, service, feedback or note of a step all arrive as `text`: name them so.
            throw new InvalidInputException(e.problems().stream().map(p -> Set.of("reason", "question", "answer",
                    "service", "feedback", "note").contains(p.field())
                            ? new InvalidInputException.FieldProblem("text", p.code(), p.arguments()) : p).toList());
        }
    }

    private Referral take(CurrentUser me, UUID id, String action, StepInput in) {
        int version = in.version();
        String text = in.text() == null ? "" : in.text();
        return switch (action) {
            case "accept" -> referrals.accept(me, id, FormValues.uuidOrNull(in.assignedTo()), version);
            case "decline" -> referrals.decline(me, id, text, version);
            case "request-information" -> referrals.requestInformation(me, id, text, version);
            case "record-service" -> referrals.recordService(me, id, text, FormValues.date("providedOn", in.providedOn()), version);
            case "close" -> referrals.close(me, id, text, version);
            case "answer" -> referrals.answerInformation(me, id, text, in.parts(), version);
            case "withdraw" -> referrals.withdraw(me, id, text, version);
            case "family-informed" -> referrals.familyInformed(me, id, text, version);
            case "record-outcome" -> referrals.recordOutcome(me, id, in.outcome(), text, version);
            default -> throw new NotFoundException("referral.not_found");
        };
    }

    private ReferralView view(CurrentUser me, Referral r) {
        Set<Referrals.Side> sides = referrals.sidesOf(me, r);
        boolean referring = sides.contains(Referrals.Side.REFERRING);
        boolean ended = Referrals.endedForReceiver(r, sides);
        return new ReferralView(r.id(), r.reference(), referring ? r.caseId() : null, referring ? r.caseNumber() : null,
                r.fromAgencyCode(), r.referredByName(), r.serviceId(), r.serviceName(), r.providerName(), r.toAgencyCode(),
                r.offSystem(), r.sector(), r.urgency(), ended ? null : r.reason(), ended ? null : r.planAction(),
                r.sharedParts(), r.consentBasis(), referring ? r.bestInterestReason() : null, r.familyInformedAt(),
                r.status(), r.overdue(referrals.clockNow()), r.sentAt(), r.dueAt(), r.answeredAt(), r.assignedToName(),
                ended ? null : r.declineReason(), r.serviceProvided(), r.serviceProvidedOn(), r.feedback(), r.closedAt(),
                r.sharedPartFrozenAt(), r.version(), sides.stream().map(s -> s.name().toLowerCase()).toList(),
                referrals.actionsFor(me, r, sides));
    }


    private static void requireAgencyUser(CurrentUser me) {
        if (me.agencyId() == null) {
            throw new AccessDeniedException("referrals are between agencies");
        }
    }
}
