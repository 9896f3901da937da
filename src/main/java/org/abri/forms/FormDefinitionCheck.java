package org.abri.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a form definition before it is used: ids well formed and unique, every text in
 * French, English and Arabic, lists and conditions pointing at things that exist. Runs on
 * the shipped files, on every administrator's change and on every imported bundle.
 */
final class FormDefinitionCheck {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,59}");
    static final Set<String> CALCULATIONS = Set.of("age_from_date");
    static final Set<String> SYSTEM_FACTS = Set.of("case_number", "registered_at", "caseworker", "agency", "status");
    private static final Set<FieldType> CONDITION_SOURCES =
            Set.of(FieldType.YESNO, FieldType.SELECT, FieldType.MULTISELECT, FieldType.CHECKLIST);

    private final Predicate<String> lookupExists;
    private final List<FormProblem> problems = new ArrayList<>();

    private FormDefinitionCheck(Predicate<String> lookupExists) {
        this.lookupExists = lookupExists;
    }

    /** The problems of a definition; empty when it can be used. */
    static List<FormProblem> problemsOf(FormDefinition form, Predicate<String> lookupExists) {
        FormDefinitionCheck check = new FormDefinitionCheck(lookupExists);
        check.form(form);
        return check.problems;
    }

    static void requireValid(FormDefinition form, Predicate<String> lookupExists) {
        List<FormProblem> found = problemsOf(form, lookupExists);
        if (!found.isEmpty()) {
            throw new InvalidFormDefinitionException(found);
        }
    }

    private void form(FormDefinition form) {
        String path = form.id() == null ? "?" : form.id();
        if (form.id() == null || !ID.matcher(form.id()).matches()) {
            problem(path, "id_invalid", String.valueOf(form.id()));
        }
        texts(path, "title", form.title(), true);
        texts(path, "description", form.description(), false);
        if (form.subject() != null && !FormDefinition.SUBJECTS.contains(form.subject())) {
            problem(path, "subject_invalid", form.subject());
        }
        if (form.sections().isEmpty()) {
            problem(path, "no_sections");
        }
        Set<String> sectionIds = new HashSet<>();
        Set<String> fieldIds = new HashSet<>();
        for (FormSection section : form.sections()) {
            String sectionPath = path + "/" + section.id();
            if (section.id() == null || !ID.matcher(section.id()).matches()) {
                problem(sectionPath, "id_invalid", String.valueOf(section.id()));
            } else if (!sectionIds.add(section.id())) {
                problem(sectionPath, "duplicate_id", section.id());
            }
            texts(sectionPath, "title", section.title(), true);
            for (FieldDefinition field : section.fields()) {
                field(sectionPath, field, fieldIds, false);
            }
        }
        Map<String, FieldDefinition> topLevel = form.fieldsById();
        for (FormSection section : form.sections()) {
            for (FieldDefinition field : section.fields()) {
                references(path + "/" + section.id(), field, topLevel);
                if (field.type() == FieldType.GROUP) {
                    Map<String, FieldDefinition> row = field.fields().stream()
                            .collect(Collectors.toMap(FieldDefinition::id, f -> f, (a, b) -> a));
                    for (FieldDefinition child : field.fields()) {
                        references(path + "/" + section.id() + "/" + field.id(), child, row);
                    }
                }
            }
        }
    }

    private void field(String parentPath, FieldDefinition field, Set<String> ids, boolean inGroup) {
        String path = parentPath + "/" + field.id();
        if (field.id() == null || !ID.matcher(field.id()).matches()) {
            problem(path, "id_invalid", String.valueOf(field.id()));
        } else if (!ids.add(field.id())) {
            problem(path, "duplicate_id", field.id());
        }
        if (field.type() == null) {
            problem(path, "type_missing");
            return;
        }
        texts(path, "label", field.label(), true);
        texts(path, "help", field.help(), false);
        if (field.locked() && field.hidden()) {
            problem(path, "locked_hidden");
        }
        switch (field.type()) {
            case SELECT, MULTISELECT, CHECKLIST -> choices(path, field);
            case GROUP -> {
                if (inGroup) {
                    problem(path, "nested_group");
                }
                if (field.fields().isEmpty()) {
                    problem(path, "group_empty");
                }
                for (FieldDefinition child : field.fields()) {
                    field(path, child, ids, true);
                }
            }
            case CALCULATED -> {
                if (!CALCULATIONS.contains(String.valueOf(field.calculation()))) {
                    problem(path, "calculation_unknown", String.valueOf(field.calculation()));
                }
            }
            case SYSTEM -> {
                if (!SYSTEM_FACTS.contains(String.valueOf(field.system()))) {
                    problem(path, "system_unknown", String.valueOf(field.system()));
                }
            }
            default -> { }
        }
        if (field.type() != FieldType.GROUP && !field.fields().isEmpty()) {
            problem(path, "fields_outside_group");
        }
        if (field.min() != null && field.max() != null && field.min().compareTo(field.max()) > 0) {
            problem(path, "min_above_max");
        }
        if ((field.min() != null || field.max() != null) && field.type() != FieldType.NUMBER
                && field.type() != FieldType.GROUP) {
            problem(path, "range_not_number");
        }
        if (field.maxLength() != null && field.maxLength() < 1) {
            problem(path, "max_length_invalid");
        }
        if (field.pattern() != null) {
            try {
                Pattern.compile(field.pattern());
            } catch (PatternSyntaxException e) {
                problem(path, "pattern_invalid", field.pattern());
            }
        }
    }

    private void choices(String path, FieldDefinition field) {
        if (field.choiceFromLookup()) {
            if (!lookupExists.test(field.lookup())) {
                problem(path, "lookup_unknown", field.lookup());
            }
            return;
        }
        if (field.options().isEmpty()) {
            problem(path, "choices_missing");
        }
        Set<String> codes = new HashSet<>();
        for (FieldOption option : field.options()) {
            if (option.code() == null || !ID.matcher(option.code()).matches()) {
                problem(path, "option_invalid", String.valueOf(option.code()));
            } else if (!codes.add(option.code())) {
                problem(path, "duplicate_option", option.code());
            }
            texts(path + "/" + option.code(), "label", option.label(), true);
        }
    }

    /** Conditions and calculations point at a field of the same scope (the form, or one group row). */
    private void references(String parentPath, FieldDefinition field, Map<String, FieldDefinition> scope) {
        String path = parentPath + "/" + field.id();
        FieldCondition condition = field.condition();
        if (condition != null) {
            FieldDefinition source = scope.get(condition.field());
            if (source == null || source == field) {
                problem(path, "condition_unknown_field", String.valueOf(condition.field()));
            } else if (!CONDITION_SOURCES.contains(source.type())) {
                problem(path, "condition_source_type", condition.field());
            } else if (condition.acceptedValues().isEmpty()) {
                problem(path, "condition_no_value");
            }
        }
        if (field.type() == FieldType.CALCULATED) {
            FieldDefinition source = field.source() == null ? null : scope.get(field.source());
            if (source == null || source.type() != FieldType.DATE) {
                problem(path, "calculation_source", String.valueOf(field.source()));
            }
        }
    }

    private void texts(String path, String what, Text text, boolean required) {
        if (text == null || text.isEmpty()) {
            if (required) {
                problem(path, "text_missing", what);
            }
            return;
        }
        if (!text.complete()) {
            problem(path, "translation_missing", what);
        }
    }

    private void problem(String path, String code, Object... arguments) {
        problems.add(new FormProblem(path, code, arguments));
    }

    static boolean inRange(BigDecimal value, FieldDefinition field) {
        return (field.min() == null || value.compareTo(field.min()) >= 0)
                && (field.max() == null || value.compareTo(field.max()) <= 0);
    }
}
