package org.abri.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.services.ServiceInputs.ProviderInput;
import org.abri.services.ServiceInputs.ServiceInput;
import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.MutableClock;
import org.abri.support.WebSession;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The service map end to end on a real database: who may change which entry, the messages of a
 * refused entry, the filters, the stale flag and its reminder on a moved clock, the pathways and
 * the spreadsheet round trip.
 */
class ServiceMapTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ServiceMap map;
    @Autowired
    ServiceMapEditor editor;
    @Autowired
    ServicePathways pathways;
    @Autowired
    ServiceStaleReminder reminder;
    @Autowired
    Locations locations;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ServiceMapSpreadsheet spreadsheet;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    private static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }

    private ServiceInput service(UUID providerId, String sector, String name, List<UUID> places) {
        return new ServiceInput(providerId, sector, name, "Consultations", "Dr Test", "+236 70 11 22 33", null,
                "Lun-ven 8h-16h", null, null, List.of(), List.of(), null, places, "fr, sango", "Gratuit", null, null);
    }

    private UUID provider(CurrentUser me, Agency agency) {
        return editor.createProvider(me, new ProviderInput("Prestataire " + unique(), agency == null ? null : agency.id(),
                "Contact", "+236 70 00 00 01", "contact@example.org", null));
    }

    @Test
    void coordinatorsAndSystemAdministratorsEditEveryEntryAgencyAdministratorsTheirOwnOthersNothing() {
        Agency a = fixtures.agency();
        Agency b = fixtures.agency();
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        UUID providerB = provider(coordinator, b);
        UUID serviceB = editor.createService(coordinator, service(providerB, "health", "Centre B", List.of()));
        CurrentUser systemAdmin = fixtures.signIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        ServiceEntry read = map.find(serviceB).orElseThrow();
        editor.updateService(systemAdmin, serviceB, ServiceInput.of(read), read.version());
        assertThat(map.find(serviceB).orElseThrow().version()).isEqualTo(1);

        CurrentUser adminA = fixtures.signIn(fixtures.user(a, Role.AGENCY_ADMIN));
        // An agency administrator's provider is always of their agency, whatever they send.
        UUID providerA = editor.createProvider(adminA, new ProviderInput("Clinique A " + unique(), b.id(), null, null,
                null, null));
        assertThat(editor.provider(adminA, providerA).agencyId()).isEqualTo(a.id());
        UUID serviceA = editor.createService(adminA, service(providerA, "mhpss", "Écoute A", List.of()));
        editor.verify(adminA, serviceA);
        assertThatThrownBy(() -> editor.service(adminA, serviceB)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> editor.createService(adminA, service(providerB, "health", "Intrus", List.of())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> editor.setServiceActive(adminA, serviceB, false)).isInstanceOf(NotFoundException.class);

        CurrentUser caseworker = fixtures.signIn(fixtures.user(a, Role.CASEWORKER));
        assertThatThrownBy(() -> editor.createService(caseworker, service(providerA, "health", "Non", List.of())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> editor.verify(caseworker, serviceA)).isInstanceOf(AccessDeniedException.class);
        CurrentUser viewer = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATION_VIEWER));
        assertThatThrownBy(() -> editor.verify(viewer, serviceA)).isInstanceOf(AccessDeniedException.class);

        // Deactivated, never deleted: it leaves the search and stays readable.
        editor.setServiceActive(coordinator, serviceA, false);
        assertThat(map.search(new ServiceFilter(null, null, null, null, null, "Écoute A"))).isEmpty();
        assertThat(map.find(serviceA)).get().extracting(ServiceEntry::active).isEqualTo(false);
        assertThat(jdbc.sql("select count(*) from audit_entry where record_type = 'service' and record_id = ?")
                .param(serviceA).query(Long.class).single()).isEqualTo(3);

        // The pages agree: 403 for a caseworker, 404 for another agency's entry.
        UserAccount caseworkerAccount = fixtures.user(a, Role.CASEWORKER);
        WebSession caseworkerPages = signedIn(caseworkerAccount);
        assertThat(caseworkerPages.get("/services/new").statusCode()).isEqualTo(403);
        assertThat(caseworkerPages.get("/services/" + serviceB).statusCode()).isEqualTo(200);
        assertThat(caseworkerPages.get("/services/" + serviceB).body()).doesNotContain("id=\"edit-service\"");
        WebSession adminPages = signedIn(fixtures.user(a, Role.AGENCY_ADMIN));
        assertThat(adminPages.get("/services/" + serviceB + "/edit").statusCode()).isEqualTo(404);
        assertThat(adminPages.get("/services/providers/" + providerB).statusCode()).isEqualTo(404);
        assertThat(adminPages.get("/services/providers/" + providerA).statusCode()).isEqualTo(200);
    }

    @Test
    void aSystemAdministratorGrantsTheCoordinatorRoleAnAgencyAdministratorCannot() {
        UserAccount systemAdmin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        WebSession admin = signedIn(systemAdmin);
        assertThat(admin.get("/admin/users/new").body()).contains("id=\"role-COORDINATOR\"",
                "Membre du groupe de coordination");
        String username = "coord" + unique();
        HttpResponse<String> created = admin.postFields("/admin/users", List.of(Map.entry("username", username),
                Map.entry("fullName", "Coordinatrice Test"), Map.entry("password", "a-long-enough-password"),
                Map.entry("locale", "fr"), Map.entry("roles", "COORDINATOR")));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select r.role from user_role r join app_user u on u.id = r.user_id where u.username = ?")
                .param(username).query(String.class).list()).containsExactly("COORDINATOR");
        WebSession agencyAdmin = signedIn(fixtures.user(fixtures.agency(), Role.AGENCY_ADMIN));
        assertThat(agencyAdmin.get("/admin/users/new").body()).doesNotContain("role-COORDINATOR");
    }

    @Test
    void aRefusedEntryNamesEachFieldInTheUsersLanguageKeepsWhatWasTypedAndAStaleEditIsRefused() {
        UserAccount coordinatorAccount = fixtures.deploymentUser(Role.COORDINATOR);
        CurrentUser coordinator = fixtures.signIn(coordinatorAccount);
        UUID providerId = provider(coordinator, null);
        WebSession pages = signedIn(coordinatorAccount);
        assertThat(pages.get("/services/new?provider=" + providerId).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = pages.post("/services/new", Map.of("providerId", providerId.toString(),
                "sector", "health", "name", "", "hours", "Tous les jours", "ageMin", "12", "ageMax", "5",
                "email", "pas-une-adresse"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"name-error\"", "Ce champ est obligatoire.",
                "L&#39;âge maximum doit être supérieur ou égal à l&#39;âge minimum.",
                "Cette adresse électronique n&#39;est pas valide.", "value=\"Tous les jours\"");

        UserAccount english = fixtures.userSpeaking("en", fixtures.agency(), Role.AGENCY_ADMIN);
        WebSession englishPages = signedIn(english);
        englishPages.get("/services/new");
        assertThat(englishPages.post("/services/new", Map.of("sector", "health", "name", "X")).body())
                .contains("This field is required.");

        UUID id = editor.createService(coordinator, service(providerId, "health", "Clinique " + unique(), List.of()));
        pages.get("/services/" + id + "/edit");
        editor.updateService(coordinator, id, ServiceInput.of(map.find(id).orElseThrow()), 0);
        HttpResponse<String> stale = pages.post("/services/" + id + "/edit", Map.of("providerId", providerId.toString(),
                "sector", "health", "name", "Nom tapé entre-temps", "version", "0"));
        assertThat(stale.body()).contains("Quelqu&#39;un a modifié ce service", "value=\"Nom tapé entre-temps\"");
        assertThat(map.find(id).orElseThrow().name()).doesNotContain("entre-temps");
    }

    @Test
    void theFiltersFollowSectorLocationHierarchyConcernAgeSexAndText() {
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        String code = "SM" + unique().toUpperCase();
        Location region = locations.createForDemo(null, 1, code, "Région " + code, null);
        Location district = locations.createForDemo(region.id(), 2, code + "-D", "District " + code, null);
        Location commune = locations.createForDemo(district.id(), 3, code + "-C", "Commune " + code, null);
        Location elsewhere = locations.createForDemo(null, 1, code + "X", "Ailleurs " + code, null);
        UUID providerId = provider(coordinator, null);
        String word = "filtre" + unique();
        UUID inDistrict = editor.createService(coordinator, new ServiceInput(providerId, "legal_aid",
                word + " district", null, null, null, null, null, 10, 17, List.of("female"),
                List.of("sexual_violence"), null, List.of(district.id()), null, null, null, null));
        UUID elsewhereOnly = editor.createService(coordinator,
                service(providerId, "legal_aid", word + " ailleurs", List.of(elsewhere.id())));
        UUID everywhere = editor.createService(coordinator, service(providerId, "education", word + " partout", List.of()));

        assertThat(ids(new ServiceFilter(null, commune.id(), null, null, null, word)))
                .containsExactlyInAnyOrder(inDistrict, everywhere);
        assertThat(ids(new ServiceFilter(null, region.id(), null, null, null, word))).containsExactly(everywhere);
        assertThat(ids(new ServiceFilter("legal_aid", null, null, null, null, word)))
                .containsExactlyInAnyOrder(inDistrict, elsewhereOnly);
        assertThat(ids(new ServiceFilter(null, null, "child_labour", null, null, word)))
                .containsExactlyInAnyOrder(elsewhereOnly, everywhere);
        assertThat(ids(new ServiceFilter(null, null, null, 8, null, word))).doesNotContain(inDistrict);
        assertThat(ids(new ServiceFilter(null, null, null, 12, "male", word))).doesNotContain(inDistrict);
        assertThat(ids(new ServiceFilter(null, null, null, 12, "female", word))).contains(inDistrict);

        WebSession pages = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        String page = pages.get("/services?sector=legal_aid&location=" + commune.id() + "&q=" + word).body();
        assertThat(page).contains(word + " district", "Hors Abri", "District " + code).doesNotContain(word + " ailleurs");
    }

    @Test
    void anEntryFallsStaleAfterSixMonthsItsFocalPointIsRemindedOnceAndVerifyingStartsOver() {
        Agency agency = fixtures.agency();
        UserAccount focal = fixtures.user(fixtures.agency(), Role.SERVICE_FOCAL_POINT);
        UserAccount agencyFocal = fixtures.user(agency, Role.SERVICE_FOCAL_POINT);
        UserAccount coordinatorAccount = fixtures.deploymentUser(Role.COORDINATOR);
        CurrentUser coordinator = fixtures.signIn(coordinatorAccount);
        UUID providerId = provider(coordinator, agency);
        ServiceInput input = service(providerId, "health", "Clinique à vérifier " + unique(), List.of());
        UUID id = editor.createService(coordinator, new ServiceInput(input.providerId(), input.sector(), input.name(),
                null, null, null, null, null, null, null, List.of(), List.of(), null, List.of(), null, null, focal.id(),
                null));
        UUID withoutFocalPoint = editor.createService(coordinator, service(providerId, "mhpss", "Sans point focal", List.of()));
        String token = fixtures.token(coordinatorAccount);
        ApiClient api = new ApiClient(port).as(token);
        assertThat(map.stale(map.find(id).orElseThrow())).isFalse();
        assertThat(api.get("/api/v1/services/" + id).json().path("stale").asBoolean()).isFalse();
        reminder.remind();
        assertThat(reminders(focal)).isZero();

        LocalDate today = LocalDate.now(clock);
        clock.advance(Duration.between(today.atStartOfDay(), today.plusMonths(6).plusDays(1).atStartOfDay()));
        assertThat(map.stale(map.find(id).orElseThrow())).isTrue();
        assertThat(api.get("/api/v1/services/" + id).json().path("stale").asBoolean()).isTrue();
        WebSession pages = signedIn(fixtures.user(agency, Role.CASEWORKER));
        assertThat(pages.get("/services/" + id).body()).contains("id=\"stale-warning\"", "À vérifier");

        reminder.remind();
        reminder.remind();
        assertThat(reminders(focal)).isEqualTo(1);
        // Without a focal point of its own: the agency's service focal points.
        assertThat(reminders(agencyFocal)).isEqualTo(1);
        String link = jdbc.sql("select link from notification where user_id = ? and kind = 'service_stale'")
                .param(focal.id()).query(String.class).single();
        assertThat(link).isEqualTo("/services/" + id);

        assertThat(api.post("/api/v1/services/" + id + "/verify", null).json().path("stale").asBoolean()).isFalse();
        assertThat(map.find(id).orElseThrow().lastVerifiedOn()).isEqualTo(LocalDate.now(clock));
        assertThat(pages.get("/services/" + id).body()).doesNotContain("id=\"stale-warning\"");
        // Stale again six months later: reminded again.
        LocalDate later = LocalDate.now(clock);
        clock.advance(Duration.between(later.atStartOfDay(), later.plusMonths(6).plusDays(1).atStartOfDay()));
        reminder.remind();
        assertThat(reminders(focal)).isEqualTo(2);
        assertThat(withoutFocalPoint).isNotNull();
    }

    private long reminders(UserAccount user) {
        return jdbc.sql("select count(*) from notification where user_id = ? and kind = 'service_stale'")
                .param(user.id()).query(Long.class).single();
    }

    @Test
    void aPathwayListsItsStepsInOrderAndThePathwayOfTheNearestPlaceWins() {
        List<PathwayStep> general = pathways.pathway("sexual_violence", null);
        assertThat(general).extracting(PathwayStep::sector)
                .containsExactly("health", "mhpss", "legal_aid", "security_police");
        assertThat(general.get(0).withinHours()).isEqualTo(72);
        assertThat(general.get(0).note()).contains("72 heures");
        assertThat(general.get(3).note()).contains("accord");

        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        String code = "PW" + unique().toUpperCase();
        Location region = locations.createForDemo(null, 1, code, "Région " + code, null);
        Location district = locations.createForDemo(region.id(), 2, code + "-D", "District " + code, null);
        Location commune = locations.createForDemo(district.id(), 3, code + "-C", "Commune " + code, null);
        pathways.save(coordinator, "child_marriage", region.id(),
                List.of(new PathwayStep(1, "mhpss", null, "Région"), new PathwayStep(2, "legal_aid", 48, null)), 0);
        pathways.save(coordinator, "child_marriage", district.id(),
                List.of(new PathwayStep(1, "community_mechanisms", null, "District")), 0);
        assertThat(pathways.pathway("child_marriage", commune.id())).extracting(PathwayStep::note)
                .containsExactly("District");
        assertThat(pathways.pathway("child_marriage", region.id())).extracting(PathwayStep::sector)
                .containsExactly("mhpss", "legal_aid");
        assertThat(pathways.pathway("child_marriage", null)).isEmpty();
        assertThat(pathways.pathway("sexual_violence", commune.id())).hasSize(4);
        assertThatThrownBy(() -> pathways.save(coordinator, "child_marriage", region.id(), List.of(), 7))
                .isInstanceOf(org.abri.platform.StaleRecordException.class);
        assertThatThrownBy(() -> pathways.save(coordinator, "child_marriage", null,
                List.of(new PathwayStep(1, "not_a_sector", null, null)), 0)).isInstanceOf(InvalidInputException.class);
        CurrentUser caseworker = fixtures.signIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        assertThatThrownBy(() -> pathways.save(caseworker, "child_marriage", null, List.of(), 0))
                .isInstanceOf(AccessDeniedException.class);

        // The page: the steps in order, each with the services that fit.
        UUID providerId = provider(fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR)), null);
        String name = "Médiation " + unique();
        editor.createService(fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR)),
                service(providerId, "community_mechanisms", name, List.of(district.id())));
        WebSession pages = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER));
        String page = pages.get("/services/pathways?concern=child_marriage&location=" + commune.id()).body();
        assertThat(page).contains("id=\"step-1\"", name, "District").doesNotContain("id=\"step-2\"");
        String general72 = pages.get("/services/pathways?concern=sexual_violence").body();
        assertThat(general72.indexOf("id=\"step-1\"")).isLessThan(general72.indexOf("id=\"step-4\""));
        assertThat(general72).contains("dans les 72 heures");
    }

    @Test
    void theMapGoesOutAsASpreadsheetAndComesBackWithAPreviewABadRowIsRefusedByNumber() throws IOException {
        UserAccount coordinatorAccount = fixtures.deploymentUser(Role.COORDINATOR);
        CurrentUser coordinator = fixtures.signIn(coordinatorAccount);
        Agency agency = fixtures.agency();
        UUID providerId = provider(coordinator, agency);
        Location place = fixtures.location();
        String name = "Tableur " + unique();
        UUID id = editor.createService(coordinator, new ServiceInput(providerId, "education", name, "Cours", null,
                null, null, "8h", 6, 14, List.of("female", "male"), List.of("child_labour"), null,
                List.of(place.id()), "fr", "Gratuit", null, null));

        WebSession pages = signedIn(coordinatorAccount);
        HttpResponse<byte[]> exported = pages.download("/services/export.xlsx");
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).get().asString().contains("spreadsheetml");
        // Unchanged round trip.
        ServiceMapSpreadsheet.Preview same = spreadsheetPreview(pages, exported.body());
        assertThat(same.problems()).isEmpty();
        assertThat(same.rows()).filteredOn(row -> id.equals(row.serviceId())).singleElement()
                .extracting(ServiceMapSpreadsheet.ImportRow::change).isEqualTo(ServiceMapSpreadsheet.Change.UNCHANGED);

        String newName = "Nouveau " + unique();
        byte[] changed = sheet(List.of(
                row(id.toString(), "Prestataire renommé " + unique(), agency.code(), "education", name, "Cours du soir",
                        place.code(), "6", "14", "female;male", "child_labour", LocalDate.now().minusDays(40).toString()),
                row("", "Organisation " + unique(), "", "health", newName, "", "", "", "", "", "", "")));
        pages.get("/services/import");
        String preview = pages.upload("/services/import", "file", "map.xlsx", changed).body();
        assertThat(preview).contains("1 nouveau(x), 1 modifié(s)", newName);
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(preview);
        assertThat(token.find()).isTrue();
        HttpResponse<String> applied = pages.post("/services/import/apply", Map.of("token", token.group(1)));
        assertThat(applied.statusCode()).isEqualTo(302);
        ServiceEntry after = map.find(id).orElseThrow();
        assertThat(after.description()).isEqualTo("Cours du soir");
        assertThat(after.providerName()).startsWith("Prestataire renommé");
        assertThat(after.lastVerifiedOn()).isEqualTo(LocalDate.now().minusDays(40));
        assertThat(map.search(new ServiceFilter(null, null, null, null, null, newName))).singleElement()
                .satisfies(entry -> assertThat(entry.onSystem()).isFalse());

        byte[] bad = sheet(List.of(
                row("", "Org " + unique(), "", "health", "Bon " + unique(), "", "", "", "", "", "", ""),
                row("", "Org " + unique(), "", "plomberie", "Mauvais " + unique(), "", "NOPE", "x", "", "", "", "")));
        pages.get("/services/import");
        String refused = pages.upload("/services/import", "file", "bad.xlsx", bad).body();
        assertThat(refused).contains("Ligne 3, colonne « Secteur (code) »", "Ligne 3, colonne « Lieux desservis",
                "Aucun lieu n&#39;a le code « NOPE »", "Ligne 3, colonne « Âge minimum »")
                .doesNotContain("name=\"token\"", "Ligne 2");
        // Only coordinators import.
        WebSession adminPages = signedIn(fixtures.user(agency, Role.AGENCY_ADMIN));
        assertThat(adminPages.get("/services/import").statusCode()).isEqualTo(403);
    }

    private ServiceMapSpreadsheet.Preview spreadsheetPreview(WebSession pages, byte[] file) {
        return spreadsheet.preview(
                fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR)), file);
    }

    private static List<String> row(String id, String provider, String agency, String sector, String name,
            String description, String locations, String ageMin, String ageMax, String sexes, String concerns,
            String verified) {
        return List.of(id, provider, agency, sector, name, description, locations, ageMin, ageMax, sexes, concerns,
                "", "", "", "", "", "", verified);
    }

    /** A service map spreadsheet with the shipped header row and these rows (empty cells left out). */
    static byte[] sheet(List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Services");
        for (int c = 0; c < ServiceMapSpreadsheet.COLUMNS.size(); c++) {
            sheet.value(0, c, ServiceMapSpreadsheet.COLUMNS.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                if (!rows.get(r).get(c).isEmpty()) {
                    sheet.value(r + 1, c, rows.get(r).get(c));
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }

    private List<UUID> ids(ServiceFilter filter) {
        return map.search(filter).stream().map(ServiceEntry::id).toList();
    }
}
