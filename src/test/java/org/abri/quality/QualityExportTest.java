package org.abri.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.PdfText;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An assessment and its improvement plan leave Abri as a PDF report (French, English, Arabic
 * right to left) and an XLSX workbook of three sheets, for who may read the assessment only,
 * each export audited.
 */
class QualityExportTest extends IntegrationTest {

    private static final String NOTE = "Politique de protection adoptée en 2025, signée par la direction.";
    private static final String ACTION = "Former les nouveaux gestionnaires de cas avant fin juin.";
    private static final String OWNER = "Responsable qualité";

    @Autowired
    Fixtures fixtures;
    @Autowired
    QualityAssessments assessments;
    @Autowired
    QualityGrid grid;
    @Autowired
    MessageSource messages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private record World(Agency agency, UserAccount manager, QualityAssessments.Assessment assessment,
            List<QualityGrid.Item> met, QualityGrid.Item gap) {
    }

    /**
     * A manager assesses their agency: every item of domain 1's first level met (the first with
     * a note), completes the assessment and plans an action for the first gap of domain 1.
     */
    private World assessed(String language) {
        Agency agency = fixtures.agency();
        UserAccount manager = fixtures.userSpeaking(language, agency, Role.AGENCY_MANAGER);
        CurrentUser me = fixtures.signIn(manager);
        LocalDate to = LocalDate.now(clock).minusDays(1);
        QualityAssessments.Assessment started = assessments.start(me, new QualityAssessments.Scope(agency.id()),
                to.minusMonths(6), to);
        List<QualityGrid.Item> met = grid.itemsByDomain().get("1").stream()
                .filter(i -> i.level() == QualityLevel.IMPROVEMENT_NEEDED).toList();
        List<QualityAssessments.AnswerInput> inputs = new ArrayList<>();
        for (int n = 0; n < met.size(); n++) {
            inputs.add(new QualityAssessments.AnswerInput(met.get(n).id(), true, n == 0 ? NOTE : null));
        }
        assessments.answer(me, started.id(), inputs);
        assessments.complete(me, started.id(), assessments.read(me, started.id()).version(), false);
        QualityGrid.Item gap = assessments.profile(started.id()).domain(1).gaps().get(0);
        assessments.plan(me, started.id(), gap.id(), ACTION, OWNER, to.plusMonths(3));
        SecurityContextHolder.clearContext();
        return new World(agency, manager, assessments.find(started.id()).orElseThrow(), met, gap);
    }

    private PdfText pdfOf(World world) {
        HttpResponse<byte[]> printed = signedIn(world.manager())
                .download("/quality/assessments/" + world.assessment().id() + "/export.pdf");
        assertThat(printed.statusCode()).isEqualTo(200);
        assertThat(printed.headers().firstValue("Content-Type")).get().asString().startsWith("application/pdf");
        assertThat(printed.headers().firstValue("Content-Disposition")).get().asString()
                .contains("auto-evaluation-" + world.assessment().from() + "-" + world.assessment().to() + ".pdf");
        return PdfText.of(printed.body());
    }

    private void showsTheGridInItsLanguage(PdfText pdf, World world, Locale locale) {
        for (QualityGrid.DomainRow domain : grid.domains()) {
            assertThat(pdf.shows(domain.title().in(locale))).as(domain.code()).isTrue();
        }
        for (QualityLevel level : QualityLevel.values()) {
            assertThat(pdf.shows(messages.getMessage(level.messageKey(), null, locale))).as(level.name()).isTrue();
        }
        assertThat(pdf.shows(messages.getMessage("quality.plan.title", null, locale))).isTrue();
        assertThat(pdf.shows(world.gap().text().in(locale))).isTrue();
        assertThat(pdf.shows(world.agency().name())).isTrue();
        assertThat(pdf.shows(NOTE)).isTrue();
        assertThat(pdf.shows(ACTION)).isTrue();
        assertThat(pdf.shows(OWNER)).isTrue();
    }

    @Test
    void theManagerDownloadsTheReportInFrenchAuditedAsAnExport() {
        World world = assessed("fr");
        PdfText pdf = pdfOf(world);
        showsTheGridInItsLanguage(pdf, world, Locale.FRENCH);
        assertThat(pdf.shows("Auto-évaluation")).isTrue();
        assertThat(pdf.shows("Amélioration nécessaire (" + world.met().size() + " / ")).isTrue();
        assertThat(pdf.shows("Pour atteindre « Seuil minimal » :")).isTrue();
        assertThat(pdf.shows("✓ Rempli")).isTrue();
        assertThat(pdf.shows("✗ Non rempli")).isTrue();
        assertThat(pdf.fonts()).allMatch(PdfText.Font::embedded);

        List<String> details = jdbc.sql("select detail::text from audit_entry where action = 'export'"
                + " and record_type = 'quality_assessment' and record_id = ?").param(world.assessment().id())
                .query(String.class).list();
        assertThat(details).singleElement().asString().contains("pdf");
    }

