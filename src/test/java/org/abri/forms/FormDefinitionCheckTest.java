package org.abri.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.abri.forms.ExampleForms.field;
import static org.abri.forms.ExampleForms.text;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A broken definition is refused with each problem named, before anyone can use it. */
class FormDefinitionCheckTest {

    private static List<String> problems(FormDefinition form) {
        return FormDefinitionCheck.problemsOf(form, "protection_concern"::equals).stream()
                .map(problem -> problem.code() + " @ " + problem.path()).toList();
    }

    @Test
    void theExampleWithEveryFieldTypeIsValid() {
        assertThat(problems(ExampleForms.everyType())).isEmpty();
    }

    @Test
    void duplicateIdsUnknownListsBadConditionsAndMissingTranslationsAreNamed() {
        FieldDefinition untranslated = new FieldDefinition("plain", FieldType.TEXT, new Text("Seulement en français",
                null, ""), null, false, null, null, null, null, null, null, null, false, false, null, null, null, null);
        FieldDefinition unknownList = new FieldDefinition("reason", FieldType.SELECT, text("Motif"), null, false, null,
                null, null, null, "closure_reasons_typo", null, null, false, false, null, null, null, null);
        FieldDefinition noChoices = field("choice", FieldType.SELECT);
        FieldDefinition badCondition = new FieldDefinition("when", FieldType.DATE, text("Quand"), null, false, null, null,
                null, null, null, null, new FieldCondition("nowhere", "yes", null), false, false, null, null, null, null);
        FieldDefinition conditionOnText = new FieldDefinition("when2", FieldType.DATE, text("Quand"), null, false, null,
                null, null, null, null, null, new FieldCondition("plain", "yes", null), false, false, null, null, null,
                null);
        FieldDefinition badPattern = new FieldDefinition("code", FieldType.TEXT, text("Code"), null, false, null, null,
                "[unclosed", null, null, null, null, false, false, null, null, null, null);
        FieldDefinition nested = new FieldDefinition("outer", FieldType.GROUP, text("Groupe"), null, false, null, null,
                null, null, null, null, null, false, false, List.of(new FieldDefinition("inner", FieldType.GROUP,
                        text("Dedans"), null, false, null, null, null, null, null, null, null, false, false,
                        List.of(field("x", FieldType.TEXT)), null, null, null)), null, null, null);
        FieldDefinition lockedHidden = new FieldDefinition("core", FieldType.TEXT, text("Nom"), null, true, null, null,
                null, null, null, null, null, true, true, null, null, null, null);
        FieldDefinition badAge = new FieldDefinition("age", FieldType.CALCULATED, text("Âge"), null, false, null, null,
                null, null, null, null, null, false, false, null, "age_from_date", "plain", null);
        FormDefinition form = new FormDefinition("Bad Form", 1, text("Mauvais"), null, false, List.of(
                new FormSection("one", text("Un"), false, List.of(untranslated, unknownList, noChoices, badCondition,
                        conditionOnText, badPattern, nested, lockedHidden, badAge, field("plain", FieldType.TEXT)))));

        assertThat(problems(form)).containsExactlyInAnyOrder(
                "id_invalid @ Bad Form",
                "translation_missing @ Bad Form/one/plain",
                "duplicate_id @ Bad Form/one/plain",
                "lookup_unknown @ Bad Form/one/reason",
                "choices_missing @ Bad Form/one/choice",
                "condition_unknown_field @ Bad Form/one/when",
                "condition_source_type @ Bad Form/one/when2",
                "pattern_invalid @ Bad Form/one/code",
                "nested_group @ Bad Form/one/outer/inner",
                "locked_hidden @ Bad Form/one/core",
                "calculation_source @ Bad Form/one/age");
    }
}
