package org.abri.forms;

import java.util.Locale;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A blank form as a PDF, for field visits without a device. Any signed-in user may print any
 * form, registration included: a blank form holds no one's data, so nothing is audited.
 */
@Controller
class FormPrintController {

    private final FormCatalogue catalogue;
    private final FormPrinter printer;

    FormPrintController(FormCatalogue catalogue, FormPrinter printer) {
        this.catalogue = catalogue;
        this.printer = printer;
    }

    @GetMapping("/forms/{formId}/print")
    ResponseEntity<byte[]> blank(@PathVariable String formId, Locale locale) {
        FormDefinition form = catalogue.get(formId);
        byte[] pdf = printer.blank(form, locale);
        return PrintedFiles.pdf(pdf, PrintedFiles.name(form.id(), locale.getLanguage()));
    }
}
