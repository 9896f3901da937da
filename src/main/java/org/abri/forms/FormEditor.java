package org.abri.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The changes an administrator makes to a form, each producing a new definition from the
 * current one (the catalogue then checks and stores it as the next version). Pure: no I/O.
 */
final class FormEditor {

    static final List<String> LANGUAGES = List.of("fr", "en", "ar");

    private FormEditor() {
    }

    /** Texts and visibility as edited on the editor page, keyed {@code s.<section>.…} and {@code f.<field>.…}. */
    static FormDefinition applyTexts(FormDefinition form, Map<String, String> edits) {
        Text title = texts(form.title(), edits, "title");
        List<FormSection> sections = new ArrayList<>();
        for (FormSection section : form.sections()) {
            String key = "s." + section.id();
            FormSection changed = section.withTitle(texts(section.title(), edits, key + ".title"))
                    .withHidden(edits.containsKey(key + ".hidden"));
            sections.add(changed.withFields(section.fields().stream().map(field -> applyField(field, edits)).toList()));
        }
        return form.withTitle(title).withSections(sections);
    }

    private static FieldDefinition applyField(FieldDefinition field, Map<String, String> edits) {
        String key = "f." + field.id();
        FieldDefinition changed = field.withLabel(texts(field.label(), edits, key + ".label"))
                .withHelp(texts(field.help(), edits, key + ".help"))
                .withHidden(!field.locked() && edits.containsKey(key + ".hidden"))
                .withRequired(field.locked() ? field.required() : edits.containsKey(key + ".required"));
        if (field.type() == FieldType.GROUP) {
            changed = withChildren(changed, changed.fields().stream().map(child -> applyField(child, edits)).toList());
        }
        return changed;
    }

    private static Text texts(Text current, Map<String, String> edits, String key) {
        Text result = current == null ? Text.EMPTY : current;
        for (String language : LANGUAGES) {
            if (edits.containsKey(key + "." + language)) {
                result = result.with(language, edits.get(key + "." + language));
            }
        }
        return result;
    }

    /** Moves a section (field null) or a field within its section or group, one place up (-1) or down (+1). */
    static FormDefinition move(FormDefinition form, String sectionId, String fieldId, int direction) {
        if (fieldId == null || fieldId.isBlank()) {
            return form.withSections(moved(form.sections(), s -> s.id().equals(sectionId), direction));
        }
        return mapSections(form, section -> {
            if (section.fields().stream().anyMatch(f -> f.id().equals(fieldId))) {
                return section.withFields(moved(section.fields(), f -> f.id().equals(fieldId), direction));
            }
            return section.withFields(section.fields().stream().map(field -> field.type() == FieldType.GROUP
                    && field.fields().stream().anyMatch(child -> child.id().equals(fieldId))
                    ? withChildren(field, moved(field.fields(), child -> child.id().equals(fieldId), direction))
                    : field).toList());
        });
    }

    /** Adds a field at the end of a section, or of a repeating group when {@code groupId} is given. */
    static FormDefinition addField(FormDefinition form, String sectionId, String groupId, FieldDefinition field) {
        return mapSections(form, section -> {
            if (!section.id().equals(sectionId)) {
                return section;
            }
            if (groupId == null || groupId.isBlank()) {
                List<FieldDefinition> fields = new ArrayList<>(section.fields());
                fields.add(field);
                return section.withFields(fields);
            }
            return section.withFields(section.fields().stream().map(existing -> {
                if (!existing.id().equals(groupId)) {
                    return existing;
                }
                List<FieldDefinition> children = new ArrayList<>(existing.fields());
                children.add(field);
                return withChildren(existing, children);
            }).toList());
        });
    }

    static FormDefinition addSection(FormDefinition form, FormSection section) {
        List<FormSection> sections = new ArrayList<>(form.sections());
        sections.add(section);
        return form.withSections(sections);
    }

    /** A new field as the editor's "add a field" form describes it. */
    static FieldDefinition newField(String id, FieldType type, Text label, Text help, boolean required, String lookup,
            BigDecimal min, BigDecimal max, FieldCondition condition, String source, String system) {
        List<FieldDefinition> children = null;
        if (type == FieldType.GROUP) {
            // A group needs one field per row to start with; more are added to it afterwards.
            children = List.of(new FieldDefinition(id + "_item", FieldType.TEXT, label, null, false, null, null, null,
                    null, null, null, null, false, false, null, null, null, null));
        }
        boolean choices = type == FieldType.SELECT || type.multiple();
        return new FieldDefinition(id, type, label, help, required, type == FieldType.NUMBER ? min : null,
                type == FieldType.NUMBER ? max : null, null, null, choices ? lookup : null, null, condition, false, false,
                children, type == FieldType.CALCULATED ? "age_from_date" : null,
                type == FieldType.CALCULATED ? source : null, type == FieldType.SYSTEM ? system : null);
    }

    private static FormDefinition mapSections(FormDefinition form, UnaryOperator<FormSection> change) {
        return form.withSections(form.sections().stream().map(change).toList());
    }

    private static FieldDefinition withChildren(FieldDefinition group, List<FieldDefinition> children) {
        return new FieldDefinition(group.id(), group.type(), group.label(), group.help(), group.required(), group.min(),
                group.max(), group.pattern(), group.maxLength(), group.lookup(), group.options(), group.condition(),
                group.hidden(), group.locked(), children, group.calculation(), group.source(), group.system());
    }

    private static <T> List<T> moved(List<T> items, java.util.function.Predicate<T> which, int direction) {
        List<T> result = new ArrayList<>(items);
        for (int i = 0; i < result.size(); i++) {
            if (which.test(result.get(i))) {
                int to = i + Integer.signum(direction);
                if (to >= 0 && to < result.size()) {
                    result.add(to, result.remove(i));
                }
                break;
            }
        }
        return result;
    }
}
