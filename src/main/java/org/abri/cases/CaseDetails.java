package org.abri.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a caseworker enters when registering or editing a child: the core identity fields,
 * the protection concerns, the initial risk level and the three consents. Mutable so that
 * the browser form and the JSON API bind to the same thing.
 */
public class CaseDetails {

    private String givenNames;
    private String familyName;
    private String otherNames;
    private String sex;
    private LocalDate dateOfBirth;
    private Integer ageEstimated;
    private String nationality;
    private String displacementStatus;
    private UUID locationId;
    private String caregiverName;
    private String caregiverRelationship;
    private List<String> protectionConcerns = new ArrayList<>();
    private String riskLevel;
    private UUID caseworkerId;
    private List<ConsentRecord> consents = new ArrayList<>();
    /** The version the editor started from; a save against a newer one is refused. */
    private Integer version;

    /** A blank form with one line per consent kind. */
    public static CaseDetails blank() {
        CaseDetails details = new CaseDetails();
        for (String kind : ConsentRecord.KINDS) {
            details.consents.add(new ConsentRecord(kind, null, null, null, null));
        }
        return details;
    }

    /**
     * The names (never the values) of the fields where {@code other} differs from this one;
     * blank text counts as empty and the order of concerns does not matter.
     */
    java.util.List<String> fieldsDifferingFrom(CaseDetails other) {
        java.util.List<String> fields = new ArrayList<>();
        compare(fields, "givenNames", givenNames, other.givenNames);
        compare(fields, "familyName", familyName, other.familyName);
        compare(fields, "otherNames", otherNames, other.otherNames);
        compare(fields, "sex", sex, other.sex);
        compare(fields, "dateOfBirth", dateOfBirth, other.dateOfBirth);
        compare(fields, "ageEstimated", ageEstimated, other.ageEstimated);
        compare(fields, "nationality", nationality, other.nationality);
        compare(fields, "displacementStatus", displacementStatus, other.displacementStatus);
        compare(fields, "locationId", locationId, other.locationId);
        compare(fields, "caregiverName", caregiverName, other.caregiverName);
        compare(fields, "caregiverRelationship", caregiverRelationship, other.caregiverRelationship);
        compare(fields, "protectionConcerns", java.util.Set.copyOf(protectionConcerns),
                java.util.Set.copyOf(other.protectionConcerns));
        compare(fields, "riskLevel", riskLevel, other.riskLevel);
        compare(fields, "consents", consents, other.consents);
        return fields;
    }

    private static void compare(java.util.List<String> fields, String name, Object mine, Object theirs) {
        Object left = mine instanceof String text && text.isBlank() ? null : mine;
        Object right = theirs instanceof String text && text.isBlank() ? null : theirs;
        if (!java.util.Objects.equals(left, right)) {
            fields.add(name);
        }
    }

    public String getGivenNames() { return givenNames; }
    public void setGivenNames(String givenNames) { this.givenNames = givenNames; }
    public String getFamilyName() { return familyName; }
    public void setFamilyName(String familyName) { this.familyName = familyName; }
    public String getOtherNames() { return otherNames; }
    public void setOtherNames(String otherNames) { this.otherNames = otherNames; }
    public String getSex() { return sex; }
    public void setSex(String sex) { this.sex = sex; }
    public LocalDate getDateOfBirth() { return dateOfBirth; }
    public void setDateOfBirth(LocalDate dateOfBirth) { this.dateOfBirth = dateOfBirth; }
    public Integer getAgeEstimated() { return ageEstimated; }
    public void setAgeEstimated(Integer ageEstimated) { this.ageEstimated = ageEstimated; }
    public String getNationality() { return nationality; }
    public void setNationality(String nationality) { this.nationality = nationality; }
    public String getDisplacementStatus() { return displacementStatus; }
    public void setDisplacementStatus(String displacementStatus) { this.displacementStatus = displacementStatus; }
    public UUID getLocationId() { return locationId; }
    public void setLocationId(UUID locationId) { this.locationId = locationId; }
    public String getCaregiverName() { return caregiverName; }
    public void setCaregiverName(String caregiverName) { this.caregiverName = caregiverName; }
    public String getCaregiverRelationship() { return caregiverRelationship; }
    public void setCaregiverRelationship(String caregiverRelationship) { this.caregiverRelationship = caregiverRelationship; }
    public List<String> getProtectionConcerns() { return protectionConcerns; }
    public void setProtectionConcerns(List<String> protectionConcerns) {
        this.protectionConcerns = protectionConcerns == null ? new ArrayList<>() : new ArrayList<>(protectionConcerns);
    }
    public String getRiskLevel() { return riskLevel; }
    public void setRiskLevel(String riskLevel) { this.riskLevel = riskLevel; }
    public UUID getCaseworkerId() { return caseworkerId; }
    public void setCaseworkerId(UUID caseworkerId) { this.caseworkerId = caseworkerId; }
    public List<ConsentRecord> getConsents() { return consents; }
    public void setConsents(List<ConsentRecord> consents) {
        this.consents = consents == null ? new ArrayList<>() : new ArrayList<>(consents);
    }
    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
}
