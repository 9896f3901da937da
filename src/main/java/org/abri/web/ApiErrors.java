package org.abri.web;

import java.util.List;
import java.util.Locale;

import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns every failure of an API call into an {@link ApiError}: never a stack trace. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final MessageSource messages;
    private final DatabaseUnavailablePage unavailable;

    ApiErrors(MessageSource messages, DatabaseUnavailablePage unavailable) {
        this.messages = messages;
        this.unavailable = unavailable;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e, Locale locale) {
        List<ApiError.FieldError> fields = e.problems().stream()
                .map(p -> new ApiError.FieldError(p.field(), p.code(),
                        messages.getMessage(p.code(), p.arguments(), p.code(), locale)))
                .toList();
        return error(HttpStatus.BAD_REQUEST, "validation.failed", locale, fields);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e, Locale locale) {
        return error(HttpStatus.NOT_FOUND, e.code(), locale, List.of());
    }

    @ExceptionHandler(StaleRecordException.class)
    ResponseEntity<ApiError> stale(StaleRecordException e, Locale locale) {
        return error(HttpStatus.CONFLICT, e.code(), locale, List.of());
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ApiError> rule(RuleViolationException e, Locale locale) {
        String message = messages.getMessage("error." + e.code(), e.arguments(), e.code(), locale);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(new ApiError(e.code(), message, List.of()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e, Locale locale) {
        return error(HttpStatus.FORBIDDEN, "auth.forbidden", locale, List.of());
    }

    /**
     * A body that is not JSON answers request.malformed; JSON with a value of the wrong type
     * (a date that is not a date, text for a number…) names the field, like any invalid input.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, Locale locale) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return error(HttpStatus.CONTENT_TOO_LARGE, "request.too_large", locale, List.of());
            }
            if (cause instanceof MismatchedInputException mismatch) {
                String field = path(mismatch.getPath());
                if (!field.isEmpty()) {
                    return invalidField(field, "validation.invalid_format", locale);
                }
            }
        }
        return error(HttpStatus.BAD_REQUEST, "request.malformed", locale, List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e, Locale locale) {
        return invalidField(e.getName(), "validation.invalid_format", locale);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, Locale locale) {
        return invalidField(e.getParameterName(), "validation.required", locale);
    }

    private ResponseEntity<ApiError> invalidField(String field, String code, Locale locale) {
        return error(HttpStatus.BAD_REQUEST, "validation.failed", locale,
                List.of(new ApiError.FieldError(field, code, messages.getMessage(code, null, code, locale))));
    }

    /** A JSON path in the notation of the validation messages: {@code consents.data_collection.givenOn}, {@code roles[2]}. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A form object that did not bind (a value not of its type): each field named. */
    @ExceptionHandler(org.springframework.validation.BindException.class)
    ResponseEntity<ApiError> unbound(org.springframework.validation.BindException e, Locale locale) {
        List<ApiError.FieldError> fields = e.getFieldErrors().stream()
                .map(f -> new ApiError.FieldError(f.getField(), "validation.invalid_format",
                        messages.getMessage("validation.invalid_format", null, "validation.invalid_format", locale)))
                .toList();
        return error(HttpStatus.BAD_REQUEST, "validation.failed", locale, fields);
    }

    @ExceptionHandler({org.springframework.web.bind.ServletRequestBindingException.class,
            org.springframework.web.multipart.MultipartException.class})
    ResponseEntity<ApiError> badRequest(Exception e, Locale locale) {
        return error(HttpStatus.BAD_REQUEST, "request.malformed", locale, List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(Exception e, Locale locale) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "request.method_not_allowed", locale, List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(Exception e, Locale locale) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request.media_type", locale, List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, Locale locale, jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        java.util.Optional<org.abri.platform.DatabaseFailures.Cause> database = org.abri.platform.DatabaseFailures.of(e);
        if (database.isPresent()) {
            // The database is down, restarting or out of disk: the same 503 as everywhere, the client may try again.
            unavailable.write(database.get(), e, request, response);
            return null;
        }
        String refused = BadInput.refusedData(e);
        if (refused != null) {
            // Text or a number the database refuses (validation should have caught it first).
            log.warn("Refused an API call: {}", BadInput.describe(e));
            boolean text = refused.equals("22021") || refused.equals("22P05");
            return error(HttpStatus.BAD_REQUEST, text ? "request.text_invalid" : "request.malformed", locale, List.of());
        }
        log.error("Unexpected error in an API call", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "server.unexpected", locale, List.of());
    }

    private ResponseEntity<ApiError> error(HttpStatus status, String code, Locale locale,
            List<ApiError.FieldError> fields) {
        String message = messages.getMessage("error." + code, null, code, locale);
        return ResponseEntity.status(status).body(new ApiError(code, message, fields));
    }
}
