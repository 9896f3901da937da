package org.abri.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccounts;
import org.abri.platform.ApiPage;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.abri.platform.Page;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail for administrators: of one record, or of one user. An agency
 * administrator sees what touched their agency; a record or a user outside it answers 404.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "The append-only trail of every access to case data. System administrator "
        + "(everything) and agency administrator (what touched their agency).")
class AuditApiController {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final AuditLog audit;
    private final UserAccounts accounts;
    private final JsonMapper json;

    AuditApiController(AuditLog audit, UserAccounts accounts, JsonMapper json) {
        this.audit = audit;
        this.accounts = accounts;
        this.json = json;
    }

    @Schema(description = "One line of the audit trail. `detail` never holds a child's personal data: case numbers "
            + "and field names only.")
    record AuditEntryView(long id, Instant occurredAt, UUID userId, String username, UUID agencyId,
            @Schema(allowableValues = {"create", "read", "update", "search", "export", "end", "access_denied"})
            String action,
            @Schema(example = "child_case") String recordType, UUID recordId, UUID recordAgencyId,
            String clientAddress, Map<String, Object> detail) {
    }

    @GetMapping
    @Operation(operationId = "auditTrail", summary = "Audit trail of a record or of a user",
            description = "Give exactly one of `record` and `user`. Newest first.")
    ApiPage<AuditEntryView> trail(@AuthenticationPrincipal CurrentUser me,
            @Parameter(description = "The id of a record, e.g. a case") @RequestParam(required = false) UUID record,
            @Parameter(description = "The id of a user") @RequestParam(required = false) UUID user,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 200") @RequestParam(defaultValue = "50") int size) {
        if (!me.hasAny(Role.SYSTEM_ADMIN, Role.AGENCY_ADMIN)) {
            throw new AccessDeniedException("audit trail is for administrators");
        }
        FieldChecks checks = new FieldChecks().range("page", page, 0, 100_000).range("size", size, 1, 200);
        if ((record == null) == (user == null)) {
            checks.add(record == null ? "record" : "user", "validation.audit_filter");
        }
        checks.throwIfAny();
        Page<AuditEntry> entries;
        if (user != null) {
            // Throws 404 for a user the administrator may not know.
            accounts.getVisibleTo(me, user);
            entries = audit.ofUser(me, user, page, size);
        } else {
            entries = audit.ofRecord(me, record, page, size);
            // A record whose trail holds nothing this administrator may see is, for them, unknown.
            if (entries.total() == 0) {
                throw new NotFoundException("audit.record_not_found");
            }
        }
        audit.recordTrailRead(me, record, user, entries);
        return ApiPage.of(entries, this::view);
    }

    private AuditEntryView view(AuditEntry entry) {
        Map<String, Object> detail = entry.detail() == null ? Map.of() : json.readValue(entry.detail(), DETAIL);
        return new AuditEntryView(entry.id(), entry.occurredAt(), entry.userId(), entry.username(), entry.agencyId(),
                entry.action(), entry.recordType(), entry.recordId(), entry.recordAgencyId(), entry.clientAddress(),
                detail);
    }
}
