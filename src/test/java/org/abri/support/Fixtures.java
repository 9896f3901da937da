package org.abri.support;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.abri.cases.CaseDetails;
import org.abri.cases.ConsentRecord;
import org.abri.identity.Agencies;
import org.abri.identity.Agency;
import org.abri.identity.ApiTokens;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.springframework.stereotype.Component;

/**
 * Builds what a test needs through the application's own services: agencies with unique
 * codes, users in roles, a location, a valid registration. Names are invented.
 */
@Component
public class Fixtures {

    public static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Agencies agencies;
    private final UserAccounts accounts;
    private final Locations locations;
    private final ApiTokens tokens;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private Location location;

    Fixtures(Agencies agencies, UserAccounts accounts, Locations locations, ApiTokens tokens,
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.accounts = accounts;
        this.locations = locations;
        this.tokens = tokens;
    }

    /** A fresh personal API token of this user (its secret, for the Authorization header). */
    public String token(UserAccount account) {
        org.abri.identity.CurrentUser owner = accounts.loadCurrentUser(account.id()).orElseThrow();
        return tokens.create(owner, "test token").secret();
    }

    /** A token of this user that has been revoked. */
    public String revokedToken(UserAccount account) {
        org.abri.identity.CurrentUser owner = accounts.loadCurrentUser(account.id()).orElseThrow();
        ApiTokens.IssuedToken issued = tokens.create(owner, "revoked test token");
        tokens.revoke(owner, issued.token().id());
        return issued.secret();
    }

    public Agency agency() {
        int n = SEQUENCE.incrementAndGet();
        return agencies.createForDemo("T" + Long.toString(System.nanoTime() % 100000, 36).toUpperCase() + n,
                "Test agency " + n, "national_ngo");
    }

    public UserAccount user(Agency agency, Role... roles) {
        return user(agency, Set.of(), roles);
    }

    public UserAccount supervisor(Agency agency, UserAccount... caseworkers) {
        return user(agency, Set.of(caseworkers).stream().map(UserAccount::id).collect(java.util.stream.Collectors.toSet()),
                Role.SUPERVISOR);
    }

    public UserAccount deploymentUser(Role role) {
        return accounts.createUnchecked(new UserAccounts.AccountChange(null, "u" + SEQUENCE.incrementAndGet() + "x"
                + Long.toString(System.nanoTime() % 100000, 36), "Test " + role, null, "fr", EnumSet.of(role),
                Set.of()), PASSWORD, true);
    }

    /** A user whose language preference is {@code locale} (fr, en or ar). */
    public UserAccount userSpeaking(String locale, Agency agency, Role... roles) {
        return user(agency, Set.of(), locale, roles);
    }

    private UserAccount user(Agency agency, Set<UUID> supervisees, Role... roles) {
        return user(agency, supervisees, "fr", roles);
    }

    private UserAccount user(Agency agency, Set<UUID> supervisees, String locale, Role... roles) {
        String username = "u" + SEQUENCE.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
        return accounts.createUnchecked(new UserAccounts.AccountChange(agency.id(), username,
                "Test user " + username, null, locale, EnumSet.copyOf(List.of(roles)), supervisees), PASSWORD, true);
    }

    /** Acts as this user for the rest of the test thread (service-level tests). */
    public org.abri.identity.CurrentUser signIn(UserAccount account) {
        org.abri.identity.CurrentUser user = accounts.loadCurrentUser(account.id()).orElseThrow();
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .authenticated(user, null, user.getAuthorities()));
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        return user;
    }

    public synchronized Location location() {
        if (location == null) {
            String code = "TL" + Long.toString(System.nanoTime() % 1000000, 36).toUpperCase();
            Location region = locations.createForDemo(null, 1, code, "Région test", "منطقة");
            Location district = locations.createForDemo(region.id(), 2, code + "-D", "District test", null);
            location = locations.createForDemo(district.id(), 3, code + "-C", "Commune test", null);
        }
        return location;
    }

    /** A complete, valid registration of an invented child. */
    public CaseDetails child(String givenNames, String familyName) {
        CaseDetails details = CaseDetails.blank();
        details.setGivenNames(givenNames);
        details.setFamilyName(familyName);
        details.setSex("female");
        details.setAgeEstimated(11);
        details.setDisplacementStatus("idp");
        details.setNationality("caf");
        details.setLocationId(location().id());
        details.setCaregiverName("Tante test");
        details.setCaregiverRelationship("aunt_uncle");
        details.setProtectionConcerns(List.of("neglect"));
        details.setRiskLevel("medium");
        LocalDate today = LocalDate.now();
        details.setConsents(ConsentRecord.KINDS.stream()
                .map(kind -> new ConsentRecord(kind, "given", "verbal", "both", today)).toList());
        return details;
    }

    /**
     * A service of the map, offered by this agency (or, with a null agency, by an organisation
     * off Abri), open to anyone anywhere, verified today. Returns its id.
     */
    public UUID service(Agency provider, String sector, String name) {
        UUID providerId = UUID.randomUUID();
        jdbc.sql("insert into service_provider (id, name, agency_id, contact_person, phone) values (?, ?, ?, ?, ?)")
                .params(providerId, provider == null ? "Organisation test " + SEQUENCE.incrementAndGet() : provider.name(),
                        provider == null ? null : provider.id(), "Point focal test", "+236 70 00 00 00")
                .update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into service (id, provider_id, sector, name, hours, last_verified_on)
                values (?, ?, ?, ?, 'Lun-ven 8h-16h', current_date)""").params(id, providerId, sector, name).update();
        return id;
    }
}
