package org.abri.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.abri.cases.CaseDetails;
import org.abri.cases.CaseRegistry;
import org.abri.cases.ChildCase;
import org.abri.demo.DemoCatalogue.DemoAgency;
import org.abri.demo.DemoCatalogue.Place;
import org.abri.demo.DemoCatalogue.Post;
import org.abri.demo.DemoCatalogue.Region;
import org.abri.demo.DemoNames.Culture;
import org.abri.demo.DemoNames.PersonName;
import org.abri.identity.Agencies;
import org.abri.identity.Agency;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.identity.UserAccounts.AccountChange;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.springframework.stereotype.Component;

/**
 * Writes the demo deployment through the other modules' services, in the caller's
 * transaction: agencies, places, users, then the children in the order they were registered,
 * so that case numbers follow the registration dates. The same seed gives the same data.
 */
@Component
class DemoLoader {

    /** What was loaded: counts only, never a name. */
    record Summary(int agencies, int users, int locations, int children, int services, int providers,
            int offAbriProviders, Map<String, Integer> referralsByStatus, int qualityAssessments) {

        int referrals() {
            return referralsByStatus.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Central African Republic time (WAT), for registration times within working hours. */
    private static final ZoneOffset BANGUI = ZoneOffset.ofHours(1);
    private static final int CHILDREN = 200;

    private final Agencies agencies;
    private final UserAccounts accounts;
    private final Locations locations;
    private final CaseRegistry cases;
    private final DemoServiceMap serviceMap;
    private final DemoReferrals referrals;
    private final DemoQuality quality;

    DemoLoader(Agencies agencies, UserAccounts accounts, Locations locations, CaseRegistry cases,
            DemoServiceMap serviceMap, DemoReferrals referrals, DemoQuality quality) {
        this.quality = quality;
        this.agencies = agencies;
        this.accounts = accounts;
        this.locations = locations;
        this.cases = cases;
        this.serviceMap = serviceMap;
        this.referrals = referrals;
    }

    /** A place a child can live: a commune (level 3) or, when the village is not known, a sub-prefecture. */
    private record Spot(UUID locationId, String level2Code) {
    }

    /** An agency's caseworker, the region they work in, and the colleagues who may register for them. */
    private record Caseworker(UserAccount account, String region, UUID clerk, UUID supervisor) {
    }

    /** A child drawn but not yet registered. */
    private record Planned(Agency agency, Caseworker caseworker, UUID registeredBy, Instant registeredAt,
            DemoChildren.Child child) {
    }

    Summary load(LocalDate today) {
        Random random = new Random(DemoCatalogue.SEED);
        Map<String, Agency> agencyByCode = new LinkedHashMap<>();
        for (DemoAgency agency : DemoCatalogue.AGENCIES) {
            agencyByCode.put(agency.code(), agencies.createForDemo(agency.code(), agency.name(), agency.kind()));
        }
        Map<String, List<Spot>> communes = new LinkedHashMap<>();
        Map<String, List<Spot>> subPrefectures = new LinkedHashMap<>();
        Map<String, UUID> placeIds = new LinkedHashMap<>();
        int locationCount = createPlaces(communes, subPrefectures, placeIds);
        Map<String, List<Caseworker>> caseworkers = new LinkedHashMap<>();
        int userCount = createUsers(agencyByCode, caseworkers);

        DemoChildren children = new DemoChildren(random);
        List<String> slots = new ArrayList<>();
        for (DemoAgency agency : DemoCatalogue.AGENCIES) {
            slots.addAll(Collections.nCopies(agency.children(), agency.code()));
        }
        Collections.shuffle(slots, random);
        Map<String, Integer> turn = new LinkedHashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (String code : slots) {
            List<Caseworker> team = caseworkers.get(code);
            int next = turn.merge(code, 1, Integer::sum) - 1;
            Caseworker caseworker = team.get(next % team.size());
            String region = caseworker.region();
            List<Spot> spots = random.nextInt(100) < 85 ? communes.get(region) : subPrefectures.get(region);
            Spot spot = spots.get(random.nextInt(spots.size()));
            int[] cultures = DemoCatalogue.CULTURE_OVERRIDES.getOrDefault(spot.level2Code(),
                    DemoCatalogue.REGIONS.get(region).cultures());
            LocalDate registeredOn = today.minusDays(1 + random.nextInt(365));
            Instant registeredAt = registeredOn.atTime(7 + random.nextInt(10), random.nextInt(60))
                    .toInstant(BANGUI);
            int by = random.nextInt(100);
            UUID registeredBy = by < 70 ? caseworker.account().id() : by < 90 ? caseworker.clerk()
                    : caseworker.supervisor();
            DemoChildren.Child child = children.next(DemoCatalogue.REGIONS.get(region), cultures, spot.locationId(),
                    registeredOn, today);
            planned.add(new Planned(agencyByCode.get(code), caseworker, registeredBy, registeredAt, child));
        }
        planned.sort(Comparator.comparing(Planned::registeredAt));
        List<ChildCase> registered = new ArrayList<>();
        for (Planned p : planned) {
            CaseDetails details = p.child().details();
            details.setCaseworkerId(p.caseworker().account().id());
            registered.add(cases.registerForDemo(p.agency().id(), p.agency().code(), p.caseworker().account().id(),
                    p.registeredBy(), details, p.registeredAt(), p.child().status()));
        }

        // The service map and the referrals come after the children, and draw nothing from the seeded
        // random: adding them changed no child.
        Map<String, UUID> agencyIds = new LinkedHashMap<>();
        agencyByCode.forEach((code, agency) -> agencyIds.put(code, agency.id()));
        DemoServiceMap.Loaded map = serviceMap.load(today, agencyIds, placeIds);
        Map<String, Integer> referralsByStatus = referrals.load(today, registered, map.services());
        int assessments = quality.load(today);
        return new Summary(agencyByCode.size(), userCount, locationCount, planned.size(), map.services().size(),
                map.providers(), map.offAbriProviders(), referralsByStatus, assessments);
    }

    private int createPlaces(Map<String, List<Spot>> communes, Map<String, List<Spot>> subPrefectures,
            Map<String, UUID> placeIds) {
        int count = 0;
        for (Place prefecture : DemoCatalogue.PLACES) {
            Location level1 = locations.createForDemo(null, 1, prefecture.code(), prefecture.name(), prefecture.nameAr());
            count++;
            placeIds.put(prefecture.code(), level1.id());
            for (Place subPrefecture : prefecture.children()) {
                Location level2 = locations.createForDemo(level1.id(), 2, subPrefecture.code(), subPrefecture.name(),
                        subPrefecture.nameAr());
                count++;
                placeIds.put(subPrefecture.code(), level2.id());
                subPrefectures.computeIfAbsent(prefecture.code(), k -> new ArrayList<>())
                        .add(new Spot(level2.id(), subPrefecture.code()));
                for (Place commune : subPrefecture.children()) {
                    Location level3 = locations.createForDemo(level2.id(), 3, commune.code(), commune.name(),
                            commune.nameAr());
                    count++;
                    placeIds.put(commune.code(), level3.id());
                    communes.computeIfAbsent(prefecture.code(), k -> new ArrayList<>())
                            .add(new Spot(level3.id(), subPrefecture.code()));
                }
            }
        }
        return count;
    }

    /**
     * Every agency gets its caseworkers (agency.cw1 …), one user per other agency post and a
     * supervisor of all its caseworkers; the ministry also hosts the coordination viewer, and a
     * demo system administrator belongs to no agency. Staff names come from their own seed,
     * so that changing the staff never changes the children.
     */
    private int createUsers(Map<String, Agency> agencyByCode, Map<String, List<Caseworker>> caseworkers) {
        DemoNames staffNames = new DemoNames(new Random(DemoCatalogue.SEED + 1));
        Random staffRandom = new Random(DemoCatalogue.SEED + 2);
        List<AccountChange> staff = new ArrayList<>();
        for (DemoAgency agency : DemoCatalogue.AGENCIES) {
            UUID agencyId = agencyByCode.get(agency.code()).id();
            for (int i = 1; i <= agency.caseworkers(); i++) {
                staff.add(change(agency, agencyId, "cw" + i, Role.CASEWORKER, Set.of(), staffNames, staffRandom));
            }
            for (Post post : DemoCatalogue.OTHER_POSTS) {
                staff.add(change(agency, agencyId, post.suffix(), post.role(), Set.of(), staffNames, staffRandom));
            }
        }
        DemoAgency ministry = DemoCatalogue.AGENCIES.stream()
                .filter(a -> a.code().equals(DemoCatalogue.COORDINATION_AGENCY)).findFirst().orElseThrow();
        PersonName coordinator = staffNames.adult(Culture.LOCAL, staffRandom.nextBoolean());
        staff.add(new AccountChange(agencyByCode.get(ministry.code()).id(), DemoCatalogue.COORDINATION_USERNAME,
                coordinator.full(), email(DemoCatalogue.COORDINATION_USERNAME), "fr",
                EnumSet.of(Role.COORDINATION_VIEWER), Set.of()));
        PersonName mapKeeper = staffNames.adult(Culture.LOCAL, staffRandom.nextBoolean());
        staff.add(new AccountChange(agencyByCode.get(ministry.code()).id(), DemoCatalogue.SERVICE_MAP_USERNAME,
                mapKeeper.full(), email(DemoCatalogue.SERVICE_MAP_USERNAME), "fr", EnumSet.of(Role.COORDINATOR),
                Set.of()));
        staff.add(new AccountChange(null, DemoCatalogue.SYSTEM_ADMIN_USERNAME, "Administrateur de démonstration",
                email(DemoCatalogue.SYSTEM_ADMIN_USERNAME), "fr", EnumSet.of(Role.SYSTEM_ADMIN), Set.of()));
        List<UserAccount> created = accounts.createDemoAccounts(staff, DemoCatalogue.PASSWORD);

        List<AccountChange> supervisors = new ArrayList<>();
        for (DemoAgency agency : DemoCatalogue.AGENCIES) {
            Set<UUID> team = new HashSet<>();
            created.stream().filter(u -> u.username().startsWith(prefix(agency) + "cw")).forEach(u -> team.add(u.id()));
            supervisors.add(change(agency, agencyByCode.get(agency.code()).id(), "supervisor", Role.SUPERVISOR, team,
                    staffNames, staffRandom));
        }
        List<UserAccount> createdSupervisors = accounts.createDemoAccounts(supervisors, DemoCatalogue.PASSWORD);

        for (DemoAgency agency : DemoCatalogue.AGENCIES) {
            UUID clerk = find(created, prefix(agency) + "clerk").id();
            UUID supervisor = find(createdSupervisors, prefix(agency) + "supervisor").id();
            List<Caseworker> team = new ArrayList<>();
            for (int i = 1; i <= agency.caseworkers(); i++) {
                team.add(new Caseworker(find(created, prefix(agency) + "cw" + i),
                        agency.regions().get((i - 1) % agency.regions().size()), clerk, supervisor));
            }
            caseworkers.put(agency.code(), team);
        }
        return created.size() + createdSupervisors.size();
    }

    private static AccountChange change(DemoAgency agency, UUID agencyId, String suffix, Role role,
            Set<UUID> supervisees, DemoNames names, Random random) {
        String username = prefix(agency) + suffix;
        int[] cultures = DemoCatalogue.REGIONS.get(agency.regions().get(0)).cultures();
        Culture culture = DemoCatalogue.culture(weighted(random, cultures));
        PersonName name = names.adult(culture, random.nextBoolean());
        String locale = username.equals(DemoCatalogue.ARABIC_SPEAKER) ? "ar"
                : agency.englishSpeakers().contains(suffix) ? "en" : "fr";
        return new AccountChange(agencyId, username, name.full(), email(username), locale, EnumSet.of(role),
                supervisees);
    }

    private static String prefix(DemoAgency agency) {
        return agency.code().toLowerCase(java.util.Locale.ROOT) + ".";
    }

    /** Addresses under .invalid, a top-level domain reserved never to exist: no demo mail can reach anyone. */
    private static String email(String username) {
        return username + "@demo.invalid";
    }

    private static UserAccount find(List<UserAccount> users, String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }

    private static int weighted(Random random, int[] weights) {
        int total = java.util.Arrays.stream(weights).sum();
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no positive weight");
    }
}
