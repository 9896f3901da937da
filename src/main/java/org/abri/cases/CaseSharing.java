package org.abri.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * What of a case may leave its agency, and the consent that allows it. Referrals and
 * transfers (other modules) ask here; they check their own grant (an open referral, an
 * accepted transfer) before reading a shared part, and audit the read themselves.
 *
 * <p>A case is shared by <em>parts</em>: {@link #CORE_PARTS} of the registration, and the
 * latest record of a form, named {@code form:<form id>}. A part not asked for is never read.
 */
@Service
public class CaseSharing {

    /** identity: names, sex, date of birth and age; concerns; risk level; location; caregiver; background: nationality, displacement. */
    public static final List<String> CORE_PARTS = List.of("identity", "concerns", "risk", "location", "caregiver",
            "background");
    public static final String FORM_PART_PREFIX = "form:";

    static final String CONSENT_FORM = "consent_assent";

    private final CaseRegistry registry;
    private final CaseRecords records;

    CaseSharing(CaseRegistry registry, CaseRecords records) {
        this.registry = registry;
        this.records = records;
    }

    /** The consent of the child/family to share information with other providers, as last recorded. */
    public record SharingConsent(String decision, LocalDate date, String restrictions) {

        public static final SharingConsent NOT_RECORDED = new SharingConsent(null, null, null);

        public boolean given() {
            return "given".equals(decision);
        }
    }

    /**
     * The case as the user who would refer or transfer it sees it: only a user who may change
     * the case (its caseworker, their supervisor, the clerk who entered it) may send it out.
     * Not audited here: the caller records what it does with it.
     */
    public ChildCase forSending(CurrentUser sender, UUID caseId) {
        return registry.findEditable(sender, caseId);
    }

    /** The consent to share information (d) from the case's latest consent and assent form. */
    public SharingConsent informationSharingConsent(UUID caseId) {
        return records.latest(caseId, CONSENT_FORM).map(record -> {
            Object consent = record.data().get("consent_information_sharing");
            Object restrictions = record.data().get("sharing_restrictions");
            if (!(consent instanceof Map<?, ?> parts) || parts.get("decision") == null) {
                return new SharingConsent(null, null, restrictions == null ? null : restrictions.toString());
            }
            Object date = parts.get("date");
            return new SharingConsent(String.valueOf(parts.get("decision")),
                    date == null ? null : LocalDate.parse(date.toString()),
                    restrictions == null ? null : restrictions.toString());
        }).orElse(SharingConsent.NOT_RECORDED);
    }

    /** The parts this case could share: the core parts, then a part per form on file. */
    public List<String> shareableParts(UUID caseId) {
        List<String> parts = new ArrayList<>(CORE_PARTS);
        records.formsOnFile(caseId).stream().filter(form -> !CONSENT_FORM.equals(form))
                .forEach(form -> parts.add(FORM_PART_PREFIX + form));
        return parts;
    }

    /** An action of the case plan that may call for a referral: what, in which sector, how far along. */
    public record PlanAction(String action, String sector, String status) {
    }

    /** The actions of the case's latest plan not yet done or cancelled, to refer from. */
    public List<PlanAction> openPlanActions(UUID caseId) {
        return records.latest(caseId, "case_plan").map(plan -> {
            List<PlanAction> actions = new ArrayList<>();
            if (plan.data().get("actions") instanceof List<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> values && values.get("action") != null) {
                        String status = values.get("action_status") == null ? null : values.get("action_status").toString();
                        if (!"done".equals(status) && !"cancelled".equals(status)) {
                            actions.add(new PlanAction(values.get("action").toString(),
                                    values.get("action_sector") == null ? null : values.get("action_sector").toString(),
                                    status));
                        }
                    }
                }
            }
            return actions;
        }).orElse(List.of());
    }

    /** Whether a part name is one a case can have (a core part or a form part with a plausible id). */
    public static boolean isPart(String part) {
        return CORE_PARTS.contains(part)
                || part != null && part.startsWith(FORM_PART_PREFIX) && part.substring(FORM_PART_PREFIX.length())
                        .matches("[a-z][a-z0-9_]{0,62}");
    }

    /** One form shared with a referral: its latest record's values under field ids. */
    public record SharedRecord(String formId, int formVersion, java.time.Instant recordedAt, Map<String, Object> values) {
    }

    /**
     * Only the asked-for parts of a case. {@code fields} holds the registration fields of the
     * core parts, under their API names; a core part not asked for leaves its fields out
     * entirely (not even a null); {@code records} the latest record of each asked-for form.
     */
    public record SharedCase(UUID caseId, Map<String, Object> fields, List<SharedRecord> records) {
    }

    /** Reads the asked-for parts. The caller has checked its grant; this reads nothing else. */
    public SharedCase read(UUID caseId, Collection<String> parts) {
        ChildCase c = registry.load(caseId);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (parts.contains("identity")) {
            fields.put("givenNames", c.givenNames());
            fields.put("familyName", c.familyName());
            fields.put("otherNames", c.otherNames());
            fields.put("sex", c.sex());
            fields.put("dateOfBirth", c.dateOfBirth());
            fields.put("age", c.age());
        }
        if (parts.contains("concerns")) {
            fields.put("protectionConcerns", c.protectionConcerns());
        }
        if (parts.contains("risk")) {
            fields.put("riskLevel", c.riskLevel());
        }
        if (parts.contains("location")) {
            fields.put("locationId", c.locationId());
        }
        if (parts.contains("caregiver")) {
            fields.put("caregiverName", c.caregiverName());
            fields.put("caregiverRelationship", c.caregiverRelationship());
        }
        if (parts.contains("background")) {
            fields.put("nationality", c.nationality());
            fields.put("displacementStatus", c.displacementStatus());
        }
        List<SharedRecord> shared = new ArrayList<>();
        for (String part : parts) {
            if (part.startsWith(FORM_PART_PREFIX)) {
                Optional<CaseRecords.FormRecord> latest = records.latest(caseId, part.substring(FORM_PART_PREFIX.length()));
                latest.ifPresent(r -> shared.add(new SharedRecord(r.formId(), r.formVersion(), r.createdAt(), r.data())));
            }
        }
        return new SharedCase(caseId, fields, shared);
    }
}
