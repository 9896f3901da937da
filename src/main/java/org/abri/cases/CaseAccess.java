package org.abri.cases;

import java.util.ArrayList;
import java.util.List;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;

/**
 * Need-to-know, as SQL. A caseworker sees the cases assigned to them; a supervisor those of
 * the caseworkers they supervise; a data entry clerk those they entered; an agency manager
 * those of their agency. Never another agency's. Administrators, focal points and the
 * coordination group see no individual case (later: referrals and transfers open a door).
 */
final class CaseAccess {

    private CaseAccess() {
    }

    /** A condition on alias {@code c} with its parameters, for reading. */
    static Condition readable(CurrentUser user) {
        List<String> grants = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (user.has(Role.AGENCY_MANAGER)) {
            grants.add("true");
        }
        addEditGrants(user, grants, params);
        return scoped(user, grants, params);
    }

    /** The narrower condition for changing a case: an agency manager reads but does not edit. */
    static Condition editable(CurrentUser user) {
        List<String> grants = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        addEditGrants(user, grants, params);
        return scoped(user, grants, params);
    }

    private static void addEditGrants(CurrentUser user, List<String> grants, List<Object> params) {
        if (user.has(Role.CASEWORKER)) {
            grants.add("c.caseworker_id = ?");
            params.add(user.id());
        }
        if (user.has(Role.SUPERVISOR)) {
            // One array of caseworkers, so the planner walks the caseworker index: the form
            // "= ? or in (select …)" made it read every case of the agency (bench/README.md).
            grants.add("c.caseworker_id = any (array(select ?::uuid union all "
                    + "select caseworker_id from supervision where supervisor_id = ?))");
            params.add(user.id());
            params.add(user.id());
        }
        if (user.has(Role.DATA_ENTRY_CLERK)) {
            grants.add("c.registered_by = ?");
            params.add(user.id());
        }
    }

    private static Condition scoped(CurrentUser user, List<String> grants, List<Object> params) {
        if (grants.isEmpty() || user.agencyId() == null) {
            return new Condition("false", List.of());
        }
        List<Object> all = new ArrayList<>();
        all.add(user.agencyId());
        all.addAll(params);
        return new Condition("(c.agency_id = ? and ((" + String.join(") or (", grants) + ")))", all);
    }

    /**
     * Which notes of a readable case this user sees, as a condition on aliases {@code n} (the
     * note) and {@code c} (its case). Every note is shown to whoever reads the case, except a
     * note marked "visible to supervisor only": that one is shown only to its author and to the
     * supervisors of the case's caseworker — not to other caseworkers, data entry clerks or the
     * agency manager, even though they may read the case. Combine with {@link #readable}.
     */
    static Condition noteVisible(CurrentUser user) {
        if (user.has(Role.SUPERVISOR)) {
            return new Condition("(not n.supervisor_only or n.author_id = ? or c.caseworker_id in "
                    + "(select caseworker_id from supervision where supervisor_id = ?))", List.of(user.id(), user.id()));
        }
        return new Condition("(not n.supervisor_only or n.author_id = ?)", List.of(user.id()));
    }

    /** Whether this user's roles let them read any case at all (need-to-know then narrows it). */
    static boolean mayReadAny(CurrentUser user) {
        return user.agencyId() != null
                && user.hasAny(Role.AGENCY_MANAGER, Role.CASEWORKER, Role.SUPERVISOR, Role.DATA_ENTRY_CLERK);
    }

    static boolean mayRegister(CurrentUser user) {
        return user.agencyId() != null && user.hasAny(Role.CASEWORKER, Role.SUPERVISOR, Role.DATA_ENTRY_CLERK);
    }

    record Condition(String sql, List<Object> params) {
    }
}
