package org.abri.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.abri.lookups.Lookups;
import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The standard forms shipped with Abri load at first start, complete in three languages. */
class ShippedFormsTest extends IntegrationTest {

    @Autowired
    ShippedForms shipped;
    @Autowired
    FormCatalogue catalogue;
    @Autowired
    Lookups lookups;

    @Test
    void everyShippedFormIsValidAndTranslatedAndInUseAfterTheFirstStart() throws Exception {
        List<FormDefinition> forms = shipped.forms();
        assertThat(forms).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (FormDefinition form : forms) {
            catalogue.problemsOf(form).forEach(p -> problems.add(p.code() + " @ " + p.path()));
            // Version 1 is the shipped file as loaded (other tests contextualise later versions).
            FormDefinition loaded = catalogue.version(form.id(), 1);
            assertThat(loaded.sections()).as(form.id()).isEqualTo(form.sections());
        }
        assertThat(problems).as("problems of the shipped forms").isEmpty();
        assertThat(catalogue.current()).extracting(FormDefinition::id)
                .containsAll(forms.stream().map(FormDefinition::id).toList());
    }

    @Test
    void theListsTheShippedFormsNeedExistWithTranslatedValues() throws Exception {
        for (ShippedForms.ShippedList list : shipped.lists()) {
            assertThat(lookups.listExists(list.name())).as(list.name()).isTrue();
            assertThat(lookups.all(list.name())).as(list.name()).hasSize(list.values().size())
                    .allSatisfy(value -> assertThat(value.labelAr()).isNotBlank());
        }
    }

    @Test
    void theFourSupervisionRecordsShipAsFormsAboutStaff() {
        for (String id : List.of("individual_supervision", "team_meeting", "case_discussion", "observation")) {
            FormDefinition form = catalogue.current(id).orElseThrow();
            assertThat(form.aboutStaff()).as(id).isTrue();
            assertThat(form.repeatable()).as(id).isTrue();
        }
        assertThat(catalogue.get("individual_supervision").field("agreed_actions")).isPresent();
        assertThat(catalogue.get("observation").field("agreed_actions")).isPresent();
        assertThat(catalogue.get("observation").field("practice").orElseThrow().options()).hasSize(8);
    }

    @Test
    void aSecondStartDoesNotAddVersions() throws Exception {
        int before = catalogue.history("follow_up_visit").size();
        shipped.run(null);
        assertThat(catalogue.history("follow_up_visit")).hasSize(before);
    }
}
