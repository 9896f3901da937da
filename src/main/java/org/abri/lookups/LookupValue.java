package org.abri.lookups;

import java.util.Locale;

/** One value of an editable list, with its label in each language. */
public record LookupValue(String listName, String code, String labelFr, String labelEn, String labelAr, int sortOrder,
        boolean active) {

    public String label(Locale locale) {
        return switch (locale.getLanguage()) {
            case "en" -> labelEn;
            case "ar" -> labelAr;
            default -> labelFr;
        };
    }
}
