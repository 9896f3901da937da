package org.abri.platform;

import java.util.List;
import java.util.Optional;

/**
 * What the administrator's System page and the health checks need to know of the database:
 * embedded or external, its folders when embedded, and the durability settings found off.
 */
public interface DatabaseStatus {

    /** The embedded database's folders, or empty when Abri runs on an external PostgreSQL. */
    Optional<EmbeddedDatabaseFolders> embeddedFolders();

    /**
     * The durability settings that are off ({@code fsync}, {@code synchronous_commit},
     * {@code full_page_writes}, data checksums), each as {@code name=value}, read at start.
     */
    List<String> durabilityWarnings();

    /**
     * The database's character type when it is one that knows only ASCII letters ({@code C} or
     * {@code POSIX}): then accented and Arabic names are not matched by the fuzzy search. Empty
     * when it is a UTF-8 one.
     */
    Optional<String> asciiOnlyCharacterType();
}
