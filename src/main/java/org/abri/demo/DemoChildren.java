package org.abri.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.abri.cases.CaseDetails;
import org.abri.cases.ConsentRecord;
import org.abri.demo.DemoCatalogue.Region;
import org.abri.demo.DemoNames.Culture;
import org.abri.demo.DemoNames.PersonName;

/**
 * Draws invented children with plausible combinations: concerns that fit the child's age and
 * sex (no married infants), risk levels that follow the concerns, caregivers that fit an
 * unaccompanied or separated child, refugees whose nationality fits the border they crossed.
 */
final class DemoChildren {

    /** A drawn child: the registration and whether the case is still open. */
    record Child(CaseDetails details, String status) {
    }

    /** A protection concern (a code of the protection_concern list) and who it plausibly concerns. */
    private record Concern(String code, int weight, int minAge, int femaleFactor, int maleFactor) {
        int weightFor(boolean female, int age) {
            return age < minAge ? 0 : weight * (female ? femaleFactor : maleFactor);
        }
    }

    private static final List<Concern> CONCERNS = List.of(
            new Concern("physical_violence", 10, 0, 1, 1),
            new Concern("sexual_violence", 4, 3, 3, 1),
            new Concern("emotional_abuse", 6, 2, 1, 1),
            new Concern("neglect", 10, 0, 1, 1),
            new Concern("child_labour", 8, 7, 1, 1),
            new Concern("worst_forms_child_labour", 3, 10, 1, 2),
            new Concern("trafficking", 2, 6, 1, 1),
            new Concern("child_marriage", 8, 11, 1, 0),
            new Concern("caafag", 3, 10, 1, 3),
            new Concern("unaccompanied", 6, 0, 1, 1),
            new Concern("separated", 9, 0, 1, 1),
            new Concern("conflict_with_law", 3, 12, 1, 2),
            new Concern("psychosocial_distress", 10, 2, 1, 1),
            new Concern("disability", 4, 0, 1, 1),
            new Concern("lack_of_documentation", 7, 0, 1, 1));

    /** Concerns that call for a high initial risk level more often than not. */
    private static final List<String> GRAVE = List.of("sexual_violence", "caafag", "trafficking", "unaccompanied",
            "worst_forms_child_labour", "child_marriage");

    private final Random random;
    private final DemoNames names;

    DemoChildren(Random random) {
        this.random = random;
        this.names = new DemoNames(random);
    }

    Child next(Region region, int[] cultures, UUID locationId, LocalDate registeredOn, LocalDate today) {
        Culture culture = DemoCatalogue.culture(weighted(cultures));
        int age = age();
        String sex = age <= 1 && random.nextInt(100) < 15 ? "unknown" : random.nextInt(100) < 52 ? "female" : "male";
        boolean female = "female".equals(sex) || ("unknown".equals(sex) && random.nextBoolean());
        PersonName name = names.child(culture, female);

        CaseDetails details = CaseDetails.blank();
        details.setGivenNames(name.given());
        details.setFamilyName(name.family());
        details.setOtherNames(name.otherNames());
        details.setSex(sex);
        int knownBirthDate = culture == Culture.LOCAL ? 40 : 25;
        if (random.nextInt(100) < knownBirthDate) {
            // Born up to a year before the birthday reached at registration, and under 18 today.
            details.setDateOfBirth(registeredOn.minusYears(Math.min(age, 16)).minusDays(random.nextInt(365)));
        } else {
            details.setAgeEstimated(age);
        }
        String displacement = DemoCatalogue.DISPLACEMENT.get(weighted(region.displacement()));
        details.setDisplacementStatus(displacement);
        details.setNationality(nationality(displacement, region));
        details.setLocationId(locationId);

        List<String> concerns = concerns(female, age);
        details.setProtectionConcerns(concerns);
        details.setRiskLevel(risk(concerns));
        caregiver(details, culture, name, concerns, age);
        details.setConsents(consents(age, details.getCaregiverRelationship(), registeredOn));

        boolean longAgo = registeredOn.isBefore(today.minusDays(60));
        int closedShare = "high".equals(details.getRiskLevel()) ? 12 : 35;
        String status = longAgo && random.nextInt(100) < closedShare ? "closed" : "open";
        return new Child(details, status);
    }

