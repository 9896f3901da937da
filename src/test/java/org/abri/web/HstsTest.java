package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With the Secure session cookie on (ABRI_SECURE_COOKIE=true: Abri is served over HTTPS), every
 * answer carries Strict-Transport-Security, even over the plain HTTP between a TLS-ending proxy
 * and Abri (the request here), which Spring Security's default would leave without it.
 */
@TestPropertySource(properties = "server.servlet.session.cookie.secure=true")
class HstsTest extends IntegrationTest {

    @Test
    void everyAnswerCarriesHstsWhenTheCookieIsSecure() {
        WebSession browser = new WebSession(port);
        for (String path : java.util.List.of("/login", "/css/abri.css", "/cases")) {
            HttpResponse<String> answer = browser.get(path);
            assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(path).get().asString()
                    .contains("max-age=31536000").contains("includeSubDomains");
        }
        HttpResponse<String> api = browser.get("/api/v1/me");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Strict-Transport-Security")).isPresent();
    }
}
