package org.abri.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.abri.AbriApplication;
import org.abri.cases.CaseQuery;
import org.abri.cases.CaseRegistry;
import org.abri.cases.CaseSummary;
import org.abri.identity.Agencies;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.abri.platform.Page;
import org.abri.referrals.ReferralReport;
import org.abri.referrals.Referrals;
import org.abri.support.IntegrationTest;
import org.abri.support.TestDatabase;
import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Demo mode as an operator meets it: the whole application started with abri.demo=true on
 * a fresh database (its own, not the shared one of {@link IntegrationTest}), then started
 * again, then on a database holding real data.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoDeploymentTest {

    private static ConfigurableApplicationContext demo;
    private static long firstLoadMillis;

    @BeforeAll
    static void loadTheDemoOnAFreshDatabase() {
        long started = System.nanoTime();
        demo = start(TestDatabase.freshDatabaseArguments(), true);
        firstLoadMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    // ---- what is loaded ---------------------------------------------------------------------

    @Test
    void fourFictionalAgenciesOfTheFourKindsBesideTheFirstStartAdministrator() {
        List<Agency> agencies = demo.getBean(Agencies.class).all();
        assertThat(agencies).extracting(Agency::code)
                .containsExactlyInAnyOrder("MINPROT", "ONUENF", "INTLAIDE", "ESPOIR");
        assertThat(agencies).extracting(Agency::kind)
                .containsExactlyInAnyOrder("ministry", "un_agency", "international_ngo", "national_ngo");
        assertThat(agencies).allSatisfy(agency -> assertThat(agency.name()).endsWith("(démo)"));
        assertThat(jdbc().sql("select count(*) from agency where not demo").query(Long.class).single()).isZero();
        // The administrator of the first start is still there, the only real account.
        UserAccount admin = demo.getBean(UserAccounts.class).findByUsername("admin").orElseThrow();
        assertThat(admin.roles()).containsExactly(Role.SYSTEM_ADMIN);
        assertThat(jdbc().sql("select username from app_user where not demo").query(String.class).list())
                .containsExactly("admin");
    }

    @Test
    void everyRoleIsHeldByADemoUserAndEveryAgencyHasEveryAgencyRole() {
        List<String> roles = jdbc().sql("""
                select distinct r.role from user_role r join app_user u on u.id = r.user_id where u.demo""")
                .query(String.class).list();
        assertThat(roles).containsExactlyInAnyOrder(
                java.util.Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new));
        UserAccounts accounts = demo.getBean(UserAccounts.class);
        for (Agency agency : demo.getBean(Agencies.class).all()) {
            for (Role role : Role.values()) {
                if (!role.deploymentLevel()) {
                    assertThat(accounts.activeWithRole(agency.id(), role)).as(agency.code() + " " + role).isNotEmpty();
                }
            }
            List<UserAccount> caseworkers = accounts.activeWithRole(agency.id(), Role.CASEWORKER);
            assertThat(caseworkers).hasSizeBetween(3, 4);
            UserAccount supervisor = accounts.activeWithRole(agency.id(), Role.SUPERVISOR).get(0);
            assertThat(supervisor.supervisees())
                    .containsExactlyInAnyOrderElementsOf(caseworkers.stream().map(UserAccount::id).toList());
        }
        assertThat(accounts.findByUsername("demo.admin").orElseThrow().agencyId()).isNull();
        assertThat(accounts.findByUsername("minprot.coordination").orElseThrow().roles())
                .containsExactly(Role.COORDINATION_VIEWER);
    }

    @Test
    void everyDemoAccountHasTheDocumentedPasswordHashedOncePerBatch() {
        // Two batches (supervisors after their caseworkers), one bcrypt hash each: a fast start.
        List<String> hashes = jdbc().sql("select distinct password_hash from app_user where demo")
                .query(String.class).list();
        assertThat(hashes).hasSizeBetween(1, 2);
        assertThat(hashes).allMatch(hash -> demo.getBean(PasswordEncoder.class).matches(DemoCatalogue.PASSWORD, hash));
        assertThat(jdbc().sql("select count(*) from app_user where demo").query(Long.class).single())
                .isBetween(30L, 45L);
    }

    @Test
    void aThreeLevelHierarchyOfCentralAfricanPlacesWithArabicNames() {
        List<Location> places = demo.getBean(Locations.class).all();
        assertThat(places).hasSizeGreaterThanOrEqualTo(25);
        assertThat(places).extracting(Location::level).contains(1, 2, 3);
        Map<UUID, Location> byId = places.stream().collect(Collectors.toMap(Location::id, l -> l));
        assertThat(places).allSatisfy(place -> {
            assertThat(place.nameAr()).isNotBlank();
            if (place.level() > 1) {
                assertThat(byId.get(place.parentId()).level()).isEqualTo(place.level() - 1);
            }
        });
        assertThat(places).extracting(Location::path).contains("Ouham > Bossangoa > Ben Zambé", "Vakaga > Birao > Korsi");
    }

    @Test
    void about200ChildrenAcrossRiskLevelsStatusesConcernsAndPlaces() {
        long children = count("select count(*) from child_case where demo");
        assertThat(children).isBetween(180L, 220L);
        assertThat(count("select count(*) from child_case where not demo")).isZero();
        Map<String, Long> risks = countBy("risk_level");
        assertThat(risks).containsOnlyKeys("high", "medium", "low");
        assertThat(risks.get("medium")).isGreaterThan(risks.get("high"));
        Map<String, Long> statuses = countBy("status");
        assertThat(statuses).containsOnlyKeys("open", "closed");
        assertThat(statuses.get("open")).isGreaterThan(2 * statuses.get("closed"));
        assertThat(countBy("sex")).containsKeys("female", "male");
        assertThat(countBy("displacement_status")).containsKeys("host", "idp", "returnee", "refugee");
        assertThat(count("select count(distinct nationality) from child_case")).isGreaterThanOrEqualTo(3);
        assertThat(count("select count(distinct caregiver_relationship) from child_case")).isGreaterThanOrEqualTo(6);
        List<String> concerns = jdbc().sql("select distinct unnest(protection_concerns) from child_case")
                .query(String.class).list();
        assertThat(concerns).hasSizeGreaterThanOrEqualTo(12).contains("separated", "unaccompanied", "caafag");
        assertThat(count("select count(*) from child_case where cardinality(protection_concerns) not between 1 and 3"))
                .isZero();
        assertThat(count("select count(distinct location_id) from child_case")).isGreaterThanOrEqualTo(20);
        assertThat(count("select count(*) from child_case where age_estimated is not null")).isPositive();
        assertThat(count("select count(*) from child_case where date_of_birth is not null")).isPositive();
        // Ages 0–17 today, registrations within the past year, three consents each.
        assertThat(count("""
                select count(*) from child_case where coalesce(extract(year from age(date_of_birth)), age_estimated)
                not between 0 and 17""")).isZero();
        assertThat(count("select count(*) from child_case where registered_at not between now() - interval '366 days' and now()"))
                .isZero();
        assertThat(count("select count(*) from case_consent")).isEqualTo(3 * children);
        assertThat(count("select count(distinct method) from case_consent")).isEqualTo(3);
        // Nobody married in infancy, nobody associated with an armed group before ten.
        assertThat(count("""
                select count(*) from child_case where protection_concerns && array['child_marriage', 'caafag']
                and coalesce(extract(year from age(registered_at, date_of_birth)), age_estimated) < 10""")).isZero();
    }

    @Test
    void namesComeWithOtherSpellingsInLatinAndArabicScript() {
        List<String> others = jdbc().sql("select other_names from child_case where other_names is not null")
                .query(String.class).list();
        assertThat(others).hasSizeGreaterThan(40);
        assertThat(others).filteredOn(o -> o.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.ARABIC)).hasSizeGreaterThan(15);
        assertThat(others).filteredOn(o -> o.matches("(?s)[^;]*[A-Za-z].*")).hasSizeGreaterThan(20);
        List<String> given = jdbc().sql("select given_names from child_case").query(String.class).list();
        assertThat(given).anyMatch(g -> g.matches(".*[àâçéèêëîïôûüÿ].*"));
        assertThat(given.stream().distinct().count()).isGreaterThan(60);
        // Muslim names of the north-east, spelled as on Chadian and French forms.
        assertThat(jdbc().sql("""
                select count(*) from child_case where search_names ~ '(mahamat|mouhammad|mohamed|abakar|aicha|fatime)'""")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void everyCaseIsAssignedToACaseworkerOfItsAgencyWithinTheCaseloadLimit() {
        assertThat(count("""
                select count(*) from child_case c join app_user w on w.id = c.caseworker_id
                where w.agency_id <> c.agency_id
                   or not exists (select 1 from user_role r where r.user_id = w.id and r.role = 'CASEWORKER')""")).isZero();
        assertThat(count("""
                select count(*) from child_case c join app_user b on b.id = c.registered_by
                where b.agency_id <> c.agency_id""")).isZero();
        assertThat(count("""
                select max(n) from (select count(*) n from child_case where status = 'open' group by caseworker_id) x"""))
                .isLessThanOrEqualTo(25);
        assertThat(count("""
                select count(*) from app_user u join user_role r on r.user_id = u.id and r.role = 'CASEWORKER'
                where not exists (select 1 from child_case c where c.caseworker_id = u.id)""")).isZero();
        assertThat(count("select count(distinct registered_by) from child_case")).isGreaterThan(14);
    }

    @Test
    void aDemoCaseworkerSignsInWithTheDocumentedPasswordAndSeesOnlyTheirOwnCases() {
        WebSession browser = new WebSession(port(demo));
        HttpResponse<String> signIn = browser.signIn("espoir.cw1", DemoCatalogue.PASSWORD);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).get().asString().doesNotContain("error");
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"demo-banner\"").contains("Démonstration — données fictives");

        UserAccounts accounts = demo.getBean(UserAccounts.class);
        CurrentUser caseworker = signIn(accounts.findByUsername("espoir.cw1").orElseThrow());
        Page<CaseSummary> seen = demo.getBean(CaseRegistry.class).search(caseworker,
                new CaseQuery(null, null, null, null, null, 0, 100));
        Set<String> own = new HashSet<>(jdbc().sql("select case_number from child_case where caseworker_id = ?")
                .param(caseworker.id()).query(String.class).list());
        assertThat(own).hasSizeBetween(5, 25);
        assertThat(seen.total()).isEqualTo(own.size());
        assertThat(seen.items()).extracting(CaseSummary::caseNumber).containsExactlyInAnyOrderElementsOf(own);
        assertThat(seen.items()).allSatisfy(c -> assertThat(c.caseNumber()).startsWith("ESPOIR-"));

        CurrentUser supervisor = signIn(accounts.findByUsername("espoir.supervisor").orElseThrow());
        long agencyCases = count("select count(*) from child_case c join agency a on a.id = c.agency_id where a.code = 'ESPOIR'");
        assertThat(demo.getBean(CaseRegistry.class).search(supervisor, new CaseQuery(null, null, null, null, null, 0, 10))
                .total()).isEqualTo(agencyCases);
    }

    @Test
    void theWrongPasswordIsRefusedForADemoUser() {
        WebSession browser = new WebSession(port(demo));
        HttpResponse<String> signIn = browser.signIn("espoir.cw1", "not-the-demo-password");
        assertThat(signIn.headers().firstValue("Location")).get().asString().contains("error");
    }

    // ---- the service map and the referrals ------------------------------------------------------

    @Test
    void aServiceMapOfTheFourAgenciesAndFiveOrganisationsOffAbriWithAFewEntriesToVerify() {
        assertThat(count("select count(*) from service where active")).isBetween(20L, 25L);
        assertThat(count("select count(*) from service_provider")).isBetween(8L, 10L);
        assertThat(count("select count(*) from service_provider where agency_id is null")).isBetween(4L, 5L);
        // Each demo agency offers two to four services, each with its service focal point.
        Map<String, Long> perAgency = jdbc().sql("""
                select a.code, count(*) from service s join service_provider p on p.id = s.provider_id
                join agency a on a.id = p.agency_id group by a.code""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(perAgency).containsOnlyKeys("MINPROT", "ONUENF", "INTLAIDE", "ESPOIR")
                .allSatisfy((code, n) -> assertThat(n).as(code).isBetween(2L, 4L));
        assertThat(count("""
                select count(*) from service s join service_provider p on p.id = s.provider_id
                left join app_user f on f.id = s.focal_point_id
                where p.agency_id is not null and (f.id is null or f.agency_id <> p.agency_id)""")).isZero();
        // Sectors and concerns from their lists, every service serves at least one demo place.
        assertThat(count("""
                select count(*) from service s where not exists (select 1 from lookup_value v
                where v.list_name = 'service_sector' and v.code = s.sector)""")).isZero();
        assertThat(count("""
                select count(*) from service s, unnest(s.concerns) c(code) where not exists (select 1 from lookup_value v
                where v.list_name = 'protection_concern' and v.code = c.code)""")).isZero();
        assertThat(count("""
                select count(*) from service s where not exists (select 1 from service_location l
                join location p on p.id = l.location_id where l.service_id = s.id and p.demo)""")).isZero();
        assertThat(count("select count(distinct sector) from service")).isGreaterThanOrEqualTo(8);
        assertThat(count("select count(*) from service where phone not like '+236 %' or cost is null or hours is null"
                + " or languages is null or contact_person is null")).isZero();
        // Three or four entries were last verified more than six months ago: the map shows "to verify".
        org.abri.services.ServiceMap map = demo.getBean(org.abri.services.ServiceMap.class);
        List<UUID> ids = jdbc().sql("select id from service").query(UUID.class).list();
        assertThat(ids.stream().map(id -> map.find(id).orElseThrow()).filter(map::stale).count()).isBetween(3L, 4L);
    }

    @Test
    void threeCompletedSelfAssessmentsTwoSharedWithTheCoordinationGroup() {
        UserAccounts accounts = demo.getBean(UserAccounts.class);
        org.abri.quality.QualityAssessments quality = demo.getBean(org.abri.quality.QualityAssessments.class);
        CurrentUser viewer = signIn(accounts.findByUsername("minprot.coordination").orElseThrow());
        assertThat(quality.latestShared(viewer)).extracting(org.abri.quality.QualityAssessments.Assessment::agencyName)
                .hasSize(2).allMatch(name -> name != null && !name.isBlank());
        CurrentUser manager = signIn(accounts.findByUsername("intlaide.manager").orElseThrow());
        var list = quality.list(manager, org.abri.quality.QualityAssessments.scopeOf(manager).orElseThrow());
        assertThat(list).singleElement().satisfies(a -> {
            assertThat(a.completed()).isTrue();
            assertThat(quality.plan(a.id())).hasSize(2);
            assertThat(quality.profile(a.id()).domain(4).level())
                    .isEqualTo(org.abri.quality.QualityLevel.GOOD_PRACTICE);
        });
        assertThat(count("select count(*) from quality_assessment")).isEqualTo(3);
    }

    @Test
    void referralsInEveryStatusWithAnInboxAnOutboxAndAReport() {
        Map<String, Long> byStatus = jdbc().sql("select status, count(*) from referral group by status")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byStatus).containsOnlyKeys("sent", "seen", "accepted", "information_requested",
                "service_provided", "closed", "declined");
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isBetween(6L, 10L);
        assertThat(byStatus).containsEntry("sent", 3L).containsEntry("service_provided", 2L)
                .containsEntry("seen", 1L).containsEntry("accepted", 1L).containsEntry("information_requested", 1L)
                .containsEntry("closed", 1L).containsEntry("declined", 1L);
        // One late and flagged, one off Abri with its outcome, one on a best-interest reason.
        assertThat(count("select count(*) from referral where status in ('sent', 'seen') and due_at < now()"
                + " and overdue_notified_at is not null")).isEqualTo(1);
        assertThat(count("select count(*) from referral where to_agency_id is null and status = 'service_provided'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from referral where consent_basis = 'best_interest'"
                + " and best_interest_reason is not null")).isEqualTo(1);
        // The others stand on a consent to share on file; every referral crosses to another agency.
        assertThat(count("""
                select count(*) from referral r where r.consent_basis = 'consent' and not exists (select 1 from
                form_record f where f.case_id = r.case_id and f.form_id = 'consent_assent')""")).isZero();
        assertThat(count("select count(*) from referral where from_agency_id = to_agency_id")).isZero();
        assertThat(count("select count(*) from referral r join child_case c on c.id = r.case_id"
                + " where not c.demo or c.status <> 'open'")).isZero();

        UserAccounts accounts = demo.getBean(UserAccounts.class);
        Referrals referrals = demo.getBean(Referrals.class);
        CurrentUser focal = signIn(accounts.findByUsername("minprot.focal").orElseThrow());
        assertThat(referrals.list(focal, Referrals.Box.INBOX, null, 0, 50).total()).isGreaterThanOrEqualTo(3);
        CurrentUser caseworker = signIn(accounts.findByUsername("espoir.cw1").orElseThrow());
        assertThat(referrals.list(caseworker, Referrals.Box.OUTBOX, null, 0, 50).total()).isEqualTo(2);
        assertThat(referrals.list(caseworker, Referrals.Box.OUTBOX, "overdue", 0, 50).total()).isEqualTo(1);
        CurrentUser viewer = signIn(accounts.findByUsername("minprot.coordination").orElseThrow());
        assertThat(demo.getBean(ReferralReport.class).run(viewer, ReferralReport.query(null, null, null, null))
                .total().sent()).isEqualTo(total);
        // Every step was taken, and audited, as a demo user.
        assertThat(count("select count(*) from referral_event e left join app_user u on u.id = e.actor_id"
                + " where u.id is null or not u.demo")).isZero();
        assertThat(count("select count(*) from audit_entry where record_type = 'referral' and user_id is null"))
                .isZero();
    }

    // ---- starting again, determinism, the log -------------------------------------------------

    @Test
    void aSecondFreshLoadGivesTheSameChildrenAndARestartAddsNothing(CapturedOutput output) {
        List<String> args = TestDatabase.freshDatabaseArguments();
        List<String> names;
        long users;
        long locations;
        List<String> map;
        List<String> sent;
        try (ConfigurableApplicationContext first = start(args, true)) {
            names = childNames(first);
            map = serviceMap(first);
            sent = referralsOf(first);
            assertThat(map).isEqualTo(serviceMap(demo));
            assertThat(sent).isEqualTo(referralsOf(demo));
            users = count(first, "select count(*) from app_user");
            locations = count(first, "select count(*) from location");
            assertThat(names).isEqualTo(childNames(demo));
            assertThat(output.getOut()).contains("demo deployment loaded in").contains("200 children")
                    .contains("docs/demo.md");
            String log = output.getOut() + output.getErr();
            List<String> fullNames = JdbcClient.create(first.getBean(javax.sql.DataSource.class))
                    .sql("select given_names || ' ' || family_name from child_case").query(String.class).list();
            assertThat(fullNames).noneMatch(log::contains);
        }
        try (ConfigurableApplicationContext again = start(args, true)) {
            assertThat(output.getOut()).contains("the demo deployment is already loaded; nothing to do");
            assertThat(childNames(again)).isEqualTo(names);
            assertThat(count(again, "select count(*) from agency")).isEqualTo(4);
            assertThat(count(again, "select count(*) from app_user")).isEqualTo(users);
            assertThat(count(again, "select count(*) from location")).isEqualTo(locations);
            assertThat(serviceMap(again)).isEqualTo(map);
            assertThat(referralsOf(again)).isEqualTo(sent);
        }
    }

    @Test
    void demoModeIsRefusedOnADatabaseWithRealDataAndSaysWhatToDo(CapturedOutput output) {
        List<String> args = TestDatabase.freshDatabaseArguments();
        try (ConfigurableApplicationContext real = start(args, false)) {
            UserAccounts accounts = real.getBean(UserAccounts.class);
            CurrentUser admin = signIn(accounts, accounts.findByUsername("admin").orElseThrow());
            real.getBean(Agencies.class).create(admin, "REAL", "A real agency", "national_ngo");
            assertThat(new WebSession(port(real)).get("/login").body()).doesNotContain("demo-banner");
        }
        SecurityContextHolder.clearContext();

        assertThatThrownBy(() -> start(args, true))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(DemoRefusedException.class).hasMessageContaining("agencies: 1,"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("Demo mode (abri.demo=true) refused").contains("ABRI_DATA_DIR").contains("docs/demo.md");

        try (ConfigurableApplicationContext real = start(args, false)) {
            assertThat(count(real, "select count(*) from agency")).isEqualTo(1);
            assertThat(count(real, "select count(*) from app_user where demo")).isZero();
            assertThat(count(real, "select count(*) from location")).isZero();
        }
    }

    @Test
    void demoModeIsRefusedOnADatabaseWhoseOnlyRealDataIsAServiceProviderOffAbri() {
        List<String> args = TestDatabase.freshDatabaseArguments();
        try (ConfigurableApplicationContext real = start(args, false)) {
            // What a coordinator's first entry writes: an organisation off Abri needs no agency, user or place.
            real.getBean(JdbcClient.class).sql("insert into service_provider (id, name) values (?, 'Clinique réelle')")
                    .param(UUID.randomUUID()).update();
        }
        assertThatThrownBy(() -> start(args, true))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(DemoRefusedException.class).hasMessageContaining("service providers: 1)"));
        try (ConfigurableApplicationContext real = start(args, false)) {
            assertThat(count(real, "select count(*) from service_provider")).isEqualTo(1);
            assertThat(count(real, "select count(*) from agency")).isZero();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static ConfigurableApplicationContext start(List<String> database, boolean demoMode) {
        List<String> args = new ArrayList<>(database);
        args.add("--abri.demo=" + demoMode);
        args.add("--abri.admin.password=" + IntegrationTest.ADMIN_PASSWORD);
        args.add("--server.port=0");
        return new SpringApplicationBuilder(AbriApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static JdbcClient jdbc() {
        return demo.getBean(JdbcClient.class);
    }

    private static long count(String sql) {
        return count(demo, sql);
    }

    private static long count(ConfigurableApplicationContext context, String sql) {
        Long value = context.getBean(JdbcClient.class).sql(sql).query(Long.class).single();
        return value == null ? 0 : value;
    }

    private static Map<String, Long> countBy(String column) {
        return jdbc().sql("select " + column + ", count(*) from child_case group by " + column)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<String> serviceMap(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("""
                select p.name || ' / ' || s.sector || ' / ' || s.name || ' / ' || s.last_verified_on
                || ' / ' || (select count(*) from service_location l where l.service_id = s.id)
                from service s join service_provider p on p.id = s.provider_id order by 1""").query(String.class).list();
    }

    private static List<String> referralsOf(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("""
                select c.case_number || ' / ' || s.name || ' / ' || r.status || ' / ' || r.urgency
                from referral r join child_case c on c.id = r.case_id join service s on s.id = r.service_id
                order by 1""").query(String.class).list();
    }

    private static List<String> childNames(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("""
                select given_names || ' ' || family_name || ' / ' || coalesce(other_names, '') from child_case
                order by 1""").query(String.class).list();
    }

    private static CurrentUser signIn(UserAccount account) {
        return signIn(demo.getBean(UserAccounts.class), account);
    }

    private static CurrentUser signIn(UserAccounts accounts, UserAccount account) {
        CurrentUser user = accounts.loadCurrentUser(account.id()).orElseThrow();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        return user;
    }
}
