/**
 * Backups of the embedded database, built in: a nightly physical base backup and the write-ahead
 * log archived between them (at most {@code abri.db.wal-archive-interval} of work lost), both
 * compressed and encrypted with the deployment's backup key, verified after writing and rotated;
 * a backup before each schema migration; the restore into an empty data folder
 * ({@code --abri.restore=FILE}); and the administrator's System page. With an external database
 * the operator's own backups apply and this module only reports.
 */
package org.abri.backup;
