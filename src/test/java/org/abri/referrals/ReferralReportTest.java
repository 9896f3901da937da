package org.abri.referrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.platform.InvalidInputException;
import org.abri.support.ApiClient;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * The referral report on a seeded set of referrals in 2020 (no other test sends any then), with
 * known answers: counts per agency, sector and month (of sending, in the deployment's zone:
 * 23:30 UTC on 31 January is February in Bangui), the median hours to answer, the filters, and
 * who sees which rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferralReportTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ReferralReport report;
    @Autowired
    CaseRegistry registry;
    @Autowired
    JdbcClient jdbc;

    private Agency agencyA;
    private Agency agencyB;
    private UserAccount managerA;
    private UserAccount managerB;
    private UserAccount viewer;
    private UserAccount caseworkerA;

    @BeforeAll
    void seed() {
        agencyA = fixtures.agency();
        agencyB = fixtures.agency();
        Agency agencyC = fixtures.agency();
        Agency agencyD = fixtures.agency();
        caseworkerA = fixtures.user(agencyA, Role.CASEWORKER);
        managerA = fixtures.user(agencyA, Role.AGENCY_MANAGER);
        managerB = fixtures.user(agencyB, Role.AGENCY_MANAGER);
        viewer = fixtures.deploymentUser(Role.COORDINATION_VIEWER);
        UUID caseId = registry.register(fixtures.signIn(caseworkerA), fixtures.child("Awa", "Rapport-Test")).id();
        SecurityContextHolder.clearContext();
        UUID healthB = fixtures.service(agencyB, "health", "Santé rapport test");
        UUID educationB = fixtures.service(agencyB, "education", "École rapport test");
        UUID offSystem = fixtures.service(null, "health", "Santé hors Abri rapport test");
        // A → B, health, January: accepted in 2 h, declined in 6 h, closed (answered in 10 h), withdrawn unanswered.
        insert(caseId, agencyA, healthB, agencyB, "health", "accepted", "2020-01-10T08:00:00Z", 2);
        insert(caseId, agencyA, healthB, agencyB, "health", "declined", "2020-01-15T08:00:00Z", 6);
        insert(caseId, agencyA, healthB, agencyB, "health", "closed", "2020-01-20T08:00:00Z", 10);
        insert(caseId, agencyA, healthB, agencyB, "health", "withdrawn", "2020-01-25T08:00:00Z", null);
        // A → B, health, February in Bangui: one unanswered past its deadline, one with a question pending.
        insert(caseId, agencyA, healthB, agencyB, "health", "sent", "2020-01-31T23:30:00Z", null);
        insert(caseId, agencyA, healthB, agencyB, "health", "information_requested", "2020-02-05T10:00:00Z", null);
        // C → B, education, February: service provided, answered in 5 h.
        insert(caseId, agencyC, educationB, agencyB, "education", "service_provided", "2020-02-10T00:00:00Z", 5);
        // D → a provider off Abri, health, February: seen, overdue.
        insert(caseId, agencyD, offSystem, null, "health", "seen", "2020-02-12T09:00:00Z", null);
    }

    private void insert(UUID caseId, Agency from, UUID service, Agency to, String sector, String status, String sentAt,
            Integer answeredAfterHours) {
        Instant sent = Instant.parse(sentAt);
        jdbc.sql("""
                insert into referral (id, reference, case_id, from_agency_id, referred_by, service_id, to_agency_id, sector,
                    urgency, reason, shared_parts, consent_basis, status, sent_at, due_at, answered_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'medium', 'Rapport.', '{identity}', 'consent', ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), "RPT-" + UUID.randomUUID(), caseId, from.id(), caseworkerA.id(), service,
                        to == null ? null : to.id(), sector, status, Timestamp.from(sent),
                        Timestamp.from(sent.plus(Duration.ofDays(3))),
                        answeredAfterHours == null ? null : Timestamp.from(sent.plus(Duration.ofHours(answeredAfterHours))))
                .update();
    }

    private CurrentUser as(UserAccount user) {
        return fixtures.signIn(user);
    }

    private ReferralReport.Report run(UserAccount user, String by, String from, String to, String sector) {
        return report.run(as(user), ReferralReport.query(by, from, to, sector));
    }

    private static ReferralReport.Row row(UUID agencyId, String sector, String month, long sent, long accepted,
            long declined, long pending, long overdue, String median) {
        return new ReferralReport.Row(agencyId, null, sector, month, sent, accepted, declined, pending, overdue,
                median == null ? null : new BigDecimal(median));
    }

    /** Rows compared without the agency code (it is the agency's, checked once below). */
    private static List<ReferralReport.Row> withoutCodes(List<ReferralReport.Row> rows) {
        return rows.stream().map(r -> new ReferralReport.Row(r.agencyId(), null, r.sector(), r.month(), r.sent(),
                r.accepted(), r.declined(), r.pending(), r.overdue(), r.medianHoursToAnswer())).toList();
    }

    @Test
    void anAgencyManagerCountsWhatTheirAgencySentPerSectorAndMonthInTheDeploymentZone() {
        ReferralReport.Report found = run(managerA, "referring", "2020-01", "2020-02", null);
        assertThat(found.timeZone()).isEqualTo("Africa/Bangui");
        assertThat(withoutCodes(found.rows())).containsExactly(
                row(agencyA.id(), "health", "2020-01", 4, 2, 1, 0, 0, "6.0"),
                row(agencyA.id(), "health", "2020-02", 2, 0, 0, 2, 1, null));
        assertThat(found.rows().get(0).agencyCode()).isEqualTo(agencyA.code());
        assertThat(withoutCodes(List.of(found.total()))).containsExactly(row(null, null, null, 6, 2, 1, 2, 1, "6.0"));
        // One month only: the referral of 23:30 UTC on 31 January belongs to February in Bangui.
        assertThat(run(managerA, "referring", "2020-01", "2020-01", null).total().sent()).isEqualTo(4);
        assertThat(run(managerA, "referring", "2020-02", "2020-02", null).total().sent()).isEqualTo(2);
    }

    @Test
    void theReceivingAgencyManagerGroupsByReceivingAgencyAndSeesTheReferralsOfOthersToThem() {
        ReferralReport.Report found = run(managerB, "receiving", "2020-01", "2020-02", null);
        assertThat(withoutCodes(found.rows())).containsExactly(
                row(agencyB.id(), "health", "2020-01", 4, 2, 1, 0, 0, "6.0"),
                row(agencyB.id(), "education", "2020-02", 1, 1, 0, 0, 0, "5.0"),
                row(agencyB.id(), "health", "2020-02", 2, 0, 0, 2, 1, null));
        assertThat(withoutCodes(List.of(found.total()))).containsExactly(row(null, null, null, 7, 3, 1, 2, 1, "5.5"));
        // Agency A's manager grouping by receiving agency sees B's line of A's referrals only (not C's).
        assertThat(run(managerA, "receiving", "2020-01", "2020-02", null).total().sent()).isEqualTo(6);
    }

    @Test
    void theCoordinationSeesEveryAgencyIncludingProvidersOffAbriAndFiltersBySector() {
        ReferralReport.Report all = run(viewer, "receiving", "2020-01", "2020-02", null);
        assertThat(all.total().sent()).isEqualTo(8);
        assertThat(all.total().overdue()).isEqualTo(2);
        assertThat(all.total().pending()).isEqualTo(3);
        assertThat(withoutCodes(all.rows())).contains(row(null, "health", "2020-02", 1, 0, 0, 1, 1, null));
        ReferralReport.Report education = run(viewer, "referring", "2020-01", "2020-02", "education");
        assertThat(education.rows()).hasSize(1);
        assertThat(education.total().sent()).isEqualTo(1);
        assertThat(education.total().medianHoursToAnswer()).isEqualByComparingTo("5.0");
    }

    @Test
    void othersAreRefusedAndWrongParametersAreInvalid() {
        assertThatThrownBy(() -> run(caseworkerA, null, null, null, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> ReferralReport.query("sideways", null, null, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ReferralReport.query(null, "2020-13", null, null))
                .isInstanceOf(InvalidInputException.class);
        for (Role role : List.of(Role.CASEWORKER, Role.SUPERVISOR, Role.SERVICE_FOCAL_POINT, Role.AGENCY_ADMIN,
                Role.DATA_ENTRY_CLERK)) {
            var session = signedIn(fixtures.user(agencyA, role));
            assertThat(session.get("/referrals/report").statusCode()).as("%s page", role).isEqualTo(403);
            assertThat(session.download("/referrals/report.xlsx").statusCode()).as("%s xlsx", role).isEqualTo(403);
            assertThat(new ApiClient(port).as(fixtures.token(fixtures.user(agencyA, role)))
                    .get("/api/v1/referrals/report").status()).as("%s api", role).isEqualTo(403);
        }
    }

    @Test
    void thePageTheSpreadsheetAndTheApiShowTheSameCounts() throws IOException {
        var page = signedIn(managerA).get("/referrals/report?by=referring&from=2020-01&to=2020-02");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"referral-report\"").contains(agencyA.code()).contains("6.0")
                .doesNotContain("Rapport-Test");
        assertThat(signedIn(managerA).get("/referrals/report?from=janvier").body()).contains("class=\"error\"");

        var xlsx = signedIn(viewer).download("/referrals/report.xlsx?by=referring&from=2020-01&to=2020-02&sector=education");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type")).get().asString().contains("spreadsheetml");
        String sheets = sheetText(xlsx.body()); // (fastexcel writes non-ASCII letters as character references)
        assertThat(sheets).contains("&#xc9;ducation").contains("2020-02").contains("Total");

        JsonNode json = new ApiClient(port).as(fixtures.token(viewer))
                .get("/api/v1/referrals/report?by=receiving&from=2020-01&to=2020-02&sector=health").json();
        assertThat(json.path("by").asString()).isEqualTo("receiving");
        assertThat(json.path("timeZone").asString()).isEqualTo("Africa/Bangui");
        assertThat(json.path("total").path("sent").asLong()).isEqualTo(7);
        assertThat(json.path("total").path("medianHoursToAnswer").asDouble()).isEqualTo(6.0);
        assertThat(json.toString()).doesNotContain("Rapport-Test").doesNotContain("Awa");
    }

    private static String sheetText(byte[] xlsx) throws IOException {
        StringBuilder text = new StringBuilder();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (entry.getName().startsWith("xl/")) {
                        text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        return text.toString();
    }
}
