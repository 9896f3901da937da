package org.abri.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.abri.forms.FieldDefinition;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormSection;
import org.springframework.stereotype.Component;

/**
 * Registration as a form definition ({@code registration}). Its locked fields are the core
 * identity fields, kept in indexed columns of the case (they drive search, lists, deadlines
 * and access): administrators rename and translate them. Every other field is the
 * deployment's own, drawn and checked by the forms engine and kept in the case's
 * {@code form_data}.
 */
@Component
class RegistrationForm {

    static final String FORM_ID = "registration";

    /** Core field id in the definition → property of CaseDetails (and name on the page). */
    static final Map<String, String> CORE_FIELDS = Map.ofEntries(
            Map.entry("given_names", "givenNames"), Map.entry("family_name", "familyName"),
            Map.entry("other_names", "otherNames"), Map.entry("sex", "sex"),
            Map.entry("date_of_birth", "dateOfBirth"), Map.entry("age_estimated", "ageEstimated"),
            Map.entry("nationality", "nationality"), Map.entry("displacement_status", "displacementStatus"),
            Map.entry("location", "locationId"), Map.entry("caregiver_name", "caregiverName"),
            Map.entry("caregiver_relationship", "caregiverRelationship"),
            Map.entry("protection_concerns", "protectionConcerns"), Map.entry("risk_level", "riskLevel"),
            Map.entry("consent_case_management", "consent_case_management"),
            Map.entry("consent_data_collection", "consent_data_collection"),
            Map.entry("consent_anonymous_data_sharing", "consent_anonymous_data_sharing"));

    private final FormCatalogue catalogue;

    RegistrationForm(FormCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    FormDefinition current() {
        return catalogue.get(FORM_ID);
    }

    /** The deployment's own fields only (not the core ones), in their sections, hidden ones out. */
    static FormDefinition extras(FormDefinition registration) {
        List<FormSection> sections = registration.sections().stream()
                .map(section -> section.withFields(section.fields().stream()
                        .filter(field -> !CORE_FIELDS.containsKey(field.id())).toList()))
                .filter(section -> !section.fields().isEmpty()).toList();
        return registration.withSections(sections);
    }

    /** Labels of the core fields in the reader's language, by their name on the page. */
    static Map<String, String> labels(FormDefinition registration, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (FieldDefinition field : registration.fieldsById().values()) {
            String name = CORE_FIELDS.get(field.id());
            if (name != null) {
                labels.put(name, field.label().in(locale));
            }
        }
        return labels;
    }

    /** Help texts of the core fields in the reader's language, by their name on the page. */
    static Map<String, String> helps(FormDefinition registration, Locale locale) {
        Map<String, String> helps = new LinkedHashMap<>();
        for (FieldDefinition field : registration.fieldsById().values()) {
            String name = CORE_FIELDS.get(field.id());
            if (name != null && !field.help().isEmpty()) {
                helps.put(name, field.help().in(locale));
            }
        }
        return helps;
    }
}
