package org.abri.services;

import java.util.UUID;

/**
 * What a reader of the map looks for; every part is optional. A location matches the services
 * covering it or any place above it; an age and a sex match the services whose eligibility
 * allows them; a concern matches services open to every concern or naming it.
 */
public record ServiceFilter(String sector, UUID locationId, String concern, Integer age, String sex, String text) {

    public static ServiceFilter any() {
        return new ServiceFilter(null, null, null, null, null, null);
    }
}
