package org.abri.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import java.util.Map;

import org.abri.identity.SecurityEvent.Kind;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users of the deployment. An agency administrator manages the users of their own
 * agency and grants agency roles; the system administrator manages everyone and alone
 * grants deployment roles. Users are deactivated, never deleted: they own records.
 */
@Service
public class UserAccounts {

    static final int MIN_PASSWORD_LENGTH = 10;

    private static final String SELECT_ACCOUNT = """
            select u.id, u.agency_id, a.code as agency_code, u.username, u.full_name, u.email, u.locale, u.active,
                   u.locked_until, u.version, u.password_hash,
                   array(select r.role from user_role r where r.user_id = u.id) as roles,
                   array(select s.caseworker_id from supervision s where s.supervisor_id = u.id) as supervisees
            from app_user u left join agency a on a.id = u.agency_id
            """;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final OpenSessions sessions;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder, OpenSessions sessions,
            ApplicationEventPublisher events, SignInThrottle throttle) {
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.events = events;
    }

    /**
     * A role given by an agency administrator that lets its holder read the agency's cases; the
     * agency's other administrators and managers are told (the notifications module listens).
     */
    public record CaseReadingRoleGranted(UUID agencyId, String grantedBy, String grantedTo, Set<Role> roles,
            List<UUID> recipients) {
    }

    /** Roles that read cases beyond one's own caseload, whose grant by an agency administrator is notified. */
    static final Set<Role> CASE_READING_ROLES = EnumSet.of(Role.AGENCY_MANAGER, Role.SUPERVISOR);

    /** The form an account takes when created or edited. */
    public record AccountChange(UUID agencyId, String username, String fullName, String email, String locale,
            Set<Role> roles, Set<UUID> supervisees) {
    }

    // ---- reading -------------------------------------------------------------------------

    public List<UserAccount> listVisibleTo(CurrentUser actor, UUID agencyFilter) {
        UUID agencyId = actor.has(Role.SYSTEM_ADMIN) ? agencyFilter : actor.agencyId();
        requireUserAdmin(actor, agencyId);
        String where = agencyId == null ? "" : " where u.agency_id = ?";
        var spec = jdbc.sql(SELECT_ACCOUNT + where + " order by a.code nulls first, u.full_name");
        if (agencyId != null) {
            spec = spec.param(agencyId);
        }
        return spec.query((rs, n) -> account(rs)).list();
    }

    public UserAccount getVisibleTo(CurrentUser actor, UUID id) {
        UserAccount account = find(id).orElseThrow(() -> new NotFoundException("user.not_found"));
        if (!canAdminister(actor, account.agencyId())) {
            throw new NotFoundException("user.not_found");
        }
        return account;
    }

    /** Names of the users of one agency holding a role (e.g. caseworkers to assign a case to). */
    public List<UserAccount> activeWithRole(UUID agencyId, Role role) {
        return jdbc.sql(SELECT_ACCOUNT + """
                 where u.agency_id = ? and u.active and exists
                    (select 1 from user_role r where r.user_id = u.id and r.role = ?) order by u.full_name""")
                .params(agencyId, role.name()).query((rs, n) -> account(rs)).list();
    }

    public Optional<UserAccount> find(UUID id) {
        return jdbc.sql(SELECT_ACCOUNT + " where u.id = ?").param(id).query((rs, n) -> account(rs)).optional();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql(SELECT_ACCOUNT + " where u.username = ?").param(username.strip().toLowerCase())
                .query((rs, n) -> account(rs)).optional();
    }

    /** The ids of the caseworkers a supervisor supervises. */
    public Set<UUID> superviseesOf(UUID supervisorId) {
        return new HashSet<>(jdbc.sql("select caseworker_id from supervision where supervisor_id = ?")
                .param(supervisorId).query(UUID.class).list());
    }

    /** The ids of the active supervisors of a caseworker. */
    public List<UUID> supervisorsOf(UUID caseworkerId) {
        return jdbc.sql("select s.supervisor_id from supervision s join app_user u on u.id = s.supervisor_id "
                + "where s.caseworker_id = ? and u.active").param(caseworkerId).query(UUID.class).list();
    }

    public boolean anyWithRole(Role role) {
        return jdbc.sql("select exists (select 1 from user_role where role = ?)").param(role.name())
                .query(Boolean.class).single();
    }

    /** The user as the security layer sees them, e.g. to act on their behalf in a background job. */
    public Optional<CurrentUser> loadCurrentUser(UUID id) {
        return jdbc.sql(SELECT_ACCOUNT + " where u.id = ?").param(id).query((rs, n) -> currentUser(rs)).optional();
    }

    Optional<CurrentUser> loadCurrentUser(String username) {
        return jdbc.sql(SELECT_ACCOUNT + " where u.username = ?").param(username.strip().toLowerCase())
                .query((rs, n) -> currentUser(rs)).optional();
    }

    // ---- changing ------------------------------------------------------------------------

    @Transactional
    public UserAccount create(CurrentUser actor, AccountChange change, String password) {
        requireUserAdmin(actor, change.agencyId());
        checkRoles(actor, change);
        checkPassword(password);
        String username = normaliseUsername(change.username());
        if (findByUsername(username).isPresent()) {
            throw new RuleViolationException("user.username_taken", username);
        }
        UUID id = UUID.randomUUID();
        insert(id, change, username, passwordEncoder.encode(password), false);
        UserAccount created = find(id).orElseThrow();
        auditRolesAndSupervision(actor, created, Set.of(), Set.of());
        return created;
    }

    /** For the first start and the demo loader, which act before anyone signs in. */
    @Transactional
    public UserAccount createUnchecked(AccountChange change, String password, boolean demo) {
        UUID id = UUID.randomUUID();
        insert(id, change, normaliseUsername(change.username()), passwordEncoder.encode(password), demo);
        return find(id).orElseThrow();
    }

    /**
     * For the demo loader: demo accounts that all share one documented password, in the
     * order given (create supervisees before their supervisor). The password is hashed once
     * for the whole batch: bcrypt is slow on purpose (cost 12, about a quarter of a second),
     * and hashing the same published password forty times would add ten seconds to every
     * demo start and demo test while protecting nothing. Real accounts never share a hash.
     */
    @Transactional
    public List<UserAccount> createDemoAccounts(List<AccountChange> changes, String sharedPassword) {
        checkPassword(sharedPassword);
        String hash = passwordEncoder.encode(sharedPassword);
        List<UserAccount> created = new java.util.ArrayList<>();
        for (AccountChange change : changes) {
            UUID id = UUID.randomUUID();
            insert(id, change, normaliseUsername(change.username()), hash, true);
            created.add(find(id).orElseThrow());
        }
        return created;
    }

    /**
     * How many users are real (not demo) data, leaving out the system administrator created
     * on the first start: the earliest user, without an agency, holding SYSTEM_ADMIN. The
     * demo loader may run beside that one account and nothing else.
     */
    public long countNotDemoBesidesFirstAdministrator() {
        return jdbc.sql("""
                with first_user as (
                    select u.id, u.agency_id from app_user u where not u.demo order by u.created_at, u.id limit 1)
                select count(*) from app_user u where not u.demo and u.id not in (
                    select f.id from first_user f where f.agency_id is null
                    and exists (select 1 from user_role r where r.user_id = f.id and r.role = 'SYSTEM_ADMIN'))""")
                .query(Long.class).single();
    }

    private void insert(UUID id, AccountChange change, String username, String passwordHash, boolean demo) {
        jdbc.sql("""
                insert into app_user (id, agency_id, username, full_name, email, password_hash, locale, demo)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, change.agencyId(), username, change.fullName().strip(), blankToNull(change.email()),
                        passwordHash, localeOrDefault(change.locale()), demo)
                .update();
        replaceRolesAndSupervisees(id, change);
    }

    @Transactional
    public UserAccount update(CurrentUser actor, UUID id, AccountChange change, int expectedVersion) {
        UserAccount existing = getVisibleTo(actor, id);
        AccountChange scoped = new AccountChange(existing.agencyId(), existing.username(), change.fullName(),
                change.email(), change.locale(), change.roles(), change.supervisees());
        checkRoles(actor, scoped);
        // Nobody grants themselves access (nor drops a role and takes it back unseen): another
        // administrator changes an administrator's roles.
        if (actor.id().equals(id) && !EnumSet.copyOf(scoped.roles()).equals(rolesOf(existing))) {
            throw new RuleViolationException("user.cannot_change_own_roles");
        }
        int updated = jdbc.sql("""
                update app_user set full_name = ?, email = ?, locale = ?, version = version + 1
                where id = ? and version = ?""")
                .params(scoped.fullName().strip(), blankToNull(scoped.email()), localeOrDefault(scoped.locale()), id,
                        expectedVersion)
                .update();
        if (updated == 0) {
            throw new org.abri.platform.StaleRecordException("user.changed_meanwhile");
        }
        replaceRolesAndSupervisees(id, scoped);
        UserAccount changed = find(id).orElseThrow();
        auditRolesAndSupervision(actor, changed, existing.roles(), existing.supervisees());
        return changed;
    }

    private static Set<Role> rolesOf(UserAccount account) {
        return account.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(account.roles());
    }

    /** One audit row for a role change and one for a supervision change (old → new), and the notice of a grant. */
    private void auditRolesAndSupervision(CurrentUser actor, UserAccount account, Set<Role> before,
            Set<UUID> superviseesBefore) {
        Set<Role> after = rolesOf(account);
        Set<Role> old = before.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(before);
        if (!after.equals(old)) {
            events.publishEvent(SecurityEvent.by(Kind.ROLE_CHANGE, actor, account.id(), account.agencyId(),
                    Map.of("username", account.username(), "old", names(old), "new", names(after))));
            Set<Role> granted = EnumSet.copyOf(after);
            granted.removeAll(old);
            granted.retainAll(CASE_READING_ROLES);
            if (!granted.isEmpty() && !actor.has(Role.SYSTEM_ADMIN) && account.agencyId() != null) {
                List<UUID> recipients = jdbc.sql("""
                        select distinct u.id from app_user u join user_role r on r.user_id = u.id
                        where u.agency_id = ? and u.active and r.role in ('AGENCY_ADMIN', 'AGENCY_MANAGER')
                          and u.id <> ? and u.id <> ? order by u.id""")
                        .params(account.agencyId(), actor.id(), account.id()).query(UUID.class).list();
                events.publishEvent(new CaseReadingRoleGranted(account.agencyId(), actor.fullName(),
                        account.username(), granted, recipients));
            }
        }
        Set<UUID> supervisees = account.supervisees() == null ? Set.of() : account.supervisees();
        Set<UUID> oldSupervisees = superviseesBefore == null ? Set.of() : superviseesBefore;
        if (!supervisees.equals(oldSupervisees)) {
            events.publishEvent(SecurityEvent.by(Kind.SUPERVISION_CHANGE, actor, account.id(), account.agencyId(),
                    Map.of("username", account.username(), "old", sorted(oldSupervisees), "new", sorted(supervisees))));
        }
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }

    private static List<String> sorted(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().toList();
    }

    /** Revokes every token of a user, for good (a later reactivation does not bring them back). */
    private int revokeTokens(UUID userId) {
        return jdbc.sql("update api_token set revoked_at = now() where user_id = ? and revoked_at is null")
                .param(userId).update();
    }

    @Transactional
    public void setActive(CurrentUser actor, UUID id, boolean active) {
        UserAccount account = getVisibleTo(actor, id);
        if (actor.id().equals(id) && !active) {
            throw new RuleViolationException("user.cannot_deactivate_self");
        }
        if (account.active() == active) {
            return;
        }
        jdbc.sql("update app_user set active = ?, version = version + 1 where id = ?").params(active, id).update();
        int tokens = 0;
        if (!active) {
            // Signed out on every server at once, not only at their next request; their tokens are
            // revoked for good (reactivation gives a fresh start: new tokens, not the old ones).
            sessions.endAll(account, SessionsEnded.ACCOUNT_DEACTIVATED);
            tokens = revokeTokens(id);
        }
        events.publishEvent(SecurityEvent.by(active ? Kind.ACTIVATE : Kind.DEACTIVATE, actor, id, account.agencyId(),
                Map.of("username", account.username(), "tokensRevoked", tokens)));
    }

    @Transactional
    public void unlock(CurrentUser actor, UUID id) {
        UserAccount account = getVisibleTo(actor, id);
        jdbc.sql("update app_user set locked_until = null, failed_sign_ins = 0 where id = ?").param(id).update();
        throttle.clear(account.username());
    }

    /** An administrator sets a new password for a user who lost theirs. */
    @Transactional
    public void resetPassword(CurrentUser actor, UUID id, String newPassword) {
        UserAccount account = getVisibleTo(actor, id);
        checkPassword(newPassword);
        jdbc.sql("update app_user set password_hash = ?, locked_until = null, failed_sign_ins = 0 where id = ?")
                .params(passwordEncoder.encode(newPassword), id).update();
        throttle.clear(account.username());
        // What the old password protected ends with it: every session (an administrator resetting
        // their own password keeps the one they act from) and every token.
        int ended = sessions.endAllExcept(account, actor.id().equals(id) ? CurrentSessionId.get() : null,
                SessionsEnded.PASSWORD_CHANGED);
        int tokens = revokeTokens(id);
        events.publishEvent(SecurityEvent.by(Kind.PASSWORD_RESET, actor, id, account.agencyId(),
                Map.of("username", account.username(), "sessionsEnded", ended, "tokensRevoked", tokens)));
    }

    @Transactional
    public void changeOwnPassword(CurrentUser actor, String currentPassword, String newPassword) {
        String hash = jdbc.sql("select password_hash from app_user where id = ?").param(actor.id())
                .query(String.class).single();
        if (!passwordEncoder.matches(currentPassword, hash)) {
            throw new RuleViolationException("user.wrong_current_password");
        }
        checkPassword(newPassword);
        jdbc.sql("update app_user set password_hash = ? where id = ?")
                .params(passwordEncoder.encode(newPassword), actor.id()).update();
        UserAccount account = find(actor.id()).orElseThrow();
        // Other sessions end and tokens are revoked: whoever learnt the old password loses what it opened.
        int ended = sessions.endAllExcept(account, CurrentSessionId.get(), SessionsEnded.PASSWORD_CHANGED);
        int tokens = revokeTokens(actor.id());
        events.publishEvent(SecurityEvent.by(Kind.PASSWORD_CHANGE, actor, actor.id(), actor.agencyId(),
                Map.of("username", account.username(), "sessionsEnded", ended, "tokensRevoked", tokens)));
    }

    @Transactional
    public void changeOwnLocale(UUID userId, String locale) {
        jdbc.sql("update app_user set locale = ? where id = ?").params(localeOrDefault(locale), userId).update();
    }

    private void replaceRolesAndSupervisees(UUID id, AccountChange change) {
        jdbc.sql("delete from user_role where user_id = ?").param(id).update();
        for (Role role : change.roles()) {
            jdbc.sql("insert into user_role (user_id, role) values (?, ?)").params(id, role.name()).update();
        }
        jdbc.sql("delete from supervision where supervisor_id = ?").param(id).update();
        if (change.roles().contains(Role.SUPERVISOR) && change.supervisees() != null) {
            for (UUID caseworker : change.supervisees()) {
                jdbc.sql("insert into supervision (supervisor_id, caseworker_id) values (?, ?)")
                        .params(id, caseworker).update();
            }
        }
    }

    // ---- rules ---------------------------------------------------------------------------

    public static boolean canAdminister(CurrentUser actor, UUID agencyId) {
        return actor.has(Role.SYSTEM_ADMIN)
                || (actor.has(Role.AGENCY_ADMIN) && agencyId != null && agencyId.equals(actor.agencyId()));
    }

    private static void requireUserAdmin(CurrentUser actor, UUID agencyId) {
        if (actor.has(Role.SYSTEM_ADMIN)) {
            return;
        }
        if (!actor.has(Role.AGENCY_ADMIN) || agencyId == null || !agencyId.equals(actor.agencyId())) {
            throw new AccessDeniedException("not an administrator of this agency");
        }
    }

    private void checkRoles(CurrentUser actor, AccountChange change) {
        if (change.fullName() == null || change.fullName().isBlank() || change.fullName().strip().length() > 200) {
            throw new RuleViolationException("user.full_name_invalid");
        }
        if (change.email() != null && !change.email().isBlank()
                && !change.email().strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new RuleViolationException("user.email_invalid");
        }
        if (change.roles() == null || change.roles().isEmpty()) {
            throw new RuleViolationException("user.roles_required");
        }
        for (Role role : change.roles()) {
            if (role.deploymentLevel() && !actor.has(Role.SYSTEM_ADMIN)) {
                throw new RuleViolationException("user.role_not_grantable");
            }
            if (!role.deploymentLevel() && change.agencyId() == null) {
                throw new RuleViolationException("user.agency_required");
            }
        }
        if (change.supervisees() != null && change.roles().contains(Role.SUPERVISOR)) {
            for (UUID caseworker : change.supervisees()) {
                UserAccount supervised = find(caseworker).orElseThrow(() -> new RuleViolationException("user.supervisee_invalid"));
                if (!supervised.roles().contains(Role.CASEWORKER) || !supervised.agencyId().equals(change.agencyId())) {
                    throw new RuleViolationException("user.supervisee_invalid");
                }
            }
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new RuleViolationException("user.password_too_short", MIN_PASSWORD_LENGTH);
        }
    }

    private static String normaliseUsername(String username) {
        String normalised = username == null ? "" : username.strip().toLowerCase();
        if (!normalised.matches("[a-z0-9._-]{3,40}")) {
            throw new RuleViolationException("user.username_invalid");
        }
        return normalised;
    }

    private static String localeOrDefault(String locale) {
        return locale != null && List.of("fr", "en", "ar").contains(locale) ? locale : "fr";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    // ---- mapping -------------------------------------------------------------------------

    private static UserAccount account(ResultSet rs) throws SQLException {
        return new UserAccount(rs.getObject("id", UUID.class), rs.getObject("agency_id", UUID.class),
                rs.getString("agency_code"), rs.getString("username"), rs.getString("full_name"),
                rs.getString("email"), rs.getString("locale"), rs.getBoolean("active"),
                instant(rs.getTimestamp("locked_until")), roles(rs.getArray("roles")),
                uuids(rs.getArray("supervisees")), rs.getInt("version"));
    }

    private static CurrentUser currentUser(ResultSet rs) throws SQLException {
        return new CurrentUser(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("full_name"),
                rs.getObject("agency_id", UUID.class), rs.getString("agency_code"), roles(rs.getArray("roles")),
                rs.getString("locale"), rs.getBoolean("active"), instant(rs.getTimestamp("locked_until")),
                rs.getString("password_hash"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object value : (Object[]) array.getArray()) {
            roles.add(Role.valueOf((String) value));
        }
        return roles;
    }

    private static Set<UUID> uuids(Array array) throws SQLException {
        return new HashSet<>(Arrays.asList((UUID[]) array.getArray()));
    }
}
