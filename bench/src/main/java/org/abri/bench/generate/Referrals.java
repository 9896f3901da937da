package org.abri.bench.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.abri.bench.generate.Cases.Plan;
import org.abri.bench.generate.Staff.User;

/**
 * Referrals of about one case in ten, with their events, as Referrals in the application writes
 * them: the reference AGENCY-RYEAR-NUMBER (one sequence for the deployment), the due date by
 * urgency from the SOP (24 hours, 3 days, 7 days), and statuses mixed: answered and closed for
 * closed cases; for open ones some still waiting, of which those sent long ago are overdue.
 */
final class Referrals {

    record Event(String kind, long at, User actor, UUID actorAgency, String note, List<String> parts) {
    }

    static final class Referral {
        UUID id;
        String reference;
        Plan plan;
        UUID fromAgency;
        User referredBy;
        Services.Service service;
        UUID toAgency;
        String urgency;
        String reason;
        List<String> sharedParts;
        boolean consent;
        String status;
        long sentAt;
        long dueAt;
        long seenAt = Long.MIN_VALUE;
        long answeredAt = Long.MIN_VALUE;
        User assignedTo;
        String declineReason;
        String serviceProvided;
        long serviceProvidedOn = Long.MIN_VALUE;
        String feedback;
        long closedAt = Long.MIN_VALUE;
        long withdrawnAt = Long.MIN_VALUE;
        long number;
        final List<Event> events = new ArrayList<>();
    }

    private Referrals() {
    }

    static long responseDelay(String urgency) {
        return switch (urgency) {
            case "high" -> Cases.DAY;
            case "medium" -> 3 * Cases.DAY;
            default -> 7 * Cases.DAY;
        };
    }

    static List<Referral> of(Cases cases, Plan p, Rng rng) {
        int count = cases.referrals[p.i];
        List<Referral> list = new ArrayList<>(count);
        Staff.Agency from = cases.staff.agencies.get(p.agencyIndex);
        long window = Math.max(3600, p.activeUntil - p.registeredAt);
        boolean caseOpen = p.step < Cases.CLOSED;
        for (int k = 0; k < count; k++) {
            Referral r = new Referral();
            r.number = cases.firstReferral[p.i] + k;
            r.id = rng.uuid();
            r.plan = p;
            r.fromAgency = from.id();
            r.referredBy = p.caseworker;
            String concern = p.concerns.get(rng.nextInt(p.concerns.size()));
            List<Services.Service> offered = cases.services.bySector.get(Services.sectorFor(rng, concern));
            Services.Service service = offered.get(rng.nextInt(offered.size()));
            if (service.provider().agency() != null && service.provider().agency().index() == p.agencyIndex) {
                service = offered.get(rng.nextInt(offered.size()));
            }
            r.service = service;
            Staff.Agency to = service.provider().agency();
            r.toAgency = to == null ? null : to.id();
            r.urgency = p.risk;
            r.reason = "Besoin identifié lors de l'évaluation : " + concern.replace('_', ' ');
            r.sharedParts = concern.equals("unaccompanied") || concern.equals("separated")
                    ? List.of("identity", "concerns", "location", "caregiver") : List.of("identity", "concerns");
            r.consent = rng.chance(0.88);
            // Waiting referrals of open cases are recent (a few overdue); others anywhere in the case's life.
            boolean waiting = caseOpen && rng.chance(0.3);
            r.sentAt = waiting ? Math.max(p.registeredAt + 600, cases.today - rng.between(1, 12 * 24) * 3600L)
                    : p.registeredAt + 600 + (long) (rng.nextDouble() * 0.8 * window);
            r.dueAt = r.sentAt + responseDelay(r.urgency);
            r.reference = from.spec().code() + "-R" + Cases.year(r.sentAt) + "-" + String.format("%05d", r.number);
            User focal = to == null ? null : service.focalPoint();
            UUID toId = to == null ? null : to.id();
            r.events.add(new Event("sent", r.sentAt, p.caseworker, from.id(), null, r.sharedParts));
            long t = r.sentAt;
            long horizon = Math.min(cases.today - 600, caseOpen ? cases.today - 600 : p.activeUntil + 30 * Cases.DAY);
            if (waiting) {
                if (to != null && rng.chance(0.5)) {
                    t = Math.min(horizon, t + rng.between(1, 20) * 3600L);
                    r.seenAt = t;
                    r.events.add(new Event("seen", t, focal, toId, null, null));
                    r.status = rng.chance(0.2) ? "information_requested" : "seen";
                    if (r.status.equals("information_requested")) {
                        t = Math.min(horizon, t + 3600);
                        r.events.add(new Event("information_requested", t, focal, toId,
                                "Pouvez-vous préciser l'adresse actuelle de la famille ?", null));
                    }
                } else {
                    r.status = "sent";
                }
                list.add(r);
                continue;
            }
            if (to == null) {
                // Off Abri: the referring side records the outcome by hand.
                t = Math.min(horizon, t + rng.between(2, 20) * Cases.DAY);
                r.status = rng.chance(0.6) ? "closed" : "service_provided";
                r.serviceProvided = "Service reçu (attestation du prestataire)";
                r.serviceProvidedOn = t;
                r.events.add(new Event("service_provided", t, p.caseworker, from.id(), r.serviceProvided, null));
                if (r.status.equals("closed")) {
                    t = Math.min(horizon, t + rng.between(1, 10) * Cases.DAY);
                    r.closedAt = t;
                    r.feedback = "Suivi effectué, besoin couvert";
                    r.events.add(new Event("closed", t, p.caseworker, from.id(), r.feedback, null));
                }
                list.add(r);
                continue;
            }
            t = Math.min(horizon, t + rng.between(1, 30) * 3600L);
            r.seenAt = t;
            r.events.add(new Event("seen", t, focal, toId, null, null));
            if (rng.chance(0.08)) {
                r.status = "withdrawn";
                r.withdrawnAt = Math.min(horizon, t + Cases.DAY);
                r.events.add(new Event("withdrawn", r.withdrawnAt, p.caseworker, from.id(), "La famille a déménagé", null));
                list.add(r);
                continue;
            }
            t = Math.min(horizon, t + rng.between(1, 48) * 3600L);
            r.answeredAt = t;
            if (rng.chance(0.1)) {
                r.status = "declined";
                r.declineReason = "Hors de notre zone d'intervention";
                r.events.add(new Event("declined", t, focal, toId, r.declineReason, null));
                list.add(r);
                continue;
            }
            List<User> receivers = cases.staff.caseworkers.get(to.index()).stream().filter(l -> !l.isEmpty())
                    .findFirst().orElse(List.of());
            r.assignedTo = receivers.isEmpty() ? focal : receivers.get(rng.nextInt(receivers.size()));
            r.events.add(new Event("accepted", t, focal, toId, null, null));
            double outcome = rng.nextDouble();
            if (outcome < (caseOpen ? 0.4 : 0.1)) {
                r.status = "accepted";
            } else {
                t = Math.min(horizon, t + rng.between(2, 30) * Cases.DAY);
                r.serviceProvided = "Service fourni selon le plan";
                r.serviceProvidedOn = t;
                r.events.add(new Event("service_provided", t, r.assignedTo, toId, r.serviceProvided, null));
                if (outcome < (caseOpen ? 0.75 : 0.3)) {
                    r.status = "service_provided";
                } else {
                    t = Math.min(horizon, t + rng.between(1, 10) * Cases.DAY);
                    r.status = "closed";
                    r.closedAt = t;
                    r.feedback = "Retour reçu, service satisfaisant";
                    r.events.add(new Event("closed", t, p.caseworker, from.id(), r.feedback, null));
                }
            }
            list.add(r);
        }
        return list;
    }

