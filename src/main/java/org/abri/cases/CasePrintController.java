package org.abri.cases;

import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.abri.forms.FormPrinter;
import org.abri.forms.PrintedFiles;
import org.abri.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A filled form of a case as a PDF for the paper case file. Whoever may read the record may
 * print it; the printing is audited as an export. The file name holds the case number and the
 * form, never the child's name.
 */
@Controller
class CasePrintController {

    static final String FORMAT = "pdf";

    private final CaseRecords records;
    private final CaseRegistry registry;
    private final FormPrinter printer;

    CasePrintController(CaseRecords records, CaseRegistry registry, FormPrinter printer) {
        this.records = records;
        this.registry = registry;
        this.printer = printer;
    }

    @GetMapping("/cases/{caseId}/records/{recordId}/print")
    ResponseEntity<byte[]> filled(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @PathVariable UUID recordId, Locale locale) {
        CaseRecords.FormRecord record = records.export(me, caseId, recordId, FORMAT);
        ChildCase child = registry.read(me, caseId);
        String childName = Stream.of(child.givenNames(), child.familyName())
                .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" "));
        FormPrinter.CaseHeader header = new FormPrinter.CaseHeader(child.caseNumber(), childName,
                CaseRecordController.systemFacts(child));
        byte[] pdf = printer.filled(records.definitionOf(record), record.data(), header, locale);
        return PrintedFiles.pdf(pdf, PrintedFiles.name(child.caseNumber(), record.formId()));
    }
}
