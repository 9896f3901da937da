package org.abri.services;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.abri.platform.FieldChecks;
import org.abri.platform.NotFoundException;
import org.abri.services.ServiceInputs.ServiceInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service map and the referral pathways over the API. Everyone signed in reads them;
 * coordinators and system administrators change every entry, an agency administrator their own
 * agency's (another agency's answers 404); anyone else gets 403.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Service map", description = "Providers' services by sector, where and for whom, last verification; "
        + "referral pathways per protection concern.")
class ServiceApiController {

    private final ServiceMap map;
    private final ServiceMapEditor editor;
    private final ServicePathways pathways;

    ServiceApiController(ServiceMap map, ServiceMapEditor editor, ServicePathways pathways) {
        this.map = map;
        this.editor = editor;
        this.pathways = pathways;
    }

    @Schema(description = "A service of the map. `stale` is true when it was last verified more than six months ago.")
    record ServiceView(UUID id, UUID providerId, String providerName, UUID providerAgencyId,
            String providerAgencyCode, boolean onSystem, String sector, String name, String description,
            String contactPerson, String phone, String email, String hours, Integer ageMin, Integer ageMax,
            List<String> sexes, List<String> concerns, String eligibilityNotes, List<UUID> locationIds,
            String languages, String cost, UUID focalPointId, LocalDate lastVerifiedOn, boolean stale,
            boolean active, int version) {

        static ServiceView of(ServiceEntry e, boolean stale) {
            return new ServiceView(e.id(), e.providerId(), e.providerName(), e.providerAgencyId(),
                    e.providerAgencyCode(), e.onSystem(), e.sector(), e.name(), e.description(), e.contactPerson(),
                    e.phone(), e.email(), e.hours(), e.ageMin(), e.ageMax(), e.sexes(), e.concerns(),
                    e.eligibilityNotes(), e.locationIds(), e.languages(), e.cost(), e.focalPointId(),
                    e.lastVerifiedOn(), stale, e.active(), e.version());
        }
    }

    @Schema(description = "A service to add or (with `version`) to edit. Empty `sexes`, `concerns` or `locationIds` "
            + "mean anyone / everywhere; a location covers the places under it.")
    record ServiceRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID providerId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A code of the list service_sector")
            String sector,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name, String description,
            String contactPerson, String phone, String email, String hours,
            @Schema(minimum = "0", maximum = "25") Integer ageMin, @Schema(minimum = "0", maximum = "25") Integer ageMax,
            @Schema(description = "female, male") List<String> sexes,
            @Schema(description = "Codes of the list protection_concern") List<String> concerns,
            String eligibilityNotes, List<UUID> locationIds, String languages, String cost, UUID focalPointId,
            @Schema(description = "Required to edit: the version read before") Integer version) {

        ServiceInput input() {
            return new ServiceInput(providerId, sector, name, description, contactPerson, phone, email, hours, ageMin,
                    ageMax, sexes == null ? List.of() : sexes, concerns == null ? List.of() : concerns,
                    eligibilityNotes, locationIds == null ? List.of() : locationIds, languages, cost, focalPointId,
                    null);
        }
    }

    @Schema(description = "The pathway that applies: of the place, else of the nearest place above it, else the "
            + "general one; each step with the active services that fit it.")
    record PathwayView(String concern, UUID locationId, UUID appliesFromLocationId, boolean general,
            List<PathwayStepView> steps) {
    }

    record PathwayStepView(int position, String sector, Integer withinHours, String note,
            List<ServiceView> services) {
    }

    @GetMapping("/services")
    @Operation(operationId = "searchServices", summary = "Search the service map",
            description = "Active services matching every filter given: a location matches the services covering it "
                    + "or a place above it (or everywhere); age, sex and concern match the eligibility.")
    List<ServiceView> search(@Parameter(description = "A sector code") @RequestParam(required = false) String sector,
            @Parameter(description = "A location id") @RequestParam(required = false) UUID location,
            @Parameter(description = "A protection concern code") @RequestParam(required = false) String concern,
            @Parameter(description = "A child's age in years") @RequestParam(required = false) Integer age,
            @Parameter(description = "female or male") @RequestParam(required = false) String sex,
            @Parameter(description = "Words of the name, provider or description") @RequestParam(required = false)
            String q) {
        return map.search(new ServiceFilter(sector, location, concern, age, sex, q)).stream()
                .map(entry -> ServiceView.of(entry, map.stale(entry))).toList();
    }

    @GetMapping("/services/{id}")
    @Operation(operationId = "readService", summary = "Read a service of the map", description = "With its `version`.")
    ServiceView read(@PathVariable UUID id) {
        ServiceEntry entry = map.find(id).orElseThrow(() -> new NotFoundException("service.not_found"));
        return ServiceView.of(entry, map.stale(entry));
    }

    @PostMapping("/services")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createService", summary = "Add a service to the map",
            description = "Coordinators and system administrators; an agency administrator for a provider of their "
                    + "agency (another agency's provider answers 404). Verified today. Answers 201 with its Location.")
    ResponseEntity<ServiceView> create(@AuthenticationPrincipal CurrentUser me, @RequestBody ServiceRequest input) {
        ServiceMapEditor.requireEditor(me);
        UUID id = editor.createService(me, input.input());
        ServiceEntry entry = map.find(id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/services/" + id)).body(ServiceView.of(entry, false));
    }

    @PutMapping("/services/{id}")
    @Operation(operationId = "updateService", summary = "Edit a service of the map",
            description = "Every field is replaced by what is sent, from the `version` read before; 409 if the entry "
                    + "changed since. Does not change the date of the last verification.")
    ServiceView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestBody ServiceRequest input) {
        editor.service(me, id);
        new FieldChecks().required("version", input.version()).throwIfAny();
        editor.updateService(me, id, input.input(), input.version());
        ServiceEntry entry = map.find(id).orElseThrow();
        return ServiceView.of(entry, map.stale(entry));
    }

    @PostMapping("/services/{id}/verify")
    @Operation(operationId = "verifyService", summary = "Mark a service verified today",
            description = "Its details were checked with the provider: it is no longer stale.")
    ServiceView verify(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        editor.verify(me, id);
        ServiceEntry entry = map.find(id).orElseThrow();
        return ServiceView.of(entry, map.stale(entry));
    }

    @GetMapping("/pathways")
    @Operation(operationId = "readPathway", summary = "The referral pathway of a concern",
            description = "The recommended steps in order, each with the matching services at the location. A concern "
                    + "without a pathway answers an empty list of steps.")
    PathwayView pathway(@Parameter(description = "A protection concern code", required = true)
            @RequestParam String concern,
            @Parameter(description = "A location id (none: the general pathway)") @RequestParam(required = false)
            UUID location) {
        var applicable = pathways.applicable(concern, location);
        List<PathwayStepView> steps = applicable.map(pathway -> pathway.steps().stream()
                .map(step -> new PathwayStepView(step.position(), step.sector(), step.withinHours(), step.note(),
                        map.search(new ServiceFilter(step.sector(), location, concern, null, null, null)).stream()
                                .map(entry -> ServiceView.of(entry, map.stale(entry))).toList()))
                .toList()).orElse(List.of());
        return new PathwayView(concern, location, applicable.map(ServicePathways.Pathway::locationId).orElse(null),
                applicable.map(pathway -> pathway.locationId() == null).orElse(false), steps);
    }
}
