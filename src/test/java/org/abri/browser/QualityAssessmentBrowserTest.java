package org.abri.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.options.FilePayload;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.junit.jupiter.api.Test;

/**
 * An agency manager completes a self-assessment: ticks the first level of a domain with a note
 * and a document, sees the profile chart and the gaps, plans an action, completes and shares the
 * assessment, and downloads it as PDF; the coordination group then sees the shared profile.
 */
class QualityAssessmentBrowserTest extends BrowserTest {

    @Test
    void aManagerCompletesAnAssessmentSeesTheProfileAndThePlanAndDownloadsThePdf() throws Exception {
        Agency agency = fixtures.agency();
        UserAccount manager = fixtures.user(agency, Role.AGENCY_MANAGER);
        UserAccount viewer = fixtures.deploymentUser(Role.COORDINATION_VIEWER);

        signIn(manager);
        page.click("#nav-quality");
        assertThat(page.locator("#no-assessment")).isVisible();
        page.fill("#from", LocalDate.now().minusMonths(6).toString());
        page.fill("#to", LocalDate.now().minusDays(1).toString());
        page.click("#start-assessment");
        assertThat(page.locator("#notice")).containsText("Évaluation commencée");

        // Domain 8: the three items of the first level met, one with a note and a document.
        page.click("#open-domain-8");
        assertThat(page.locator("h1")).containsText("8.");
        for (String item : new String[] {"8-1-1", "8-1-2", "8-1-3"}) {
            page.check("#met-" + item);
        }
        page.fill("#note-8-1-1", "Plan de suivi et d'évaluation adopté en juin.");
        page.setInputFiles("#document-8-1-1", new FilePayload("plan-suivi.pdf", "application/pdf",
                "%PDF-1.4 plan".getBytes(StandardCharsets.US_ASCII)));
        page.click("#save-domain");
        assertThat(page.locator("#notice")).containsText("Réponses enregistrées");
        assertThat(page.locator("#domain-level")).containsText("Amélioration nécessaire");
        assertThat(page.locator("#item-8-1-1 .documents")).containsText("plan-suivi.pdf");
        assertThat(page.locator("#met-8-1-1")).isChecked();
        // Where Abri has figures, they stand beside the item; elsewhere it says it has none.
        page.click("a[href$='/domains/2']");
        assertThat(page.locator("#item-2a-2-3 .measure[data-measure=consent_recorded]")).isVisible();
        assertThat(page.locator("#item-2a-2-1 .no-measure")).isVisible();

        // The profile: a chart of the eight domains and its table; domain 8 one level up.
        page.click("#back-to-assessment");
        assertThat(page.locator("svg#profile-chart")).isVisible();
        assertThat(page.locator("svg#profile-chart text.row-label")).hasCount(8);
        assertThat(page.locator("svg#profile-chart rect.bar")).hasCount(8);
        assertThat(page.locator("#profile-table tr[data-domain='8']")).hasAttribute("data-level", "IMPROVEMENT_NEEDED");
        assertThat(page.locator("#profile-table tr[data-domain='1']")).hasAttribute("data-level",
                "ESSENTIAL_INTERVENTION");

        // What stands before the next level of domain 8, and an action planned for it.
        assertThat(page.locator("#gap-8-2-1")).isVisible();
        assertThat(page.locator("#gap-8-1-1")).hasCount(0);
        page.click("#gap-8-2-1 summary");
        page.fill("#action-8-2-1", "Nommer une personne chargée du suivi des indicateurs");
        page.fill("#owner-8-2-1", "Directrice de programme");
        page.fill("#due-8-2-1", LocalDate.now().plusMonths(3).toString());
        page.click("#gap-8-2-1 .add-action");
        assertThat(page.locator("#notice")).containsText("Action ajoutée");
        assertThat(page.locator("#plan-table .plan-row")).hasCount(1);
        assertThat(page.locator("#plan-table")).containsText("Directrice de programme");

        page.check("#share-on-complete");
        page.click("#complete-assessment");
        assertThat(page.locator("#assessment-status")).hasText("Terminée");
        assertThat(page.locator("#toggle-share")).hasText("Ne plus partager");

        Download pdf = page.waitForDownload(() -> page.click("#export-pdf"));
        byte[] content = Files.readAllBytes(pdf.path());
        org.assertj.core.api.Assertions.assertThat(new String(content, 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        org.assertj.core.api.Assertions.assertThat(pdf.suggestedFilename()).endsWith(".pdf");

        // Progress over time: the completed assessment drawn with the others (here, the first).
        page.click("#back-to-list");
        page.click("#progress-link");
        assertThat(page.locator("svg#progress-chart rect.bar")).hasCount(8);
        assertThat(page.locator("#progress-table tr[data-domain='8'] td")).hasText("Amélioration nécessaire");
        signOut();

        // The coordination group sees the shared profile side by side with the others.
        signIn(viewer);
        page.click("#nav-quality");
        page.click("#interagency-link");
        assertThat(page.locator("#interagency-table")).containsText(agency.name());
        assertThat(page.locator("svg#interagency-chart")).isVisible();
    }
}
