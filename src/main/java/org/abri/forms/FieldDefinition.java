package org.abri.forms;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One field of a form. Values are stored under {@code id}, never under the label, so that
 * renaming or translating a field never touches saved data.
 *
 * @param lookup      for select, multi-select and tick-box lists: the editable list of values
 * @param options     or the choices written in the form itself
 * @param fields      for a repeating group: the fields of one row
 * @param calculation for a calculated field: what it computes (e.g. {@code age_from_date}) …
 * @param source      … from which field
 * @param system      for a system field: which fact of the case it shows (case number…)
 * @param locked      a field the application needs (e.g. the child's name): it can be renamed,
 *                    never hidden or removed
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record FieldDefinition(String id, FieldType type, Text label, Text help, boolean required, BigDecimal min,
        BigDecimal max, String pattern, Integer maxLength, String lookup, List<FieldOption> options,
        FieldCondition condition, boolean hidden, boolean locked, List<FieldDefinition> fields, String calculation,
        String source, String system) {

    public static final int DEFAULT_TEXT_LENGTH = 500;
    public static final int DEFAULT_TEXTAREA_LENGTH = 5000;
    public static final int MAX_GROUP_ROWS = 50;

    public FieldDefinition {
        options = options == null ? List.of() : List.copyOf(options);
        fields = fields == null ? List.of() : List.copyOf(fields);
        help = help == null ? Text.EMPTY : help;
    }

    /** The longest text accepted, whatever the definition says. */
    public int lengthLimit() {
        int ceiling = type == FieldType.TEXTAREA ? DEFAULT_TEXTAREA_LENGTH : DEFAULT_TEXT_LENGTH;
        return maxLength == null ? ceiling : Math.min(maxLength, ceiling);
    }

    public boolean choiceFromLookup() {
        return lookup != null && !lookup.isBlank();
    }

    public FieldDefinition withLabel(Text newLabel) {
        return new FieldDefinition(id, type, newLabel, help, required, min, max, pattern, maxLength, lookup, options,
                condition, hidden, locked, fields, calculation, source, system);
    }

    public FieldDefinition withHelp(Text newHelp) {
        return new FieldDefinition(id, type, label, newHelp, required, min, max, pattern, maxLength, lookup, options,
                condition, hidden, locked, fields, calculation, source, system);
    }

    public FieldDefinition withHidden(boolean newHidden) {
        return new FieldDefinition(id, type, label, help, required, min, max, pattern, maxLength, lookup, options,
                condition, newHidden, locked, fields, calculation, source, system);
    }

    public FieldDefinition withRequired(boolean newRequired) {
        return new FieldDefinition(id, type, label, help, newRequired, min, max, pattern, maxLength, lookup, options,
                condition, hidden, locked, fields, calculation, source, system);
    }
}
