package org.abri.web;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    ErrorPages(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletResponse response) {
        return page(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView denied() {
        return page(HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    ModelAndView badParameter() {
        return page(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.servlet.resource.NoResourceFoundException
                || e instanceof org.springframework.web.servlet.NoHandlerFoundException) {
            return page(HttpStatus.NOT_FOUND);
        }
        if (e instanceof org.springframework.web.HttpRequestMethodNotSupportedException) {
            return page(HttpStatus.METHOD_NOT_ALLOWED);
        }
        log.error("Unexpected error on a page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR);
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
            String key = switch (status) {
                case NOT_FOUND -> "request.not_found";
                case UNAUTHORIZED -> "auth.required";
                case FORBIDDEN -> "auth.forbidden";
                case METHOD_NOT_ALLOWED -> "request.method_not_allowed";
                case BAD_REQUEST -> "request.malformed";
                default -> "server.unexpected";
            };
            String message = messages.getMessage("error." + key, null, key, locale);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(new ApiError(key, message, java.util.List.of()));
        }
        return page(status);
    }

    private static ModelAndView page(HttpStatus status) {
        String errorKey = switch (status) {
            case NOT_FOUND -> "notFound";
            case FORBIDDEN -> "forbidden";
            default -> "unexpected";
        };
        ModelAndView page = new ModelAndView("error/page", Map.of("status", status.value(), "errorKey", errorKey));
        page.setStatus(status);
        return page;
    }
}
