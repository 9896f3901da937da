package org.abri.referrals;

import java.time.Instant;
import java.util.List;

/** One thing that happened to a referral; {@code note} is what the actor wrote (a question, an answer…). */
public record ReferralEvent(Instant occurredAt, String actorName, String actorAgencyCode, String kind, String note,
        List<String> parts) {
}
