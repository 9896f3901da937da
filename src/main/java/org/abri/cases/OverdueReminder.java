package org.abri.cases;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.abri.platform.ScheduledJobs;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the caseworker and their supervisors when a step of a case falls overdue — once per
 * deadline, so that a reminder is news and not noise. Runs every hour.
 */
@Component
class OverdueReminder {

    private final CaseTasks tasks;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ScheduledJobs jobs;
    private final boolean scheduled;

    OverdueReminder(CaseTasks tasks, JdbcClient jdbc, ApplicationEventPublisher events, ScheduledJobs jobs,
            @org.springframework.beans.factory.annotation.Value("${abri.reminders.enabled:true}") boolean scheduled) {
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.events = events;
        this.jobs = jobs;
        this.scheduled = scheduled;
    }

    /** Every hour on one of the servers, unless switched off (the tests run it by hand, on their own clock). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void onSchedule() {
        if (scheduled) {
            jobs.run("overdue-reminder", java.time.Duration.ofHours(1), this::remind);
        }
    }

    @Transactional
    public void remind() {
        for (CaseTasks.Task task : tasks.overdue()) {
            int fresh = jdbc.sql("insert into overdue_notice (case_id, kind, due) values (?, ?, ?) on conflict do nothing")
                    .params(task.caseId(), task.kind(), Timestamp.from(task.due())).update();
            if (fresh == 0) {
                continue;
            }
            UUID caseworker = jdbc.sql("select caseworker_id from child_case where id = ?").param(task.caseId())
                    .query(UUID.class).single();
            Set<UUID> recipients = new HashSet<>(jdbc.sql("select supervisor_id from supervision where caseworker_id = ?")
                    .param(caseworker).query(UUID.class).list());
            recipients.add(caseworker);
            events.publishEvent(new CaseEvents.CaseEvent("step_overdue", task.caseId(), task.caseNumber(),
                    Set.copyOf(recipients), null, task.kind()));
        }
    }
}
