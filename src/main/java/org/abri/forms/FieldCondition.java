package org.abri.forms;

import java.util.Collection;
import java.util.List;

/**
 * When a field is shown: another field of the same form (or of the same repeating group)
 * equals a value, or holds one of several values. A hidden field's value is not kept.
 */
public record FieldCondition(String field, String equals, List<String> in) {

    public boolean holdsFor(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Collection<?> chosen) {
            return chosen.stream().anyMatch(item -> accepts(String.valueOf(item)));
        }
        return accepts(String.valueOf(value));
    }

    private boolean accepts(String value) {
        return (equals != null && equals.equals(value)) || (in != null && in.contains(value));
    }

    /** The values that satisfy the condition, for the page script. */
    public List<String> acceptedValues() {
        if (in != null && !in.isEmpty()) {
            return in;
        }
        return equals == null ? List.of() : List.of(equals);
    }
}
