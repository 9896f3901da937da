package org.abri.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages of Abri: French (the default), English and Arabic (right to left). */
public final class Languages {

    public static final List<String> SUPPORTED = List.of("fr", "en", "ar");

    private Languages() {
    }

    /** The first supported language of an Accept-Language header, if any. */
    public static Optional<Locale> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (SUPPORTED.contains(language)) {
                    return Optional.of(Locale.forLanguageTag(language));
                }
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The language if supported, French otherwise. */
    public static Locale supported(String language) {
        return SUPPORTED.contains(language) ? Locale.forLanguageTag(language) : Locale.FRENCH;
    }
}
