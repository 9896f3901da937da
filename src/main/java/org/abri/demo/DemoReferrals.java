package org.abri.demo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.abri.cases.CaseRecords;
import org.abri.cases.ChildCase;
import org.abri.identity.CurrentUser;
import org.abri.identity.UserAccounts;
import org.abri.referrals.Referral;
import org.abri.referrals.Referrals;
import org.abri.referrals.Referrals.ReferralRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A handful of referrals between the demo agencies, and to organisations off Abri, each taken
 * to a different status through the referrals module as the demo users would (the referring
 * caseworker sends, the receiving focal point opens, accepts, declines or asks; the assigned
 * caseworker records the service and closes), so that inboxes, outboxes, the report and the
 * timelines show something. Fixed: the same referrals of the same cases on every load.
 */
@Component
class DemoReferrals {

    /** How far a referral is taken. */
    enum Scenario { SENT, SEEN, ACCEPTED, INFORMATION_REQUESTED, SERVICE_PROVIDED, CLOSED, DECLINED, OVERDUE,
        OFF_ABRI_OUTCOME, BEST_INTEREST }

    /**
     * One referral: who refers (a caseworker's username), a concern the child preferably has,
     * the service (a key of {@link DemoServiceMap#SERVICES}), the urgency and reason, what
     * happens next, and the receiving caseworker (username) when it is accepted.
     */
    record Planned(Scenario scenario, String referrer, String concern, String service, String urgency, String reason,
            String assignee) {
    }

    static final List<Planned> REFERRALS = List.of(
            new Planned(Scenario.SENT, "intlaide.cw3", "separated", "ONUENF_RRF", "medium",
                    "Enfant séparé arrivé seul au site PK3 ; la famille serait à Birao. Demande de recherche familiale.",
                    null),
            new Planned(Scenario.SEEN, "espoir.cw1", "psychosocial_distress", "MINPROT_ECOUTE", "low",
                    "Troubles du sommeil et repli depuis le déménagement de la famille ; écoute et orientation demandées.",
                    null),
            new Planned(Scenario.ACCEPTED, "minprot.cw1", null, "ESPOIR_ECOLE", "low",
                    "Enfant déscolarisé depuis deux ans, souhaite reprendre l'école.", "espoir.cw4"),
            new Planned(Scenario.INFORMATION_REQUESTED, "onuenf.cw2", "caafag", "INTLAIDE_EAFGA", "medium",
                    "Adolescent sorti d'un groupe armé, hébergé chez un oncle ; demande de réintégration.", null),
            new Planned(Scenario.SERVICE_PROVIDED, "espoir.cw4", "unaccompanied", "MINPROT_PLACEMENT", "high",
                    "Enfant non accompagné sans abri sûr ; placement temporaire demandé en attendant la recherche familiale.",
                    "minprot.cw3"),
            new Planned(Scenario.CLOSED, "intlaide.cw2", null, "ESPOIR_ECOLE", "low",
                    "Famille retournée à Paoua ; inscription et fournitures scolaires demandées.", "espoir.cw3"),
            new Planned(Scenario.DECLINED, "onuenf.cw1", "psychosocial_distress", "INTLAIDE_PSS", "medium",
                    "Cauchemars et isolement depuis l'arrivée au camp ; soutien psychosocial demandé.", null),
            new Planned(Scenario.OVERDUE, "espoir.cw1", "conflict_with_law", "MINPROT_JUSTICE", "high",
                    "Adolescent convoqué au commissariat ; accompagnement demandé pour l'audition.", null),
            new Planned(Scenario.OFF_ABRI_OUTCOME, "onuenf.cw2", "sexual_violence", "HOPITAL_BRIA_VBG", "high",
                    "Soins médicaux urgents et certificat médical.", null),
            new Planned(Scenario.BEST_INTEREST, "espoir.cw3", "physical_violence", "INTLAIDE_CLINIQUE", "high",
                    "Blessures à soigner sans délai.", null));

    static final String BEST_INTEREST_REASON = "Le parent qui a la garde est l'auteur présumé des violences : lui "
            + "demander son consentement mettrait l'enfant en danger, et l'enfant a besoin de soins aujourd'hui.";

    private static final ZoneOffset BANGUI = ZoneOffset.ofHours(1);

    private final Referrals referrals;
    private final CaseRecords records;
    private final UserAccounts accounts;
    private final DemoUsers users;
    private final JdbcClient jdbc;

