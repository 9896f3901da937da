package org.abri.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.abri.forms.ExampleForms;
import org.abri.forms.FormCatalogue;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.IntegrationTest;
import org.abri.support.PageRoutes;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page that shows one case or one of its records, enumerated from the request mappings
 * (a new such page is walked without being listed here), opened by each role and relation to
 * the case. Those the need-to-know gives the case to get the page; everyone else gets 404 or
 * 403 with no trace of the case: not its number, not the child's names, not its id.
 * (The API's matrix is {@code org.abri.web.ApiAuthorizationTest}.)
 */
class CasePageAccessMatrixTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    org.abri.support.Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    CaseNotes notes;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The case-bound pages: their path starts at a case (or names one) and they are read with GET. */
    private Set<String> casePages() {
        Set<String> pages = new TreeSet<>();
        for (String pattern : PageRoutes.get(mappings)) {
            if (!pattern.startsWith("/api/") && pattern.contains("{caseId}") || pattern.startsWith("/cases/{")) {
                pages.add(pattern);
            }
        }
        return pages;
    }

    @Test
    void everyCasePageIsOpenedOnlyByThoseWhoNeedToKnow() {
        Agency agency = fixtures.agency();
        Agency other = fixtures.agency();
        UserAccount owner = fixtures.user(agency, Role.CASEWORKER);
        UserAccount teammate = fixtures.user(agency, Role.CASEWORKER);
        UserAccount ownersSupervisor = fixtures.supervisor(agency, owner, teammate);
        UserAccount otherCaseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount otherTeamSupervisor = fixtures.supervisor(agency, otherCaseworker);
        UserAccount manager = fixtures.user(agency, Role.AGENCY_MANAGER);
        UserAccount clerk = fixtures.user(agency, Role.DATA_ENTRY_CLERK);
        UserAccount agencyAdmin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount focalPoint = fixtures.user(agency, Role.SERVICE_FOCAL_POINT);
        UserAccount otherAgencyCaseworker = fixtures.user(other, Role.CASEWORKER);
        UserAccount otherAgencyManager = fixtures.user(other, Role.AGENCY_MANAGER);
        UserAccount otherAgencySupervisor = fixtures.supervisor(other, otherAgencyCaseworker);
        UserAccount coordinator = fixtures.deploymentUser(Role.COORDINATOR);
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);

        Scene scene = scene(owner, systemAdmin);

        Map<String, UserAccount> readers = new LinkedHashMap<>();
        readers.put("the case's caseworker", owner);
        readers.put("their supervisor", ownersSupervisor);
        Map<String, UserAccount> managers = Map.of("the agency's manager", manager);
        Map<String, UserAccount> strangers = new LinkedHashMap<>();
        strangers.put("a caseworker of the same team", teammate);
        strangers.put("another caseworker of the agency", otherCaseworker);
        strangers.put("a supervisor of another team", otherTeamSupervisor);
        strangers.put("a data entry clerk who did not enter it", clerk);
        strangers.put("the agency's administrator", agencyAdmin);
        strangers.put("the agency's service focal point", focalPoint);
        strangers.put("a caseworker of another agency", otherAgencyCaseworker);
        strangers.put("a supervisor of another agency", otherAgencySupervisor);
        strangers.put("another agency's manager", otherAgencyManager);
        strangers.put("the coordinator", coordinator);
        strangers.put("the system administrator", systemAdmin);

        assertThat(casePages()).as("the walk finds the case pages").contains("/cases/{id}",
                "/cases/{caseId}/referrals", "/cases/{caseId}/records/{recordId}/print");
        assertThat(walk(scene, readers, managers, strangers)).isEmpty();
    }

    @Test
    void afterATransferOrAReassignmentTheCasePagesFollowTheCaseNotThoseWhoHadIt() {
        Agency sending = fixtures.agency();
        Agency receiving = fixtures.agency();
        UserAccount owner = fixtures.user(sending, Role.CASEWORKER);
        UserAccount next = fixtures.user(sending, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(sending, owner, next);
        UserAccount managerA = fixtures.user(sending, Role.AGENCY_MANAGER);
        UserAccount focalB = fixtures.user(receiving, Role.SERVICE_FOCAL_POINT);
        UserAccount managerB = fixtures.user(receiving, Role.AGENCY_MANAGER);
        UserAccount caseworkerB = fixtures.user(receiving, Role.CASEWORKER);
        UserAccount supervisorB = fixtures.supervisor(receiving, caseworkerB);
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);

        // A transfer: while it waits, the receiving side's deciders read the request, never the case's pages.
        Scene moved = scene(owner, systemAdmin);
        ApiClient.Response requested = new ApiClient(port).as(fixtures.token(owner)).post(
                "/api/v1/cases/" + moved.caseId() + "/transfers", Map.of("toAgencyId", receiving.id().toString(),
                        "reason", "La famille déménage.", "needs", "Suivi scolaire.",
                        "bestInterestReason", "Départ cette nuit, consentement impossible à recueillir."));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        String transferId = requested.json().path("transfer").path("id").asString();
        Map<String, UserAccount> sendingReaders = new LinkedHashMap<>();
        sendingReaders.put("the case's caseworker", owner);
        sendingReaders.put("their supervisor", supervisor);
        Map<String, UserAccount> receivingSide = new LinkedHashMap<>();
        receivingSide.put("the receiving focal point", focalB);
        receivingSide.put("the receiving manager", managerB);
        receivingSide.put("the receiving supervisor", supervisorB);
        receivingSide.put("the receiving caseworker-to-be", caseworkerB);
        List<String> problems = new ArrayList<>(walk(moved, sendingReaders,
                Map.of("the sending manager", managerA), receivingSide));

        // Accepted: the case's pages are the receiving agency's; the sending side keeps only the
        // transfer's snapshot (TransferNeedToKnowTest), never these pages.
        ApiClient.Response accepted = new ApiClient(port).as(fixtures.token(focalB)).post(
                "/api/v1/transfers/" + transferId + "/accept", Map.of("caseworkerId", caseworkerB.id().toString()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Map<String, UserAccount> receivingReaders = new LinkedHashMap<>();
        receivingReaders.put("the new caseworker", caseworkerB);
        receivingReaders.put("the new caseworker's supervisor", supervisorB);
        Map<String, UserAccount> formerSide = new LinkedHashMap<>();
        formerSide.put("the former caseworker", owner);
        formerSide.put("the former supervisor", supervisor);
        formerSide.put("the sending manager", managerA);
        formerSide.put("the receiving focal point who accepted", focalB);
        problems.addAll(walk(moved, receivingReaders, Map.of("the receiving manager", managerB), formerSide));

        // A reassignment within the agency: the caseworker reassigned away no longer opens the case.
        Scene reassigned = scene(owner, systemAdmin);
        ApiClient.Response handedOn = new ApiClient(port).as(fixtures.token(supervisor)).post(
                "/api/v1/cases/" + reassigned.caseId() + "/workflow/reassign",
                Map.of("caseworkerId", next.id().toString()));
        assertThat(handedOn.status()).as(handedOn.toString()).isLessThan(300);
        Map<String, UserAccount> afterReassignment = new LinkedHashMap<>();
        afterReassignment.put("the new caseworker", next);
        afterReassignment.put("their supervisor", supervisor);
        problems.addAll(walk(reassigned, afterReassignment, Map.of("the agency's manager", managerA),
                Map.of("the caseworker reassigned away", owner)));
        assertThat(problems).isEmpty();
    }

    /** A case with one form record and one note, and the values that fill the case pages' paths. */
    private record Scene(UUID caseId, String caseNumber, String family, Map<String, String> values) {
    }

    private Scene scene(UserAccount owner, UserAccount systemAdmin) {
        // Letters only (a name field refuses digits), unique to this run so a trace of it is this case's.
        StringBuilder family = new StringBuilder("Matrice");
        new java.util.Random().ints(6, 'a', 'z' + 1).forEach(c -> family.append((char) c));
        var registered = registry.register(fixtures.signIn(owner), fixtures.child("Kaltouma", family.toString()));
        UUID caseId = registered.id();
        String formId = "matrix_form_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        catalogue.save(fixtures.signIn(systemAdmin), ExampleForms.everyType(formId), 0);
        UUID recordId = records.create(fixtures.signIn(owner), caseId, formId,
                Map.of("name", "Kaltouma " + family, "separated", "no")).id();
        notes.add(fixtures.signIn(owner), caseId, "Visite à domicile " + family, false);
        UUID noteId = jdbc.sql("select id from case_note where case_id = ?").param(caseId).query(UUID.class).single();
        SecurityContextHolder.clearContext();
        return new Scene(caseId, registered.caseNumber(), family.toString(), Map.of("caseId", caseId.toString(),
                "id", caseId.toString(), "recordId", recordId.toString(), "noteId", noteId.toString(),
                "formId", formId));
    }

    /** Opens every case page as each one; answers what went otherwise than expected. */
    private List<String> walk(Scene scene, Map<String, UserAccount> readers, Map<String, UserAccount> managers,
            Map<String, UserAccount> strangers) {
        List<String> problems = new ArrayList<>();
        Map<String, WebSession> sessions = new LinkedHashMap<>();
        for (String pattern : casePages()) {
            String path = fill(pattern, scene.values(), problems);
            if (path == null) {
                continue;
            }
            // A page that changes the case (a form to fill or edit) is for those who edit it:
            // the agency manager reads a case but does not edit it.
            boolean changes = pattern.endsWith("/edit") || pattern.endsWith("/new") || pattern.endsWith("/transfer");
            for (var reader : readers.entrySet()) {
                int status = session(sessions, reader.getValue()).get(path).statusCode();
                if (status != 200) {
                    problems.add(pattern + ": " + reader.getKey() + " got " + status + ", expected 200");
                }
            }
            for (var reader : managers.entrySet()) {
                // The manager reads the whole case, so a page that changes it may show it with the
                // refusal (a note's edit page says only its author edits it), or refuse outright.
                int status = session(sessions, reader.getValue()).get(path).statusCode();
                if (changes ? status != 200 && status != 403 && status != 404 : status != 200) {
                    problems.add(pattern + ": " + reader.getKey() + " got " + status + ", expected "
                            + (changes ? "200, 403 or 404" : "200"));
                }
            }
            for (var stranger : strangers.entrySet()) {
                expectRefusal(pattern, stranger.getKey(), session(sessions, stranger.getValue()).get(path),
                        scene.caseNumber(), scene.family(), scene.caseId(), problems);
            }
        }
        return problems;
    }

    private void expectRefusal(String pattern, String who, HttpResponse<String> response, String caseNumber,
            String family, UUID caseId, List<String> problems) {
        int status = response.statusCode();
        if (status != 404 && status != 403) {
            problems.add(pattern + ": " + who + " got " + status + ", expected 404 or 403");
        }
        String body = response.body();
        for (String trace : List.of(caseNumber, family, caseId.toString())) {
            if (body.contains(trace)) {
                problems.add(pattern + ": the refusal to " + who + " shows " + (trace.equals(family) ? "the child's name"
                        : trace.equals(caseNumber) ? "the case number" : "the case id"));
            }
        }
    }

    private WebSession session(Map<String, WebSession> sessions, UserAccount user) {
        return sessions.computeIfAbsent(user.username(), username -> signedIn(user));
    }

    private static String fill(String pattern, Map<String, String> values, List<String> problems) {
        String path = PageRoutes.fill(pattern, values);
        if (path == null) {
            problems.add(pattern + ": no value for " + PageRoutes.variables(pattern).stream()
                    .filter(name -> !values.containsKey(name)).map(name -> "{" + name + "}").toList()
                    + "; give the walk one");
        }
        return path;
    }
}
