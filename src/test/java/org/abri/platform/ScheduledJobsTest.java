package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The one place where scheduled jobs are locked, measured and kept from killing the scheduler. */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledJobsTest extends IntegrationTest {

    @Autowired
    ScheduledJobs jobs;
    @Autowired
    MeterRegistry meters;

    private double count(String job, String outcome) {
        var timer = meters.find("abri.job").tag("job", job).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aJobRunsOncePerPeriodAndIsTimed() {
        String job = "test-once-" + System.nanoTime();
        AtomicInteger runs = new AtomicInteger();
        assertThat(jobs.run(job, Duration.ofHours(1), runs::incrementAndGet)).isTrue();
        assertThat(jobs.run(job, Duration.ofHours(1), runs::incrementAndGet)).as("ran within its period").isFalse();
        assertThat(runs).hasValue(1);
        assertThat(count(job, "success")).isEqualTo(1.0);
        assertThat(meters.find("abri.job.skipped").tag("job", job).counter().count()).isEqualTo(1.0);
        // A period already over: it runs again.
        assertThat(jobs.run(job, Duration.ZERO, runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aJobThatThrowsIsLoggedWithoutItsMessageAndTriedAgainNextTime(CapturedOutput output) {
        String job = "test-failing-" + System.nanoTime();
        assertThat(jobs.run(job, Duration.ofHours(1), () -> {
            throw new IllegalStateException("Chancelle Doui, 11 ans");
        })).isTrue();
        assertThat(count(job, "failure")).isEqualTo(1.0);
        assertThat(output.getAll()).contains("Job " + job + " failed", "java.lang.IllegalStateException")
                .doesNotContain("Chancelle");
        AtomicInteger runs = new AtomicInteger();
        assertThat(jobs.run(job, Duration.ofHours(1), runs::incrementAndGet)).as("a failure does not count as the period's run")
                .isTrue();
        assertThat(runs).hasValue(1);
    }
}
