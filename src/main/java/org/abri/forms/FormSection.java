package org.abri.forms;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A titled part of a form, holding fields in their order. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record FormSection(String id, Text title, boolean hidden, List<FieldDefinition> fields) {

    public FormSection {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public FormSection withFields(List<FieldDefinition> newFields) {
        return new FormSection(id, title, hidden, newFields);
    }

    public FormSection withTitle(Text newTitle) {
        return new FormSection(id, newTitle, hidden, fields);
    }

    public FormSection withHidden(boolean newHidden) {
        return new FormSection(id, title, newHidden, fields);
    }
}
