package org.abri.platform;

/**
 * Fills an empty embedded cluster from a backup before PostgreSQL first starts on it. The
 * platform calls the one bean of this type (provided by the backup module) before every start of
 * the embedded database; it does nothing unless a restore was asked for ({@code --abri.restore}).
 */
public interface DatabaseRestore {

    /**
     * Called before the embedded PostgreSQL starts, after its binaries are unpacked. When a restore
     * is asked for, {@code folders.pgData()} must be absent or empty (else refuse with a
     * {@link IllegalStateException} whose message says why, in one sentence); the implementation
     * writes the cluster there, ready for PostgreSQL to recover from (recovery.signal and a
     * restore_command when write-ahead log is to be replayed).
     */
    void restoreBeforeStart(EmbeddedDatabaseFolders folders);
}
