package org.abri.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.abri.cases.CaseRecords;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.FilledForms;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.PdfText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The printed referral form: the referral and exactly the shared parts of the case (a part not
 * ticked is not printed), in the reader's language, for the referring side only, audited as
 * an export without the child's data.
 */
class ReferralPrintTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Referrals referrals;
    @Autowired
    CaseRegistry registry;
    @Autowired
    CaseRecords records;
    @Autowired
    JdbcClient jdbc;

    private record World(UserAccount caseworker, Agency receiving, UUID caseId, Referral referral) {
    }

    private World referral(String language, List<String> parts) {
        Agency agencyA = fixtures.agency();
        Agency agencyB = fixtures.agency();
        UserAccount caseworker = fixtures.userSpeaking(language, agencyA, Role.CASEWORKER);
        UUID service = fixtures.service(agencyB, "health", "Clinique imprimée test");
        UUID caseId = registry.register(fixtures.signIn(caseworker), fixtures.child("Awa", "Imprimée-Test")).id();
        records.create(fixtures.signIn(caseworker), caseId, "consent_assent", FilledForms.consent("given"));
        records.create(fixtures.signIn(caseworker), caseId, "initial_assessment", FilledForms.of("initial_assessment", "high"));
        Referral sent = referrals.send(fixtures.signIn(caseworker), caseId, new Referrals.ReferralRequest(service, "high",
                "Soins après une agression.", null, parts, null));
        SecurityContextHolder.clearContext();
        return new World(caseworker, agencyB, caseId, sent);
    }

    @Test
    void theReferringSidePrintsTheReferralWithExactlyTheSharedPartsInFrench() {
        World world = referral("fr", List.of("identity", "concerns"));
        HttpResponse<byte[]> printed = signedIn(world.caseworker()).download("/referrals/" + world.referral().id() + "/print");
        assertThat(printed.statusCode()).isEqualTo(200);
        assertThat(printed.headers().firstValue("Content-Type")).get().asString().startsWith("application/pdf");
        assertThat(printed.headers().firstValue("Content-Disposition")).get().asString()
                .contains(world.referral().reference()).doesNotContain("Awa");
        PdfText pdf = PdfText.of(printed.body());
        assertThat(pdf.shows("Fiche de référencement")).isTrue();
        assertThat(pdf.shows(world.referral().reference())).isTrue();
        assertThat(pdf.shows("Clinique imprimée test")).isTrue();
        assertThat(pdf.shows("Soins après une agression.")).isTrue();
        assertThat(pdf.shows("Consentement au partage donné")).isTrue();
        // identity and concerns: names and the concern; not the caregiver, the risk, the place.
        assertThat(pdf.shows("Imprimée-Test")).isTrue();
        assertThat(pdf.shows("Awa")).isTrue();
        assertThat(pdf.shows("Négligence")).isTrue();
        assertThat(pdf.shows("Tante test")).isFalse();
        assertThat(pdf.shows("Commune test")).isFalse();
        assertThat(pdf.shows("Niveau de risque")).isFalse();
        // The provider's part to fill in by hand.
        assertThat(pdf.shows("À remplir par le prestataire")).isTrue();
        assertThat(pdf.shows("Signature et date")).isTrue();

        String detail = jdbc.sql("select detail::text from audit_entry where action = 'export' and record_type = 'child_case' "
                + "and record_id = ?").param(world.caseId()).query(String.class).single();
        assertThat(detail).contains(world.referral().reference()).contains("pdf").contains("identity")
                .doesNotContain("Awa").doesNotContain("Imprimée");
    }

    @Test
    void aSharedFormIsPrintedLikeTheFormPrinterDoesAndArabicReadsRightToLeft() {
        World world = referral("ar", List.of("identity", "caregiver", "form:initial_assessment"));
        HttpResponse<byte[]> printed = signedIn(world.caseworker()).download("/referrals/" + world.referral().id() + "/print");
        assertThat(printed.statusCode()).isEqualTo(200);
        PdfText pdf = PdfText.of(printed.body());
        assertThat(pdf.hasArabicLetters()).isTrue();
        assertThat(pdf.shows("استمارة الإحالة")).isTrue();
        assertThat(pdf.shows("يملؤه مقدم الخدمة")).isTrue();
        assertThat(pdf.arabicFonts()).isNotEmpty().allMatch(font -> font.contains("DejaVuSans"));
        assertThat(pdf.shows("Imprimée-Test")).isTrue();
        assertThat(pdf.shows("Tante test")).isTrue();
        // The shared assessment's answers, as the printed form shows them.
        assertThat(pdf.shows("Vit chez une tante.")).isTrue();
        assertThat(pdf.shows("Situation évaluée.")).isTrue();
    }

    @Test
    void nobodyButTheReferringSidePrintsIt() {
        World world = referral("fr", List.of("identity"));
        String path = "/referrals/" + world.referral().id() + "/print";
        assertThat(signedIn(fixtures.user(world.receiving(), Role.SERVICE_FOCAL_POINT)).download(path).statusCode())
                .isEqualTo(404);
        assertThat(signedIn(fixtures.user(fixtures.agency(), Role.CASEWORKER)).download(path).statusCode()).isEqualTo(404);
        assertThat(signedIn(fixtures.user(world.receiving(), Role.AGENCY_MANAGER)).download(path).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'export' and record_id = ?")
                .param(world.caseId()).query(Long.class).single()).isZero();
    }
}
