package org.abri.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.abri.platform.TextInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where a request's parameters are read before anything else, for the whole
 * application (the sign-in page included, before any sign-in):
 * <ul>
 * <li>a body that cannot be read — a malformed multipart body, a file name the container refuses
 * (a NUL in it), a form or an upload over the limits, bad percent-encoding — is answered here,
 * 400 or 413, with a page (or the API's JSON) in the reader's language and one log line, never a
 * stack trace: left to the first reader of a parameter (the CSRF filter, the language switch), it
 * became a 500;</li>
 * <li>a body that is neither a form nor an upload (JSON, mostly) is limited to
 * {@code abri.web.max-body-size} (2 MB by default; Tomcat sets no limit on such bodies, and one
 * request of 15 MB held 30 MB of the heap while it was read): a declared length over it is
 * refused before anything is read, a chunked body is cut where it passes it
 * ({@link BodyTooLargeException}, answered 413 by {@link ApiErrors});</li>
 * <li>NUL characters are removed from every parameter name and value (PostgreSQL refuses them in
 * text); JSON bodies get the same treatment in {@link TextInputJson}.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BadInputFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BadInputFilter.class);

    private final SpringTemplateEngine templates;
    private final MessageSource messages;
    private final JsonMapper json;
    private final long maxBodyBytes;

    BadInputFilter(SpringTemplateEngine templates, MessageSource messages, JsonMapper json,
            @org.springframework.beans.factory.annotation.Value("${abri.web.max-body-size:2MB}")
            org.springframework.util.unit.DataSize maxBodySize) {
        this.templates = templates;
        this.messages = messages;
        this.json = json;
        this.maxBodyBytes = maxBodySize.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        // Forms and uploads have the container's own limits (server.tomcat.max-http-form-post-size, multipart).
        boolean limitedByContainer = contentType.startsWith("multipart/")
                || contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        if (!limitedByContainer && request.getContentLengthLong() > maxBodyBytes) {
            refuse(request, response, new BodyTooLargeException(maxBodyBytes));
            return;
        }
        try {
            request.getParameterMap();
            if (contentType.startsWith("multipart/")) {
                request.getParts();
            }
        } catch (IllegalStateException | IOException | ServletException e) {
            refuse(request, response, e);
            return;
        }
        HttpServletRequest clean = new NulFreeRequest(request);
        chain.doFilter(limitedByContainer ? clean : new LimitedBodyRequest(clean, maxBodyBytes), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Exception e) throws IOException {
        HttpStatus status = tooLarge(e) ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        String key = status == HttpStatus.CONTENT_TOO_LARGE ? "request.too_large"
                : fileName(e) ? "request.file_name" : "request.malformed";
        // One line: what was refused and why, never the body nor a stack trace.
        log.warn("Refused {} {}: {} ({})", request.getMethod(), request.getRequestURI(), status.value(), rootMessage(e));
        if (response.isCommitted()) {
            return;
        }
        if (!(e instanceof BodyTooLargeException)) {
            // The body is left half read: the connection cannot carry another request.
            response.setHeader("Connection", "close");
        }
        response.setStatus(status.value());
        response.setHeader("Cache-Control", "no-store");
        Locale locale = DatabaseUnavailablePage.locale(request);
        String message = messages.getMessage("error." + key, null, key, locale);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(new ApiError(key, message, List.of())));
            return;
        }
        Context context = new Context(locale);
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("dir", "ar".equals(locale.getLanguage()) ? "rtl" : "ltr");
        context.setVariable("contextPath", request.getContextPath());
        context.setVariable("message", message);
        context.setVariable("tooLarge", status == HttpStatus.CONTENT_TOO_LARGE);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding("UTF-8");
        templates.process("error/bad-request", context, response.getWriter());
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return true;
            }
            if (cause instanceof org.apache.tomcat.util.http.InvalidParameterException invalid
                    && invalid.getErrorCode() == 413) {
                return true;
            }
            String name = cause.getClass().getSimpleName();
            if (name.contains("SizeLimitExceeded") || name.contains("SizeException")
                    || name.equals("FileCountLimitExceededException")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean fileName(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("InvalidFileNameException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("").replace("\u0000", "\\0");
        return root.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) : message);
    }

    /** The request with NUL removed from every parameter name and value. */
    static final class NulFreeRequest extends HttpServletRequestWrapper {

        private Map<String, String[]> parameters;

        NulFreeRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> clean = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) -> {
                    String[] copy = new String[values.length];
                    for (int i = 0; i < values.length; i++) {
                        copy[i] = TextInput.withoutNul(values[i]);
                    }
                    clean.merge(TextInput.withoutNul(name), copy, (a, b) -> {
                        String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
                        System.arraycopy(b, 0, both, a.length, b.length);
                        return both;
                    });
                });
                parameters = Collections.unmodifiableMap(clean);
            }
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }
    }

    /** A body that stops being readable where it passes the limit (a chunked body declares no length). */
    static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;
        private jakarta.servlet.ServletInputStream limited;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class LimitedInputStream extends jakarta.servlet.ServletInputStream {

        private final jakarta.servlet.ServletInputStream in;
        private final long limit;
        private long read;

        LimitedInputStream(jakarta.servlet.ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
