package org.abri.lookups;

import java.util.Locale;

/** An editable list of values (protection concerns, closure reasons…), named in three languages. */
public record LookupList(String name, String labelFr, String labelEn, String labelAr, int sortOrder) {

    public String label(Locale locale) {
        return switch (locale.getLanguage()) {
            case "en" -> labelEn;
            case "ar" -> labelAr;
            default -> labelFr;
        };
    }
}
