package org.abri.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.ApiClient;
import org.abri.support.ApiClient.Response;
import org.abri.support.Fixtures;
import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Safer defaults: no redirect is built from the Host header the sender chose; the name search
 * keeps a child's name out of every address; no HSTS over plain HTTP when the cookie is not
 * Secure (see {@link HstsTest} for the other way round); bad bodies and long passwords are
 * answered plainly.
 */
class SaferDefaultsTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    Fixtures fixtures;
    @Autowired
    org.abri.cases.CaseRegistry registry;

    @Test
    void aForgedHostHeaderNeverEndsUpInARedirect() throws Exception {
        // The JDK client refuses to set Host; a raw socket sends what an attacker would.
        for (String path : List.of("/cases", "/", "/admin/users")) {
            String answer = rawGet(path, "evil.example");
            assertThat(answer).startsWith("HTTP/1.1 302");
            String location = answer.lines().filter(l -> l.toLowerCase().startsWith("location:")).findFirst().orElseThrow();
            assertThat(location).doesNotContain("evil.example").contains("/login");
        }
        // After signing in, back to the page first asked for: by its path only.
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = new WebSession(port);
        session.get("/cases");
        HttpResponse<String> signedIn = session.signIn(user.username(), Fixtures.PASSWORD);
        assertThat(signedIn.headers().firstValue("Location")).get().asString().startsWith("/");
    }

    @Test
    void theNameSearchIsPostedAndTheNameAppearsInNoAddress() {
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        String family = "Adresse" + Long.toString(System.nanoTime() % 1_000_000, 36);
        for (int i = 0; i < 27; i++) {
            registry.register(fixtures.signIn(caseworker), fixtures.child("Enfant" + i, family));
        }
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        WebSession pages = signedIn(caseworker);
        String list = pages.get("/cases").body();
        assertThat(list).contains("method=\"post\"", "action=\"/cases/search\"", "hx-post=\"/cases/search\"")
                .doesNotContain("hx-get=\"/cases\"");
        HttpResponse<String> found = pages.post("/cases/search", Map.of("q", family));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.uri().toString()).doesNotContain(family);
        assertThat(found.body()).contains(family).contains("id=\"search-pager\"");
        // The pager posts the search again; no link of the page carries the name.
        assertThat(found.body()).doesNotContainPattern("href=\"[^\"]*" + family);
        assertThat(found.body()).doesNotContainPattern("hx-push-url=\"true\"");
        HttpResponse<String> second = pages.post("/cases/search", Map.of("q", family, "page", "1"));
        assertThat(second.body()).contains("Enfant").contains("Page 2 sur 2");
        // An old bookmark with the name in it finds nothing by name: the list is unfiltered.
        assertThat(pages.get("/cases?q=" + family).body()).doesNotContain("value=\"" + family + "\"");
    }

    @Test
    void noHstsOverPlainHttpWhenTheCookieIsNotSecure() {
        HttpResponse<String> login = new WebSession(port).get("/login");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void aPasswordOverSeventyTwoBytesIsNeitherA500NorCutShort() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        WebSession session = signedIn(user);
        String longPassword = "phrase-de-passe-très-longue-".repeat(6);
        assertThat(longPassword.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(72);
        session.get("/profile");
        HttpResponse<String> changed = session.post("/profile/password", Map.of("currentPassword", Fixtures.PASSWORD,
                "newPassword", longPassword, "confirmPassword", longPassword));
        assertThat(changed.statusCode()).isLessThan(500);
        WebSession again = new WebSession(port);
        assertThat(again.signIn(user.username(), longPassword).headers().firstValue("Location")).get().asString()
                .doesNotContain("error");
        // Every byte counts: the same first 72 bytes with another ending does not open the account.
        WebSession other = new WebSession(port);
        assertThat(other.signIn(user.username(), longPassword.substring(0, 80) + "autre fin").headers()
                .firstValue("Location")).get().asString().contains("error");
        // A megabyte-long password at sign-in: refused as wrong, not a 500.
        WebSession huge = new WebSession(port);
        assertThat(huge.signIn(user.username(), "x".repeat(1_000_000)).statusCode()).isLessThan(500);
    }

    @Test
    void aMalformedMultipartBodyOnTheSignInPageIsA400WithAPage() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "multipart/form-data; boundary=zz")
                .POST(HttpRequest.BodyPublishers.ofString("--zz\r\nContent-Disposition: form-data; name=\"u\"\r\n\r\nx"))
                .build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Envoi illisible").doesNotContain("Exception", "at org.");
        HttpRequest nulName = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "multipart/form-data; boundary=zz")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString("--zz\r\nContent-Disposition: form-data; name=\"f\"; "
                        + "filename=\"a\u0000b.csv\"\r\n\r\nx\r\n--zz--\r\n", StandardCharsets.ISO_8859_1))
                .build();
        HttpResponse<String> refused = HTTP.send(nulName, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The file name contains a forbidden character");
    }

    @Test
    void aFormOverTheSizeLimitGetsThePromisedMessage() throws Exception {
        UserAccount user = fixtures.deploymentUser(Role.COORDINATOR);
        WebSession session = signedIn(user);
        session.get("/services/import");
        HttpResponse<String> answer = session.upload("/services/import", "file", "big.xlsx", new byte[6_000_000]);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("Fichier trop volumineux", "5 Mo").doesNotContain("Exception");
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedWithAMessageNotADroppedConnection() throws Exception {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        String token = fixtures.token(user);
        // 15 MB: one long text, as a broken client or an attacker would send.
        String body = "{\"givenNames\":\"" + "a".repeat(15 * 1024 * 1024) + "\",\"familyName\":\"X\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"request.too_large\"", "larger than allowed")
                .doesNotContain("Exception");
        // The same without a declared length (chunked): cut where it passes the limit, same answer.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> cut = HTTP.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(413);
        assertThat(cut.body()).contains("\"code\":\"request.too_large\"").doesNotContain("Exception");
        // A body under the limit is read as before: the fields are checked one by one.
        Response small = new ApiClient(port).as(token).language("en").post("/api/v1/cases",
                Map.of("givenNames", "a".repeat(1_000_000)));
        assertThat(small.status()).isEqualTo(400);
        assertThat(small.code()).isEqualTo("validation.failed");
    }

    @Test
    void nulInTextIsRemovedNotA500() {
        UserAccount user = fixtures.user(fixtures.agency(), Role.CASEWORKER);
        String token = fixtures.token(user);
        var api = new org.abri.support.ApiClient(port).as(token);
        var created = api.post("/api/v1/me/tokens", Map.of("name", "ci\u0000bot"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/me/tokens").body()).contains("cibot");
        WebSession session = signedIn(user);
        session.get("/profile");
        assertThat(session.post("/profile/tokens", Map.of("name", "page\u0000token")).statusCode()).isLessThan(400);
        assertThat(api.get("/api/v1/me/tokens").body()).contains("pagetoken");
    }

    @Test
    void aFormValueNotOfItsTypeGivesTheFormAgainWithWhatWasTyped() {
        Agency agency = fixtures.agency();
        UserAccount admin = fixtures.user(agency, Role.AGENCY_ADMIN);
        UserAccount target = fixtures.user(agency, Role.CASEWORKER);
        WebSession session = signedIn(admin);
        session.get("/admin/users/" + target.id());
        HttpResponse<String> answer = session.post("/admin/users/" + target.id(), Map.of("fullName", "Nom Tape Garde",
                "username", target.username(), "roles", "CASEWORKER", "version", "pas-un-nombre"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Nom Tape Garde", "Une valeur envoyée n&#39;est pas valide");
        // A path id that is not one is still "not found"; a query value not of its type is a 400.
        assertThat(session.get("/admin/users/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(session.get("/supervision?page=abc").statusCode()).isIn(400, 403);
    }

    private String rawGet(String path, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
