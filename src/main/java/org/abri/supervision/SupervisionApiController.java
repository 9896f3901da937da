package org.abri.supervision;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.platform.FieldChecks;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.abri.platform.NotFoundException;
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

/**
 * Supervision records over JSON, under the same rules as the pages: read by the person they
 * are about, their supervisors and their agency's manager (404 for anyone else), written by a
 * supervisor about their supervisees or team and by a manager about staff of their agency.
 * Every read is audited.
 */
@RestController
@Tag(name = "Supervision", description = "Supervision records about a staff member or a team.")
class SupervisionApiController {

    /** Fields of the record itself; any other problem is about a form value. */
    private static final Set<String> OWN_FIELDS = Set.of("formId", "subjectId", "caseId", "heldOn", "mode");

    private final StaffRecords records;

    SupervisionApiController(StaffRecords records) {
        this.records = records;
    }

    /** A supervision record; {@code values} is empty in lists. {@code subjectId} null: about the team. */
    record StaffRecordView(UUID id, String formId, int formVersion, UUID subjectId, String subjectName, UUID caseId,
            String caseNumber, LocalDate heldOn, String mode, int version, Map<String, Object> values,
            Instant createdAt, String createdBy, Instant updatedAt) {

        static StaffRecordView of(StaffRecord record, boolean withValues) {
            return new StaffRecordView(record.id(), record.formId(), record.formVersion(), record.subjectId(),
                    record.subjectName(), record.caseId(), record.caseNumber(), record.heldOn(), record.mode(),
                    record.version(), withValues ? record.data() : Map.of(), record.createdAt(),
                    record.createdByName(), record.updatedAt());
        }
    }

    record NewStaffRecord(String formId, UUID subjectId, UUID caseId, LocalDate heldOn, String mode,
            Map<String, Object> values) {
    }

    @GetMapping(path = "/api/v1/supervision/records", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listSupervisionRecords", summary = "List the supervision records you may read",
            description = "Newest first, without values; filtered by the staff member they are about (`subject`) "
                    + "and by form. 404 for a staff member whose supervision you do not follow. Audited.")
    List<StaffRecordView> list(@AuthenticationPrincipal CurrentUser me,
            @RequestParam(required = false) UUID subject, @RequestParam(required = false) String form) {
        requireReader(me);
        if (subject != null && !records.mayFollow(me, subject)) {
            throw new NotFoundException("user.not_found");
        }
        return records.list(me, subject, form == null || form.isBlank() ? null : form, null).stream()
                .map(record -> StaffRecordView.of(record, false)).toList();
    }

    @PostMapping(path = "/api/v1/supervision/records", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "createSupervisionRecord", summary = "Record a supervision session or meeting",
            description = "`formId` is a supervision form (GET /api/v1/forms), `subjectId` the staff member "
                    + "(omitted: the team), `caseId` the case of a case discussion, `mode` in_person, phone or "
                    + "video. Agreed actions become the staff member's tasks. Audited.")
    ResponseEntity<StaffRecordView> create(@AuthenticationPrincipal CurrentUser me,
            @RequestBody NewStaffRecord input) {
        if (!StaffRecords.mayWriteAny(me)) {
            throw new AccessDeniedException("supervision records are written by supervisors and managers");
        }
        new FieldChecks().text("formId", input.formId(), true, 60).throwIfAny();
        StaffRecord created;
        try {
            created = records.create(me, new StaffRecords.StaffRecordRequest(input.formId(), input.subjectId(),
                    input.caseId(), input.heldOn(), input.mode(), input.values() == null ? Map.of() : input.values()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(problem -> OWN_FIELDS.contains(problem.field())
                    ? problem
                    : new FieldProblem(problem.field().isEmpty() ? "values" : "values." + problem.field(),
                            problem.code(), problem.arguments())).toList());
        }
        return ResponseEntity.created(URI.create("/api/v1/supervision/records/" + created.id()))
                .body(StaffRecordView.of(created, true));
    }

    @GetMapping(path = "/api/v1/supervision/records/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getSupervisionRecord", summary = "Read a supervision record", description = "Audited.")
    StaffRecordView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireReader(me);
        return StaffRecordView.of(records.read(me, id), true);
    }

    private static void requireReader(CurrentUser me) {
        if (!StaffRecords.mayReadAny(me)) {
            throw new AccessDeniedException("supervision records are kept within an agency");
        }
    }
}
