package org.abri.identity;

import java.util.UUID;

/** An organisation sharing the deployment: ministry, UN agency, international or national NGO. */
public record Agency(UUID id, String code, String name, String kind, boolean active) {

    public static final java.util.List<String> KINDS =
            java.util.List.of("ministry", "un_agency", "international_ngo", "national_ngo", "other");
}
