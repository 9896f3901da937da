package org.abri.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

/** A child's case as its authorised readers see it. */
public record ChildCase(UUID id, String caseNumber, UUID agencyId, String agencyCode, UUID caseworkerId,
        String caseworkerName, String status, String riskLevel, String givenNames, String familyName,
        String otherNames, String sex, LocalDate dateOfBirth, Integer ageEstimated, LocalDate ageEstimatedOn,
        String nationality, String displacementStatus, UUID locationId, String caregiverName,
        String caregiverRelationship, List<String> protectionConcerns, List<ConsentRecord> consents,
        Instant registeredAt, Instant updatedAt, String updatedByName, int version) {

    /** Age in years today, from the date of birth or the estimate and when it was made. */
    public Integer age() {
        return Ages.today(dateOfBirth, ageEstimated, ageEstimatedOn);
    }

    /** The editable form of this case, as it is now. */
    public CaseDetails toDetails() {
        CaseDetails details = new CaseDetails();
        details.setGivenNames(givenNames);
        details.setFamilyName(familyName);
        details.setOtherNames(otherNames);
        details.setSex(sex);
        details.setDateOfBirth(dateOfBirth);
        details.setAgeEstimated(dateOfBirth == null ? age() : null);
        details.setNationality(nationality);
        details.setDisplacementStatus(displacementStatus);
        details.setLocationId(locationId);
        details.setCaregiverName(caregiverName);
        details.setCaregiverRelationship(caregiverRelationship);
        details.setProtectionConcerns(protectionConcerns);
        details.setRiskLevel(riskLevel);
        details.setCaseworkerId(caseworkerId);
        List<ConsentRecord> lines = new java.util.ArrayList<>();
        for (String kind : ConsentRecord.KINDS) {
            lines.add(consents.stream().filter(c -> c.kind().equals(kind)).findFirst()
                    .orElse(new ConsentRecord(kind, null, null, null, null)));
        }
        details.setConsents(lines);
        details.setVersion(version);
        return details;
    }

    static final class Ages {
        private Ages() {
        }

        static Integer today(LocalDate dateOfBirth, Integer estimated, LocalDate estimatedOn) {
            if (dateOfBirth != null) {
                return Period.between(dateOfBirth, LocalDate.now()).getYears();
            }
            if (estimated == null) {
                return null;
            }
            return estimated + (estimatedOn == null ? 0 : Period.between(estimatedOn, LocalDate.now()).getYears());
        }
    }
}
