package org.abri.web;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.abri.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors as pages in the reader's language (or JSON under /api), never a stack trace.
 * Serves the container's /error too, for unknown addresses and failures outside controllers.
 */
@Controller
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final MessageSource messages;
    private final DatabaseUnavailablePage unavailable;
    private final boolean demo;

    ErrorPages(MessageSource messages, DatabaseUnavailablePage unavailable,
            @org.springframework.beans.factory.annotation.Value("${abri.demo:false}") boolean demo) {
        this.messages = messages;
        this.unavailable = unavailable;
        this.demo = demo;
    }

    @ExceptionHandler(NotFoundException.class)
    Object notFound(HttpServletRequest request, Locale locale) {
        return answer(request, locale, HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object denied(HttpServletRequest request, Locale locale) {
        return answer(request, locale, HttpStatus.FORBIDDEN);
    }

    /**
     * An id in the address that is not one: that page does not exist (404). A form or query value
     * not of its type (a hidden number edited by hand): 400, the page saying to go back.
     */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    Object badParameter(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e,
            HttpServletRequest request, Locale locale) {
        boolean inPath = e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        return answer(request, locale, isApi(request) || !inPath ? HttpStatus.BAD_REQUEST : HttpStatus.NOT_FOUND);
    }

    /** A file larger than the multipart limits: said plainly (413), never a stack trace. */
    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request, Locale locale) {
        return answer(request, locale, HttpStatus.PAYLOAD_TOO_LARGE);
    }

    /**
     * Also what fails before any controller is chosen (an unknown address, a method or a content
     * type the address does not take): a page, or JSON under /api.
     */
    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
            Locale locale) throws java.io.IOException {
        java.util.Optional<org.abri.platform.DatabaseFailures.Cause> database = org.abri.platform.DatabaseFailures.of(e);
        if (database.isPresent()) {
            unavailable.write(database.get(), e, request, response);
            return null;
        }
        HttpStatus status;
        if (e instanceof org.springframework.web.servlet.resource.NoResourceFoundException
                || e instanceof org.springframework.web.servlet.NoHandlerFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (e instanceof org.springframework.web.HttpRequestMethodNotSupportedException) {
            status = HttpStatus.METHOD_NOT_ALLOWED;
        } else if (e instanceof org.springframework.web.HttpMediaTypeNotSupportedException) {
            status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        } else if (e instanceof org.springframework.web.HttpMediaTypeNotAcceptableException) {
            status = HttpStatus.NOT_ACCEPTABLE;
        } else if (BadInput.is(e)) {
            // A parameter missing or not of its type, text the database refuses: the sender's fault.
            log.warn("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), BadInput.describe(e));
            status = HttpStatus.BAD_REQUEST;
        } else {
            log.error("Unexpected error on a page", e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return answer(request, locale, status);
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, Locale locale) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && uri.toString().startsWith(request.getContextPath() + "/api/")) {
            return json(status, locale);
        }
        return page(request, locale, status);
    }

    private Object answer(HttpServletRequest request, Locale locale, HttpStatus status) {
        return isApi(request) ? json(status, locale) : page(request, locale, status);
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private ResponseEntity<ApiError> json(HttpStatus status, Locale locale) {
        String key = switch (status) {
            case NOT_FOUND -> "request.not_found";
            case UNAUTHORIZED -> "auth.required";
            case FORBIDDEN -> "auth.forbidden";
            case METHOD_NOT_ALLOWED -> "request.method_not_allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "request.media_type";
            case NOT_ACCEPTABLE -> "request.not_acceptable";
            case BAD_REQUEST -> "request.malformed";
            case PAYLOAD_TOO_LARGE -> "request.too_large";
            default -> "server.unexpected";
        };
        String message = messages.getMessage("error." + key, null, key, locale);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(key, message, java.util.List.of()));
    }

    /**
     * The page carries the shell itself: an exception handler's model gets none of the
     * {@code @ModelAttribute}s of the advices (ShellModel, DemoBanner), and a reader who met a
     * 404 or a 403 needs their language, the demo banner, the navigation and a way back.
     */
    private ModelAndView page(HttpServletRequest request, Locale locale, HttpStatus status) {
        String errorKey = switch (status) {
            case NOT_FOUND -> "notFound";
            case FORBIDDEN -> "forbidden";
            case PAYLOAD_TOO_LARGE -> "tooLarge";
            case BAD_REQUEST -> "badRequest";
            default -> "unexpected";
        };
        ModelAndView page = new ModelAndView("error/page");
        page.addObject("status", status.value());
        page.addObject("errorKey", errorKey);
        page.addObject("lang", locale.getLanguage());
        page.addObject("dir", "ar".equals(locale.getLanguage()) ? "rtl" : "ltr");
        page.addObject("demoMode", demo);
        page.addObject("me", org.abri.identity.CurrentUser.inContext().orElse(null));
        page.addObject("back", previousPage(request));
        page.setStatus(status);
        return page;
    }

    /**
     * The page the reader came from, when it is one of ours (the Referer's path on this host) and
     * not the page that failed: a link back needs no script. Null otherwise.
     */
    static String previousPage(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return null;
        }
        try {
            java.net.URI from = java.net.URI.create(referer);
            String path = from.getRawPath();
            if (from.getHost() == null || !from.getHost().equalsIgnoreCase(request.getServerName()) || path == null
                    || !path.startsWith(request.getContextPath() + "/") || path.startsWith(request.getContextPath() + "/login")) {
                return null;
            }
            String failed = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (path.equals(failed != null ? failed : request.getRequestURI())) {
                return null;
            }
            return from.getRawQuery() == null ? path : path + "?" + from.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
