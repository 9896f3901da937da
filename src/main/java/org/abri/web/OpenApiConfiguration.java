package org.abri.web;

import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description of the generated OpenAPI document (/api/v1/openapi.json): title, version,
 * how to authenticate, the bearer scheme every operation requires, and the error answers
 * ({@link ApiError}) every operation may give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerToken";
    private static final String ERROR_SCHEMA = "#/components/schemas/ApiError";

    @Bean
    OpenAPI abriOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Abri API").version("v1")
                        .description("""
                                The JSON API of Abri, the interagency child protection case management system.

                                **Authentication**: every call carries a personal API token, \
                                `Authorization: Bearer abri_…`. Create one on your profile page or with \
                                `POST /api/v1/me/tokens`; the secret is shown once. A token acts with its owner's \
                                roles and need-to-know; revoke it with `DELETE /api/v1/me/tokens/{id}`.

                                **Errors** are JSON `{code, message, fields}`: `code` is stable, `message` is in the \
                                language of `Accept-Language` (fr, en, ar; else the caller's preference, else \
                                French) and `fields` names each invalid field. 400 invalid input, 401 no valid token, 403 the role may not do \
                                this, 404 unknown or outside the caller's need-to-know, 409 changed meanwhile \
                                (read again and send the new `version`), 422 a business rule refused it.

                                **Paging**: lists of cases and audit entries take `page` (from 0) and `size` and \
                                answer `{items, page, size, total}`.

                                Every access to a child's case is audited."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("abri personal API token")
                        .description("A personal API token: `Authorization: Bearer abri_…`.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Adds the ApiError schema and the error answers to every operation (and the bearer requirement to each). */
    @Bean
    OpenApiCustomizer abriErrorResponses() {
        return openApi -> {
            Map<String, Schema> schemas = ModelConverters.getInstance().readAll(ApiError.class);
            schemas.forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getSecurity() == null) {
                    operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                }
                ApiResponses responses = operation.getResponses();
                boolean takesInput = operation.getRequestBody() != null || (operation.getParameters() != null
                        && operation.getParameters().stream().anyMatch(p -> !"path".equals(p.getIn())));
                boolean namesRecord = operation.getParameters() != null
                        && operation.getParameters().stream().map(Parameter::getIn).anyMatch("path"::equals);
                if (takesInput || namesRecord) {
                    addError(responses, "400", "Invalid input: `fields` names each problem");
                }
                addError(responses, "401", "No valid token (missing, unknown, revoked, or its owner deactivated)");
                addError(responses, "403", "The caller's role may not do this");
                if (namesRecord) {
                    addError(responses, "404", "Unknown, or outside what the caller may know");
                }
                if (operation.getRequestBody() != null) {
                    addError(responses, "422", "A business rule refused it (e.g. a username already used)");
                    if (carriesVersion(openApi, operation)) {
                        addError(responses, "409", "Changed by someone else since `version`; nothing was written");
                    }
                }
                responses.forEach((status, response) -> {
                    if (status.startsWith("4") && response.getContent() == null) {
                        response.setContent(errorContent());
                    }
                });
                sortResponses(operation);
            }));
        };
    }

    /** An edit guarded by optimistic locking: its body has a {@code version}. */
    private static boolean carriesVersion(OpenAPI openApi, Operation operation) {
        Content content = operation.getRequestBody().getContent();
        MediaType json = content == null ? null : content.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        String ref = json == null || json.getSchema() == null ? null : json.getSchema().get$ref();
        if (ref == null) {
            return false;
        }
        Schema<?> body = openApi.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
        return body != null && body.getProperties() != null && body.getProperties().containsKey("version")
                && "put".equalsIgnoreCase(methodOf(openApi, operation));
    }

    private static String methodOf(OpenAPI openApi, Operation operation) {
        return openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperationsMap().entrySet().stream())
                .filter(entry -> entry.getValue() == operation).map(entry -> entry.getKey().name())
                .findFirst().orElse("");
    }

    private static void addError(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(errorContent()));
        }
    }

    private static Content errorContent() {
        return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref(ERROR_SCHEMA)));
    }

    private static void sortResponses(Operation operation) {
        ApiResponses sorted = new ApiResponses();
        operation.getResponses().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        operation.setResponses(sorted);
    }
}
