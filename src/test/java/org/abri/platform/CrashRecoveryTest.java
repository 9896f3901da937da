package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crash drills, on a real Abri in its own process with its embedded database, under a
 * registration load: kill -9 of Abri, then of its postmaster, then SIGTERM. After each, every
 * registration that Abri acknowledged (201) is there; nothing answers 500; a second Abri on the
 * same folder refuses with one sentence.
 */
class CrashRecoveryTest {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTest.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SECRET = Pattern.compile("id=\"new-secret\"[^>]*>([^<]+)<");
    private static final String CASEWORKER = "espoir.cw1";
    private static final String DEMO_PASSWORD = "demo-abri-2026";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path work;

    /** The child Abris' logs, kept for reading after a failed drill (fictional data only). */
    private final Path logs = Path.of("target", "crash-drill");

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void acknowledgedRegistrationsSurviveEveryCrash() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the tests as an ordinary user: PostgreSQL refuses root");
        }
        assumeFalse(root, "PostgreSQL refuses to run as root; run the tests as an ordinary user");
        Path data = work.resolve("data");

        // 1. kill -9 of Abri under load: its postmaster is left behind; the next start stops it and
        //    comes up by itself within 60 s with every acknowledged registration.
        int port = freePort();
        Process first = startAbri(data, port, "first", true);
        awaitReady(port, first, Duration.ofSeconds(120));
        String token = caseworkerToken(port);
        String location = anyLocation(port, token);
        Load load = new Load(port, token, location);
        load.start(4);
        load.awaitAcknowledged(20);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop of the database
        first.waitFor(30, TimeUnit.SECONDS);
        load.stop();
        assertThat(postmasterOf(data)).as("kill -9 of Abri leaves its postmaster running").isPresent();

        long restart = System.nanoTime();
        Process second = startAbri(data, port, "second", false);
        awaitReady(port, second, Duration.ofSeconds(60));
        log.info("Abri came back after kill -9 in {} ms", (System.nanoTime() - restart) / 1_000_000);
        assertThat(load.missing(port)).as("acknowledged registrations lost after kill -9 of Abri (of %d)",
                load.acknowledged.size()).isEmpty();

        // 2. A second Abri on the folder in use refuses at once, in one sentence, without a stack trace.
        Process intruder = startAbri(data, freePort(), "intruder", false);
        assertThat(intruder.waitFor(90, TimeUnit.SECONDS)).as("the second Abri gives up").isTrue();
        assertThat(intruder.exitValue()).isNotZero();
        String refused = Files.readString(logs.resolve("intruder.log"));
        assertThat(refused).contains("Another Abri is already running on the data folder")
                .doesNotContain("\tat org.").doesNotContain("Caused by");

        // 3. kill -9 of the postmaster under load: Abri starts it again, readiness is DOWN meanwhile,
        //    no request answers 500 (503 while it is down), every acknowledged write is there.
        WebSession caseworker = new WebSession(port);
        caseworker.signIn(CASEWORKER, DEMO_PASSWORD);
        caseworker.get("/profile");
        Load second_load = new Load(port, token, location);
        second_load.start(4);
        second_load.awaitAcknowledged(10);
        long postmaster = postmasterOf(data).orElseThrow();
        // The binary put aside for a moment, so that the outage lasts long enough to be seen (Abri's
        // first attempts to start PostgreSQL again fail, the next one succeeds).
        Path binary = data.resolve("pgsql/bin/postgres");
        Path aside = data.resolve("pgsql/bin/postgres.aside");
        Files.move(binary, aside);
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
        boolean sawDown = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sawDown && System.nanoTime() < deadline) {
            sawDown = status(port, "/actuator/health/readiness") == 503;
            Thread.sleep(100);
        }
        // A form sent while the database is down: a plain 503 page that gives back every field.
        var refusedForm = caseworker.post("/profile/tokens", Map.of("name", "jeton gardé"));
        Files.move(aside, binary);
        assertThat(sawDown).as("readiness goes DOWN while the database is down").isTrue();
        assertThat(refusedForm.statusCode()).isEqualTo(503);
        assertThat(refusedForm.body()).contains("id=\"database-unavailable\"").contains("value=\"jeton gardé\"")
                .contains("name=\"_csrf\"").doesNotContain("Exception");
        awaitReady(port, second, Duration.ofSeconds(60));
        second_load.awaitAcknowledged(second_load.acknowledged.size() + 10);
        second_load.stop();
        assertThat(second_load.serverErrors).as("answers other than 201 or 503 during the outage").isEmpty();
        assertThat(second_load.missing(port)).as("acknowledged registrations lost after kill -9 of the postmaster")
                .isEmpty();

        // 4. SIGTERM under load: the web server drains first, the database stops last; no request in
        //    flight fails.
        Load last = new Load(port, token, location);
        last.start(4);
        last.awaitAcknowledged(10);
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        last.stop();
        assertThat(last.serverErrors).as("requests that failed during a graceful stop").isEmpty();
        assertThat(postmasterOf(data)).as("the database stopped with Abri").isEmpty();

        Process third = startAbri(data, port, "third", false);
        awaitReady(port, third, Duration.ofSeconds(60));
        assertThat(last.missing(port)).isEmpty();
        assertThat(load.missing(port)).isEmpty();
        log.info("Crash drills: {} + {} + {} acknowledged registrations, none lost", load.acknowledged.size(),
                second_load.acknowledged.size(), last.acknowledged.size());
    }

    // -- a child Abri --------------------------------------------------------------------

    private Process startAbri(Path data, int port, String name, boolean demo) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.abri.AbriApplication", "--abri.db.url=", "--abri.db.data-dir=" + data, "--server.port=" + port,
                "--abri.admin.password=crash-test-password", "--abri.reminders.enabled=false"));
        if (demo) {
            command.add("--abri.demo=true");
        }
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        started.add(process);
        return process;
    }

    private void awaitReady(int port, Process process, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Abri exited: %s", tail(process)).isTrue();
            if (status(port, "/actuator/health/readiness") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Abri not ready within " + within.toSeconds() + " s: " + tail(process));
    }

    private String tail(Process process) {
        try (var files = Files.list(logs)) {
            return files.filter(path -> path.toString().endsWith(".log")).map(path -> {
                try {
                    List<String> lines = Files.readAllLines(path);
                    return path.getFileName() + ": " + String.join("\n", lines.subList(Math.max(0, lines.size() - 15),
                            lines.size()));
                } catch (IOException e) {
                    return "";
                }
            }).reduce("", (a, b) -> a + "\n" + b);
        } catch (IOException e) {
            return "";
        }
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static java.util.Optional<Long> postmasterOf(Path data) throws IOException {
        Path pid = data.resolve("postgres/postmaster.pid");
        if (!Files.exists(pid)) {
            return java.util.Optional.empty();
        }
        long value = Long.parseLong(Files.readAllLines(pid).get(0).strip());
        return ProcessHandle.of(value).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    private String caseworkerToken(int port) {
        WebSession session = new WebSession(port);
        assertThat(session.signIn(CASEWORKER, DEMO_PASSWORD).headers().firstValue("Location")).get().asString()
                .doesNotContain("error");
        session.get("/profile");
        session.post("/profile/tokens", Map.of("name", "crash drill"));
        Matcher matcher = SECRET.matcher(session.get("/profile").body());
        assertThat(matcher.find()).as("the new token is shown once").isTrue();
        return matcher.group(1).strip();
    }

    private String anyLocation(int port, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/locations")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        JsonNode items = body.isArray() ? body : body.path("items");
        // The API lists active places only, and any of them will do for a registration.
        return items.get(0).path("id").asString();
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Registrations sent as fast as Abri takes them, remembering each one it acknowledged. */
    private final class Load {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sequence = new AtomicInteger();
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final int port;
        private final String token;
        private final String location;

        Load(int port, String token, String location) {
            this.port = port;
            this.token = token;
            this.location = location;
        }

        void start(int clients) {
            for (int i = 0; i < clients; i++) {
                threads.submit(this::register);
            }
        }

        private void register() {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            while (running.get()) {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + port + "/api/v1/cases")).timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body(), StandardCharsets.UTF_8)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        acknowledged.add(JSON.readTree(response.body()).path("id").asString());
                    } else if (response.statusCode() == 503) {
                        Thread.sleep(100);
                    } else {
                        serverErrors.add(response.statusCode() + " " + response.body());
                    }
                } catch (IOException e) {
                    // Abri killed or stopping: the registration was not acknowledged, nothing to check.
                    sleepQuietly(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private String body() {
            Map<String, Object> body = new LinkedHashMap<>();
            int n = sequence.incrementAndGet();
            body.put("givenNames", "Essai" + n);
            body.put("familyName", "Forage");
            body.put("sex", n % 2 == 0 ? "female" : "male");
            body.put("ageEstimated", 5 + n % 12);
            body.put("nationality", "caf");
            body.put("displacementStatus", "idp");
            body.put("locationId", location);
            body.put("caregiverName", "Tuteur essai");
            body.put("caregiverRelationship", "aunt_uncle");
            body.put("protectionConcerns", List.of("neglect"));
            body.put("riskLevel", "medium");
            Map<String, Object> consents = new LinkedHashMap<>();
            for (String kind : List.of("case_management", "data_collection", "anonymous_data_sharing")) {
                consents.put(kind, Map.of("decision", "given", "method", "verbal", "givenBy", "both", "givenOn",
                        LocalDate.now().toString()));
            }
            body.put("consents", consents);
            return JSON.writeValueAsString(body);
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (acknowledged.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(acknowledged.size()).as("acknowledged registrations; errors: %s", serverErrors)
                    .isGreaterThanOrEqualTo(count);
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }

        /** Acknowledged registrations that the (restarted) Abri does not have. */
        List<String> missing(int port) throws Exception {
            List<String> missing = new ArrayList<>();
            for (String id : acknowledged) {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/cases/" + id)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    missing.add(id + " (" + response.statusCode() + ")");
                }
            }
            return missing;
        }

        private void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
