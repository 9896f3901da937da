package org.abri.cases;

import java.time.LocalDate;

/**
 * One of the consents of registration (DOMAIN.md step 1): to take part in case management,
 * to have data collected and stored, to share anonymous aggregated data.
 */
public record ConsentRecord(String kind, String decision, String method, String givenBy, LocalDate givenOn) {

    public static final java.util.List<String> KINDS =
            java.util.List.of("case_management", "data_collection", "anonymous_data_sharing");
    public static final java.util.List<String> DECISIONS = java.util.List.of("given", "refused");
    public static final java.util.List<String> METHODS = java.util.List.of("written", "verbal", "thumbprint");
    public static final java.util.List<String> GIVERS = java.util.List.of("child", "caregiver", "both");
}
