package org.abri.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description of the generated OpenAPI document (/api/v1/openapi.json): title, version,
 * how to authenticate, and the bearer scheme that every operation requires.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerToken";

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
                                language of `Accept-Language` (fr, en, ar; French by default) and `fields` names \
                                each invalid field. 400 invalid input, 401 no valid token, 403 the role may not do \
                                this, 404 unknown or outside the caller's need-to-know, 409 changed meanwhile \
                                (send the new `version`), 422 a business rule refused it.

                                **Paging**: lists of cases and audit entries take `page` (from 0) and `size` and \
                                answer `{items, page, size, total}`.

                                Every access to a child's case is audited."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("abri personal API token")
                        .description("A personal API token: `Authorization: Bearer abri_…`.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
