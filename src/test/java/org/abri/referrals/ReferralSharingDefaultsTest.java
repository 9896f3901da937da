package org.abri.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The parts shared by default per kind of service: changed by the system administrator on
 * their page (audited), they are what the referral form ticks for a service of that sector;
 * nobody else may open the page.
 */
class ReferralSharingDefaultsTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    Referrals referrals;
    @Autowired
    JdbcClient jdbc;

    @Test
    void changingTheDefaultForEducationChangesWhatTheReferralFormTicks() {
        Agency agencyA = fixtures.agency();
        UserAccount caseworker = fixtures.user(agencyA, Role.CASEWORKER);
        UUID school = fixtures.service(fixtures.agency(), "education", "École partage test");
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Awa", "Partage-Test")).id();
        SecurityContextHolder.clearContext();
        String form = "/cases/" + caseId + "/referrals/new?service=" + school;
        WebSession caseworkerSession = signedIn(caseworker);
        assertThat(caseworkerSession.get(form).body()).contains("value=\"identity\" id=\"part-identity\" checked")
                .doesNotContain("value=\"concerns\" id=\"part-concerns\" checked")
                .doesNotContain("value=\"location\" id=\"part-location\" checked");

        WebSession admin = signedIn(fixtures.deploymentUser(Role.SYSTEM_ADMIN));
        try {
            var page = admin.get("/admin/sop");
            assertThat(page.body()).contains("href=\"/admin/referral-sharing\"");
            assertThat(admin.get("/admin/referral-sharing").body()).contains("id=\"sharing-education\"")
                    .contains("id=\"part-education-identity\" checked");
            var saved = admin.postFields("/admin/referral-sharing", List.of(Map.entry("sector", "education"),
                    Map.entry("parts", "concerns"), Map.entry("parts", "location")));
            assertThat(saved.statusCode()).isEqualTo(302);
            assertThat(referrals.defaultParts("education")).containsExactly("concerns", "location");
            assertThat(jdbc.sql("select detail::text from audit_entry where record_type = 'referral_sharing_default' "
                    + "order by id desc limit 1").query(String.class).single()).contains("education").contains("location");

            assertThat(caseworkerSession.get(form).body()).doesNotContain("value=\"identity\" id=\"part-identity\" checked")
                    .contains("value=\"concerns\" id=\"part-concerns\" checked")
                    .contains("value=\"location\" id=\"part-location\" checked");

            // Nothing ticked, or a part that is not a core part: refused, nothing changed.
            admin.get("/admin/referral-sharing");
            var empty = admin.postFields("/admin/referral-sharing", List.of(Map.entry("sector", "education")));
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.body()).contains("id=\"problem\"");
            admin.postFields("/admin/referral-sharing", List.of(Map.entry("sector", "education"),
                    Map.entry("parts", "form:initial_assessment")));
            assertThat(referrals.defaultParts("education")).containsExactly("concerns", "location");
        } finally {
            jdbc.sql("update referral_sharing_default set parts = '{identity}' where sector = 'education'").update();
        }
    }

    @Test
    void onlyTheSystemAdministratorOpensThePage() {
        Agency agency = fixtures.agency();
        for (UserAccount user : List.of(fixtures.user(agency, Role.CASEWORKER), fixtures.user(agency, Role.AGENCY_ADMIN),
                fixtures.user(agency, Role.AGENCY_MANAGER), fixtures.deploymentUser(Role.COORDINATION_VIEWER))) {
            WebSession session = signedIn(user);
            assertThat(session.get("/admin/referral-sharing").statusCode()).isEqualTo(403);
            session.get("/");
            assertThat(session.postFields("/admin/referral-sharing", List.of(Map.entry("sector", "education"),
                    Map.entry("parts", "caregiver"))).statusCode()).isEqualTo(403);
        }
        assertThat(referrals.defaultParts("education")).doesNotContain("caregiver");
    }
}
