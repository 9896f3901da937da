package org.abri.platform;

import java.util.UUID;

/**
 * Reading what a browser sent in a query or form field, where a malformed value means
 * "nothing chosen" rather than an error page (a hand-edited address, an old bookmark).
 */
public final class FormValues {

    private FormValues() {
    }

    public static UUID uuidOrNull(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * A date typed as yyyy-mm-dd: null when left blank; a malformed one is refused, naming the
     * field, since a date the user typed must not silently vanish.
     */
    public static java.time.LocalDate date(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(java.util.List.of(
                    new InvalidInputException.FieldProblem(field, "validation.invalid_format")));
        }
    }

    /** A page number of a pager: 0 for anything that is not a non-negative number. */
    public static int pageNumber(String value) {
        return Math.max(0, intOr(value, 0));
    }
}
