package org.abri.transfers;

import java.time.Duration;

import org.abri.platform.ScheduledJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the sending agency's snapshots of transferred cases once {@code transfer_sender_read_days}
 * have passed, every hour on one of the servers (the tests run it by hand, on their own clock).
 */
@Component
class TransferSnapshotPurge {

    private final Transfers transfers;
    private final ScheduledJobs jobs;
    private final boolean scheduled;

    TransferSnapshotPurge(Transfers transfers, ScheduledJobs jobs,
            @Value("${abri.reminders.enabled:true}") boolean scheduled) {
        this.transfers = transfers;
        this.jobs = jobs;
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT4M")
    void onSchedule() {
        if (scheduled) {
            jobs.run("transfer-snapshot-purge", Duration.ofHours(1), transfers::purgeExpiredSnapshots);
        }
    }
}
