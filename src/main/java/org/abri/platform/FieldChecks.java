package org.abri.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.abri.platform.InvalidInputException.FieldProblem;

/**
 * Collects the problems of a request field by field, so that a caller learns everything
 * wrong at once. Codes are message keys; {@link #throwIfAny()} raises an
 * {@link InvalidInputException} naming each field.
 */
public final class FieldChecks {

    private final List<FieldProblem> problems = new ArrayList<>();

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Present and, for text, not blank. */
    public FieldChecks required(String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> items && items.isEmpty()) {
            add(field, "validation.required");
        }
        return this;
    }

    /** Optional or required text of at most {@code maxLength} characters. */
    public FieldChecks text(String field, String value, boolean required, int maxLength) {
        if (blank(value)) {
            if (required) {
                add(field, "validation.required");
            }
        } else if (value.strip().length() > maxLength) {
            add(field, "validation.too_long", maxLength);
        }
        return this;
    }

    /** Text that, when given, must match {@code pattern} (after stripping); {@code code} names the rule. */
    public FieldChecks matches(String field, String value, boolean required, Pattern pattern, String code,
            Object... arguments) {
        if (blank(value)) {
            if (required) {
                add(field, "validation.required");
            }
        } else if (!pattern.matcher(value.strip()).matches()) {
            add(field, code, arguments);
        }
        return this;
    }

    /** One of the allowed codes. */
    public FieldChecks choice(String field, String value, Collection<String> allowed, boolean required) {
        if (blank(value)) {
            if (required) {
                add(field, "validation.required");
            }
        } else if (!allowed.contains(value)) {
            add(field, "validation.invalid_choice");
        }
        return this;
    }

    /** A number within [min, max] when given. */
    public FieldChecks range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "validation.range", min, max);
        }
        return this;
    }

    /** At least {@code minLength} characters (e.g. a password), when given. */
    public FieldChecks minLength(String field, String value, boolean required, int minLength) {
        if (value == null || value.isEmpty()) {
            if (required) {
                add(field, "validation.required");
            }
        } else if (value.length() < minLength) {
            add(field, "validation.min_length", minLength);
        }
        return this;
    }

    public FieldChecks add(String field, String code, Object... arguments) {
        problems.add(new FieldProblem(field, code, arguments));
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
