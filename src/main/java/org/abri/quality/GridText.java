package org.abri.quality;

import java.util.Locale;

/** A text of the grid in the three languages. */
public record GridText(String fr, String en, String ar) {

    public String in(Locale locale) {
        String language = locale == null ? "fr" : locale.getLanguage();
        return switch (language) {
            case "en" -> en;
            case "ar" -> ar;
            default -> fr;
        };
    }
}
