package org.abri.forms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;

/**
 * Checks what a user submitted against the form it was filled with, and turns it into the
 * values kept in {@code jsonb}: text stripped, numbers as numbers, dates as ISO text, choices
 * as codes. Unknown fields, wrong types and oversized values are refused, each with a
 * problem naming the field (group rows as {@code group[2].field}). A field whose condition
 * does not hold is not kept. Values of fields that are hidden or gone from the form are
 * carried over from what was saved before, so that contextualising never loses data.
 */
public final class FormSubmission {

    public static final List<String> CONSENT_DECISIONS = List.of("given", "refused");
    public static final List<String> CONSENT_METHODS = List.of("written", "verbal", "thumbprint");
    public static final List<String> CONSENT_GIVERS = List.of("child", "caregiver", "both");
    public static final List<String> YES_NO = List.of("yes", "no");
    static final int MAX_CHOICES = 100;

    private final BiPredicate<String, String> lookupCodeActive;
    private final Predicate<String> locationExists;
    private final List<FieldProblem> problems = new ArrayList<>();

    private FormSubmission(BiPredicate<String, String> lookupCodeActive, Predicate<String> locationExists) {
        this.lookupCodeActive = lookupCodeActive;
        this.locationExists = locationExists;
    }

    /**
     * The values to store, or an {@link InvalidInputException} naming each problem.
     *
     * @param submitted what came in (from JSON or from the page), keyed by field id
     * @param previous  what was saved before (empty for a new record)
     */
    static Map<String, Object> check(FormDefinition form, Map<String, ?> submitted, Map<String, ?> previous,
            BiPredicate<String, String> lookupCodeActive, Predicate<String> locationExists) {
        FormSubmission submission = new FormSubmission(lookupCodeActive, locationExists);
        Map<String, Object> values = submission.scope(form.activeFields(), submitted == null ? Map.of() : submitted, "");
        if (!submission.problems.isEmpty()) {
            throw new InvalidInputException(submission.problems);
        }
        // Carry over what the current form does not ask for (hidden or removed fields).
        Set<String> asked = new LinkedHashSet<>();
        form.activeFields().forEach(field -> asked.add(field.id()));
        Map<String, Object> kept = new LinkedHashMap<>(values);
        if (previous != null) {
            previous.forEach((id, value) -> {
                if (!asked.contains(id) && value != null) {
                    kept.put(id, value);
                }
            });
        }
        return kept;
    }

