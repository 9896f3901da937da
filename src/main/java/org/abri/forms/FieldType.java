package org.abri.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of field a form can hold; written in lower case in definition files. */
public enum FieldType {
    TEXT, TEXTAREA, NUMBER, DATE, DATETIME, YESNO, SELECT, MULTISELECT, LOCATION, CHECKLIST, GROUP, CONSENT,
    CALCULATED, SYSTEM;

    @JsonValue
    public String code() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static FieldType fromCode(String code) {
        for (FieldType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown field type: " + code);
    }

    /** Fields whose value is a list of choices. */
    public boolean multiple() {
        return this == MULTISELECT || this == CHECKLIST;
    }

    /** Fields the user does not type into. */
    public boolean readOnly() {
        return this == CALCULATED || this == SYSTEM;
    }
}