    /** Ages 0–17 on the day of registration (within the past year), older children more often. */
    private int age() {
        int band = weighted(new int[] {12, 28, 38, 22});
        int age = switch (band) {
            case 0 -> random.nextInt(5);
            case 1 -> 5 + random.nextInt(5);
            case 2 -> 10 + random.nextInt(5);
            default -> 15 + random.nextInt(3);
        };
        return age;
    }

    private String nationality(String displacement, Region region) {
        return switch (displacement) {
            case "refugee", "asylum_seeker" -> pick(region.foreignNationalities());
            case "migrant" -> pick(List.of("tcd", "cmr", "nga", "ner"));
            case "stateless" -> "stateless";
            default -> random.nextInt(100) < 3 ? "unknown" : "caf";
        };
    }

    private List<String> concerns(boolean female, int age) {
        int count = weighted(new int[] {50, 35, 15}) + 1;
        List<Concern> candidates = new ArrayList<>(CONCERNS);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            int[] weights = candidates.stream().mapToInt(c -> c.weightFor(female, age)).toArray();
            if (java.util.Arrays.stream(weights).sum() == 0) {
                break;
            }
            Concern concern = candidates.remove(weighted(weights));
            if ((concern.code().equals("unaccompanied") && chosen.contains("separated"))
                    || (concern.code().equals("separated") && chosen.contains("unaccompanied"))) {
                continue;
            }
            chosen.add(concern.code());
        }
        return chosen;
    }

    private String risk(List<String> concerns) {
        boolean grave = concerns.stream().anyMatch(GRAVE::contains);
        int[] weights = grave ? new int[] {55, 35, 10} : new int[] {18, 47, 35};
        return List.of("high", "medium", "low").get(weighted(weights));
    }

    private void caregiver(CaseDetails details, Culture culture, PersonName child, List<String> concerns, int age) {
        String relationship;
        if (concerns.contains("unaccompanied")) {
            relationship = pick(List.of("none", "none", "foster_carer", "community_member"));
        } else if (concerns.contains("separated")) {
            relationship = pick(List.of("grandparent", "aunt_uncle", "aunt_uncle", "other_relative", "sibling",
                    "foster_carer"));
        } else {
            relationship = List.of("mother", "father", "grandparent", "aunt_uncle", "sibling", "other_relative",
                    "foster_carer", "community_member").get(weighted(new int[] {42, 15, 13, 14, 5, 5, 3, 3}));
        }
        if ("sibling".equals(relationship) && age >= 15) {
            relationship = "aunt_uncle";
        }
        details.setCaregiverRelationship(relationship);
        PersonName caregiver = switch (relationship) {
            case "none" -> null;
            case "father" -> names.father(culture, child);
            case "mother", "grandparent" -> names.adult(culture, !"grandparent".equals(relationship) || random.nextBoolean());
            case "sibling" -> new PersonName(names.adult(culture, random.nextBoolean()).given(), child.family(), null);
            default -> names.adult(culture, random.nextInt(100) < 70);
        };
        details.setCaregiverName(caregiver == null ? null : caregiver.full());
    }

    /**
     * The three consents of registration, given on the day. Young children's are given by
     * their caregiver, adolescents' by both, a child alone gives their own; a few families
     * refuse that anonymous figures be shared.
     */
    private List<ConsentRecord> consents(int age, String relationship, LocalDate on) {
        String givenBy = "none".equals(relationship) ? "child" : age < 10 ? "caregiver" : age < 15 ? "both"
                : random.nextBoolean() ? "both" : "child";
        String method = List.of("written", "verbal", "thumbprint").get(weighted(new int[] {35, 40, 25}));
        List<ConsentRecord> consents = new ArrayList<>();
        for (String kind : ConsentRecord.KINDS) {
            String decision = kind.equals("anonymous_data_sharing") && random.nextInt(100) < 8 ? "refused" : "given";
            consents.add(new ConsentRecord(kind, decision, method, givenBy, on));
        }
        return consents;
    }

    // ---- randomness -------------------------------------------------------------------------

    /** The index of a weight, drawn in proportion to the weights. */
    int weighted(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no positive weight");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
