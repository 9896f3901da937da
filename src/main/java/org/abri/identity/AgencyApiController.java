package org.abri.identity;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.IdentityApiModels.AgencyChange;
import org.abri.identity.IdentityApiModels.AgencyInput;
import org.abri.identity.IdentityApiModels.AgencyView;
import org.abri.platform.FieldChecks;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agencies of the deployment: every signed-in user may list them; the system administrator changes them. */
@RestController
@RequestMapping(path = "/api/v1/agencies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agencies", description = "The organisations sharing the deployment. Reading is open to every "
        + "signed-in role; creating and changing is for the system administrator.")
class AgencyApiController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{2,10}");

    private final Agencies agencies;

    AgencyApiController(Agencies agencies) {
        this.agencies = agencies;
    }

    @GetMapping
    @Operation(operationId = "listAgencies", summary = "List agencies", description = "All agencies, by name.")
    List<AgencyView> list() {
        return agencies.all().stream().map(AgencyView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "readAgency", summary = "Read an agency")
    AgencyView get(@PathVariable UUID id) {
        return AgencyView.of(agencies.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createAgency", summary = "Create an agency", description = "System administrator only; answers 201 with its Location. "
            + "A code already used answers 422 (agency.code_taken).")
    ResponseEntity<AgencyView> create(@AuthenticationPrincipal CurrentUser me, @RequestBody AgencyInput input) {
        me.require(Role.SYSTEM_ADMIN);
        new FieldChecks().matches("code", input.code(), true, CODE, "validation.agency_code")
                .text("name", input.name(), true, 200)
                .choice("kind", input.kind(), Agency.KINDS, true)
                .throwIfAny();
        Agency created = agencies.create(me, input.code(), input.name(), input.kind());
        return ResponseEntity.created(URI.create("/api/v1/agencies/" + created.id())).body(AgencyView.of(created));
    }

    @PutMapping("/{id}")
    @Operation(operationId = "updateAgency", summary = "Change an agency", description = "System administrator only. Name, kind and whether it "
            + "is active; the code never changes.")
    AgencyView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestBody AgencyChange input) {
        me.require(Role.SYSTEM_ADMIN);
        new FieldChecks().text("name", input.name(), true, 200)
                .choice("kind", input.kind(), Agency.KINDS, true)
                .required("active", input.active())
                .throwIfAny();
        return AgencyView.of(agencies.update(me, id, input.name(), input.kind(), input.active()));
    }
}
