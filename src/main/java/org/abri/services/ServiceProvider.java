package org.abri.services;

import java.util.UUID;

/** A provider of the map: an agency on Abri ({@code agencyId} set) or an organisation off the system. */
record ServiceProvider(UUID id, String name, UUID agencyId, String agencyCode, String contactPerson, String phone,
        String email, String address, boolean active, int version) {

    boolean onSystem() {
        return agencyId != null;
    }
}
