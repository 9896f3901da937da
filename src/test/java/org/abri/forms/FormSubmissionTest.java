package org.abri.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.abri.platform.InvalidInputException;
import org.abri.platform.InvalidInputException.FieldProblem;
import org.junit.jupiter.api.Test;

/** Every field type through the server-side check: what is kept, what is refused and why. */
class FormSubmissionTest {

    private static final String LOCATION_ID = ExampleForms.LOCATION;


    static Map<String, Object> check(Map<String, ?> submitted, Map<String, ?> previous) {
        return FormSubmission.check(ExampleForms.everyType(), submitted, previous,
                (list, code) -> "protection_concern".equals(list) && Set.of("neglect", "child_labour").contains(code),
                LOCATION_ID::equals);
    }

    @Test
    void everyFieldTypeIsKeptInItsStoredForm() {
        Map<String, Object> submitted = new LinkedHashMap<>();
        submitted.put("name", "  Zénabou Adoum ");
        submitted.put("story", "Arrivée seule au site de Kaga-Bandoro.");
        submitted.put("siblings", "3");
        submitted.put("birth_date", "2014-05-02");
        submitted.put("met_at", "2026-11-20T09:30");
        submitted.put("separated", "yes");
        submitted.put("separation_date", "2026-10-01");
        submitted.put("concern", "neglect");
        submitted.put("needs", List.of("food", "shelter", "food"));
        submitted.put("checks", "safe");
        submitted.put("location", LOCATION_ID);
        submitted.put("family", List.of(Map.of("member_name", "Adoum Mahamat", "relation", "sibling"),
                Map.of("member_name", "", "relation", "")));
        submitted.put("consent", Map.of("decision", "given", "method", "verbal", "givenBy", "both", "date", "2026-11-20"));

        Map<String, Object> kept = check(submitted, Map.of());

        assertThat(kept).containsEntry("name", "Zénabou Adoum").containsEntry("siblings", new BigDecimal("3"))
                .containsEntry("birth_date", "2014-05-02").containsEntry("met_at", "2026-11-20T09:30")
                .containsEntry("separated", "yes").containsEntry("separation_date", "2026-10-01")
                .containsEntry("concern", "neglect").containsEntry("needs", List.of("food", "shelter"))
                .containsEntry("checks", List.of("safe")).containsEntry("location", LOCATION_ID)
                .containsEntry("family", List.of(Map.of("member_name", "Adoum Mahamat", "relation", "sibling")))
                .containsEntry("consent", Map.of("decision", "given", "method", "verbal", "givenBy", "both",
                        "date", "2026-11-20"))
                .doesNotContainKeys("age", "case_number");
        // JSON numbers and booleans from the API are accepted for numbers and yes/no.
        assertThat(check(Map.of("name", "Ali", "siblings", 2, "separated", false), Map.of()))
                .containsEntry("siblings", new BigDecimal("2")).containsEntry("separated", "no");
    }

    @Test
    void unknownFieldsWrongTypesAndOversizedValuesAreRefusedFieldByField() {
        Map<String, Object> submitted = new LinkedHashMap<>();
        submitted.put("name", "x".repeat(41));
        submitted.put("nickname", "Zénab");
        submitted.put("siblings", "beaucoup");
        submitted.put("birth_date", "02/05/2014");
        submitted.put("separated", "peut-être");
        submitted.put("concern", "astrology");
        submitted.put("needs", Map.of("food", true));
        submitted.put("story", "y".repeat(FieldDefinition.DEFAULT_TEXTAREA_LENGTH + 1));
        submitted.put("location", "somewhere");
        submitted.put("family", List.of(Map.of("relation", "mother"), Map.of("member_name", "Ok", "age", "4")));
        submitted.put("consent", Map.of("decision", "given", "method", "telepathy", "date",
                LocalDate.now().plusDays(2).toString()));

        assertThatThrownBy(() -> check(submitted, Map.of())).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::code).contains(
                        org.assertj.core.groups.Tuple.tuple("name", "validation.too_long"),
                        org.assertj.core.groups.Tuple.tuple("nickname", "validation.unknown_field"),
                        org.assertj.core.groups.Tuple.tuple("siblings", "validation.invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("birth_date", "validation.invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("separated", "validation.invalid_choice"),
                        org.assertj.core.groups.Tuple.tuple("concern", "validation.invalid_choice"),
                        org.assertj.core.groups.Tuple.tuple("needs", "validation.invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("story", "validation.too_long"),
                        org.assertj.core.groups.Tuple.tuple("location", "validation.invalid_choice"),
                        org.assertj.core.groups.Tuple.tuple("family[0].member_name", "validation.required"),
                        org.assertj.core.groups.Tuple.tuple("family[1].age", "validation.unknown_field"),
                        org.assertj.core.groups.Tuple.tuple("consent.method", "validation.invalid_choice"),
                        org.assertj.core.groups.Tuple.tuple("consent.givenBy", "validation.required"),
                        org.assertj.core.groups.Tuple.tuple("consent.date", "validation.date_in_future")));
        assertThatThrownBy(() -> check(Map.of("name", "Ali", "siblings", "21", "separated", "no"), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("siblings", "validation.range")));
        assertThatThrownBy(() -> check(Map.of("name", "Ali3", "separated", "no"), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::code).containsExactly("validation.invalid_format"));
    }

    @Test
    void conditionsDecideWhetherAFieldIsAskedAndKept() {
        // Not separated: the date is neither required nor kept, even if the page sent one.
        assertThat(check(Map.of("name", "Ali", "separated", "no", "separation_date", "2026-01-01"), Map.of()))
                .doesNotContainKey("separation_date");
        // Separated: the date is required.
        assertThatThrownBy(() -> check(Map.of("name", "Ali", "separated", "yes"), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("separation_date"));
        assertThatThrownBy(() -> check(Map.of("separated", "no"), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "validation.required")));
    }

    @Test
    void valuesOfHiddenOrRemovedFieldsAreCarriedOverNotLost() {
        Map<String, Object> previous = Map.of("name", "Ali", "retired", "kept from version 1",
                "old_field", "a field removed in version 2");
        Map<String, Object> kept = check(Map.of("name", "Ali Mahamat", "separated", "no"), previous);
        assertThat(kept).containsEntry("name", "Ali Mahamat").containsEntry("retired", "kept from version 1")
                .containsEntry("old_field", "a field removed in version 2");
        // A hidden field cannot be written through the form any more.
        assertThatThrownBy(() -> check(Map.of("name", "Ali", "separated", "no", "retired", "new"), previous))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("retired", "validation.unknown_field")));
    }
}
