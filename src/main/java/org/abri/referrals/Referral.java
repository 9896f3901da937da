package org.abri.referrals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A referral as stored. Who may see which of it is decided by {@link Referrals}. */
public record Referral(UUID id, String reference, UUID caseId, String caseNumber, UUID fromAgencyId,
        String fromAgencyCode, UUID referredBy, String referredByName, UUID serviceId, String serviceName,
        String providerName, UUID toAgencyId, String toAgencyCode, String sector, String urgency, String reason,
        String planAction, List<String> sharedParts, String consentBasis, String bestInterestReason,
        Instant familyInformedAt, String status, Instant sentAt, Instant dueAt, Instant seenAt, Instant answeredAt,
        UUID assignedTo, String assignedToName, String declineReason, String serviceProvided,
        LocalDate serviceProvidedOn, String feedback, Instant closedAt, Instant withdrawnAt, Instant sharedPartFrozenAt,
        int version) {

    public static final List<String> STATUSES = List.of("sent", "seen", "accepted", "declined",
            "information_requested", "service_provided", "closed", "withdrawn");
    /** Waiting for the receiving agency's answer: these count against the deadline. */
    static final Set<String> AWAITING_ANSWER = Set.of("sent", "seen");
    static final Set<String> OPEN = Set.of("sent", "seen", "accepted", "information_requested", "service_provided");

    /** A provider off Abri: the referral was printed and its outcome is recorded by hand. */
    public boolean offSystem() {
        return toAgencyId == null;
    }

    public boolean open() {
        return OPEN.contains(status);
    }

    public boolean awaitingAnswer() {
        return AWAITING_ANSWER.contains(status);
    }

    public boolean overdue(Instant now) {
        return awaitingAnswer() && dueAt.isBefore(now);
    }

    /** The case has left the referring agency: the receiving side reads the shared part as it stood then. */
    public boolean sharedPartFrozen() {
        return sharedPartFrozenAt != null;
    }

    public boolean withoutConsent() {
        return "best_interest".equals(consentBasis);
    }

    /** A best-interest referral whose family has not yet been told. */
    public boolean familyToTell() {
        return withoutConsent() && familyInformedAt == null && !"withdrawn".equals(status);
    }
}
