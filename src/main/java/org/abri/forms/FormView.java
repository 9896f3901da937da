package org.abri.forms;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.abri.lookups.Lookups;
import org.abri.platform.FormValues;
import org.springframework.stereotype.Component;

/**
 * What the form templates ask while drawing a form: the choices of a field in the reader's
 * language, whether a choice is ticked, the rows of a group, a calculated age. Used from
 * Thymeleaf as {@code @formView}.
 */
@Component("formView")
public class FormView {

    /** Empty rows offered under a repeating group's filled ones. */
    static final int BLANK_ROWS = 1;

    private final Lookups lookups;
    private final Locations locations;

    FormView(Lookups lookups, Locations locations) {
        this.lookups = lookups;
        this.locations = locations;
    }

    public record Choice(String code, String label) {
    }

    /** The choices of a select, multi-select or tick-box list, active ones only. */
    public List<Choice> choices(FieldDefinition field, Locale locale) {
        if (field.choiceFromLookup()) {
            return lookups.active(field.lookup()).stream().map(v -> new Choice(v.code(), v.label(locale))).toList();
        }
        return field.options().stream().map(o -> new Choice(o.code(), o.label().in(locale))).toList();
    }

    /** The label of a stored code, even one no longer offered. */
    public String choiceLabel(FieldDefinition field, Object code, Locale locale) {
        if (code == null) {
            return "";
        }
        String value = String.valueOf(code);
        if (field.choiceFromLookup()) {
            return lookups.label(field.lookup(), value, locale);
        }
        return field.options().stream().filter(o -> o.code().equals(value)).findFirst()
                .map(o -> o.label().in(locale)).orElse(value);
    }

    public List<String> choiceLabels(FieldDefinition field, Object codes, Locale locale) {
        if (!(codes instanceof Collection<?> list)) {
            return codes == null ? List.of() : List.of(choiceLabel(field, codes, locale));
        }
        return list.stream().map(code -> choiceLabel(field, code, locale)).toList();
    }

    public boolean chosen(Object value, String code) {
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(item -> code.equals(String.valueOf(item)));
        }
        return value != null && code.equals(String.valueOf(value));
    }

    public String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** A part of a consent value (decision, method, givenBy, date). */
    public String part(Object consent, String part) {
        return consent instanceof Map<?, ?> map && map.get(part) != null ? String.valueOf(map.get(part)) : "";
    }

    /**
     * The direction of a typed text from its first letter ({@code rtl} for Arabic, {@code ltr}
     * for Latin), or null when it has no letter: an Arabic note printed on a French form, or a
     * French one on an Arabic form, then keeps its punctuation where its writer put it.
     */
    public String direction(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            switch (Character.getDirectionality(codePoint)) {
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT:
                    return "ltr";
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC:
                    return "rtl";
                default:
                    i += Character.charCount(codePoint);
            }
        }
        return null;
    }

    /** The filled rows of a group plus blank ones to fill in. */
    public List<Map<?, ?>> rows(Object value, boolean editing) {
        List<Map<?, ?>> rows = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.stream().filter(row -> row instanceof Map<?, ?>).forEach(row -> rows.add((Map<?, ?>) row));
        }
        if (editing) {
            for (int i = 0; i < BLANK_ROWS; i++) {
                rows.add(Map.of());
            }
        }
        return rows;
    }

    /** The HTML id of a field named e.g. {@code family[2].name}. */
    public String id(String name) {
        return "f-" + name.replace('[', '-').replace("]", "").replace('.', '-');
    }

    /** The values that make a conditional field appear, for the page script. */
    public String conditionValues(FieldDefinition field) {
        return field.condition() == null ? "" : String.join(" ", field.condition().acceptedValues());
    }

    public boolean shown(FieldDefinition field, Map<?, ?> values) {
        return field.condition() == null || field.condition().holdsFor(values.get(field.condition().field()));
    }

    /** Whole years from a stored date to today, or null. */
    public Integer age(Object date) {
        try {
            return date == null ? null : Period.between(LocalDate.parse(String.valueOf(date)), LocalDate.now()).getYears();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public List<Location> locations() {
        return locations.active();
    }

    public String locationPath(Object id, Locale locale) {
        return locations.find(FormValues.uuidOrNull(String.valueOf(id))).map(l -> l.path(locale)).orElse(text(id));
    }

    /** Saved values under ids the form version shown does not have: kept, shown apart. */
    public Map<String, Object> notInForm(FormDefinition form, Map<String, ?> values) {
        Set<String> known = form.fieldsById().keySet();
        Map<String, Object> others = new LinkedHashMap<>();
        values.forEach((id, value) -> {
            if (!known.contains(id) || form.activeFields().stream().noneMatch(f -> f.id().equals(id))) {
                others.put(id, value);
            }
        });
        return others;
    }
}
