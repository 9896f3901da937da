package org.abri.referrals;

import java.time.Duration;
import java.util.List;

import org.abri.cases.CaseTaskSource;
import org.abri.cases.CaseTasks;
import org.abri.identity.CurrentUser;
import org.abri.platform.ScheduledJobs;
import org.abri.platform.SqlParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The referring caseworker's to-dos that referrals leave (a family to tell of a referral made
 * without consent, a question of the receiving agency to answer), and the hourly flag of
 * referrals not answered in time.
 */
@Component
class ReferralDeadlines implements CaseTaskSource {

    /** A family told "as soon as it no longer puts the child at risk": a week is the reminder. */
    static final Duration TELL_FAMILY_WITHIN = Duration.ofDays(7);
    static final Duration ANSWER_QUESTION_WITHIN = Duration.ofDays(2);

    private final JdbcClient jdbc;
    private final Referrals referrals;
    private final ScheduledJobs jobs;
    private final boolean scheduled;

    ReferralDeadlines(JdbcClient jdbc, Referrals referrals, ScheduledJobs jobs,
            @Value("${abri.reminders.enabled:true}") boolean scheduled) {
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.jobs = jobs;
        this.scheduled = scheduled;
    }

    @Override
    public List<CaseTasks.Task> tasksOf(CurrentUser user, String casesInScope, List<Object> params) {
        return SqlParameters.bind(jdbc.sql("""
                select r.id, r.case_id, c.case_number, w.full_name as caseworker_name, c.risk_level, c.urgent,
                       case when r.status = 'information_requested' then 'referral_question' else 'referral_tell_family' end as kind,
                       case when r.status = 'information_requested'
                            then (select max(e.occurred_at) from referral_event e where e.referral_id = r.id
                                  and e.kind = 'information_requested') + make_interval(secs => ?)
                            else r.sent_at + make_interval(secs => ?) end as due
                from referral r join child_case c on c.id = r.case_id join app_user w on w.id = c.caseworker_id
                where (r.status = 'information_requested'
                       or (r.consent_basis = 'best_interest' and r.family_informed_at is null and r.status <> 'withdrawn'))
                  and r.case_id in (%s)""".formatted(casesInScope)),
                concat(List.of(ANSWER_QUESTION_WITHIN.toSeconds(), TELL_FAMILY_WITHIN.toSeconds()), params))
                .query((rs, n) -> new CaseTasks.Task(rs.getObject("case_id", java.util.UUID.class),
                        rs.getString("case_number"), rs.getString("caseworker_name"), rs.getString("risk_level"),
                        rs.getBoolean("urgent"), rs.getString("kind"), rs.getTimestamp("due").toInstant(),
                        "/referrals/" + rs.getObject("id", java.util.UUID.class)))
                .list();
    }

    private static List<Object> concat(List<Object> first, List<Object> second) {
        List<Object> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Every hour on one of the servers, unless switched off (the tests run it by hand, on their own clock). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT3M")
    void onSchedule() {
        if (scheduled) {
            jobs.run("referral-deadlines", Duration.ofHours(1), referrals::flagOverdue);
        }
    }
}
