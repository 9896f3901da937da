package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.abri.AbriApplication;
import org.abri.cases.CaseRegistry;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.support.Fixtures;
import org.abri.support.MutableClock;
import org.abri.support.TestDatabase;
import org.abri.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Two Abri servers on one database, as behind a load balancer without sticky sessions: a
 * session opened on one is served by the other, ended on one it is ended on both, and a
 * reminder fired on both at the same moment runs on one of them only.
 */
class TwoNodesTest {

    private static final Pattern END_FORM = Pattern.compile("action=\"/profile/sessions/([0-9a-f]+)/end\"");

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoServers() {
        assumeTrue(TestDatabase.serverAnswers(), "needs the PostgreSQL server on " + TestDatabase.HOST);
        String url = TestDatabase.createDatabase();
        // Both at once on the empty database, as a deployment's servers start together: one
        // migrates and writes the first-start data while the other waits its turn.
        var starting = java.util.concurrent.CompletableFuture.supplyAsync(() -> start(url));
        second = start(url);
        first = starting.join();
    }

    @AfterAll
    static void stopThem() {
        SecurityContextHolder.clearContext();
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {second, first}) {
            if (app != null) {
                app.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(AbriApplication.class).run("--abri.db.url=" + url,
                "--abri.db.user=" + TestDatabase.USER, "--abri.db.password=" + TestDatabase.PASSWORD,
                "--server.port=0", "--abri.admin.password=two-nodes-test-password",
                // The reminders' own schedule (minutes after start) is left on: the test fires it by hand.
                "--abri.reminders.enabled=true");
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static UserAccount caseworker() {
        Fixtures fixtures = first.getBean(Fixtures.class);
        return fixtures.user(fixtures.agency(), Role.CASEWORKER);
    }

    private static WebSession signedInOn(ConfigurableApplicationContext app, UserAccount user) {
        WebSession session = new WebSession(port(app));
        assertThat(session.signIn(user.username(), Fixtures.PASSWORD).headers().firstValue("Location")).get()
                .asString().doesNotContain("error");
        return session;
    }

    @Test
    void aSessionOpenedOnOneServerIsServedByTheOther() {
        UserAccount user = caseworker();
        WebSession onFirst = signedInOn(first, user);
        assertThat(onFirst.get("/profile").body()).contains(user.fullName());

        WebSession onSecond = onFirst.onPort(port(second));
        HttpResponse<String> profile = onSecond.get("/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains(user.fullName());
        // A form posted to the other server passes its CSRF check: the token lives in the shared session.
        HttpResponse<String> created = onSecond.post("/profile/tokens", Map.of("name", "from the second server"));
        assertThat(created.headers().firstValue("Location")).get().asString().endsWith("/profile");
        assertThat(onFirst.get("/profile").body()).contains("from the second server");

        // Signing out on one signs out on both.
        assertThat(onSecond.post("/logout", Map.of()).headers().firstValue("Location")).get().asString()
                .contains("signedOut");
        assertThat(onFirst.get("/profile").headers().firstValue("Location")).get().asString().endsWith("/login");
    }

    @Test
    void aSessionEndedOnOneServerIsSignedOutOnTheOther() {
        UserAccount user = caseworker();
        WebSession office = signedInOn(first, user);
        WebSession phone = signedInOn(second, user);
        assertThat(phone.get("/profile").statusCode()).isEqualTo(200);

        Matcher other = END_FORM.matcher(office.get("/profile").body());
        assertThat(other.find()).as("the office lists the phone's session with an end button").isTrue();
        String handle = other.group(1);
        assertThat(other.find()).as("only the other session has one").isFalse();
        assertThat(office.post("/profile/sessions/" + handle + "/end", Map.of()).headers().firstValue("Location"))
                .get().asString().contains("/profile");

        HttpResponse<String> afterwards = phone.get("/profile");
        assertThat(afterwards.statusCode()).isEqualTo(302);
        assertThat(afterwards.headers().firstValue("Location")).get().asString().endsWith("/login");
        assertThat(office.get("/profile").statusCode()).isEqualTo(200);
    }

    @Test
    void anOverdueReminderFiredOnBothServersAtOnceNotifiesOnce() throws Exception {
        Fixtures fixtures = first.getBean(Fixtures.class);
        Agency agency = fixtures.agency();
        UserAccount caseworker = fixtures.user(agency, Role.CASEWORKER);
        UserAccount supervisor = fixtures.supervisor(agency, caseworker);
        var child = fixtures.child("Grâce", "Test");
        child.setRiskLevel("high");
        UUID caseId = first.getBean(CaseRegistry.class).register(fixtures.signIn(caseworker), child).id();
        SecurityContextHolder.clearContext();

        List<ConfigurableApplicationContext> nodes = List.of(first, second);
        nodes.forEach(app -> app.getBean(MutableClock.class).advance(Duration.ofHours(25)));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> runs = nodes.stream().map(app -> {
                Runnable reminder = scheduled(app, "OverdueReminder.onSchedule");
                return threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    reminder.run();
                    return null;
                });
            }).toList();
            for (Future<Object> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
            nodes.forEach(app -> app.getBean(MutableClock.class).reset());
        }

        JdbcClient jdbc = first.getBean(JdbcClient.class);
        for (UserAccount user : List.of(caseworker, supervisor)) {
            assertThat(jdbc.sql("select count(*) from notification where user_id = ? and kind = 'step_overdue' and case_id = ?")
                    .params(user.id(), caseId).query(Long.class).single()).as("one notice each").isEqualTo(1L);
        }
        assertThat(jdbc.sql("select count(*) from overdue_notice where case_id = ?").param(caseId).query(Long.class)
                .single()).isEqualTo(1L);
        assertThat(nodes.stream().mapToLong(app -> runs(app, "overdue-reminder")).sum())
                .as("the job ran on one server, the other skipped it").isEqualTo(1L);
        assertThat(nodes.stream().mapToDouble(app -> Search.in(app.getBean(MeterRegistry.class))
                .name("abri.job.skipped").tag("job", "overdue-reminder").counters().stream()
                .mapToDouble(c -> c.count()).sum()).sum()).isEqualTo(1.0);
    }

    private static long runs(ConfigurableApplicationContext app, String job) {
        return Search.in(app.getBean(MeterRegistry.class)).name("abri.job").tag("job", job).timers().stream()
                .mapToLong(timer -> timer.count()).sum();
    }

    /** The application's own scheduled entry point, as its scheduler would call it. */
    private static Runnable scheduled(ConfigurableApplicationContext app, String method) {
        for (ScheduledTaskHolder holder : app.getBeansOfType(ScheduledTaskHolder.class).values()) {
            for (ScheduledTask task : holder.getScheduledTasks()) {
                if (task.getTask().toString().contains(method)) {
                    return task.getTask().getRunnable();
                }
            }
        }
        throw new AssertionError("no scheduled task " + method);
    }
}
