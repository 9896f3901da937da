package org.abri.transfers;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Transfers over JSON: the same service as the pages, the same rules, the same audit. */
@RestController
@Tag(name = "Transfers", description = "Transfer of a case to another agency: request, accept, decline, withdraw.")
class TransferApiController {

    private final Transfers transfers;

    TransferApiController(Transfers transfers) {
        this.transfers = transfers;
    }

    record TransferInput(String toAgencyId, String reason, String needs, String bestInterestReason) {
    }

    record ActionInput(String caseworkerId, String reason) {
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "requestTransfer", summary = "Request the transfer of a case to another agency",
            description = "For those who may change the case. `toAgencyId`: an active agency other than the case's; "
                    + "`reason` and `needs` (what the receiving agency needs to know): required. Refused with 422 "
                    + "`transfer.consent_missing` unless the consent to share information is given in the consent and "
                    + "assent form, or a `bestInterestReason` is recorded (the supervisors are told). One open "
                    + "transfer per case (422 `transfer.already_open`). Answers 201. Audited.")
    ResponseEntity<Transfers.TransferView> request(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestBody TransferInput input) {
        UUID agency = null;
        if (input.toAgencyId() != null && !input.toAgencyId().isBlank()) {
            agency = FormValues.uuidOrNull(input.toAgencyId());
            if (agency == null) {
                throw new InvalidInputException(List.of(new FieldProblem("toAgencyId", "validation.invalid_format")));
            }
        }
        Transfers.TransferView view = transfers.request(me, caseId, new Transfers.TransferRequest(agency,
                input.reason(), input.needs(), input.bestInterestReason()));
        return ResponseEntity.created(URI.create("/api/v1/transfers/" + view.transfer().id())).body(view);
    }

    @GetMapping(path = "/api/v1/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listTransfers", summary = "The caller's incoming and outgoing transfers",
            description = "Incoming: to the caller's agency, for its service focal points, agency managers and "
                    + "supervisors. Outgoing: those the caller requested, of their cases, of their team's (supervisor) "
                    + "or of their agency (agency manager). Pending first. Case numbers only, no child's data.")
    List<Transfers.Listed> list(@AuthenticationPrincipal CurrentUser me) {
        return transfers.list(me);
    }

    @GetMapping(path = "/api/v1/transfers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getTransfer", summary = "One transfer, with what the caller may do",
            description = "While the receiving agency decides it sees the reason, the needs and the child's identity, "
                    + "sex, age, concerns and risk level, not the case records; reading them is audited on the case.")
    Transfers.TransferView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return transfers.get(me, id);
    }

    @PostMapping(path = "/api/v1/transfers/{id}/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "decideTransfer", summary = "Accept, decline or withdraw a transfer",
            description = "`action`: accept (the receiving agency; `caseworkerId`: one of its active caseworkers, "
                    + "who gets the case with its whole history), decline (the receiving agency; `reason` required), "
                    + "withdraw (the sending side, who may change the case; `reason` optional). Only a pending "
                    + "transfer (422 `transfer.not_pending`). Audited.")
    Transfers.TransferView act(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @PathVariable String action, @RequestBody(required = false) ActionInput input) {
        ActionInput in = input == null ? new ActionInput(null, null) : input;
        UUID caseworker = FormValues.uuidOrNull(in.caseworkerId());
        if (caseworker == null && in.caseworkerId() != null && !in.caseworkerId().isBlank()) {
            throw new InvalidInputException(List.of(new FieldProblem("caseworkerId", "validation.invalid_format")));
        }
        return transfers.act(me, id, action, caseworker, in.reason());
    }
}
