package org.abri.referrals;

import java.util.List;
import java.util.UUID;

import org.abri.cases.TimelineSource;
import org.abri.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The referrals of a case in its timeline, as the referring side sees them: sent, answered,
 * served, closed or withdrawn — with the reference and the service, never what was written.
 * Reads of the shared part stay on the referral's own page.
 */
@Component
class ReferralTimeline implements TimelineSource {

    @Override
    public Query query(CurrentUser reader, UUID caseId) {
        return new Query("""
                select e.occurred_at, u.full_name, 'referral_' || e.kind, 'timeline.referral.' || e.kind,
                       array[r.reference, s.name], '/referrals/' || r.id, 'r:' || e.id
                from referral_event e join referral r on r.id = e.referral_id join service s on s.id = r.service_id
                left join app_user u on u.id = e.actor_id
                where r.case_id = ? and e.kind in ('sent', 'accepted', 'declined', 'information_requested',
                      'information_given', 'service_provided', 'closed', 'withdrawn', 'family_informed')""",
                List.of(caseId));
    }
}
