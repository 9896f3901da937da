package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes every path with the bearer scheme; its browsable UI is served under its CSP. */
class OpenApiTest extends IntegrationTest {

    private static final Set<String> PATHS = Set.of("/api/v1/me", "/api/v1/me/tokens", "/api/v1/me/tokens/{id}",
            "/api/v1/me/password", "/api/v1/cases", "/api/v1/cases/search", "/api/v1/cases/{id}", "/api/v1/agencies",
            "/api/v1/agencies/{id}", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/users/{id}/deactivate",
            "/api/v1/users/{id}/activate", "/api/v1/users/{id}/unlock", "/api/v1/users/{id}/password",
            "/api/v1/locations", "/api/v1/lookups/{list}", "/api/v1/audit", "/api/v1/forms", "/api/v1/forms/{formId}",
            "/api/v1/forms/{formId}/versions/{version}", "/api/v1/cases/{caseId}/records", "/api/v1/records/{recordId}", "/api/v1/cases/{caseId}/workflow",
            "/api/v1/cases/{caseId}/workflow/{action}", "/api/v1/approvals", "/api/v1/approvals/{approvalId}", "/api/v1/me/tasks",
            "/api/v1/me/notifications", "/api/v1/me/notifications/{id}/read", "/api/v1/me/notifications/read-all",
            "/api/v1/cases/{caseId}/notes", "/api/v1/cases/{caseId}/timeline",
            "/api/v1/referrals", "/api/v1/cases/{caseId}/referrals", "/api/v1/referrals/{id}",
            "/api/v1/referrals/{id}/shared-case", "/api/v1/referrals/{id}/{action}", "/api/v1/cases/{caseId}/transfers",
            "/api/v1/transfers", "/api/v1/transfers/{id}", "/api/v1/transfers/{id}/{action}",
            "/api/v1/referrals/report",
            "/api/v1/services", "/api/v1/services/{id}", "/api/v1/services/{id}/verify", "/api/v1/pathways",
            "/api/v1/supervision/records", "/api/v1/supervision/records/{id}",
            "/api/v1/supervision/team", "/api/v1/supervision/competencies/{userId}",
            "/api/v1/quality/grid", "/api/v1/quality/assessments", "/api/v1/quality/assessments/{id}",
            "/api/v1/quality/assessments/{id}/answers", "/api/v1/quality/assessments/{id}/complete",
            "/api/v1/quality/assessments/{id}/actions", "/api/v1/quality/assessments/{id}/follow-ups/{actionId}",
            "/api/v1/quality/interagency");


    @Test
    void theDocumentIsPublicDescribesTheApiAndListsEveryPath() {
        Response response = new ApiClient(port).get("/api/v1/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        JsonNode spec = response.json();
        assertThat(spec.path("openapi").asString()).startsWith("3.");
        assertThat(spec.path("info").path("title").asString()).isEqualTo("Abri API");
        assertThat(spec.path("info").path("version").asString()).isEqualTo("v1");
        assertThat(spec.path("info").path("description").asString()).contains("Authorization: Bearer",
                "Accept-Language", "{items, page, size, total}");
        assertThat(spec.path("paths").propertyNames()).containsExactlyInAnyOrderElementsOf(PATHS);
        assertThat(spec.path("components").path("schemas").propertyNames()).contains("ApiError", "FieldError",
                "CaseInput", "CaseView", "UserView", "ApiPageCaseListItem");
        for (String schema : spec.path("components").path("schemas").propertyNames()) {
            assertThat(spec.path("components").path("schemas").path(schema).path("properties").propertyNames())
                    .as(schema).doesNotContain("passwordHash", "tokenHash", "password_hash");
        }
        assertThat(spec.path("components").path("schemas").path("UserView").path("properties").propertyNames())
                .doesNotContain("password");
    }

    @Test
    void everyOperationRequiresTheBearerSchemeAndHasASummaryATagAndAnId() {
        JsonNode spec = new ApiClient(port).get("/api/v1/openapi.json").json();
        JsonNode scheme = spec.path("components").path("securitySchemes").path("bearerToken");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(spec.path("security").get(0).has("bearerToken")).isTrue();

        List<String> operations = new ArrayList<>();
        Set<String> operationIds = new TreeSet<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String name = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            operations.add(name);
            assertThat(operation.path("security").get(0).has("bearerToken")).as(name).isTrue();
            assertThat(operation.path("summary").asString()).as(name).isNotBlank();
            assertThat(operation.path("tags").get(0).asString()).as(name).isNotBlank();
            assertThat(operation.path("responses").path("401").path("content").path("application/json")
                    .path("schema").path("$ref").asString()).as(name).isEqualTo("#/components/schemas/ApiError");
            operationIds.add(operation.path("operationId").asString());
        }));
        assertThat(operations).hasSize(73);
        assertThat(operationIds).hasSize(73).doesNotContain("");
        JsonNode updateCase = spec.path("paths").path("/api/v1/cases/{id}").path("put");
        assertThat(updateCase.path("responses").propertyNames()).contains("200", "400", "403", "404", "409");
        assertThat(spec.path("paths").path("/api/v1/cases").path("post").path("responses").has("201")).isTrue();
        assertThat(spec.path("paths").path("/api/v1/cases").path("get").path("parameters").findValuesAsString("name"))
                .containsExactly("q", "status", "risk", "concern", "location", "page", "size");
    }

    @Test
    void theSwaggerUiIsServedUnderARelaxedStylePolicyWhileTheAppKeepsTheStrictOne() {
        WebSession browser = new WebSession(port);
        var redirect = browser.get("/api-docs");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).get().asString().endsWith("/swagger-ui/index.html");

        var ui = browser.get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui-bundle.js").doesNotContain("<script>");
        String uiPolicy = ui.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(uiPolicy).contains("script-src 'self';", "style-src 'self' 'unsafe-inline';",
                "frame-ancestors 'none'");
        assertThat(ui.headers().firstValue("Set-Cookie")).as("no session for static docs").isEmpty();

        var config = browser.get("/api/v1/openapi.json/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/api/v1/openapi.json");

        String appPolicy = browser.get("/login").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(appPolicy).contains("style-src 'self';", "script-src 'self';").doesNotContain("unsafe-inline");
        String apiPolicy = new ApiClient(port).get("/api/v1/me").header("Content-Security-Policy");
        assertThat(apiPolicy).isEqualTo(appPolicy);
    }
}
