package org.abri.cases;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.platform.FieldChecks;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The filled forms of a case over JSON: values under field ids, checked against the form
 * definition exactly as on the pages (unknown fields, wrong types and oversized values are
 * refused, each named as {@code values.<field>}). Same need-to-know, locking and audit.
 */
@RestController
@Tag(name = "Case records", description = "Filled forms of a case (assessments, plans, follow-up visits…).")
class CaseRecordApiController {

    private final CaseRecords records;
    private final org.abri.audit.AuditLog audit;

    CaseRecordApiController(CaseRecords records, org.abri.audit.AuditLog audit) {
        this.audit = audit;
        this.records = records;
    }

    /** A filled form. {@code values} is empty in lists. */
    record RecordView(UUID id, UUID caseId, String formId, int formVersion, int version, Map<String, Object> values,
            Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

        static RecordView of(CaseRecords.FormRecord record) {
            return new RecordView(record.id(), record.caseId(), record.formId(), record.formVersion(), record.version(),
                    record.data(), record.createdAt(), record.createdByName(), record.updatedAt(),
                    record.updatedByName());
        }
    }

    record NewRecord(String formId, Map<String, Object> values) {
    }

    record RecordChange(Integer version, Map<String, Object> values) {
    }

    @GetMapping(path = "/api/v1/cases/{caseId}/records", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listCaseRecords", summary = "List the filled forms of a case", description = "Newest first, without values.")
    List<RecordView> list(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId) {
        requireReader(me);
        List<CaseRecords.FormRecord> found = records.list(me, caseId);
        audit.recordCaseRead(caseId, Map.of("list", "case_records", "shown",
                found.stream().map(r -> r.id().toString()).toList()));
        return found.stream().map(RecordView::of).toList();
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/records", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "createCaseRecord", summary = "Fill in a form for a case",
            description = "`values` are keyed by field id (see GET /api/v1/forms/{formId}). Audited.")
    ResponseEntity<RecordView> create(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestBody NewRecord input) {
        requireReader(me);
        new FieldChecks().text("formId", input.formId(), true, 60).throwIfAny();
        CaseRecords.FormRecord created = withValuesPrefix(() ->
                records.create(me, caseId, input.formId(), input.values() == null ? Map.of() : input.values()));
        return ResponseEntity.created(URI.create("/api/v1/records/" + created.id())).body(RecordView.of(created));
    }

    @GetMapping(path = "/api/v1/records/{recordId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getCaseRecord", summary = "Read a filled form", description = "Audited.")
    RecordView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID recordId) {
        requireReader(me);
        return RecordView.of(records.read(me, recordId));
    }

    @PutMapping(path = "/api/v1/records/{recordId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "updateCaseRecord", summary = "Change a filled form",
            description = "Send the `version` you read; 409 if someone saved meanwhile. Values of fields the form "
                    + "no longer asks for are kept. Audited.")
    RecordView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID recordId,
            @RequestBody RecordChange input) {
        requireReader(me);
        if (input.version() == null) {
            throw new InvalidInputException(List.of(new FieldProblem("version", "validation.required")));
        }
        return RecordView.of(withValuesPrefix(() ->
                records.update(me, recordId, input.values() == null ? Map.of() : input.values(), input.version())));
    }

    private static void requireReader(CurrentUser me) {
        if (!CaseAccess.mayReadAny(me)) {
            throw new AccessDeniedException("this role reads no case");
        }
    }

    /** Field problems named as the caller sent them: under {@code values}. */
    private static CaseRecords.FormRecord withValuesPrefix(java.util.function.Supplier<CaseRecords.FormRecord> call) {
        try {
            return call.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(problem -> new FieldProblem(
                    problem.field().isEmpty() ? "values" : "values." + problem.field(), problem.code(),
                    problem.arguments())).toList());
        }
    }
}
