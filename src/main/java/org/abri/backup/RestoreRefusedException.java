package org.abri.backup;

/** A restore refused or failed before anything was changed, with the one sentence that says why. */
class RestoreRefusedException extends IllegalStateException {

    RestoreRefusedException(String message) {
        super(message);
    }

    RestoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
