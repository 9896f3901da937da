package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

/** The smaller things a field test of the pages found (issue 18), each as a user meets it. */
class PageDetailsTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theAuditPageOpensOnTheLatestActivityTheAdministratorMaySee() {
        Agency agency = fixtures.agency();
        Agency other = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount stranger = fixtures.user(other, Role.CASEWORKER);
        signedIn(caseworker).get("/profile");
        signedIn(stranger).get("/profile");

        String page = signedIn(admin).get("/audit").body();
        assertThat(page).contains("id=\"recent\"", "Dernière activité", caseworker.username())
                .doesNotContain(stranger.username());
        long looks = jdbc.sql("select count(*) from audit_entry where user_id = ? and record_type = 'audit_trail'"
                + " and detail->>'of' = 'recent'").param(admin.id()).query(Long.class).single();
        assertThat(looks).as("the look at the latest activity is itself audited").isEqualTo(1);
    }

    @Test
    void aSupervisorFindsHowToRecordASessionAndTheBareFormAddressLeadsThere() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        WebSession supervisor = signedIn(fixtures.supervisor(agency, caseworker));
        assertThat(supervisor.get("/supervision").body()).contains("id=\"record-session\"", "href=\"/supervision/records\"");
        HttpResponse<String> bare = supervisor.get("/supervision/records/new");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).get().asString().endsWith("/supervision/records");
    }

    @Test
    void theProfileGivesTheUserTheirOwnPasswordHintNotTheAdministratorsOne() {
        String page = signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER)).get("/profile").body();
        assertThat(page).contains("10 caractères au moins").doesNotContain("Communiquez-le de vive voix");
    }

    @Test
    void aServiceOfTheCaseworkersOwnAgencyIsMarkedAsAnInternalReferral() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Aïcha", "Test")).id();
        UUID own = fixtures.service(agency, "health", "Clinique interne " + agency.code());
        UUID others = fixtures.service(fixtures.agency(), "health", "Clinique partenaire " + agency.code());
        WebSession web = signedIn(caseworker);

        assertThat(web.get("/cases/" + caseId + "/referrals/new?service=" + own).body())
                .contains("id=\"internal-referral\"", "référencement interne");
        assertThat(web.get("/cases/" + caseId + "/referrals/new?service=" + others).body())
                .doesNotContain("id=\"internal-referral\"");
        assertThat(web.get("/cases/" + caseId + "/referrals/new?filtered=1&sector=health").body())
                .contains("Votre organisation", "Choix du service");
    }
}
