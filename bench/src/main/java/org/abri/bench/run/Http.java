package org.abri.bench.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The application over HTTP/1.1 (keep-alive connections, one per concurrent client): API calls
 * with a bearer token, and a browser-like session (cookies, CSRF, gzip) for the pages. Counts
 * every answer that is not a success as an error.
 */
final class Http {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    final String base;
    final HttpClient client;
    final AtomicLong calls = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final java.util.Map<String, Long> errorsByStatus = new java.util.concurrent.ConcurrentHashMap<>();

    Http(String base, boolean cookies) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
        if (cookies) {
            builder.cookieHandler(new CookieManager());
        }
        this.client = builder.build();
    }

    /** GET an API address as the token's owner; the body, or an exception when the status is not 2xx. */
    byte[] get(String token, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET(), path);
    }

    /** POST JSON to the API; the answer's body. */
    HttpResponse<byte[]> postJson(String token, String path, String json) throws IOException, InterruptedException {
        calls.incrementAndGet();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
        check(response, path);
        return response;
    }

    /** A page as a browser asks for it (gzip accepted): the raw answer, body still compressed. */
    HttpResponse<byte[]> page(String path) throws IOException, InterruptedException {
        calls.incrementAndGet();
        return client.send(HttpRequest.newBuilder(uri(path)).header("Accept-Encoding", "gzip")
                .header("Accept", "text/html,*/*").timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Signs in through the login form (this client must keep cookies). */
    void signIn(String username, String password) throws IOException, InterruptedException {
        String login = text(page("/login"));
        Matcher csrf = CSRF.matcher(login);
        if (!csrf.find()) {
            throw new IOException("no CSRF token on /login");
        }
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token);
        calls.incrementAndGet();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            errors.incrementAndGet();
            throw new IOException("sign-in refused (" + response.statusCode() + ")");
        }
    }

    /** GET a page and fail unless it answers 200. */
    HttpResponse<byte[]> pageOk(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = page(path);
        check(response, path);
        return response;
    }

    private byte[] send(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        calls.incrementAndGet();
        HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(response, path);
        return response.body();
    }

    private void check(HttpResponse<byte[]> response, String path) throws IOException {
        if (response.statusCode() / 100 != 2) {
            errors.incrementAndGet();
            errorsByStatus.merge(String.valueOf(response.statusCode()), 1L, Long::sum);
            String where = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            throw new IOException("HTTP " + response.statusCode() + " on " + where.replaceAll("[0-9a-f-]{36}", "{id}"));
        }
    }

    /** Counts a failure that never got an answer (connection refused, timeout). */
    void transportError() {
        errors.incrementAndGet();
        errorsByStatus.merge("transport", 1L, Long::sum);
    }

    static String text(HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").orElse("").contains("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Bytes on the wire for this answer: status line, headers and the (compressed) body. */
    static long wireBytes(HttpResponse<byte[]> response) {
        long bytes = "HTTP/1.1 200 OK\r\n".length() + 2L + response.body().length;
        for (var header : response.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return bytes;
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