    DemoReferrals(Referrals referrals, CaseRecords records, UserAccounts accounts, DemoUsers users, JdbcClient jdbc) {
        this.users = users;
        this.referrals = referrals;
        this.records = records;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /** Sends and answers the referrals; returns how many per status. */
    Map<String, Integer> load(LocalDate today, List<ChildCase> cases, Map<String, UUID> services) {
        Set<UUID> used = new HashSet<>();
        Set<UUID> withConsent = new HashSet<>();
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (Planned planned : REFERRALS) {
            ChildCase child = pick(planned, cases, used);
            used.add(child.id());
            boolean consent = planned.scenario() != Scenario.BEST_INTEREST;
            if (consent && withConsent.add(child.id())) {
                as(planned.referrer(), me -> records.create(me, child.id(), "consent_assent", consent(child)));
            }
            UUID serviceId = services.get(planned.service());
            String sector = DemoServiceMap.SERVICES.stream().filter(s -> s.key().equals(planned.service()))
                    .findFirst().orElseThrow().sector();
            Referral referral = as(planned.referrer(), me -> referrals.send(me, child.id(),
                    new ReferralRequest(serviceId, planned.urgency(), planned.reason(), null,
                            referrals.defaultParts(sector), consent ? null : BEST_INTEREST_REASON)));
            referral = follow(planned, referral, today);
            byStatus.merge(referral.status(), 1, Integer::sum);
        }
        // The overdue referral was backdated: flag it now, as the scheduled check would have.
        referrals.flagOverdue();
        return byStatus;
    }

    private Referral follow(Planned planned, Referral sent, LocalDate today) {
        String focal = sent.toAgencyCode() == null ? null
                : sent.toAgencyCode().toLowerCase(java.util.Locale.ROOT) + ".focal";
        return switch (planned.scenario()) {
            case SENT, BEST_INTEREST -> sent;
            case SEEN -> as(focal, me -> referrals.get(me, sent.id()));
            case ACCEPTED -> accept(focal, planned, sent);
            case INFORMATION_REQUESTED -> as(focal, me -> referrals.requestInformation(me, sent.id(),
                    "L'adolescent a-t-il déjà été enregistré par un programme de désarmement ? Merci de préciser "
                            + "aussi le nom de l'oncle qui l'héberge.", referrals.get(me, sent.id()).version()));
            case SERVICE_PROVIDED -> provide(accept(focal, planned, sent), planned.assignee(), today);
            case CLOSED -> as(planned.assignee(), me -> referrals.close(me, sent.id(),
                    "Enfant inscrit en CE2, fournitures remises ; il suit les cours de rattrapage chaque après-midi.",
                    provide(accept(focal, planned, sent), planned.assignee(), today).version()));
            case DECLINED -> as(focal, me -> referrals.decline(me, sent.id(),
                    "Notre programme psychosocial ne couvre pas la Vakaga ; nous suggérons les espaces amis des "
                            + "enfants de Birao.", referrals.get(me, sent.id()).version()));
            case OVERDUE -> backdate(sent);
            case OFF_ABRI_OUTCOME -> as(planned.referrer(), me -> referrals.recordOutcome(me, sent.id(),
                    "service_provided", "Vue par le médecin le jour même ; traitement et certificat remis.",
                    sent.version()));
        };
    }

    private Referral accept(String focal, Planned planned, Referral sent) {
        UUID assignee = accounts.findByUsername(planned.assignee()).orElseThrow().id();
        return as(focal, me -> referrals.accept(me, sent.id(), assignee, referrals.get(me, sent.id()).version()));
    }

    private Referral provide(Referral accepted, String assignee, LocalDate today) {
        return as(assignee, me -> referrals.recordService(me, accepted.id(),
                "Accueil, évaluation et prise en charge réalisés comme demandé.", today, accepted.version()));
    }

    /**
     * Referrals take their times from the application clock, so a referral sent during the load
     * can never be late yet: this one is moved three days back, directly in its table, which
     * is the only way (no public method of the referrals module sets a past sending time).
     */
    private Referral backdate(Referral sent) {
        Timestamp sentAt = Timestamp.from(sent.sentAt().minus(Duration.ofDays(3)));
        Timestamp dueAt = Timestamp.from(sent.dueAt().minus(Duration.ofDays(3)));
        jdbc.sql("update referral set sent_at = ?, due_at = ? where id = ?").params(sentAt, dueAt, sent.id()).update();
        jdbc.sql("update referral_event set occurred_at = ? where referral_id = ? and kind = 'sent'")
                .params(sentAt, sent.id()).update();
        return sent;
    }

    /**
     * The first open case of the referring caseworker (in the order of registration) with the
     * concern and the age the service takes, else one of the right age, else any open one.
     */
    private ChildCase pick(Planned planned, List<ChildCase> cases, Set<UUID> used) {
        UUID caseworker = accounts.findByUsername(planned.referrer()).orElseThrow().id();
        DemoServiceMap.Entry service = DemoServiceMap.SERVICES.stream()
                .filter(s -> s.key().equals(planned.service())).findFirst().orElseThrow();
        List<ChildCase> open = new ArrayList<>(cases.stream().filter(c -> c.caseworkerId().equals(caseworker))
                .filter(c -> "open".equals(c.status())).filter(c -> !used.contains(c.id())).toList());
        open.sort(Comparator.comparing(ChildCase::registeredAt));
        Function<ChildCase, Boolean> ageFits = c -> c.age() != null
                && (service.ageMin() == null || c.age() >= service.ageMin())
                && (service.ageMax() == null || c.age() <= service.ageMax());
        return open.stream().filter(ageFits::apply)
                .filter(c -> planned.concern() == null || c.protectionConcerns().contains(planned.concern()))
                .findFirst()
                .or(() -> open.stream().filter(ageFits::apply).findFirst())
                .or(() -> open.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("demo referrals: no open case for " + planned.referrer()));
    }

    /** The consent and assent form, every consent given, on the day the case was registered. */
    private static Map<String, Object> consent(ChildCase child) {
        String day = child.registeredAt().atOffset(BANGUI).toLocalDate().toString();
        Map<String, Object> given = Map.of("decision", "given", "method", "verbal", "givenBy", "both", "date", day);
        Map<String, Object> values = new HashMap<>();
        values.put("explanation_date", day);
        values.put("explained_by", "Gestionnaire de cas");
        values.put("language_used", "Sango");
        values.put("confidentiality_limits_explained", "yes");
        values.put("consent_case_management", given);
        values.put("consent_data_collection", given);
        values.put("consent_aggregate_sharing", given);
        values.put("consent_information_sharing", given);
        values.put("child_assent", "given");
        return values;
    }

    /** Each step recorded under the name of the demo user who took it, exactly as if they had clicked. */
    private <T> T as(String username, Function<CurrentUser, T> action) {
        return users.as(username, action);
    }
}
