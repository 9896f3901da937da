package org.abri.supervision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.abri.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Competency assessments (form {@code competency_assessment}) against the deployment's
 * competency framework (the editable list {@code competency}): a score from 1 to 4 per
 * competency, and an individual capacity-building plan. The history of one person, oldest
 * first, and the figures of its progress chart. Seen by the person, their supervisors and
 * their agency's manager only (the visibility of {@link StaffRecords}).
 */
@Service
public class Competencies {

    public static final String FORM = "competency_assessment";
    public static final String FRAMEWORK = "competency";
    public static final int MAX_SCORE = 4;

    private final StaffRecords staffRecords;
    private final UserAccounts accounts;
    private final Lookups lookups;

    Competencies(StaffRecords staffRecords, UserAccounts accounts, Lookups lookups) {
        this.staffRecords = staffRecords;
        this.accounts = accounts;
        this.lookups = lookups;
    }

    /** One competency of the framework, worded in the reader's language. */
    public record Competency(String code, String label) {
    }

    /** One plan line: a goal, the activity towards it, its target date. */
    public record PlanLine(String goal, String activity, String targetDate) {
    }

    /** One assessment: when, by whom, the score of each competency (by code), the plan it produced. */
    public record Assessment(UUID recordId, LocalDate heldOn, String assessorName, Map<String, Integer> scores,
            List<PlanLine> plan) {

        public Integer score(String code) {
            return scores.get(code);
        }
    }

    /** A person's history, oldest assessment first, with the competencies that appear in it. */
    public record History(UUID userId, String fullName, List<Competency> competencies, List<Assessment> assessments) {

        public List<PlanLine> latestPlan() {
            return assessments.isEmpty() ? List.of() : assessments.get(assessments.size() - 1).plan();
        }

        /** The progress chart: a row per competency, a bar per assessment, the scale 0 to 4. */
        public org.abri.platform.BarChart chart(boolean rtl) {
            List<org.abri.platform.BarChart.Series> series = assessments.stream()
                    .map(a -> new org.abri.platform.BarChart.Series(a.heldOn().toString(),
                            competencies.stream().map(c -> a.score(c.code())).toList()))
                    .toList();
            List<String> ticks = java.util.stream.IntStream.rangeClosed(0, MAX_SCORE).mapToObj(String::valueOf).toList();
            return org.abri.platform.BarChart.of(competencies.stream().map(Competency::label).toList(), series, ticks,
                    rtl);
        }
    }

    /** Whether this user may see the competency history of this person: themselves, their supervisors, their manager. */
    public boolean maySee(CurrentUser reader, UUID userId) {
        return reader.id().equals(userId) || staffRecords.mayRecordAbout(reader, userId);
    }

    public boolean mayAssess(CurrentUser user, UUID userId) {
        return !user.id().equals(userId) && staffRecords.mayRecordAbout(user, userId);
    }

    /** The person, if this reader may see their history (404 otherwise, as for nobody). */
    public UserAccount person(CurrentUser reader, UUID userId) {
        UserAccount person = accounts.find(userId).orElseThrow(() -> new NotFoundException("user.not_found"));
        if (!maySee(reader, userId)) {
            throw new NotFoundException("user.not_found");
        }
        return person;
    }

    /** A new assessment's values: one row per active competency of the framework, to score. */
    public Map<String, Object> prefill() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LookupValue value : lookups.active(FRAMEWORK)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("competency", value.code());
            rows.add(row);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("scores", rows);
        return values;
    }

    @Transactional
    public StaffRecord record(CurrentUser assessor, UUID userId, LocalDate heldOn, String mode, Map<String, ?> values) {
        person(assessor, userId);
        if (!mayAssess(assessor, userId)) {
            throw new NotFoundException("user.not_found");
        }
        return staffRecords.create(assessor, new StaffRecords.StaffRecordRequest(FORM, userId, null, heldOn, mode,
                values));
    }

    /** The history of one person's assessments, oldest first. Audited (through {@link StaffRecords}). */
    @Transactional
    public History history(CurrentUser reader, UUID userId, Locale locale) {
        UserAccount person = person(reader, userId);
        List<StaffRecord> found = new ArrayList<>(staffRecords.list(reader, userId, FORM, null));
        found.sort(Comparator.comparing(StaffRecord::heldOn).thenComparing(StaffRecord::createdAt));
        List<Assessment> assessments = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        lookups.active(FRAMEWORK).forEach(v -> codes.add(v.code()));
        for (StaffRecord record : found) {
            Map<String, Integer> scores = new LinkedHashMap<>();
            if (record.data().get("scores") instanceof Collection<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> line && line.get("competency") != null) {
                        Integer score = score(line.get("score"));
                        if (score != null) {
                            String code = line.get("competency").toString();
                            scores.put(code, score);
                            codes.add(code);
                        }
                    }
                }
            }
            List<PlanLine> plan = new ArrayList<>();
            if (record.data().get("capacity_plan") instanceof Collection<?> rows) {
                for (Object row : rows) {
                    if (row instanceof Map<?, ?> line && line.get("goal") != null) {
                        plan.add(new PlanLine(text(line.get("goal")), text(line.get("activity")),
                                text(line.get("target_date"))));
                    }
                }
            }
            assessments.add(new Assessment(record.id(), record.heldOn(), record.createdByName(), scores, plan));
        }
        List<Competency> competencies = codes.stream()
                .map(code -> new Competency(code, lookups.label(FRAMEWORK, code, locale))).toList();
        return new History(userId, person.fullName(), competencies, assessments);
    }

    private static Integer score(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return value == null ? null : new BigDecimal(value.toString().strip()).intValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
