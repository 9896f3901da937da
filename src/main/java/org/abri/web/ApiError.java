package org.abri.web;

import java.util.List;

/**
 * The body of every API error: a stable {@code code} for programs, a {@code message} in the
 * caller's language for people, and for invalid input the problem of each field.
 */
public record ApiError(String code, String message, List<FieldError> fields) {

    public record FieldError(String field, String code, String message) {
    }
}
