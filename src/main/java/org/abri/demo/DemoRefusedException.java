package org.abri.demo;

/**
 * Demo mode met real data. Thrown at start-up so that the application stops before anyone
 * signs in; {@link DemoRefusedFailureAnalyzer} turns it into a plain explanation.
 */
class DemoRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DemoRefusedException(long agencies, long users, long locations, long cases, long serviceProviders) {
        super(("Demo mode (abri.demo=true) refused: this database already holds real, non-demo data "
                + "(agencies: %d, users besides the first administrator: %d, locations: %d, cases: %d, "
                + "service providers: %d), and demo data is never mixed with real data.")
                .formatted(agencies, users, locations, cases, serviceProviders));
    }
}
