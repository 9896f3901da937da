package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of the OpenAPI description and every page form, fed a small corpus of bad
 * values (NUL, huge strings, wrong types, deep nesting, impossible dates, huge numbers, RTL
 * overrides, malformed JSON and multipart, invalid ids, list indexes out of range): none may
 * answer 5xx. A few values per parameter, not their cartesian product, so it stays bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputFuzzTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String NUL = "a\u0000b";
    private static final String RTL = "\u202Egnp.exe";
    private static final String MEGABYTE = "x".repeat(1 << 20);
    private static final String LONG_FIELD = "é".repeat(50_000);
    private static final String HUGE_NUMBER = "99999999999999999999999999999";
    /** The values tried, one at a time, in each field or parameter. */
    private static final List<String> SCALARS = List.of(NUL, RTL, "abc", HUGE_NUMBER, "-1", "2024-02-30", "not-a-uuid");
    /** Posting there ends the session or starts long work; they are covered by their own tests. */
    private static final Set<String> SKIPPED_PAGES = Set.of("/admin/system/backup");

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    UserAccounts accounts;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String agencyToken;
    private String deploymentToken;
    private UserAccount agencyUser;
    private UserAccount deploymentUser;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;

    @BeforeAll
    void world() {
        Agency agency = fixtures.agency();
        Set<Role> agencyRoles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (!role.deploymentLevel()) {
                agencyRoles.add(role);
            }
        }
        agencyUser = accounts.createUnchecked(new UserAccounts.AccountChange(agency.id(), "fuzz" + System.nanoTime() % 100000,
                "Fuzz agency user", null, "fr", agencyRoles, Set.of()), Fixtures.PASSWORD, true);
        deploymentUser = accounts.createUnchecked(new UserAccounts.AccountChange(null, "fuzzd" + System.nanoTime() % 100000,
                "Fuzz deployment user", null, "fr", EnumSet.of(Role.SYSTEM_ADMIN, Role.COORDINATOR), Set.of()),
                Fixtures.PASSWORD, true);
        agencyToken = fixtures.token(agencyUser);
        deploymentToken = fixtures.token(deploymentUser);
        UUID theCase = registry.register(fixtures.signIn(agencyUser), fixtures.child("Fuzz", "Entrée-Test")).id();
        SecurityContextHolder.clearContext();
        pathValues.put("caseId", theCase.toString());
        pathValues.put("id", theCase.toString());
        pathValues.put("formId", "registration");
        pathValues.put("list", "nationality");
        pathValues.put("code", "caf");
        pathValues.put("number", "1");
        pathValues.put("version", "1");
        pathValues.put("action", "accept");
        pathValues.put("userId", agencyUser.id().toString());
    }

    @org.junit.jupiter.api.BeforeEach
    void noFailureYet() {
        failures.clear();
    }

    @Test
    void noOperationOfTheApiAnswers5xxToBadInput() {
        JsonNode spec = new ApiClient(port).get("/api/v1/openapi.json").json();
        int operations = 0;
        for (var path : spec.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                operations++;
                fuzzOperation(entry.getKey().toUpperCase(), path.getKey(), entry.getValue(), spec);
            }
        }
        assertThat(operations).isGreaterThan(50);
        assertThat(failures).as("5xx answers after %d requests", requests).isEmpty();
    }

    @Test
    void noPageFormAnswers5xxToBadInput() {
        WebSession session = signedIn(agencyUser);
        session.get("/");
        WebSession admin = signedIn(deploymentUser);
        admin.get("/");
        int forms = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            if (!info.getMethodsCondition().getMethods().contains(org.springframework.web.bind.annotation.RequestMethod.POST)) {
                continue;
            }
            for (String template : info.getDirectPaths().isEmpty() ? info.getPatternValues() : info.getDirectPaths()) {
                if (template.startsWith("/api/") || SKIPPED_PAGES.contains(template)) {
                    continue;
                }
                forms++;
                String path = fill(template);
                Set<String> fields = fieldsOf(mapping.getValue());
                fuzzForm(session, path, fields);
                fuzzForm(admin, path, fields);
            }
        }
        assertThat(forms).isGreaterThan(40);
        // Still signed in: nothing above ended either session.
        assertThat(session.get("/").statusCode()).isEqualTo(200);
        assertThat(failures).as("5xx answers after %d requests", requests).isEmpty();
    }

    @Test
    void theSignInPageTakesBadInputWithoutSigningInFirst() {
        WebSession anonymous = new WebSession(port);
        anonymous.get("/login");
        for (String value : SCALARS) {
            check("POST /login", anonymous.post("/login", Map.of("username", value, "password", value)).statusCode());
        }
        check("POST /login 100 KB password", anonymous.post("/login", Map.of("username", "admin",
                "password", LONG_FIELD)).statusCode());
        check("POST /login malformed multipart", malformedMultipart("/login", null));
        check("POST /login truncated multipart", rawPost("/login", null, "multipart/form-data; boundary=zz",
                "--zz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadm"));
        assertThat(failures).isEmpty();
    }

    // ---- the API ------------------------------------------------------------------------------

    private void fuzzOperation(String method, String template, JsonNode operation, JsonNode spec) {
        List<String> pathParameters = new ArrayList<>();
        Map<String, JsonNode> queryParameters = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asString().equals("path")) {
                pathParameters.add(parameter.path("name").asString());
            } else if (parameter.path("in").asString().equals("query")) {
                queryParameters.put(parameter.path("name").asString(), parameter.path("schema"));
            }
        }
        JsonNode schema = resolve(operation.path("requestBody").path("content").path("application/json").path("schema"), spec);
        ObjectNode base = schema.isMissingNode() ? null : sample(schema, spec, 0);
        String path = fill(template);
        String name = method + " " + template;
        String token = agencyToken;
        int probe = api(method, path, base, token);
        if (probe == 401 || probe == 403) {
            token = deploymentToken;
        }
        // Ids that are not ids, in each path parameter.
        for (String parameter : pathParameters) {
            for (String bad : List.of("not-a-uuid", "%00", HUGE_NUMBER, "%E2%80%AE")) {
                String withBad = template.replace("{" + parameter + "}", bad);
                check(name + " path " + parameter + "=" + bad, api(method, fill(withBad), base, token));
            }
        }
        for (Map.Entry<String, JsonNode> parameter : queryParameters.entrySet()) {
            for (String bad : List.of(NUL, RTL, "abc", HUGE_NUMBER, "-1", "2024-02-30", "x".repeat(4000))) {
                String query = path + (path.contains("?") ? "&" : "?") + parameter.getKey() + "=" + encode(bad);
                check(name + " ?" + parameter.getKey() + "=" + abbreviate(bad), api(method, query, base, token));
            }
        }
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return;
        }
        ApiClient client = new ApiClient(port).as(token);
        for (String raw : List.<String>of("{\"a\":", "not json", "[]", "null", "\"text\"", "{\"a\":1}}", "{\"\u0000\":1}",
                "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000))) {
            check(name + " body " + abbreviate(raw), client.send(method, path, raw, "application/json").status());
        }
        check(name + " as text/plain", client.send(method, path, "x", "text/plain").status());
        if (base == null) {
            return;
        }
        // Every string field at once: 100 KB, then NUL; and 1 MB in the first string field.
        check(name + " 100 KB strings", api(method, path, replaceStrings(base, MEGABYTE.substring(0, 100_000)), token));
        String caller = token;
        base.properties().stream().filter(e -> e.getValue().isString()).findFirst().ifPresent(first -> {
            ObjectNode body = base.deepCopy();
            body.put(first.getKey(), MEGABYTE);
            check(name + " 1 MB " + first.getKey(), api(method, path, body, caller));
        });
        check(name + " NUL strings", api(method, path, replaceStrings(base, "nul\u0000here"), token));
        List<String> fieldNames = new ArrayList<>();
        base.propertyNames().forEach(fieldNames::add);
        for (String field : fieldNames) {
            List<Object> bad = new ArrayList<>(SCALARS);
            bad.addAll(List.of(new java.math.BigInteger(HUGE_NUMBER), 1.5e300, true, List.of(NUL),
                    Map.of(NUL, NUL), Map.of("x", List.of(Map.of("y", NUL)))));
            for (Object value : bad) {
                ObjectNode body = base.deepCopy();
                body.set(field, JSON.valueToTree(value));
                check(name + " " + field + "=" + abbreviate(String.valueOf(value)), api(method, path, body, token));
            }
        }
    }

    private int api(String method, String path, JsonNode body, String token) {
        ApiClient client = new ApiClient(port).as(token);
        try {
            Response response = client.send(method, path, body == null ? null : JSON.writeValueAsString(body),
                    body == null ? null : "application/json");
            return response.status();
        } catch (IllegalStateException e) {
            // The answer broke off half-way (the server failed after it had started it).
            failures.add("broken answer " + method + " " + abbreviate(path) + ": " + e.getMessage());
            return 200;
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode spec) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().replace("#/components/schemas/", "");
            return spec.path("components").path("schemas").path(name);
        }
        return schema;
    }

    /** A plausible body of this schema, for the fields to be spoiled one at a time. */
    private static ObjectNode sample(JsonNode schema, JsonNode spec, int depth) {
        ObjectNode node = JSON.createObjectNode();
        for (var property : schema.path("properties").properties()) {
            node.set(property.getKey(), sampleValue(resolve(property.getValue(), spec), spec, depth));
        }
        return node;
    }

    private static JsonNode sampleValue(JsonNode schema, JsonNode spec, int depth) {
        String type = schema.path("type").asString();
        String format = schema.path("format").asString();
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        return switch (type) {
            case "integer" -> JSON.getNodeFactory().numberNode(1);
            case "number" -> JSON.getNodeFactory().numberNode(1.0);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode();
            case "object" -> depth < 2 && schema.has("properties") ? sample(schema, spec, depth + 1) : JSON.createObjectNode();
            default -> JSON.getNodeFactory().stringNode(switch (format) {
                case "date" -> "2024-05-01";
                case "date-time" -> "2024-05-01T10:00:00Z";
                case "uuid" -> UUID.randomUUID().toString();
                default -> "texte";
            });
        };
    }

    private static JsonNode replaceStrings(JsonNode node, String value) {
        if (node.isString()) {
            return JSON.getNodeFactory().stringNode(value);
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), replaceStrings(e.getValue(), value)));
            return copy;
        }
        return node;
    }

    // ---- the pages ----------------------------------------------------------------------------

    private void fuzzForm(WebSession session, String path, Set<String> fields) {
        String name = "POST " + path;
        check(name + " empty", session.post(path, Map.of()).statusCode());
        check(name + " out-of-range index", session.postFields(path, List.of(Map.entry("items[99999].name", "x"),
                Map.entry("fields[99999]", "x"), Map.entry("answers[99999]", "x"), Map.entry("values[2147483647]", "x"),
                Map.entry("rows[-1]", "x"))).statusCode());
        for (String field : fields) {
            for (String value : SCALARS) {
                check(name + " " + field + "=" + abbreviate(value),
                        session.post(path, Map.of(field, value)).statusCode());
            }
        }
        if (!fields.isEmpty()) {
            for (String value : List.of(NUL, LONG_FIELD, "2024-13-45")) {
                Map<String, String> all = new LinkedHashMap<>();
                fields.forEach(f -> all.put(f, value));
                check(name + " every field=" + abbreviate(value), session.post(path, all).statusCode());
            }
        }
        check(name + " malformed multipart", malformedMultipart(path, session));
        check(name + " file named with NUL", session.upload(path, "file", "a\u0000b.csv", "x".getBytes()).statusCode());
    }

    /** The names a handler reads from the request: request parameters and the properties of its form objects. */
    private static Set<String> fieldsOf(HandlerMethod handler) {
        Set<String> fields = new LinkedHashSet<>();
        for (Parameter parameter : handler.getMethod().getParameters()) {
            Class<?> type = parameter.getType();
            if (parameter.isAnnotationPresent(PathVariable.class)) {
                continue;
            }
            RequestParam requestParam = parameter.getAnnotation(RequestParam.class);
            if (requestParam != null) {
                String name = !requestParam.name().isEmpty() ? requestParam.name() : requestParam.value();
                if (!name.isEmpty()) {
                    fields.add(name);
                } else if (!Map.class.isAssignableFrom(type)) {
                    fields.add(parameter.getName());
                }
                continue;
            }
            if (BeanUtils.isSimpleProperty(type)) {
                if (!type.getName().startsWith("jakarta.") && !type.getName().startsWith("java.util.Locale")) {
                    fields.add(parameter.getName());
                }
                continue;
            }
            if (type.getName().startsWith("org.abri") && !type.getSimpleName().equals("CurrentUser")
                    && !MultipartFile.class.isAssignableFrom(type)) {
                for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
                    if (property.getWriteMethod() != null) {
                        fields.add(property.getName());
                    }
                }
            }
        }
        return fields;
    }

    private int malformedMultipart(String path, WebSession session) {
        return rawPost(path, session, "multipart/form-data; boundary=abc",
                "--abc\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue\r\n--wrong\r\n\u0000\u0000");
    }

    /** A body as given, with the session's cookie taken from a fresh sign-in page read. */
    private int rawPost(String path, WebSession session, String contentType, String body) {
        if (session != null) {
            return session.raw(path, contentType, body.getBytes(StandardCharsets.ISO_8859_1)).statusCode();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build();
            requests++;
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- shared -------------------------------------------------------------------------------

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

    private String fill(String template) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(
                    pathValues.getOrDefault(matcher.group(1), UUID.randomUUID().toString())));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private void check(String what, int status) {
        requests++;
        if (status >= 500 || status == 0) {
            failures.add(status + " " + what);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String value) {
        String shown = value.replace("\u0000", "\\0").replace("\u202E", "\\u202E");
        return shown.length() > 30 ? shown.substring(0, 30) + "…(" + value.length() + ")" : shown;
    }
}
