package org.abri.platform;

import java.nio.file.Path;

/**
 * Where the embedded PostgreSQL keeps what it needs, all inside Abri's data folder and private
 * to its owner: the cluster ({@code pgData}), the binaries unpacked from the jar
 * ({@code binaries}, with {@code bin/} and {@code lib/}), and the write-ahead log segments that
 * PostgreSQL has archived ({@code walOutbox}, written by the {@code basic_archive} module as each
 * segment completes or every {@code archive_timeout}) for the backup module to encrypt and move.
 */
public record EmbeddedDatabaseFolders(Path dataDir, Path pgData, Path binaries, Path walOutbox) {

    public static EmbeddedDatabaseFolders in(Path dataDir) {
        Path root = dataDir.toAbsolutePath().normalize();
        return new EmbeddedDatabaseFolders(root, root.resolve("postgres"), root.resolve("pgsql"),
                root.resolve("wal-outbox"));
    }
}
