package org.abri.forms;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A text of a form (label, help, title) in each of the deployment's languages. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Text(String fr, String en, String ar) {

    public static final Text EMPTY = new Text(null, null, null);

    /** The text in the reader's language, falling back to French, the default. */
    public String in(Locale locale) {
        String wanted = switch (locale == null ? "fr" : locale.getLanguage()) {
            case "en" -> en;
            case "ar" -> ar;
            default -> fr;
        };
        return wanted == null || wanted.isBlank() ? (fr == null ? "" : fr) : wanted;
    }

    public boolean complete() {
        return present(fr) && present(en) && present(ar);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return !present(fr) && !present(en) && !present(ar);
    }

    /** A copy with the text of one language replaced. */
    public Text with(String language, String value) {
        String clean = value == null || value.isBlank() ? null : value.strip();
        return switch (language) {
            case "en" -> new Text(fr, clean, ar);
            case "ar" -> new Text(fr, en, clean);
            default -> new Text(clean, en, ar);
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
