package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.abri.support.IntegrationTest;
import org.abri.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The settings the national-scale benchmark led to (bench/README.md) hold on every connection. */
class DatabaseSessionTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyConnectionRunsWithoutJitAndPlansEachExecutionForItsValues() {
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.sql("select current_setting('jit')").query(String.class).single()).isEqualTo("off");
            assertThat(jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single())
                    .isEqualTo("force_custom_plan");
        }
    }

    @Test
    void readinessAndLivenessAreOpenProbesThatSayUpOnceStarted() {
        WebSession anonymous = new WebSession(port);
        for (String probe : new String[] {"/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health"}) {
            HttpResponse<String> response = anonymous.get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).as(probe).contains("\"UP\"").doesNotContain("components", "details");
        }
    }
}
