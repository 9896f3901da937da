package org.abri.locations;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The administrative hierarchy, for clients that fill a case's location. */
@RestController
@RequestMapping(path = "/api/v1/locations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Locations", description = "The three-level administrative hierarchy. Open to every signed-in role.")
class LocationApiController {

    private final Locations locations;

    LocationApiController(Locations locations) {
        this.locations = locations;
    }

    @Schema(description = "A place of the hierarchy: level 1 (e.g. region) to 3 (e.g. commune).")
    record LocationView(UUID id, UUID parentId, int level, String code, String name, String nameAr,
            @Schema(example = "Ouham > Bossangoa > Ben Zambé") String path, String pathAr, boolean active) {

        static LocationView of(Location l) {
            return new LocationView(l.id(), l.parentId(), l.level(), l.code(), l.name(), l.nameAr(), l.path(),
                    l.pathAr(), l.active());
        }
    }

    @GetMapping
    @Operation(operationId = "listLocations", summary = "List locations", description = "Parents before their children, ordered by path. Only "
            + "active ones unless `includeInactive=true`.")
    List<LocationView> list(@Parameter(description = "Also list deactivated locations")
            @RequestParam(defaultValue = "false") boolean includeInactive) {
        return (includeInactive ? locations.all() : locations.active()).stream().map(LocationView::of).toList();
    }
}
