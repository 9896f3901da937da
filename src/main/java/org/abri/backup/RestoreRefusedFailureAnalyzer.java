package org.abri.backup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A refused restore in one paragraph, not a stack trace. */
class RestoreRefusedFailureAnalyzer extends AbstractFailureAnalyzer<RestoreRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RestoreRefusedException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Restore into a new, empty data folder (ABRI_DATA_DIR) with the key the backups were made with "
                        + "(ABRI_BACKUP_KEY), from a backup file that the System page lists as verified.",
                null);
    }
}
