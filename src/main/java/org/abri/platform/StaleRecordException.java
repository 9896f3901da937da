package org.abri.platform;

/** Someone else saved the record since the caller read it (optimistic locking). */
public class StaleRecordException extends RuntimeException {

    private final String code;

    public StaleRecordException(String code) {
        super(code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
