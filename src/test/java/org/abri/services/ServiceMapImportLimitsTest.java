package org.abri.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service map import cannot exhaust the server: its time grows linearly with the rows, a
 * file with more rows than the limit stops at the limit (blank and bad rows count too), and the
 * crafted small files that used to keep a processor busy (a zip that inflates to a huge sheet,
 * cells addressed at far columns, rows of bad cells that never counted) finish quickly.
 */
class ServiceMapImportLimitsTest extends IntegrationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ServiceMapSpreadsheet spreadsheet;

    @Test
    void previewTimeGrowsLinearlyWithTheRows() throws IOException {
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        int n = 250;
        byte[] small = ServiceMapTest.sheet(validRows(n));
        byte[] large = ServiceMapTest.sheet(validRows(4 * n));
        // Warm-up: the JIT, the statement caches.
        spreadsheet.preview(coordinator, small);
        spreadsheet.preview(coordinator, large);
        long timeN = best(() -> assertThat(spreadsheet.preview(coordinator, small).rows()).hasSize(n));
        long time4N = best(() -> assertThat(spreadsheet.preview(coordinator, large).rows()).hasSize(4 * n));
        System.out.printf("service map import preview: %d rows %d ms, %d rows %d ms (ratio %.2f)%n", n,
                timeN / 1_000_000, 4 * n, time4N / 1_000_000, (double) time4N / timeN);
        assertThat(time4N).as("4N rows in %d ms against N rows in %d ms", time4N / 1_000_000, timeN / 1_000_000)
                .isLessThan(6 * timeN);
    }

    @Test
    void aFileWithMoreRowsThanTheLimitStopsThereWithAClearMessage() throws IOException {
        WebSession pages = signedIn(fixtures.deploymentUser(Role.COORDINATOR));
        // Bad rows count against the limit too: blank-sector rows (one problem each) would stop at
        // the problem cap first, so the rows here are blank but for a far, harmless column.
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ServiceMapSpreadsheet.MAX_ROWS + 500; i++) {
            rows.add(List.of(" "));
        }
        byte[] file = ServiceMapTest.sheet(rows);
        pages.get("/services/import");
        long start = System.nanoTime();
        String page = pages.upload("/services/import", "file", "long.xlsx", file).body();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(page).contains("Trop de lignes (au plus 5").contains("Ligne 5")
                .doesNotContain("name=\"token\"");
        assertThat(millis).isLessThan(15_000);
        // Every row read is counted and reading stops: the same in the service, in English words aside.
        ServiceMapSpreadsheet.Preview preview = spreadsheet.preview(
                fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR)), file);
        assertThat(preview.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo("services.import.too_many_rows");
            assertThat(problem.row()).isEqualTo(ServiceMapSpreadsheet.MAX_ROWS + 2);
        });
    }

    @Test
    void rowsOfBadCellsStopAtTheProblemCapQuickly() throws IOException {
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        List<List<String>> rows = new ArrayList<>();
        String manyCodes = String.join(";", java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "X" + i).toList());
        for (int i = 0; i < 3000; i++) {
            rows.add(List.of("", "Org", "", "plomberie", "", "", manyCodes, "x", "y"));
        }
        long start = System.nanoTime();
        ServiceMapSpreadsheet.Preview preview = spreadsheet.preview(coordinator, ServiceMapTest.sheet(rows));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(preview.problems()).hasSize(ServiceMapSpreadsheet.MAX_PROBLEMS + 1);
        assertThat(preview.problems().get(ServiceMapSpreadsheet.MAX_PROBLEMS).code())
                .isEqualTo("services.import.too_many_problems");
        assertThat(millis).isLessThan(5_000);
    }

    /** The 15 KB file of the security test: a zip whose sheet inflates to far more than any real one. */
    @Test
    void aSmallZipThatInflatesToAHugeSheetIsRefusedQuickly() throws IOException {
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        byte[] file = xlsx(out -> {
            byte[] cells = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>".repeat(10_000)
                    .getBytes(StandardCharsets.UTF_8);
            out.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                out.write(cells); // 200 × 480 KB: about 100 MB of sheet
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(file.length).isLessThan(400_000);
        long start = System.nanoTime();
        ServiceMapSpreadsheet.Preview preview = spreadsheet.preview(coordinator, file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(preview.problems()).singleElement().extracting(ServiceMapSpreadsheet.RowProblem::code)
                .isEqualTo("services.import.too_large");
        assertThat(millis).isLessThan(5_000);
    }

    /** Cells addressed at a far column made the reader pad every row with thousands of empty cells. */
    @Test
    void cellsAtFarColumnsAreRefusedQuickly() throws IOException {
        CurrentUser coordinator = fixtures.signIn(fixtures.deploymentUser(Role.COORDINATOR));
        byte[] file = xlsx(out -> {
            out.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    .getBytes(StandardCharsets.UTF_8));
            for (int r = 1; r <= 2000; r++) {
                out.write(("<row r=\"" + r + "\"><c r=\"XFD" + r + "\" t=\"inlineStr\"><is><t>x</t></is></c></row>")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(file.length).isLessThan(20_000);
        long start = System.nanoTime();
        ServiceMapSpreadsheet.Preview preview = spreadsheet.preview(coordinator, file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(preview.problems()).singleElement().extracting(ServiceMapSpreadsheet.RowProblem::code)
                .isEqualTo("services.import.too_many_columns");
        assertThat(millis).isLessThan(2_000);
        assertThat(SpreadsheetLimits.column("B12")).isEqualTo(2);
        assertThat(SpreadsheetLimits.column("AA1")).isEqualTo(27);
        assertThat(SpreadsheetLimits.column("ZZZZ1")).isEqualTo(Integer.MAX_VALUE);
    }

    private static long best(Runnable run) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            run.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static List<List<String>> validRows(int count) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Each row a new provider (no lookup hit) and a new service: the case the old scan made quadratic.
            rows.add(List.of("", "Prestataire perf " + i, "", "health", "Service perf " + i, "Description " + i, "",
                    "0", "18", "female;male", "", "", "+236 70 00 00 " + (i % 100), "", "8h-16h", "fr", "Gratuit", ""));
        }
        return rows;
    }

    interface SheetWriter {
        void write(ZipOutputStream out) throws IOException;
    }

    /** A minimal XLSX package around a hand-written sheet. */
    private static byte[] xlsx(SheetWriter sheet) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                    + "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
                    + "package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
                    + "PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                    + "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType="
                    + "\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                    + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            sheet.write(zip);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
