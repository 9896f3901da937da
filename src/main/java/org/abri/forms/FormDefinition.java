package org.abri.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A form as a deployment uses it: sections of fields, with texts in three languages. Each
 * change an administrator makes is a new version; a saved record names the version it was
 * filled with. {@code repeatable}: a case may hold several (follow-up visits, reviews).
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record FormDefinition(String id, int version, Text title, Text description, boolean repeatable,
        List<FormSection> sections, String subject) {

    /** A form about a child's case (the default). */
    public static final String CASE = "case";
    /** A form about a staff member or a team (supervision records). */
    public static final String STAFF = "staff";
    public static final List<String> SUBJECTS = List.of(CASE, STAFF);

    public FormDefinition {
        sections = sections == null ? List.of() : List.copyOf(sections);
        description = description == null ? Text.EMPTY : description;
    }

    public FormDefinition(String id, int version, Text title, Text description, boolean repeatable,
            List<FormSection> sections) {
        this(id, version, title, description, repeatable, sections, null);
    }

    /** What the form's records are about: {@link #CASE} unless the definition says otherwise. */
    @JsonIgnore
    public String subjectOrDefault() {
        return subject == null ? CASE : subject;
    }

    @JsonIgnore
    public boolean aboutStaff() {
        return STAFF.equals(subject);
    }

    /** Every top-level field, in order, by id (the fields of repeating groups are inside their group). */
    @JsonIgnore
    public Map<String, FieldDefinition> fieldsById() {
        Map<String, FieldDefinition> byId = new LinkedHashMap<>();
        for (FormSection section : sections) {
            for (FieldDefinition field : section.fields()) {
                byId.put(field.id(), field);
            }
        }
        return byId;
    }

    public Optional<FieldDefinition> field(String fieldId) {
        return Optional.ofNullable(fieldsById().get(fieldId));
    }

    /** Fields a user fills in now: neither the section nor the field is hidden. */
    @JsonIgnore
    public List<FieldDefinition> activeFields() {
        List<FieldDefinition> active = new ArrayList<>();
        for (FormSection section : sections) {
            if (!section.hidden()) {
                section.fields().stream().filter(field -> !field.hidden()).forEach(active::add);
            }
        }
        return active;
    }

    public FormDefinition withVersion(int newVersion) {
        return new FormDefinition(id, newVersion, title, description, repeatable, sections, subject);
    }

    public FormDefinition withSections(List<FormSection> newSections) {
        return new FormDefinition(id, version, title, description, repeatable, newSections, subject);
    }

    public FormDefinition withTitle(Text newTitle) {
        return new FormDefinition(id, version, newTitle, description, repeatable, sections, subject);
    }
}
