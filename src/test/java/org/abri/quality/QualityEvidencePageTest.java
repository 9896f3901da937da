package org.abri.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The page of the records behind a figure: case numbers only, for the agency's managers, audited. */
class QualityEvidencePageTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void theManagerSeesCaseNumbersAndNoChildDataAndTheOpeningIsAudited() {
        Agency a = fixtures.agency();
        UserAccount caseworker = fixtures.user(a, Role.CASEWORKER);
        UserAccount manager = fixtures.user(a, Role.AGENCY_MANAGER);
        UUID id = registry.register(fixtures.signIn(caseworker), fixtures.child("Zoubeida", "Zerbinette")).id();
        String caseNumber = jdbc.sql("select case_number from child_case where id = ?").param(id).query(String.class)
                .single();
        String today = LocalDate.now(clock).toString();
        String path = "/quality/evidence/consent_recorded?agency=" + a.id() + "&from=" + today + "&to=" + today;

        HttpResponse<String> page = signedIn(manager).get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(caseNumber, "/cases/" + id, "id=\"evidence-rows\"")
                .doesNotContain("Zoubeida", "Zerbinette", "Tante test", "??");
        assertThat(page.body()).contains("Cas enregistrés avec le consentement à la gestion de cas : 1 sur 1 (100 %)",
                "Consentement donné", "Identification et enregistrement");
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where user_id = ? and action = 'search' and record_type = 'child_case'
                and record_agency_id = ? and detail ->> 'list' = 'quality_evidence'
                and detail -> 'shown' @> jsonb_build_array(?::text)""").params(manager.id(), a.id(), caseNumber).query(Long.class).single())
                .isEqualTo(1);

        assertThat(signedIn(manager).get("/quality/evidence/no_such_measure?agency=" + a.id()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void othersAreRefused() {
        Agency a = fixtures.agency();
        Agency b = fixtures.agency();
        UserAccount caseworker = fixtures.user(a, Role.CASEWORKER);
        UserAccount supervisor = fixtures.user(a, Role.SUPERVISOR);
        UserAccount otherManager = fixtures.user(b, Role.AGENCY_MANAGER);
        UserAccount coordinator = fixtures.deploymentUser(Role.COORDINATOR);
        String ofA = "/quality/evidence/consent_recorded?agency=" + a.id();

        assertThat(signedIn(caseworker).get(ofA).statusCode()).isEqualTo(403);
        assertThat(signedIn(supervisor).get(ofA).statusCode()).isEqualTo(403);
        assertThat(signedIn(otherManager).get(ofA).statusCode()).isEqualTo(403);
        assertThat(signedIn(coordinator).get(ofA).statusCode()).isEqualTo(403);
        assertThat(signedIn(coordinator).get("/quality/evidence/consent_recorded?agency=").statusCode()).isEqualTo(403);
        assertThat(signedIn(otherManager).get("/quality/evidence/consent_recorded?agency=").statusCode()).isEqualTo(403);
        HttpResponse<String> map = signedIn(coordinator).get("/quality/evidence/service_map_verified?agency=");
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(map.body()).contains("id=\"evidence-figure\"");
        assertThat(new WebSessionWithoutSignIn(port).get(ofA)).isNotEqualTo(200);
    }

    /** An anonymous visitor is sent to sign in. */
    private record WebSessionWithoutSignIn(int port) {
        int get(String path) {
            return new org.abri.support.WebSession(port).get(path).statusCode();
        }
    }
}
