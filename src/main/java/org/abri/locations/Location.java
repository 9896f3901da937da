package org.abri.locations;

import java.util.Locale;
import java.util.UUID;

/** A place of the administrative hierarchy (level 1 region … level 3 commune). */
public record Location(UUID id, UUID parentId, int level, String code, String name, String nameAr, boolean active,
        String path, String pathAr) {

    public String name(Locale locale) {
        return "ar".equals(locale.getLanguage()) && nameAr != null ? nameAr : name;
    }

    /** The full path, e.g. "Ouham > Bossangoa > Ben Zambé", in the reader's script where known. */
    public String path(Locale locale) {
        return "ar".equals(locale.getLanguage()) && pathAr != null ? pathAr : path;
    }
}
