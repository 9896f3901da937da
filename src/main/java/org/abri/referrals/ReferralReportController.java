package org.abri.referrals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.abri.identity.CurrentUser;
import org.abri.lookups.Lookups;
import org.abri.platform.InvalidInputException;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The referral report as a page (filters: grouping, months, sector) and as a spreadsheet with
 * the same lines. Counts only. Who may read it is decided by {@link ReferralReport}.
 */
@Controller
class ReferralReportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ReferralReport report;
    private final Lookups lookups;
    private final MessageSource messages;

    ReferralReportController(ReferralReport report, Lookups lookups, MessageSource messages) {
        this.report = report;
        this.lookups = lookups;
        this.messages = messages;
    }

    @GetMapping("/referrals/report")
    String page(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params, Model model,
            Locale locale) {
        requireReader(me);
        model.addAttribute("typed", params);
        model.addAttribute("sectors", lookups.active("service_sector"));
        try {
            model.addAttribute("report", report.run(me, query(params)));
        } catch (InvalidInputException e) {
            model.addAttribute("problems", e.describe(messages, locale));
        }
        return "referrals/report";
    }

    @GetMapping("/referrals/report.xlsx")
    ResponseEntity<byte[]> spreadsheet(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params,
            Locale locale) {
        requireReader(me);
        ReferralReport.Report found = report.run(me, query(params));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Abri", "1.0");
            Worksheet sheet = workbook.newWorksheet(text("referral.report.sheet", locale));
            List<String> headers = List.of(
                    text(found.query().by() == ReferralReport.By.RECEIVING ? "referral.report.receivingAgency"
                            : "referral.report.referringAgency", locale),
                    text("referral.field.sector", locale), text("referral.report.month", locale),
                    text("referral.report.sent", locale), text("referral.report.accepted", locale),
                    text("referral.report.declined", locale), text("referral.report.pending", locale),
                    text("referral.report.overdue", locale), text("referral.report.medianHours", locale));
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(0, c, headers.get(c));
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (ReferralReport.Row row : found.rows()) {
                write(sheet, r++, row.agencyCode() == null ? text("referral.offSystem", locale) : row.agencyCode(),
                        lookups.label("service_sector", row.sector(), locale), row.month(), row);
            }
            write(sheet, r, text("referral.report.total", locale), "", "", found.total());
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report", e);
        }
        byte[] bytes = out.toByteArray();
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("referral-report.xlsx").build().toString())
                .cacheControl(CacheControl.noStore()).contentLength(bytes.length).body(bytes);
    }

    private static void write(Worksheet sheet, int r, String agency, String sector, String month, ReferralReport.Row row) {
        sheet.value(r, 0, agency);
        sheet.value(r, 1, sector);
        sheet.value(r, 2, month);
        sheet.value(r, 3, row.sent());
        sheet.value(r, 4, row.accepted());
        sheet.value(r, 5, row.declined());
        sheet.value(r, 6, row.pending());
        sheet.value(r, 7, row.overdue());
        if (row.medianHoursToAnswer() != null) {
            sheet.value(r, 8, row.medianHoursToAnswer());
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static ReferralReport.Query query(Map<String, String> params) {
        return ReferralReport.query(params.get("by"), params.get("from"), params.get("to"), params.get("sector"));
    }

    private static void requireReader(CurrentUser me) {
        if (!ReferralReport.mayRead(me)) {
            throw new AccessDeniedException("referral report");
        }
    }
}
