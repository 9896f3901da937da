package org.abri.platform;

/**
 * The record does not exist, or the user may not know that it exists: both answer 404,
 * so that a refusal never confirms that a child is registered.
 */
public class NotFoundException extends RuntimeException {

    private final String code;

    public NotFoundException(String code) {
        super(code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
