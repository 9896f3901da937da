package org.abri.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.abri.platform.DatabaseFailures;
import org.abri.platform.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer when the database cannot serve (down, restarting, its disk full): 503 with a page
 * that says so plainly and keeps what the user typed — a form that was being saved comes back
 * with every field, ready to send again — or, for the API, the JSON error. It is drawn without
 * the session or the signed-in user, which may themselves live in the database.
 */
@Component
class DatabaseUnavailablePage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailablePage.class);

    private final SpringTemplateEngine templates;
    private final MessageSource messages;
    private final JsonMapper json;

    DatabaseUnavailablePage(SpringTemplateEngine templates, MessageSource messages, JsonMapper json) {
        this.templates = templates;
        this.messages = messages;
        this.json = json;
    }

    void write(DatabaseFailures.Cause cause, Throwable failure, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        // The cause's message names the connection or the file, never a row.
        log.warn("The database cannot serve {} {}: {} ({})", request.getMethod(), request.getRequestURI(), cause,
                rootMessage(failure));
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", "30");
        response.setHeader("Cache-Control", "no-store");
        Locale locale = locale(request);
        String key = cause == DatabaseFailures.Cause.DISK_FULL ? "server.disk_full" : "server.unavailable";
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(
                    new ApiError(key, messages.getMessage("error." + key, null, key, locale), List.of())));
            return;
        }
        Context context = new Context(locale);
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("dir", "ar".equals(locale.getLanguage()) ? "rtl" : "ltr");
        context.setVariable("diskFull", cause == DatabaseFailures.Cause.DISK_FULL);
        context.setVariable("contextPath", request.getContextPath());
        boolean resendable = "POST".equals(request.getMethod()) && request.getContentType() != null
                && request.getContentType().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        context.setVariable("resendable", resendable);
        context.setVariable("action", request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        context.setVariable("fields", resendable ? fields(request) : List.of());
        context.setVariable("htmx", request.getHeader("HX-Request") != null);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding("UTF-8");
        templates.process("error/unavailable", context, response.getWriter());
    }

    /** What the user sent, field by field, to send again once the database is back. */
    private static List<Map.Entry<String, String>> fields(HttpServletRequest request) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                fields.add(Map.entry(name, value));
            }
        });
        return fields;
    }

    /**
     * The reader's language for a page written outside Spring MVC (before its locale resolver
     * has run): the language cookie, else the browser's, else French.
     */
    static Locale locale(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (LanguageResolver.COOKIE.equals(cookie.getName())) {
                    return Languages.supported(cookie.getValue());
                }
            }
        }
        return Languages.fromAcceptLanguage(request.getHeader("Accept-Language")).orElse(Locale.FRENCH);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }
}
