package org.abri.forms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a form page's parameters into the shape the API takes: one value per field, lists
 * for multiple choices, a list of rows for a repeating group ({@code family[2].name}), a
 * map for a consent ({@code consent.decision}). Only the fields of the form are read.
 */
public final class FormParameters {

    private static final Pattern ROW = Pattern.compile("(\\d{1,3})\\]\\.([a-z][a-z0-9_]*)");

    private FormParameters() {
    }

    public static Map<String, Object> read(FormDefinition form, Map<String, String[]> parameters) {
        return scope(form.activeFields(), parameters, "");
    }

    private static Map<String, Object> scope(List<FieldDefinition> fields, Map<String, String[]> parameters,
            String prefix) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDefinition field : fields) {
            String name = prefix + field.id();
            switch (field.type()) {
                case CALCULATED, SYSTEM -> { }
                case MULTISELECT, CHECKLIST -> {
                    String[] chosen = parameters.get(name);
                    if (chosen != null) {
                        values.put(field.id(), Arrays.stream(chosen).filter(v -> !v.isBlank()).toList());
                    }
                }
                case CONSENT -> {
                    Map<String, Object> consent = new LinkedHashMap<>();
                    for (String part : List.of("decision", "method", "givenBy", "date")) {
                        String value = first(parameters.get(name + "." + part));
                        if (value != null) {
                            consent.put(part, value);
                        }
                    }
                    if (!consent.isEmpty()) {
                        values.put(field.id(), consent);
                    }
                }
                case GROUP -> {
                    List<Map<String, Object>> rows = rows(field, parameters, name);
                    if (!rows.isEmpty()) {
                        values.put(field.id(), rows);
                    }
                }
                default -> {
                    String value = first(parameters.get(name));
                    if (value != null) {
                        values.put(field.id(), value);
                    }
                }
            }
        }
        return values;
    }

    /** Rows in the order of their index on the page; indexes need not be contiguous (rows removed). */
    private static List<Map<String, Object>> rows(FieldDefinition group, Map<String, String[]> parameters, String name) {
        TreeMap<Integer, Boolean> indexes = new TreeMap<>();
        for (String key : parameters.keySet()) {
            if (key.startsWith(name + "[")) {
                Matcher matcher = ROW.matcher(key.substring(name.length() + 1));
                if (matcher.matches()) {
                    indexes.put(Integer.parseInt(matcher.group(1)), true);
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<FieldDefinition> rowFields = group.fields().stream().filter(field -> !field.hidden()).toList();
        for (int index : indexes.keySet()) {
            rows.add(scope(rowFields, parameters, name + "[" + index + "]."));
        }
        return rows;
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }
}