    static final String REFERRAL_COLUMNS = "id, reference, case_id, from_agency_id, referred_by, service_id, to_agency_id, "
            + "sector, urgency, reason, shared_parts, consent_basis, best_interest_reason, status, sent_at, due_at, seen_at, "
            + "answered_at, assigned_to, decline_reason, service_provided, service_provided_on, feedback, closed_at, "
            + "withdrawn_at, version";

    static void writeReferral(Referral r, CopyRows out) {
        out.uuid(r.id).raw(r.reference).uuid(r.plan.id).uuid(r.fromAgency).uuid(r.referredBy.id).uuid(r.service.id())
                .uuid(r.toAgency).raw(r.service.sector()).raw(r.urgency).text(r.reason).codes(r.sharedParts)
                .raw(r.consent ? "consent" : "best_interest")
                .text(r.consent ? null : "Danger immédiat : la famille ne peut être jointe").raw(r.status).time(r.sentAt)
                .time(r.dueAt).time(r.seenAt).time(r.answeredAt).uuid(r.assignedTo == null ? null : r.assignedTo.id)
                .text(r.declineReason).text(r.serviceProvided)
                .date(r.serviceProvidedOn == Long.MIN_VALUE ? null : CopyRows.day(r.serviceProvidedOn)).text(r.feedback)
                .time(r.closedAt).time(r.withdrawnAt).number(r.events.size() - 1);
        out.end();
    }

    static final String EVENT_COLUMNS = "id, referral_id, occurred_at, actor_id, actor_agency_id, kind, note, parts";

    static void writeEvents(Referral r, CopyRows out) {
        int k = 0;
        for (Event e : r.events) {
            out.number(r.number * 10 + k++).uuid(r.id).time(e.at()).uuid(e.actor() == null ? null : e.actor().id)
                    .uuid(e.actorAgency()).raw(e.kind()).text(e.note()).codes(e.parts());
            out.end();
        }
    }
}
