package org.abri.identity;

/**
 * What a user may do. Agency roles belong to a user of an agency; deployment roles
 * (coordination viewer, coordinator, system administrator) are granted by the system administrator only.
 */
public enum Role {
    CASEWORKER(false),
    SUPERVISOR(false),
    DATA_ENTRY_CLERK(false),
    AGENCY_MANAGER(false),
    SERVICE_FOCAL_POINT(false),
    AGENCY_ADMIN(false),
    COORDINATION_VIEWER(true),
    /** A member of the coordination group: maintains the service map and the referral pathways. */
    COORDINATOR(true),
    SYSTEM_ADMIN(true);

    private final boolean deploymentLevel;

    Role(boolean deploymentLevel) {
        this.deploymentLevel = deploymentLevel;
    }

    public boolean deploymentLevel() {
        return deploymentLevel;
    }

    /** The key of this role's name in the message bundles. */
    public String messageKey() {
        return "role." + name();
    }
}
