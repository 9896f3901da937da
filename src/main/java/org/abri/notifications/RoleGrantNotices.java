package org.abri.notifications;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.abri.identity.Role;
import org.abri.identity.UserAccounts;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells an agency's other administrators and managers that an agency administrator gave someone a
 * role that reads cases (manager, supervisor), in the transaction of the grant: access to
 * children's records is never given unseen. {0} is the username given the role, {1} the
 * administrator, {2} the roles.
 */
@Component
class RoleGrantNotices {

    static final String KIND = "case_reading_role_granted";

    private final Notifications notifications;

    RoleGrantNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(UserAccounts.CaseReadingRoleGranted granted) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("caseNumber", granted.grantedTo());
        arguments.put("by", granted.grantedBy());
        arguments.put("step", granted.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")));
        notifications.notifyAll(granted.recipients(), KIND, null, "/admin/users", arguments);
    }
}
