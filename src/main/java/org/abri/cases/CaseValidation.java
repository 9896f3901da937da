package org.abri.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.abri.locations.Locations;
import org.abri.lookups.Lookups;
import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.springframework.stereotype.Component;

/** Checks a registration or an edit field by field, naming each problem. */
@Component
class CaseValidation {

    static final List<String> SEXES = List.of("female", "male", "unknown");
    static final List<String> RISK_LEVELS = List.of("high", "medium", "low");
    private static final int NAME_LENGTH = 100;

    private final Lookups lookups;
    private final Locations locations;

    CaseValidation(Lookups lookups, Locations locations) {
        this.lookups = lookups;
        this.locations = locations;
    }

    void check(CaseDetails details) {
        List<FieldProblem> problems = new ArrayList<>();
        requiredName(problems, "givenNames", details.getGivenNames());
        requiredName(problems, "familyName", details.getFamilyName());
        if (details.getOtherNames() != null && details.getOtherNames().length() > 300) {
            problems.add(new FieldProblem("otherNames", "validation.too_long", 300));
        }
        choice(problems, "sex", details.getSex(), SEXES, true);
        choice(problems, "riskLevel", details.getRiskLevel(), RISK_LEVELS, true);
        LocalDate today = LocalDate.now();
        if (details.getDateOfBirth() == null && details.getAgeEstimated() == null) {
            problems.add(new FieldProblem("dateOfBirth", "validation.age_or_birth_date"));
        }
        if (details.getDateOfBirth() != null && (details.getDateOfBirth().isAfter(today)
                || details.getDateOfBirth().isBefore(today.minusYears(25)))) {
            problems.add(new FieldProblem("dateOfBirth", "validation.birth_date_range"));
        }
        if (details.getAgeEstimated() != null && (details.getAgeEstimated() < 0 || details.getAgeEstimated() > 25)) {
            problems.add(new FieldProblem("ageEstimated", "validation.range", 0, 25));
        }
        lookup(problems, "nationality", Lookups.NATIONALITY, details.getNationality());
        lookup(problems, "displacementStatus", Lookups.DISPLACEMENT_STATUS, details.getDisplacementStatus());
        lookup(problems, "caregiverRelationship", Lookups.CAREGIVER_RELATIONSHIP, details.getCaregiverRelationship());
        if (details.getCaregiverName() != null && details.getCaregiverName().length() > 200) {
            problems.add(new FieldProblem("caregiverName", "validation.too_long", 200));
        }
        if (details.getLocationId() == null) {
            problems.add(new FieldProblem("locationId", "validation.required"));
        } else if (!locations.exists(details.getLocationId())) {
            problems.add(new FieldProblem("locationId", "validation.invalid_choice"));
        }
        if (details.getProtectionConcerns().isEmpty()) {
            problems.add(new FieldProblem("protectionConcerns", "validation.required"));
        } else if (!lookups.allActive(Lookups.PROTECTION_CONCERN, new HashSet<>(details.getProtectionConcerns()))) {
            problems.add(new FieldProblem("protectionConcerns", "validation.invalid_choice"));
        }
        checkConsents(problems, details.getConsents(), today);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void checkConsents(List<FieldProblem> problems, List<ConsentRecord> consents, LocalDate today) {
        for (int i = 0; i < ConsentRecord.KINDS.size(); i++) {
            String kind = ConsentRecord.KINDS.get(i);
            String prefix = "consents[" + i + "].";
            ConsentRecord consent = consents.stream().filter(c -> c != null && kind.equals(c.kind())).findFirst()
                    .orElse(null);
            if (consent == null) {
                problems.add(new FieldProblem(prefix + "decision", "validation.required"));
                continue;
            }
            choice(problems, prefix + "decision", consent.decision(), ConsentRecord.DECISIONS, true);
            choice(problems, prefix + "method", consent.method(), ConsentRecord.METHODS, true);
            choice(problems, prefix + "givenBy", consent.givenBy(), ConsentRecord.GIVERS, true);
            if (consent.givenOn() == null) {
                problems.add(new FieldProblem(prefix + "givenOn", "validation.required"));
            } else if (consent.givenOn().isAfter(today)) {
                problems.add(new FieldProblem(prefix + "givenOn", "validation.date_in_future"));
            }
        }
    }

    private static void requiredName(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "validation.required"));
        } else if (value.length() > NAME_LENGTH) {
            problems.add(new FieldProblem(field, "validation.too_long", NAME_LENGTH));
        }
    }

    private static void choice(List<FieldProblem> problems, String field, String value, List<String> allowed,
            boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "validation.required"));
            }
        } else if (!allowed.contains(value)) {
            problems.add(new FieldProblem(field, "validation.invalid_choice"));
        }
    }

    private void lookup(List<FieldProblem> problems, String field, String list, String value) {
        if (value != null && !value.isBlank() && lookups.find(list, value).filter(v -> v.active()).isEmpty()) {
            problems.add(new FieldProblem(field, "validation.invalid_choice"));
        }
    }
}
