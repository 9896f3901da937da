package org.abri.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies, reads the CSRF token of the last page and
 * signs in through the real form. For HTTP-level tests of pages and their protections.
 */
public class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private String csrf;

    public WebSession(int port) {
        this("http://127.0.0.1:" + port, HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build(), null);
    }

    private WebSession(String base, HttpClient client, String csrf) {
        this.base = base;
        this.client = client;
        this.csrf = csrf;
    }

    /** The same browser (same cookies, same CSRF token) talking to another server on this machine. */
    public WebSession onPort(int otherPort) {
        return new WebSession("http://127.0.0.1:" + otherPort, client, csrf);
    }

    /** Signs in; returns the response to the login POST (a redirect to / on success). */
    public HttpResponse<String> signIn(String username, String password) {
        get("/login");
        return post("/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** Reads a page as if reached by a link on another page (its address as the Referer). */
    public HttpResponse<String> getFrom(String path, String fromPath) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Referer", base + fromPath).GET().build());
    }

    /** Reads a download (a PDF…) as bytes; the CSRF token of the last page stays. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form with the CSRF token of the last page read. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        if (csrf != null) {
            withToken.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, withToken);
    }

    /** Posts a form whose fields may repeat (e.g. several ticked roles), with the CSRF token. */
    public HttpResponse<String> postFields(String path, java.util.List<Map.Entry<String, String>> fields) {
        java.util.List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields);
        if (csrf != null) {
            all.add(Map.entry("_csrf", csrf));
        }
        String body = all.stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Uploads one file as a multipart form, with the CSRF token. */
    public HttpResponse<String> upload(String path, String field, String fileName, byte[] content) {
        String boundary = "abri" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(body, true, StandardCharsets.UTF_8);
        if (csrf != null) {
            out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n");
        }
        out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/json\r\n\r\n");
        out.write(content, 0, content.length);
        out.print("\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** Posts a body exactly as given, with this content type (e.g. a malformed multipart body), CSRF token in the header. */
    public HttpResponse<String> raw(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request.build());
    }

    /** Posts a form exactly as given (e.g. without a CSRF token). */
    public HttpResponse<String> postRaw(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher matcher = CSRF.matcher(response.body());
            if (matcher.find()) {
                csrf = matcher.group(1);
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
