package org.abri.forms;

import java.util.Map;

import org.abri.locations.Locations;
import org.abri.lookups.Lookups;
import org.abri.platform.FormValues;
import org.springframework.stereotype.Service;

/**
 * The server-side check of a submitted form against its definition, with the deployment's
 * lists and locations. Used by every module that stores form values, for pages and API alike.
 */
@Service
public class FormValidator {

    /** Above this, a record is refused whatever the definition says (a guard against abuse). */
    public static final int MAX_RECORD_CHARACTERS = 200_000;

    private final Lookups lookups;
    private final Locations locations;

    FormValidator(Lookups lookups, Locations locations) {
        this.lookups = lookups;
        this.locations = locations;
    }

    /**
     * The values to store, or an {@link org.abri.platform.InvalidInputException} naming each
     * problem. Values of fields the form no longer asks for are carried over from {@code previous}.
     */
    public Map<String, Object> check(FormDefinition form, Map<String, ?> submitted, Map<String, ?> previous) {
        if (submitted != null && String.valueOf(submitted).length() > MAX_RECORD_CHARACTERS) {
            throw new org.abri.platform.InvalidInputException(java.util.List.of(
                    new org.abri.platform.InvalidInputException.FieldProblem("", "validation.too_large")));
        }
        return FormSubmission.check(form, submitted, previous, lookups::isActive, id -> {
            java.util.UUID uuid = FormValues.uuidOrNull(id);
            return uuid != null && locations.exists(uuid);
        });
    }
}