    @Test
    void theReportReadsInEnglishAndInArabicRightToLeft() {
        World english = assessed("en");
        PdfText pdf = pdfOf(english);
        showsTheGridInItsLanguage(pdf, english, Locale.ENGLISH);
        assertThat(pdf.shows("Self-assessment")).isTrue();
        assertThat(pdf.shows("To reach \"Minimum threshold\":")).isTrue();

        World arabic = assessed("ar");
        PdfText arabicPdf = pdfOf(arabic);
        Locale ar = Locale.forLanguageTag("ar");
        assertThat(arabicPdf.hasArabicLetters()).isTrue();
        assertThat(arabicPdf.arabicFonts()).isNotEmpty().allMatch(font -> font.contains("DejaVuSans"));
        showsTheGridInItsLanguage(arabicPdf, arabic, ar);
        assertThat(arabicPdf.shows("التقييم الذاتي")).isTrue();
        assertThat(arabicPdf.shows("خطة التحسين")).isTrue();
    }

    @Test
    void theWorkbookHoldsTheProfileTheItemsAndThePlan() throws IOException {
        World world = assessed("fr");
        HttpResponse<byte[]> exported = signedIn(world.manager())
                .download("/quality/assessments/" + world.assessment().id() + "/export.xlsx");
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(exported.headers().firstValue("Content-Disposition")).get().asString()
                .contains("attachment")
                .contains("auto-evaluation-" + world.assessment().from() + "-" + world.assessment().to() + ".xlsx");
        Map<String, List<List<String>>> sheets = sheets(exported.body());
        assertThat(sheets.keySet()).containsExactly("Profil", "Éléments", "Plan");

        List<List<String>> profile = sheets.get("Profil");
        assertThat(profile.get(0)).containsExactly("Volet", "Niveau", "Remplis", "Total");
        QualityGrid.DomainRow first = grid.domains().get(0);
        assertThat(profile).anySatisfy(row -> assertThat(row).containsExactly("1. " + first.title().fr(),
                "Amélioration nécessaire", String.valueOf(world.met().size()),
                String.valueOf(grid.itemsByDomain().get("1").size())));
        assertThat(profile).anySatisfy(row -> assertThat(row.get(0)).startsWith("2a. "));
        assertThat(profile).filteredOn(row -> row.get(0).startsWith("8. ")).singleElement()
                .satisfies(row -> assertThat(row.get(1)).isEqualTo("Intervention essentielle"));

        List<List<String>> items = sheets.get("Éléments");
        assertThat(items.get(0)).containsExactly("Code", "Volet ou partie", "Niveau", "Élément", "Rempli",
                "Note de preuve", "Documents", "Chiffres mesurés par Abri");
        assertThat(items).hasSize(grid.items().size() + 1);
        QualityGrid.Item noted = world.met().get(0);
        assertThat(items).filteredOn(row -> row.get(0).equals(noted.code())).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(2)).isEqualTo("Amélioration nécessaire");
                    assertThat(row.get(3)).isEqualTo(noted.text().fr());
                    assertThat(row.get(4)).isEqualTo("Oui");
                    assertThat(row.get(5)).isEqualTo(NOTE);
                });
        assertThat(items).filteredOn(row -> row.get(0).equals(world.gap().code())).singleElement()
                .satisfies(row -> assertThat(row.get(4)).isEqualTo("Non"));

        List<List<String>> plan = sheets.get("Plan");
        assertThat(plan.get(0)).containsExactly("Code", "Élément", "Action", "Responsable", "Échéance", "Suivi",
                "Commentaire");
        assertThat(plan).hasSize(2);
        assertThat(plan.get(1).subList(0, 4)).containsExactly(world.gap().code(), world.gap().text().fr(), ACTION,
                OWNER);

        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'export'"
                + " and record_type = 'quality_assessment' and record_id = ? and detail->>'view' = 'xlsx'")
                .param(world.assessment().id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSheetsAreNamedInTheReadersLanguage() throws IOException {
        World world = assessed("ar");
        byte[] body = signedIn(world.manager())
                .download("/quality/assessments/" + world.assessment().id() + "/export.xlsx").body();
        Map<String, List<List<String>>> sheets = sheets(body);
        assertThat(sheets.keySet()).containsExactly("الملف", "العناصر", "الخطة");
        assertThat(sheets.get("العناصر")).anySatisfy(row -> assertThat(row).contains("نعم"));
    }

    @Test
    void nobodyElseExportsIt() {
        World world = assessed("fr");
        String base = "/quality/assessments/" + world.assessment().id();
        UserAccount otherManager = fixtures.user(fixtures.agency(), Role.AGENCY_MANAGER);
        UserAccount caseworker = fixtures.user(world.agency(), Role.CASEWORKER);
        for (String path : List.of(base + "/export.pdf", base + "/export.xlsx")) {
            assertThat(signedIn(otherManager).download(path).statusCode()).as(path).isEqualTo(404);
            assertThat(signedIn(caseworker).download(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'export' and record_id = ?")
                .param(world.assessment().id()).query(Long.class).single()).isZero();
    }

    /** Every sheet by name, each row as its cells' text ("" for an empty cell). */
    private static Map<String, List<List<String>>> sheets(byte[] xlsx) throws IOException {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook.getSheets().toList()) {
                List<List<String>> rows = new ArrayList<>();
                for (Row row : sheet.read()) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getCellCount(); c++) {
                        cells.add(row.getOptionalCell(c).map(Cell::getText).orElse(""));
                    }
                    rows.add(cells);
                }
                sheets.put(sheet.getName(), rows);
            }
        }
        return sheets;
    }
}
