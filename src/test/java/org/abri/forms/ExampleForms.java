package org.abri.forms;

import java.math.BigDecimal;
import java.util.List;

/** Hand-made form definitions for tests: one field of every type. */
public final class ExampleForms {

    public static final String LOCATION = "0b3f8f0e-52f6-4a8e-9d4e-1f2a3b4c5d6e";

    private ExampleForms() {
    }

    public static FormDefinition everyType() {
        return everyType("every_type");
    }

    public static Text text(String fr) {
        return new Text(fr, fr + " (en)", fr + " (ar)");
    }

    public static FieldDefinition field(String id, FieldType type) {
        return new FieldDefinition(id, type, text(id), null, false, null, null, null, null, null, null, null, false,
                false, null, null, null, null);
    }

    public static FieldOption option(String code) {
        return new FieldOption(code, text(code));
    }

    /** A form with one field of every type. */
    public static FormDefinition everyType(String id) {
        FieldDefinition separated = new FieldDefinition("separated", FieldType.YESNO, text("Séparé"), null, true, null,
                null, null, null, null, null, null, false, false, null, null, null, null);
        FieldDefinition separationDate = new FieldDefinition("separation_date", FieldType.DATE, text("Date"), null, true,
                null, null, null, null, null, null, new FieldCondition("separated", "yes", null), false, false, null,
                null, null, null);
        FieldDefinition name = new FieldDefinition("name", FieldType.TEXT, text("Nom"), null, true, null, null,
                "[\\p{L} '-]+", 40, null, null, null, false, false, null, null, null, null);
        FieldDefinition siblings = new FieldDefinition("siblings", FieldType.NUMBER, text("Frères"), null, false,
                BigDecimal.ZERO, BigDecimal.valueOf(20), null, null, null, null, null, false, false, null, null, null, null);
        FieldDefinition concern = new FieldDefinition("concern", FieldType.SELECT, text("Préoccupation"), null, false,
                null, null, null, null, "protection_concern", null, null, false, false, null, null, null, null);
        FieldDefinition needs = new FieldDefinition("needs", FieldType.MULTISELECT, text("Besoins"), null, false, null,
                null, null, null, null, List.of(option("food"), option("shelter")), null, false, false, null, null, null,
                null);
        FieldDefinition checks = new FieldDefinition("checks", FieldType.CHECKLIST, text("Critères"), null, false, null,
                null, null, null, null, List.of(option("safe"), option("in_school")), null, false, false, null, null,
                null, null);
        FieldDefinition member = new FieldDefinition("member_name", FieldType.TEXT, text("Membre"), null, true, null,
                null, null, null, null, null, null, false, false, null, null, null, null);
        FieldDefinition relation = new FieldDefinition("relation", FieldType.SELECT, text("Lien"), null, false, null, null,
                null, null, null, List.of(option("mother"), option("sibling")), null, false, false, null, null, null, null);
        FieldDefinition family = new FieldDefinition("family", FieldType.GROUP, text("Famille"), null, false, null, null,
                null, null, null, null, null, false, false, List.of(member, relation), null, null, null);
        FieldDefinition birth = field("birth_date", FieldType.DATE);
        FieldDefinition age = new FieldDefinition("age", FieldType.CALCULATED, text("Âge"), null, false, null, null, null,
                null, null, null, null, false, false, null, "age_from_date", "birth_date", null);
        FieldDefinition number = new FieldDefinition("case_number", FieldType.SYSTEM, text("N°"), null, false, null,
                null, null, null, null, null, null, false, false, null, null, null, "case_number");
        FieldDefinition retired = field("retired", FieldType.TEXT).withHidden(true);
        return new FormDefinition(id, 3, text("Tous les types"), null, true, List.of(
                new FormSection("one", text("Un"), false, List.of(name, field("story", FieldType.TEXTAREA), siblings,
                        birth, age, field("met_at", FieldType.DATETIME), separated, separationDate, concern, needs, checks,
                        field("location", FieldType.LOCATION), family, field("consent", FieldType.CONSENT), number,
                        retired))));
    }

}
