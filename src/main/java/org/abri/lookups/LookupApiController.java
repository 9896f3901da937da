package org.abri.lookups;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.platform.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The editable lists whose codes a case carries (protection concerns, nationalities…). */
@RestController
@RequestMapping(path = "/api/v1/lookups", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Lookups", description = "Translated lists of codes used by cases. Open to every signed-in role.")
class LookupApiController {

    private final Lookups lookups;

    LookupApiController(Lookups lookups) {
        this.lookups = lookups;
    }

    @Schema(description = "One value of a list, with its label in the caller's language and in all three.")
    record LookupValueView(String code, String label, String labelFr, String labelEn, String labelAr, int sortOrder,
            boolean active) {
    }

    @GetMapping("/{list}")
    @Operation(operationId = "lookupValues", summary = "Values of a list", description = "In their display order; only active ones unless "
            + "`includeInactive=true`. `label` follows Accept-Language (fr, en, ar).")
    List<LookupValueView> values(
            @Parameter(description = "protection_concern, displacement_status, caregiver_relationship or nationality",
                    schema = @Schema(allowableValues = {Lookups.PROTECTION_CONCERN, Lookups.DISPLACEMENT_STATUS,
                            Lookups.CAREGIVER_RELATIONSHIP, Lookups.NATIONALITY}))
            @PathVariable String list,
            @Parameter(description = "Also list deactivated values") @RequestParam(defaultValue = "false")
            boolean includeInactive, Locale locale) {
        if (!Lookups.LISTS.contains(list)) {
            throw new NotFoundException("lookup.list_not_found");
        }
        return (includeInactive ? lookups.all(list) : lookups.active(list)).stream()
                .map(v -> new LookupValueView(v.code(), v.label(locale), v.labelFr(), v.labelEn(), v.labelAr(),
                        v.sortOrder(), v.active()))
                .toList();
    }
}