    private Map<String, Object> scope(List<FieldDefinition> fields, Map<String, ?> submitted, String prefix) {
        Map<String, FieldDefinition> known = new LinkedHashMap<>();
        fields.forEach(field -> known.put(field.id(), field));
        for (String key : submitted.keySet()) {
            if (!known.containsKey(key)) {
                problems.add(new FieldProblem(prefix + key, "validation.unknown_field"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        // First the values, then the conditions that depend on them.
        for (FieldDefinition field : fields) {
            if (field.type().readOnly()) {
                continue;
            }
            Object value = value(field, submitted.get(field.id()), prefix + field.id());
            if (value != null) {
                values.put(field.id(), value);
            }
        }
        for (FieldDefinition field : fields) {
            FieldCondition condition = field.condition();
            boolean shown = condition == null || condition.holdsFor(values.get(condition.field()));
            if (!shown) {
                values.remove(field.id());
                problems.removeIf(problem -> problem.field().equals(prefix + field.id())
                        || problem.field().startsWith(prefix + field.id() + "[")
                        || problem.field().startsWith(prefix + field.id() + "."));
            } else if (field.required() && !field.type().readOnly() && !values.containsKey(field.id())
                    && problems.stream().noneMatch(problem -> problem.field().startsWith(prefix + field.id()))) {
                problems.add(new FieldProblem(prefix + field.id(), "validation.required"));
            }
        }
        return values;
    }

    private Object value(FieldDefinition field, Object raw, String path) {
        if (raw == null || (raw instanceof String text && text.isBlank())) {
            return null;
        }
        return switch (field.type()) {
            case TEXT, TEXTAREA -> text(field, raw, path);
            case NUMBER -> number(field, raw, path);
            case DATE -> date(raw, path);
            case DATETIME -> dateTime(raw, path);
            case YESNO -> yesNo(raw, path);
            case SELECT -> choice(field, raw, path);
            case MULTISELECT, CHECKLIST -> choices(field, raw, path);
            case LOCATION -> location(raw, path);
            case GROUP -> rows(field, raw, path);
            case CONSENT -> consent(raw, path);
            case CALCULATED, SYSTEM -> null;
        };
    }

    private String text(FieldDefinition field, Object raw, String path) {
        if (!(raw instanceof String text)) {
            return wrongType(path);
        }
        String clean = text.strip();
        if (clean.length() > field.lengthLimit()) {
            problems.add(new FieldProblem(path, "validation.too_long", field.lengthLimit()));
            return null;
        }
        if (field.pattern() != null && !clean.matches(field.pattern())) {
            problems.add(new FieldProblem(path, "validation.invalid_format"));
            return null;
        }
        return clean;
    }

    private BigDecimal number(FieldDefinition field, Object raw, String path) {
        BigDecimal number;
        try {
            number = raw instanceof Number n ? new BigDecimal(n.toString())
                    : raw instanceof String s ? new BigDecimal(s.strip().replace(',', '.')) : null;
        } catch (NumberFormatException e) {
            number = null;
        }
        if (number == null || number.precision() > 18) {
            problems.add(new FieldProblem(path, "validation.invalid_format"));
            return null;
        }
        if (!FormDefinitionCheck.inRange(number, field)) {
            problems.add(new FieldProblem(path, "validation.range", field.min() == null ? "…" : field.min(),
                    field.max() == null ? "…" : field.max()));
            return null;
        }
        return number.stripTrailingZeros().scale() < 0 ? number.setScale(0) : number.stripTrailingZeros();
    }

    private String date(Object raw, String path) {
        try {
            return LocalDate.parse(String.valueOf(raw).strip()).toString();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(path, "validation.invalid_format"));
            return null;
        }
    }

    private String dateTime(Object raw, String path) {
        try {
            return LocalDateTime.parse(String.valueOf(raw).strip()).withSecond(0).withNano(0).toString();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(path, "validation.invalid_format"));
            return null;
        }
    }

    private String yesNo(Object raw, String path) {
        String value = raw instanceof Boolean yes ? (yes ? "yes" : "no") : String.valueOf(raw).strip();
        if (!YES_NO.contains(value)) {
            problems.add(new FieldProblem(path, "validation.invalid_choice"));
            return null;
        }
        return value;
    }

    private String choice(FieldDefinition field, Object raw, String path) {
        if (!(raw instanceof String code)) {
            return wrongType(path);
        }
        if (!allowed(field, code.strip())) {
            problems.add(new FieldProblem(path, "validation.invalid_choice"));
            return null;
        }
        return code.strip();
    }

    private List<String> choices(FieldDefinition field, Object raw, String path) {
        Collection<?> items = raw instanceof Collection<?> list ? list : raw instanceof String one ? List.of(one) : null;
        if (items == null) {
            return wrongType(path);
        }
        Set<String> codes = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof String code) || !allowed(field, code.strip())) {
                problems.add(new FieldProblem(path, "validation.invalid_choice"));
                return null;
            }
            if (!code.isBlank()) {
                codes.add(code.strip());
            }
        }
        if (codes.size() > MAX_CHOICES) {
            problems.add(new FieldProblem(path, "validation.too_many", MAX_CHOICES));
            return null;
        }
        return codes.isEmpty() ? null : List.copyOf(codes);
    }

    private boolean allowed(FieldDefinition field, String code) {
        if (code.isEmpty()) {
            return true;
        }
        if (field.choiceFromLookup()) {
            return lookupCodeActive.test(field.lookup(), code);
        }
        return field.options().stream().anyMatch(option -> option.code().equals(code));
    }

    private String location(Object raw, String path) {
        String id = String.valueOf(raw).strip();
        if (!locationExists.test(id)) {
            problems.add(new FieldProblem(path, "validation.invalid_choice"));
            return null;
        }
        return id;
    }

    private List<Map<String, Object>> rows(FieldDefinition group, Object raw, String path) {
        if (!(raw instanceof List<?> list)) {
            return wrongType(path);
        }
        if (list.size() > FieldDefinition.MAX_GROUP_ROWS) {
            problems.add(new FieldProblem(path, "validation.too_many", FieldDefinition.MAX_GROUP_ROWS));
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<FieldDefinition> rowFields = group.fields().stream().filter(field -> !field.hidden()).toList();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> row)) {
                problems.add(new FieldProblem(path + "[" + i + "]", "validation.invalid_format"));
                continue;
            }
            if (row.values().stream().allMatch(value -> value == null || (value instanceof String s && s.isBlank())
                    || (value instanceof Collection<?> c && c.isEmpty()))) {
                continue; // an empty row left on the page is not a row
            }
            Map<String, Object> stringKeys = new LinkedHashMap<>();
            row.forEach((key, value) -> stringKeys.put(String.valueOf(key), value));
            // Rows keep their position in problem names so the page can point at them.
            rows.add(scope(rowFields, stringKeys, path + "[" + i + "]."));
        }
        return rows.isEmpty() ? null : rows;
    }

    private Map<String, Object> consent(Object raw, String path) {
        if (!(raw instanceof Map<?, ?> consent)) {
            return wrongType(path);
        }
        for (Object key : consent.keySet()) {
            if (!List.of("decision", "method", "givenBy", "date").contains(String.valueOf(key))) {
                problems.add(new FieldProblem(path + "." + key, "validation.unknown_field"));
            }
        }
        Map<String, Object> value = new LinkedHashMap<>();
        String decision = blankToNull(consent.get("decision"));
        if (decision == null) {
            if (consent.values().stream().anyMatch(v -> blankToNull(v) != null)) {
                problems.add(new FieldProblem(path + ".decision", "validation.required"));
            }
            return null;
        }
        pick(value, "decision", decision, CONSENT_DECISIONS, path);
        pick(value, "method", blankToNull(consent.get("method")), CONSENT_METHODS, path);
        pick(value, "givenBy", blankToNull(consent.get("givenBy")), CONSENT_GIVERS, path);
        String date = blankToNull(consent.get("date"));
        if (date == null) {
            problems.add(new FieldProblem(path + ".date", "validation.required"));
        } else {
            String parsed = date(date, path + ".date");
            if (parsed != null && LocalDate.parse(parsed).isAfter(LocalDate.now())) {
                problems.add(new FieldProblem(path + ".date", "validation.date_in_future"));
            } else if (parsed != null) {
                value.put("date", parsed);
            }
        }
        return value;
    }

    private void pick(Map<String, Object> value, String key, String code, List<String> allowed, String path) {
        if (code == null) {
            problems.add(new FieldProblem(path + "." + key, "validation.required"));
        } else if (!allowed.contains(code)) {
            problems.add(new FieldProblem(path + "." + key, "validation.invalid_choice"));
        } else {
            value.put(key, code);
        }
    }

    private <T> T wrongType(String path) {
        problems.add(new FieldProblem(path, "validation.invalid_format"));
        return null;
    }

    private static String blankToNull(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
    }
}
