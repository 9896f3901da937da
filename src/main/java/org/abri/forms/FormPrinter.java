package org.abri.forms;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.bidi.support.ICUBreakers;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * The paper fallback: any form as a PDF, blank (to fill in by hand where there is no device)
 * or filled (for the paper case file), in the reader's language, Arabic shaped and right to
 * left. The page is the XHTML template {@code forms/print}; DejaVu Sans, shipped inside the
 * application, is embedded in each PDF with only the glyphs it uses.
 *
 * <p>It prints what it is given and checks nobody's access: callers read the record through
 * the need-to-know checks first and audit the export.
 */
@Service
public class FormPrinter {

    /** Empty rows printed for a repeating group on a blank form. */
    static final int BLANK_GROUP_ROWS = 4;
    static final String FONT_FAMILY = "DejaVu Sans";
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Characters XML 1.0 forbids (control characters pasted into a note): dropped, or the page would not parse. */
    private static final Pattern NOT_XML = Pattern.compile(
            "[^\\x{9}\\x{A}\\x{D}\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

    private final ITemplateEngine templates;
    private final ApplicationContext applicationContext;
    private final Clock clock;
    private final byte[] regular;
    private final byte[] bold;

    FormPrinter(ITemplateEngine templates, ApplicationContext applicationContext, ObjectProvider<Clock> clock) {
        this.templates = templates;
        this.applicationContext = applicationContext;
        this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
        this.regular = font("fonts/DejaVuSans.ttf");
        this.bold = font("fonts/DejaVuSans-Bold.ttf");
        XRLog.setLoggerImpl(new PrintLog());
    }

    /**
     * What a filled form shows of its case: the case number and the child's name at the top
     * of the first page, and the facts its system fields show (case number, caseworker…).
     */
    public record CaseHeader(String caseNumber, String childName, Map<String, String> systemFacts) {

        public CaseHeader {
            systemFacts = systemFacts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(systemFacts));
        }
    }

    /** The form to fill in by hand: empty lines and boxes, every choice with a tick box. */
    public byte[] blank(FormDefinition form, Locale locale) {
        return pdf(html(form, null, null, locale), locale);
    }

    /** A saved form with its values, headed by its case, marked confidential on every page. */
    public byte[] filled(FormDefinition form, Map<String, ?> values, CaseHeader header, Locale locale) {
        return pdf(html(form, values == null ? Map.of() : values, header, locale), locale);
    }

    /**
     * Any other printed page of the application: the well-formed XHTML Thymeleaf template
     * {@code template} with these variables, laid out like a form (same fonts, right to left in
     * Arabic). The template gets {@code lang}, {@code dir}, {@code generatedAt} and
     * {@code blankRows} too, and may use the fragments of {@code forms/print-fields}. Like the
     * forms, it prints what it is given: the caller checks access and audits the export.
     */
    public byte[] page(String template, Map<String, ?> variables, Locale locale) {
        Context context = context(locale);
        variables.forEach(context::setVariable);
        return pdf(NOT_XML.matcher(templates.process(template, context)).replaceAll(""), locale);
    }

    /** The XHTML page the PDF is made from. */
    String html(FormDefinition form, Map<String, ?> values, CaseHeader header, Locale locale) {
        Context context = context(locale);
        boolean filled = values != null;
        context.setVariable("form", form);
        context.setVariable("filled", filled);
        context.setVariable("values", filled ? values : Map.of());
        context.setVariable("header", header);
        context.setVariable("systemFacts", header == null ? null : header.systemFacts());
        return NOT_XML.matcher(templates.process("forms/print", context)).replaceAll("");
    }

    /** What every printed page knows: the Spring beans of the templates, language, direction, when. */
    private Context context(Locale locale) {
        Context context = new Context(locale);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(applicationContext, ApplicationConversionService.getSharedInstance()));
        context.setVariable("blankRows", java.util.stream.IntStream.rangeClosed(1, BLANK_GROUP_ROWS).boxed().toList());
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("dir", rightToLeft(locale) ? "rtl" : "ltr");
        context.setVariable("generatedAt", ZonedDateTime.now(clock).format(GENERATED));
        return context;
    }

    private byte[] pdf(String xhtml, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withProducer("Abri");
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.useUnicodeLineBreaker(new ICUBreakers.ICULineBreaker(locale));
        builder.useUnicodeCharacterBreaker(new ICUBreakers.ICUCharacterBreaker(locale));
        builder.defaultTextDirection(rightToLeft(locale) ? BaseRendererBuilder.TextDirection.RTL
                : BaseRendererBuilder.TextDirection.LTR);
        builder.useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, BaseRendererBuilder.FontStyle.NORMAL,
                true);
        builder.useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL,
                true);
        // Nothing is fetched while printing: no image, style sheet or font from any address.
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not print the form", e);
        }
        return out.toByteArray();
    }

    static boolean rightToLeft(Locale locale) {
        return locale != null && "ar".equals(locale.getLanguage());
    }

    private static byte[] font(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("font missing from the application: " + path, e);
        }
    }
}
