package org.abri.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One line of a case list: enough to recognise the child and see what matters first. */
public record CaseSummary(UUID id, String caseNumber, String givenNames, String familyName, String sex,
        LocalDate dateOfBirth, Integer ageEstimated, LocalDate ageEstimatedOn, String riskLevel, String status,
        List<String> protectionConcerns, UUID locationId, String caseworkerName, Instant registeredAt) {

    public Integer age() {
        return ChildCase.Ages.today(dateOfBirth, ageEstimated, ageEstimatedOn);
    }
}
