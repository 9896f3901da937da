package org.abri.sop;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SOP settings. A delay is an ISO-8601 duration ({@code PT24H}, {@code P7D}, {@code P3M});
 * a standard is a whole number. Read from the database each time: a change applies at once.
 */
@Service
public class SopSettings {

    public static final List<String> DELAYS = List.of("first_action", "initial_assessment", "comprehensive_assessment",
            "case_plan", "follow_up", "case_review", "post_closure_review", "referral_response");
    /**
     * Whole numbers. Those ending in {@code _days} may be 0 (e.g. no reading of a referral after
     * it is closed); the others are at least 1.
     */
    public static final List<String> STANDARDS = List.of("caseload_caseworker", "caseload_supervisor",
            "caseload_data_entry", "referral_read_days_after_close", "transfer_sender_read_days");
    public static final List<String> RISK_LEVELS = List.of("high", "medium", "low");

    private final JdbcClient jdbc;

    SopSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One setting as stored. */
    public record Setting(String name, String riskLevel, String value) {
    }

    /**
     * A delay, e.g. how long after registration the initial assessment is due for a high-risk
     * case. Months count as 30 days (a deadline is a number of days in the field).
     */
    public Duration delay(String name, String riskLevel) {
        return delays().of(name, riskLevel);
    }

    /** Every delay as it stands, read once: for computing many deadlines (a task list) in one go. */
    public Delays delays() {
        java.util.Map<String, Duration> byKey = new java.util.HashMap<>();
        for (Setting setting : all()) {
            if (DELAYS.contains(setting.name())) {
                byKey.put(setting.name() + "." + setting.riskLevel(), parseDelay(setting.value()).orElseThrow(
                        () -> new IllegalStateException("SOP setting " + setting.name() + " is not a delay")));
            }
        }
        return new Delays(byKey);
    }

    /** The delays of the SOP settings; a setting for any risk level applies when there is none for the case's. */
    public record Delays(java.util.Map<String, Duration> byKey) {

        public Duration of(String name, String riskLevel) {
            Duration delay = byKey.getOrDefault(name + "." + riskLevel, byKey.get(name + ".any"));
            if (delay == null) {
                throw new NotFoundException("sop.not_found");
            }
            return delay;
        }
    }

    public int standard(String name) {
        return jdbc.sql("select value::int from sop_setting where name = ? and risk_level = 'any'").param(name)
                .query(Integer.class).optional().orElseThrow(() -> new NotFoundException("sop.not_found"));
    }

    public List<Setting> all() {
        return jdbc.sql("select name, risk_level, value from sop_setting order by name, risk_level")
                .query(Setting.class).list();
    }

    /** Whether a value is acceptable for a setting (a positive delay, or a positive whole number). */
    public static boolean acceptable(String name, String value) {
        String clean = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
        return DELAYS.contains(name) ? parseDelay(clean).filter(d -> !d.isNegative() && !d.isZero()
                && d.compareTo(Duration.ofDays(3660)) < 0).isPresent()
                : STANDARDS.contains(name) && clean.matches(name.endsWith("_days") ? "0|[1-9][0-9]{0,3}" : "[1-9][0-9]{0,3}");
    }

    @Transactional
    public void update(CurrentUser actor, String name, String riskLevel, String value) {
        actor.require(Role.SYSTEM_ADMIN);
        String clean = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!acceptable(name, clean)) {
            throw new RuleViolationException(DELAYS.contains(name) ? "sop.delay_invalid" : "sop.standard_invalid");
        }
        int updated = jdbc.sql("update sop_setting set value = ?, updated_at = now(), updated_by = ? where name = ? and risk_level = ?")
                .params(clean, actor.id(), name, riskLevel).update();
        if (updated == 0) {
            throw new NotFoundException("sop.not_found");
        }
    }

    /**
     * Saves every changed setting of the page (fields named {@code <setting>.<risk level>}),
     * all or nothing: the first invalid value refuses the whole change, naming the setting.
     */
    @Transactional
    public void updateAll(CurrentUser actor, java.util.Map<String, String> values) {
        for (Setting setting : all()) {
            String value = values.get(setting.name() + "." + setting.riskLevel());
            if (value != null && !value.strip().equalsIgnoreCase(setting.value())) {
                try {
                    update(actor, setting.name(), setting.riskLevel(), value);
                } catch (RuleViolationException e) {
                    throw new RuleViolationException(e.code(), setting.name() + " (" + setting.riskLevel() + ")");
                }
            }
        }
    }

    /** PT24H, P3D, P2W, P3M (30 days a month): what an administrator may write. */
    static java.util.Optional<Duration> parseDelay(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(value.startsWith("PT") ? Duration.parse(value) : days(Period.parse(value)));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static Duration days(Period period) {
        return Duration.ofDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays());
    }

}
