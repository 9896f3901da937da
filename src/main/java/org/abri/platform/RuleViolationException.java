package org.abri.platform;

/**
 * A request that breaks a business rule (a duplicate username, a role the caller may not
 * grant…). Carries a stable code whose translation lives in the message bundles.
 */
public class RuleViolationException extends RuntimeException {

    private final String code;
    private final Object[] arguments;

    public RuleViolationException(String code, Object... arguments) {
        super(code);
        this.code = code;
        this.arguments = arguments;
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments;
    }

    /** The message for the user, in their language (keys are {@code error.<code>}). */
    public String describe(org.springframework.context.MessageSource messages, java.util.Locale locale) {
        return messages.getMessage("error." + code, arguments, code, locale);
    }
}
