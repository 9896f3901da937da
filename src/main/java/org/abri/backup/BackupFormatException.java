package org.abri.backup;

import java.io.IOException;

/** A backup file that cannot be read: which of the known reasons, in one sentence for the operator. */
class BackupFormatException extends IOException {

    enum Reason {
        NOT_A_BACKUP, NEWER_VERSION, WRONG_KEY, DAMAGED, TRUNCATED
    }

    private final Reason reason;

    BackupFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
