package org.abri.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;

/** The JSON shapes of the case API: what a client sends and what it gets back. */
final class CaseApiModels {

    private CaseApiModels() {
    }

    @Schema(description = "A registration (POST) or a full edit (PUT) of a child's case. "
            + "Codes of sex, riskLevel and the consent fields are fixed; nationality, displacementStatus, "
            + "caregiverRelationship and protectionConcerns take codes of the lists under /api/v1/lookups.")
    record CaseInput(
            @Schema(example = "Amina", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String givenNames,
            @Schema(example = "Ndoumbé", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String familyName,
            @Schema(maxLength = 300) String otherNames,
            @Schema(allowableValues = {"female", "male", "unknown"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String sex,
            @Schema(description = "Date of birth if known; otherwise give ageEstimated.") LocalDate dateOfBirth,
            @Schema(description = "Estimated age in years today (0–25), when the date of birth is unknown.")
            Integer ageEstimated,
            @Schema(description = "Code of the nationality list.") String nationality,
            @Schema(description = "Code of the displacement_status list.") String displacementStatus,
            @Schema(description = "An active location (see /api/v1/locations).",
                    requiredMode = Schema.RequiredMode.REQUIRED) UUID locationId,
            @Schema(maxLength = 200) String caregiverName,
            @Schema(description = "Code of the caregiver_relationship list.") String caregiverRelationship,
            @Schema(description = "At least one code of the protection_concern list.",
                    requiredMode = Schema.RequiredMode.REQUIRED) List<String> protectionConcerns,
            @Schema(allowableValues = {"high", "medium", "low"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String riskLevel,
            @Schema(description = "Registration only: the caseworker the case is assigned to. Defaults to the caller "
                    + "when they are a caseworker or supervisor; ignored on edit.") UUID caseworkerId,
            @Schema(description = "One entry per consent kind: case_management, data_collection, "
                    + "anonymous_data_sharing.", requiredMode = Schema.RequiredMode.REQUIRED)
            Map<String, ConsentInput> consents,
            @Schema(description = "Edit only: the version read before editing. A save against a newer version "
                    + "answers 409.") Integer version) {

        /** The domain form; problems with consent kinds are reported before anything else. */
        CaseDetails toDetails() {
            List<String> unknown = consents == null ? List.of()
                    : consents.keySet().stream().filter(kind -> !ConsentRecord.KINDS.contains(kind)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(unknown.stream()
                        .map(kind -> new FieldProblem("consents." + kind, "validation.invalid_choice")).toList());
            }
            CaseDetails details = new CaseDetails();
            details.setGivenNames(givenNames);
            details.setFamilyName(familyName);
            details.setOtherNames(otherNames);
            details.setSex(sex);
            details.setDateOfBirth(dateOfBirth);
            details.setAgeEstimated(ageEstimated);
            details.setNationality(nationality);
            details.setDisplacementStatus(displacementStatus);
            details.setLocationId(locationId);
            details.setCaregiverName(caregiverName);
            details.setCaregiverRelationship(caregiverRelationship);
            details.setProtectionConcerns(protectionConcerns == null ? List.of()
                    : protectionConcerns.stream().filter(code -> code != null).toList());
            details.setRiskLevel(riskLevel);
            details.setCaseworkerId(caseworkerId);
            List<ConsentRecord> lines = new ArrayList<>();
            for (String kind : ConsentRecord.KINDS) {
                ConsentInput given = consents == null ? null : consents.get(kind);
                lines.add(given == null ? new ConsentRecord(kind, null, null, null, null)
                        : new ConsentRecord(kind, given.decision(), given.method(), given.givenBy(), given.givenOn()));
            }
            details.setConsents(lines);
            details.setVersion(version);
            return details;
        }
    }

    @Schema(description = "One consent of registration.")
    record ConsentInput(
            @Schema(allowableValues = {"given", "refused"}, requiredMode = Schema.RequiredMode.REQUIRED) String decision,
            @Schema(allowableValues = {"written", "verbal", "thumbprint"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String method,
            @Schema(allowableValues = {"child", "caregiver", "both"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String givenBy,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate givenOn) {
    }

    @Schema(description = "A child's case as the caller is allowed to see it.")
    record CaseView(UUID id, @Schema(example = "IRC-2026-00042") String caseNumber, UUID agencyId, String agencyCode,
            UUID caseworkerId, String caseworkerName, @Schema(allowableValues = {"open", "closed"}) String status,
            String riskLevel, String givenNames, String familyName, String otherNames, String sex,
            LocalDate dateOfBirth,
            @Schema(description = "The estimated age today when the date of birth is unknown (null otherwise); "
                    + "send it back unchanged to keep the estimate.") Integer ageEstimated,
            @Schema(description = "Age in years today.") Integer age, String nationality, String displacementStatus,
            UUID locationId, String caregiverName, String caregiverRelationship, List<String> protectionConcerns,
            Map<String, ConsentView> consents, Instant registeredAt, Instant updatedAt, String updatedByName,
            @Schema(description = "Send it back with an edit (optimistic locking).") int version) {

        static CaseView of(ChildCase c) {
            CaseDetails editable = c.toDetails();
            Map<String, ConsentView> consents = new LinkedHashMap<>();
            for (ConsentRecord consent : editable.getConsents()) {
                consents.put(consent.kind(), new ConsentView(consent.decision(), consent.method(), consent.givenBy(),
                        consent.givenOn()));
            }
            return new CaseView(c.id(), c.caseNumber(), c.agencyId(), c.agencyCode(), c.caseworkerId(),
                    c.caseworkerName(), c.status(), c.riskLevel(), c.givenNames(), c.familyName(), c.otherNames(),
                    c.sex(), c.dateOfBirth(), editable.getAgeEstimated(), c.age(), c.nationality(),
                    c.displacementStatus(), c.locationId(), c.caregiverName(), c.caregiverRelationship(),
                    c.protectionConcerns(), consents, c.registeredAt(), c.updatedAt(), c.updatedByName(), c.version());
        }
    }

    @Schema(description = "A consent as recorded (all null when not recorded).")
    record ConsentView(String decision, String method, String givenBy, LocalDate givenOn) {
    }

    @Schema(description = "One line of a case list.")
    record CaseListItem(UUID id, String caseNumber, String givenNames, String familyName, String sex,
            LocalDate dateOfBirth, Integer age, String riskLevel, String status, List<String> protectionConcerns,
            UUID locationId, String caseworkerName, Instant registeredAt) {

        static CaseListItem of(CaseSummary s) {
            return new CaseListItem(s.id(), s.caseNumber(), s.givenNames(), s.familyName(), s.sex(), s.dateOfBirth(),
                    s.age(), s.riskLevel(), s.status(), s.protectionConcerns(), s.locationId(), s.caseworkerName(),
                    s.registeredAt());
        }
    }
}
