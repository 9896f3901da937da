package org.abri.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.abri.cases.CaseDetails;
import org.abri.cases.ConsentRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON API client for tests, on java.net.http: a bearer token (or none), a language, and
 * responses whose body is parsed on demand. Immutable: {@link #as} and {@link #language}
 * return a new client.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final String language;

    public ApiClient(int port) {
        this("http://127.0.0.1:" + port, null, null);
    }

    private ApiClient(String base, String token, String language) {
        this.base = base;
        this.token = token;
        this.language = language;
    }

    /** Calls as the owner of this token (null: anonymously). */
    public ApiClient as(String bearerToken) {
        return new ApiClient(base, bearerToken, language);
    }

    /** Sends {@code Accept-Language: language}. */
    public ApiClient language(String acceptLanguage) {
        return new ApiClient(base, token, acceptLanguage);
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body == null ? null : JSON.writeValueAsString(body), "application/json");
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body == null ? null : JSON.writeValueAsString(body), "application/json");
    }

    /** Sends a body exactly as given, e.g. malformed JSON or another content type. */
    public Response send(String method, String path, String rawBody, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(rawBody));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An API answer: status, headers, raw body and its JSON. */
    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The {@code code} of an error body. */
        public String code() {
            return json().path("code").asString();
        }

        /** field → code of each problem of an invalid-input error. */
        public Map<String, String> fieldCodes() {
            Map<String, String> fields = new LinkedHashMap<>();
            json().path("fields").forEach(f -> fields.putIfAbsent(f.path("field").asString(), f.path("code").asString()));
            return fields;
        }

        /** field → translated message of each problem of an invalid-input error. */
        public Map<String, String> fieldMessages() {
            Map<String, String> fields = new LinkedHashMap<>();
            json().path("fields").forEach(f -> fields.putIfAbsent(f.path("field").asString(),
                    f.path("message").asString()));
            return fields;
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** The JSON body of a case registration or edit, from the domain form used by the fixtures. */
    public static Map<String, Object> caseInput(CaseDetails details, Integer version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("givenNames", details.getGivenNames());
        body.put("familyName", details.getFamilyName());
        body.put("otherNames", details.getOtherNames());
        body.put("sex", details.getSex());
        body.put("dateOfBirth", details.getDateOfBirth() == null ? null : details.getDateOfBirth().toString());
        body.put("ageEstimated", details.getAgeEstimated());
        body.put("nationality", details.getNationality());
        body.put("displacementStatus", details.getDisplacementStatus());
        body.put("locationId", details.getLocationId() == null ? null : details.getLocationId().toString());
        body.put("caregiverName", details.getCaregiverName());
        body.put("caregiverRelationship", details.getCaregiverRelationship());
        body.put("protectionConcerns", List.copyOf(details.getProtectionConcerns()));
        body.put("riskLevel", details.getRiskLevel());
        if (details.getCaseworkerId() != null) {
            body.put("caseworkerId", details.getCaseworkerId().toString());
        }
        Map<String, Object> consents = new LinkedHashMap<>();
        for (ConsentRecord consent : details.getConsents()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("decision", consent.decision());
            line.put("method", consent.method());
            line.put("givenBy", consent.givenBy());
            line.put("givenOn", consent.givenOn() == null ? null : consent.givenOn().toString());
            consents.put(consent.kind(), line);
        }
        body.put("consents", consents);
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }
}
