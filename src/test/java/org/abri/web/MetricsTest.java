package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.abri.cases.CaseRegistry;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * The actuator as the outside sees it: public probes that say only UP or DOWN, Prometheus
 * metrics behind the metrics token, and metrics that name routes, never records or people.
 */
class MetricsTest extends IntegrationTest {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    Fixtures fixtures;
    @Autowired
    CaseRegistry registry;
    @Autowired
    HealthEndpointGroups groups;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void prometheusIsRefusedWithoutTheMetricsTokenAndServedWithIt() {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "Bearer not-the-token").statusCode()).isEqualTo(401);
        // A personal API token is not the metrics token.
        UserAccount admin = fixtures.deploymentUser(Role.SYSTEM_ADMIN);
        assertThat(get("/actuator/prometheus", "Bearer " + fixtures.token(admin)).statusCode()).isEqualTo(401);
        // Neither is a signed-in browser session.
        WebSession session = signedIn(admin);
        assertThat(session.get("/actuator/prometheus").statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = scrape();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count", "hikaricp_connections",
                "jvm_memory_used_bytes", "process_cpu_usage", "abri_mail_queue", "application=\"abri\"");
    }

    @Test
    void nothingElseOfTheActuatorAnswers() {
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
                "/actuator/loggers", "/actuator/heapdump", "/actuator/info")) {
            assertThat(get(path, null).statusCode()).as(path).isIn(401, 403, 404);
            assertThat(get(path, "Bearer " + METRICS_TOKEN).statusCode()).as(path).isIn(401, 403, 404);
        }
    }

    @Test
    void healthAndProbesArePublicAndSayOnlyUpOrDown() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/livez", "/readyz")) {
            HttpResponse<String> health = get(path, null);
            assertThat(health.statusCode()).as(path).isEqualTo(200);
            assertThat(health.body()).as(path).contains("\"status\":\"UP\"")
                    .doesNotContain("components", "details", "diskSpace", "db", "free", "threshold");
            assertThat(health.headers().firstValue("Set-Cookie")).as(path).isEmpty();
        }
    }

    @Test
    void readinessWaitsForTheDatabaseAndTheDiskButLivenessDoesNot() {
        assertThat(groups.get("readiness").isMember("db")).isTrue();
        assertThat(groups.get("readiness").isMember("diskSpace")).isTrue();
        assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
        assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
        assertThat(groups.get("liveness").isMember("db")).isFalse();
        assertThat(groups.get("liveness").isMember("diskSpace")).isFalse();
    }

    @Test
    void failedSignInsAreCountedByReasonNeverByUsername() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        double before = signInFailures("bad_credentials");
        new WebSession(port).signIn(user.username(), "wrong-password");
        new WebSession(port).signIn("nobody-" + System.nanoTime(), "wrong-password");

        assertThat(signInFailures("bad_credentials")).isEqualTo(before + 2);
        String body = scrape().body();
        assertThat(body).contains("abri_signin_failures_total{application=\"abri\",reason=\"throttled\"}")
                .doesNotContain(user.username(), "nobody-");
    }

    @Test
    void anAttemptWhileTheAccountMustWaitCountsAsThrottled() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = new WebSession(port);
        for (int attempt = 1; attempt <= 5; attempt++) {
            session.signIn(user.username(), "wrong-password-" + attempt);
        }
        double before = signInFailures("throttled");
        double wrongBefore = signInFailures("bad_credentials");
        session.signIn(user.username(), Fixtures.PASSWORD);
        assertThat(signInFailures("throttled")).isEqualTo(before + 1);
        assertThat(signInFailures("bad_credentials")).isEqualTo(wrongBefore);
    }

    @Test
    void theRightPasswordOfADeactivatedAccountCountsAsOther() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        jdbc.sql("update app_user set active = false where id = ?").param(user.id()).update();
        double before = signInFailures("other");
        new WebSession(port).signIn(user.username(), Fixtures.PASSWORD);
        assertThat(signInFailures("other")).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'sign_in_failed' and record_id = ?"
                + " and detail->>'reason' = 'deactivated'").param(user.id()).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void routesAreTaggedByTheirTemplateNeverByARecordsId() {
        UserAccount caseworker = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        UUID id = registry.register(fixtures.signIn(caseworker), fixtures.child("Prince", "Metrika")).id();
        WebSession session = signedIn(caseworker);
        assertThat(session.get("/cases/" + id).statusCode()).isEqualTo(200);
        assertThat(session.get("/cases/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        // Unknown addresses, signed in and not: one tag value, not one per address.
        session.get("/no-such-page/" + UUID.randomUUID());
        session.get("/no-such-page/" + UUID.randomUUID() + "/deeper");
        get("/anonymous-probe/" + UUID.randomUUID(), null);

        String body = scrape().body();
        List<String> requests = lines(body, "http_server_requests");
        assertThat(requests).anyMatch(line -> line.contains("uri=\"/cases/{id}\""));
        assertThat(requests).noneMatch(line -> line.contains("no-such-page") || line.contains("anonymous-probe"));
        assertThat(lines(body, "")).noneMatch(line -> UUID_PATTERN.matcher(line).find())
                .noneMatch(line -> line.contains("Metrika") || line.contains(caseworker.username()));
    }

    private double signInFailures(String reason) {
        String prefix = "abri_signin_failures_total{application=\"abri\",reason=\"" + reason + "\"} ";
        return lines(scrape().body(), prefix).stream().mapToDouble(line -> Double.parseDouble(
                line.substring(prefix.length()).strip())).findFirst().orElseThrow();
    }

    private static List<String> lines(String body, String prefix) {
        return Arrays.stream(body.split("\n")).filter(line -> !line.startsWith("#") && line.startsWith(prefix))
                .toList();
    }

    private HttpResponse<String> scrape() {
        return get("/actuator/prometheus", "Bearer " + METRICS_TOKEN);
    }

    private HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
