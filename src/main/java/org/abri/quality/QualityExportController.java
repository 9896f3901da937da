package org.abri.quality;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.abri.audit.AuditAction;
import org.abri.forms.FormPrinter;
import org.abri.forms.PrintedFiles;
import org.abri.identity.CurrentUser;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An assessment with its improvement plan as a PDF report or an XLSX workbook, in the reader's
 * language, for whoever may read the assessment (404 for anyone else, as for its page); each
 * export is audited. Both show the grid's items, the evidence notes, the documents' names (not
 * their content) and the figures Abri measured: no child's data.
 */
@Controller
class QualityExportController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    /** The start of the downloaded files' names, whatever the language: ASCII, so no header is forged. */
    static final String FILE_NAME = "auto-evaluation";

    private final QualityAssessments assessments;
    private final QualityGrid grid;
    private final FormPrinter printer;
    private final MessageSource messages;

    QualityExportController(QualityAssessments assessments, QualityGrid grid, FormPrinter printer,
            MessageSource messages) {
        this.assessments = assessments;
        this.grid = grid;
        this.printer = printer;
        this.messages = messages;
    }

    @GetMapping("/quality/assessments/{id}/export.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        QualityReport report = report(me, assessment, locale);
        byte[] pdf = printer.page("quality/print",
                Map.of("report", report, "levels", List.of(QualityLevel.values())), locale);
        assessments.readBy(assessment, AuditAction.EXPORT, "pdf");
        return PrintedFiles.pdf(pdf, fileName(assessment, "pdf"));
    }

    @GetMapping("/quality/assessments/{id}/export.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        byte[] bytes = workbook(report(me, assessment, locale), locale);
        assessments.readBy(assessment, AuditAction.EXPORT, "xlsx");
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName(assessment, "xlsx")).build().toString())
                .cacheControl(CacheControl.noStore()).contentLength(bytes.length).body(bytes);
    }

    /** {@code auto-evaluation-2026-06-01-2026-11-30.xlsx}: the period, never a name. */
    static String fileName(QualityAssessments.Assessment assessment, String extension) {
        return FILE_NAME + "-" + assessment.from() + "-" + assessment.to() + "." + extension;
    }

    // ---- what both show --------------------------------------------------------------------------

    QualityReport report(CurrentUser me, QualityAssessments.Assessment assessment, Locale locale) {
        QualityProfile profile = assessments.profile(assessment.id());
        Map<String, List<QualityAssessments.ItemView>> views = assessments.itemViews(me, assessment);
        List<QualityGrid.DomainRow> rows = grid.domains();
        List<QualityReport.Domain> domains = new ArrayList<>();
        for (QualityProfile.DomainResult result : profile.domains()) {
            List<QualityReport.Part> parts = new ArrayList<>();
            for (QualityGrid.DomainRow row : rows) {
                List<QualityAssessments.ItemView> items = views.getOrDefault(row.code(), List.of());
                if (row.number() != result.number() || items.isEmpty()) {
                    continue;
                }
                parts.add(new QualityReport.Part(row, items.stream().map(v -> new QualityReport.Entry(v.item(),
                        v.met(), v.note(), v.documents().stream().map(QualityAssessments.Document::fileName).toList(),
                        v.measures().stream().map(m -> QualityEvidence.describe(messages, m, locale)).toList())).toList()));
            }
            domains.add(new QualityReport.Domain(result, parts));
        }
        Map<UUID, QualityGrid.Item> items = grid.items().stream()
                .collect(Collectors.toMap(QualityGrid.Item::id, i -> i, (a, b) -> a, LinkedHashMap::new));
        List<QualityReport.PlanRow> plan = assessments.plan(assessment.id()).stream()
                .map(a -> new QualityReport.PlanRow(a, items.get(a.itemId()))).toList();
        String scopeName = assessment.interagency()
                ? messages.getMessage("quality.interagency.level", null, locale) : assessment.agencyName();
        return new QualityReport(assessment, scopeName, profile, domains, plan);
    }

    // ---- the workbook ----------------------------------------------------------------------------

    private byte[] workbook(QualityReport report, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Abri", "1.0");
            profileSheet(workbook.newWorksheet(text("quality.export.sheet.profile", locale)), report, locale);
            itemsSheet(workbook.newWorksheet(text("quality.export.sheet.items", locale)), report, locale);
            planSheet(workbook.newWorksheet(text("quality.export.sheet.plan", locale)), report, locale);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the assessment", e);
        }
        return out.toByteArray();
    }

    private void profileSheet(Worksheet sheet, QualityReport report, Locale locale) {
        headers(sheet, locale, "quality.domain", "quality.level", "quality.export.column.met_count",
                "quality.export.column.total");
        int r = 1;
        for (QualityReport.Domain domain : report.domains()) {
            QualityProfile.DomainResult result = domain.result();
            values(sheet, r++, result.number() + ". " + result.title().in(locale),
                    text(result.level().messageKey(), locale), result.met(), result.total());
            for (QualityProfile.PartResult part : result.parts()) {
                List<QualityReport.Entry> entries = domain.parts().stream()
                        .filter(p -> p.row().code().equals(part.code())).flatMap(p -> p.entries().stream()).toList();
                values(sheet, r++, part.code() + ". " + part.title().in(locale), text(part.level().messageKey(), locale),
                        entries.stream().filter(QualityReport.Entry::met).count(), entries.size());
            }
        }
        sheet.width(0, 60);
        sheet.width(1, 26);
    }

    private void itemsSheet(Worksheet sheet, QualityReport report, Locale locale) {
        headers(sheet, locale, "quality.export.column.code", "quality.export.column.part", "quality.level",
                "quality.export.column.item", "quality.export.column.met", "quality.note",
                "quality.export.column.documents", "quality.export.column.measures");
        int r = 1;
        for (QualityReport.Domain domain : report.domains()) {
            for (QualityReport.Part part : domain.parts()) {
                String partName = part.row().code() + ". " + part.row().title().in(locale);
                for (QualityReport.Entry entry : part.entries()) {
                    values(sheet, r++, entry.item().code(), partName, text(entry.item().level().messageKey(), locale),
                            entry.item().text().in(locale), text(entry.met() ? "quality.yes" : "quality.no", locale),
                            entry.note(), String.join("; ", entry.documents()), String.join("\n", entry.measures()));
                }
            }
        }
        sheet.width(0, 10);
        sheet.width(1, 30);
        sheet.width(3, 70);
        sheet.width(5, 50);
    }

    private void planSheet(Worksheet sheet, QualityReport report, Locale locale) {
        headers(sheet, locale, "quality.export.column.code", "quality.export.column.item", "quality.action.action",
                "quality.action.owner", "quality.action.due", "quality.action.outcome", "quality.action.outcome_note");
        int r = 1;
        for (QualityReport.PlanRow row : report.plan()) {
            QualityAssessments.Action action = row.action();
            values(sheet, r++, action.itemCode(), row.item() == null ? null : row.item().text().in(locale),
                    action.action(), action.owner(), action.dueOn(),
                    action.outcome() == null ? null : text("quality.outcome." + action.outcome(), locale),
                    action.outcomeNote());
        }
        sheet.width(1, 60);
        sheet.width(2, 50);
        sheet.width(4, 12);
    }

    private void headers(Worksheet sheet, Locale locale, String... keys) {
        for (int c = 0; c < keys.length; c++) {
            sheet.value(0, c, text(keys[c], locale));
            sheet.style(0, c).bold().set();
        }
    }

    private static void values(Worksheet sheet, int r, Object... values) {
        for (int c = 0; c < values.length; c++) {
            Object value = values[c];
            if (value instanceof Number number) {
                sheet.value(r, c, number);
            } else if (value instanceof LocalDate date) {
                sheet.value(r, c, date);
                sheet.style(r, c).format("yyyy-mm-dd").set();
            } else if (value != null && !value.toString().isEmpty()) {
                sheet.value(r, c, value.toString());
            }
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
