package org.abri.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** One supervision record as its readers see it; {@code subjectId} is null for a record about the team. */
public record StaffRecord(UUID id, UUID agencyId, UUID subjectId, String subjectName, UUID caseId, String caseNumber,
        String formId, int formVersion, LocalDate heldOn, String mode, Map<String, Object> data, int version,
        Instant createdAt, UUID createdBy, String createdByName, Instant updatedAt) {
}
