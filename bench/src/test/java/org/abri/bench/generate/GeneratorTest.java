package org.abri.bench.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The pure parts of the generator: reproducible draws, names and their variants, case numbers. */
class GeneratorTest {

    private static final Cases.Reference REFERENCE = new Cases.Reference(
            List.of("physical_violence", "sexual_violence", "emotional_abuse", "neglect", "child_labour",
                    "worst_forms_child_labour", "trafficking", "child_marriage", "caafag", "unaccompanied", "separated",
                    "conflict_with_law", "psychosocial_distress", "disability", "lack_of_documentation"),
            List.of("caf", "tcd", "cmr", "sdn"), List.of("host", "idp", "refugee", "asylum_seeker", "returnee", "migrant", "stateless"),
            List.of("mother", "father", "grandparent", "sibling", "aunt_uncle", "other_relative", "foster_carer",
                    "community_member", "none"),
            Map.of("initial_assessment", 1, "comprehensive_assessment", 1, "case_plan", 1, "follow_up_visit", 1,
                    "case_closure", 1, "consent_assent", 1));

    private static Cases cases(long seed, int n) {
        List<Places.Place> places = Places.build(seed);
        Cases cases = new Cases(seed, n, LocalDate.of(2026, 6, 1).toEpochDay(), places, REFERENCE, 18);
        cases.firstPass();
        cases.staff = new Staff(seed, cases.casesPerAgencyRegion(true), cases.casesPerAgencyRegion(false), 18, places);
        cases.services = new Services(seed, cases.staff);
        return cases;
    }

    private static String row(Cases cases, int i) {
        Cases.Plan p = cases.plan(i);
        CopyRows out = new CopyRows("child_case", Cases.CASE_COLUMNS);
        CopyRows transitions = new CopyRows("case_transition", Cases.TRANSITION_COLUMNS);
        cases.writeCase(p, out);
        cases.writeTransitions(p, transitions);
        return out + "|" + transitions;
    }

    @Test
    void theSameSeedGivesTheSameCasesInAnyOrder() {
        Cases first = cases(42, 2_000);
        Cases second = cases(42, 2_000);
        for (int i = 1_999; i >= 0; i -= 7) {
            assertEquals(row(first, i), row(second, i));
        }
        assertEquals(first.staff.users.get(10).fullName, second.staff.users.get(10).fullName);
        assertEquals(first.staff.users.get(10).id, second.staff.users.get(10).id);
    }

    @Test
    void anotherSeedGivesOtherCases() {
        assertNotEquals(row(cases(42, 500), 3), row(cases(43, 500), 3));
    }

    @Test
    void namesAreReproducibleAndVariantsDifferFromTheRegisteredName() {
        for (int i = 0; i < 2_000; i++) {
            Names.ChildName a = Names.child(new Rng(7, i, 1), Names.Culture.values()[i % 5], i % 2 == 0);
            Names.ChildName b = Names.child(new Rng(7, i, 1), Names.Culture.values()[i % 5], i % 2 == 0);
            assertEquals(a, b);
            String typed = Names.typed(new Rng(7, i, 2), a.full());
            assertNotEquals(Names.key(a.full()), Names.key(typed), a.full());
        }
    }

    @Test
    void spellingVariantsBelongToOneName() {
        Set<String> spellings = Set.of(Names.spellings("Mohamed"));
        assertTrue(spellings.containsAll(List.of("Mahamat", "Mahamad", "Muhammad")));
        assertTrue(Set.of(Names.spellings("Aïcha")).containsAll(List.of("Achta", "Aisha")));
        assertTrue(Set.of(Names.spellings("hawa")).contains("Haoua"));
        String other = Names.otherSpelling(new Rng(1, 1, 1), "Fatimé");
        assertTrue(Set.of("Fatima", "Fatoumata", "Fatouma").contains(other), other);
    }

    @Test
    void caseNumbersHaveTheApplicationsFormatAndFollowRegistrationOrder() {
        assertEquals("MASPF-2024-00042", Cases.caseNumber("MASPF", 2024, 42));
        Cases cases = cases(42, 3_000);
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < cases.n; i++) {
            Cases.Plan p = cases.plan(i);
            assertTrue(p.caseNumber.matches("[A-Z0-9]{2,10}-\\d{4}-\\d{5,}"), p.caseNumber);
            assertTrue(numbers.add(p.caseNumber), p.caseNumber);
            assertEquals(Cases.year(p.registeredAt), Integer.parseInt(p.caseNumber.split("-")[1]));
        }
        // The counters stop at the last number given, per agency and year.
        int total = 0;
        for (int[] years : cases.lastNumber) {
            for (int last : years) {
                total += last;
            }
        }
        assertEquals(cases.n, total);
    }

    @Test
    void historiesMatchTheStep() {
        Cases cases = cases(42, 3_000);
        int open = 0;
        for (int i = 0; i < cases.n; i++) {
            Cases.Plan p = cases.plan(i);
            if (p.step < Cases.CLOSED) {
                open++;
            } else {
                assertTrue(p.closedAt != Long.MIN_VALUE);
            }
            if (!p.transitions.isEmpty()) {
                assertEquals(p.step, p.transitions.get(p.transitions.size() - 1).to());
            }
            for (Cases.Transition t : p.transitions) {
                assertTrue(t.at() >= p.registeredAt && t.at() < cases.today, "transition in the case's life");
            }
        }
        double share = open / (double) cases.n;
        assertTrue(share > 0.15 && share < 0.30, "open share " + share);
    }
}
