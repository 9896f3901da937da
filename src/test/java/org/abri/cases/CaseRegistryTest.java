package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.StaleRecordException;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class CaseRegistryTest extends IntegrationTest {

    @Autowired
    CaseRegistry registry;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.abri.locations.Locations locations;


    @Test
    void registrationGivesAnAgencyYearSequenceNumberAndIsAudited() {
        Agency agency = fixtures.agency();
        CurrentUser caseworker = fixtures.signIn(fixtures.user(agency, Role.CASEWORKER));

        ChildCase first = registry.register(caseworker, fixtures.child("Aïcha", "Ngaba"));
        ChildCase second = registry.register(caseworker, fixtures.child("Aminata", "Ngaba"));

        int year = java.time.Year.now().getValue();
        assertThat(first.caseNumber()).isEqualTo(agency.code() + "-" + year + "-00001");
        assertThat(second.caseNumber()).isEqualTo(agency.code() + "-" + year + "-00002");
        assertThat(first.caseworkerId()).isEqualTo(caseworker.id());
        assertThat(first.consents()).hasSize(3).allMatch(c -> c.decision().equals("given"));
        assertThat(auditActions(first.id())).containsExactly("create");
        assertThat(auditDetail(first.id())).doesNotContain("Aïcha", "Ngaba");
    }

    @Test
    void registrationsInOneAgencyAtOnceGetDistinctNumbersAfterTheLastOneGivenBefore() throws Exception {
        Agency agency = fixtures.agency();
        UserAccount account = fixtures.user(agency, Role.CASEWORKER);
        int year = java.time.Year.now().getValue();
        // Numbers given before sequences (or loaded by an import) go on from where they stopped.
        jdbc.sql("insert into case_number_counter (agency_id, year, last_value) values (?, ?, 41)")
                .params(agency.id(), year).update();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<String>> numbers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                numbers.add(pool.submit(() -> registry.register(fixtures.signIn(account),
                        fixtures.child("Achta", "Zakaria")).caseNumber()));
            }
            List<String> given = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> number : numbers) {
                given.add(number.get());
            }
            assertThat(given).doesNotHaveDuplicates().allMatch(n -> n.startsWith(agency.code() + "-" + year + "-000"));
            assertThat(given.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).toList())
                    .containsExactlyInAnyOrder(42, 43, 44, 45, 46, 47);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void invalidRegistrationNamesEveryFaultyField() {
        CurrentUser caseworker = fixtures.signIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        CaseDetails details = CaseDetails.blank();
        details.setSex("robot");

        assertThatThrownBy(() -> registry.register(caseworker, details))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InvalidInputException.FieldProblem::field)
                        .contains("givenNames", "familyName", "sex", "riskLevel", "dateOfBirth", "locationId",
                                "protectionConcerns", "consents[0].decision", "consents[2].givenOn"));
    }

    @Test
    void needToKnowFollowsAssignmentSupervisionAndAgency() {
        Agency agency = fixtures.agency();
        UserAccount worker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount colleague = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, worker);
        UserAccount manager = fixtures.user(agency, Role.AGENCY_MANAGER);
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount outsider = fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER);

        UUID id = registry.register(fixtures.signIn(worker), fixtures.child("Grâce", "Yakité")).id();

        assertThat(registry.read(fixtures.signIn(supervisor), id).id()).isEqualTo(id);
        assertThat(registry.read(fixtures.signIn(manager), id).id()).isEqualTo(id);
        for (UserAccount refused : List.of(colleague, admin, outsider)) {
            CurrentUser user = fixtures.signIn(refused);
            assertThatThrownBy(() -> registry.read(user, id)).isInstanceOf(NotFoundException.class);
            assertThat(registry.search(user, new CaseQuery("Yakité", null, null, null, null, 0, 25)).items())
                    .extracting(CaseSummary::id).doesNotContain(id);
        }
        CurrentUser managerUser = fixtures.signIn(manager);
        ChildCase seen = registry.read(managerUser, id);
        assertThatThrownBy(() -> registry.update(managerUser, id, seen.toDetails()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aPlaceFilterTakesThePlacesUnderItAndCombinesWithTheConcern() {
        CurrentUser caseworker = fixtures.signIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        org.abri.locations.Location commune = fixtures.location();
        UUID district = commune.parentId();
        UUID region = jdbc.sql("select parent_id from location where id = ?").param(district).query(UUID.class).single();
        CaseDetails labour = fixtures.child("Prisca", "Mboli");
        labour.setProtectionConcerns(List.of("child_labour", "neglect"));
        UUID working = registry.register(caseworker, labour).id();
        UUID neglected = registry.register(caseworker, fixtures.child("Serge", "Mboli")).id();

        for (UUID place : List.of(region, district, commune.id())) {
            assertThat(byPlace(caseworker, place, null)).containsExactlyInAnyOrder(working, neglected);
            assertThat(byPlace(caseworker, place, "child_labour")).containsExactly(working);
            assertThat(byPlace(caseworker, place, "neglect")).containsExactlyInAnyOrder(working, neglected);
        }
        UUID elsewhere = locations.createForDemo(null, 1, "EL" + Long.toString(System.nanoTime() % 1000000, 36).toUpperCase(),
                "Ailleurs", null).id();
        assertThat(byPlace(caseworker, elsewhere, null)).isEmpty();
        assertThat(byPlace(caseworker, UUID.randomUUID(), null)).isEmpty();
    }

    @Test
    void pagesOfAPlaceAndConcernFollowEachOtherInRiskThenNewestOrderWithinTheAgency() {
        Agency agency = fixtures.agency();
        CurrentUser first = fixtures.signIn(fixtures.user(agency, Role.CASEWORKER));
        CurrentUser second = fixtures.signIn(fixtures.user(agency, Role.CASEWORKER));
        CurrentUser elsewhere = fixtures.signIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        UUID district = fixtures.location().parentId();
        List<UUID> expected = new java.util.ArrayList<>();
        String[] risks = {"low", "high", "medium", "high", "low", "medium", "high"};
        for (int i = 0; i < risks.length; i++) {
            CaseDetails child = fixtures.child("Enfant" + i, "Page");
            child.setRiskLevel(risks[i]);
            child.setProtectionConcerns(i % 2 == 0 ? List.of("neglect", "child_labour") : List.of("child_labour"));
            expected.add(registry.register(i % 3 == 0 ? second : first, child).id());
        }
        CaseDetails other = fixtures.child("Autre", "Page");
        other.setProtectionConcerns(List.of("child_labour"));
        UUID otherAgency = registry.register(elsewhere, other).id();
        CaseDetails neglectOnly = fixtures.child("Sans", "Page");
        UUID notLabour = registry.register(first, neglectOnly).id();
        CurrentUser manager = fixtures.signIn(fixtures.user(agency, Role.AGENCY_MANAGER));

        List<CaseSummary> all = registry.search(manager, new CaseQuery(null, null, null, "child_labour", district, 0, 50))
                .items();
        assertThat(all).extracting(CaseSummary::id).containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContain(otherAgency, notLabour);
        assertThat(all).extracting(CaseSummary::riskLevel)
                .containsExactly("high", "high", "high", "medium", "medium", "low", "low");
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).riskLevel().equals(all.get(i - 1).riskLevel())) {
                assertThat(all.get(i).registeredAt()).isBefore(all.get(i - 1).registeredAt());
            }
        }
        assertThat(all).allSatisfy(c -> assertThat(c.caseworkerName()).isNotBlank());
        List<UUID> paged = new java.util.ArrayList<>();
        for (int page = 0; page < 3; page++) {
            var found = registry.search(manager, new CaseQuery(null, null, null, "child_labour", district, page, 3));
            assertThat(found.total()).isEqualTo(7);
            paged.addAll(found.items().stream().map(CaseSummary::id).toList());
        }
        assertThat(paged).containsExactlyElementsOf(all.stream().map(CaseSummary::id).toList());
        assertThat(registry.search(first, new CaseQuery(null, null, null, "child_labour", district, 0, 50)).items())
                .extracting(CaseSummary::id).containsExactlyInAnyOrder(expected.get(1), expected.get(2),
                        expected.get(4), expected.get(5));
    }

    private List<UUID> byPlace(CurrentUser user, UUID place, String concern) {
        var page = registry.search(user, new CaseQuery(null, null, null, concern, place, 0, 50));
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items().stream().map(CaseSummary::id).toList();
    }

    @Test
    void nameSearchIgnoresAccentsCaseAndSpellingVariants() {
        CurrentUser caseworker = fixtures.signIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        UUID mouhammad = registry.register(caseworker, fixtures.child("Mouhammad", "Abakar")).id();
        UUID elodie = registry.register(caseworker, fixtures.child("Élodie", "Zanga")).id();
        UUID other = registry.register(caseworker, fixtures.child("Bienvenu", "Kossi")).id();

        assertThat(search(caseworker, "Mohamed")).contains(mouhammad).doesNotContain(elodie, other);
        assertThat(search(caseworker, "elodie")).containsExactly(elodie);
        assertThat(search(caseworker, "ZANGA élodie")).containsExactly(elodie);
        assertThat(search(caseworker, "Abakr")).contains(mouhammad);
        assertThat(auditActions(null)).isNotEmpty();
    }

    @Test
    void aCaseIsFoundByAnyTailOfItsNumber() {
        CurrentUser caseworker = fixtures.signIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        ChildCase first = registry.register(caseworker, fixtures.child("Awa", "Ndoye"));
        ChildCase second = registry.register(caseworker, fixtures.child("Issa", "Ndoye"));
        String number = second.caseNumber();
        String sequence = number.substring(number.lastIndexOf('-') + 1);
        String yearAndSequence = number.substring(number.indexOf('-') + 1);

        assertThat(search(caseworker, sequence)).containsExactly(second.id());
        assertThat(search(caseworker, yearAndSequence)).containsExactly(second.id());
        assertThat(search(caseworker, sequence.substring(sequence.length() - 2))).contains(second.id())
                .doesNotContain(first.id());
        assertThat(search(caseworker, number)).containsExactly(second.id());
        assertThat(search(caseworker, "7")).as("one digit is no number tail").isEmpty();
    }

    @Test
    void aSecondConcurrentEditIsRefusedAndChangesNothing() {
        CurrentUser caseworker = fixtures.signIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        ChildCase registered = registry.register(caseworker, fixtures.child("Nadia", "Ouédraogo"));
        CaseDetails first = registered.toDetails();
        CaseDetails second = registered.toDetails();

        first.setRiskLevel("high");
        ChildCase saved = registry.update(caseworker, registered.id(), first);
        second.setCaregiverName("Someone else");

        assertThat(saved.version()).isEqualTo(registered.version() + 1);
        assertThatThrownBy(() -> registry.update(caseworker, registered.id(), second))
                .isInstanceOf(StaleRecordException.class);
        ChildCase now = registry.read(caseworker, registered.id());
        assertThat(now.riskLevel()).isEqualTo("high");
        assertThat(now.caregiverName()).isEqualTo("Tante test");
        assertThat(auditActions(registered.id())).containsExactly("read", "update", "create");
        assertThat(auditDetail(registered.id())).contains("riskLevel").doesNotContain("Nadia");
    }

    private List<UUID> search(CurrentUser user, String text) {
        return registry.search(user, new CaseQuery(text, null, null, null, null, 0, 50)).items().stream()
                .map(CaseSummary::id).toList();
    }

    private List<String> auditActions(UUID recordId) {
        if (recordId == null) {
            return jdbc.sql("select action from audit_entry where action = 'search'").query(String.class).list();
        }
        return jdbc.sql("select action from audit_entry where record_id = ? order by id desc").param(recordId)
                .query(String.class).list();
    }

    private String auditDetail(UUID recordId) {
        return String.join(" ", jdbc.sql("select detail::text from audit_entry where record_id = ?").param(recordId)
                .query(String.class).list());
    }

}
