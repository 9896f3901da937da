package org.abri.bench.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The agencies of a national deployment and their staff. Ten agencies of realistic sizes: the
 * ministry holds the largest share of cases, a UN agency few (it coordinates and funds), four
 * international NGOs and four national NGOs of decreasing size. Staff numbers follow the cases:
 * enough caseworkers for an average open caseload of {@code caseload} (18 by default, the SOP
 * standard being 25), supervisors of teams of 4 to 6 caseworkers (some of 7 or 8), a data entry
 * clerk per 15 caseworkers, managers, focal points, administrators and the coordination group.
 */
final class Staff {

    record AgencySpec(String code, String name, String kind, double share, int[] regions) {
    }

    static final List<AgencySpec> AGENCIES = List.of(
            new AgencySpec("MASPF", "Ministère des Affaires sociales et de la Protection de la famille (bench)", "ministry",
                    0.30, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}),
            new AgencySpec("UNENF", "Fonds des Nations unies pour l'enfance, bureau pays (bench)", "un_agency", 0.03,
                    new int[] {0, 1, 13, 14}),
            new AgencySpec("AIDENF", "Aide à l'Enfance Internationale (bench)", "international_ngo", 0.16,
                    new int[] {2, 3, 4, 10, 11}),
            new AgencySpec("SAUVENF", "Sauvegarde de l'Enfant International (bench)", "international_ngo", 0.13,
                    new int[] {0, 1, 5, 7, 12}),
            new AgencySpec("CISE", "Comité International de Secours à l'Enfance (bench)", "international_ngo", 0.10,
                    new int[] {8, 9, 10, 13, 14}),
            new AgencySpec("PLANENF", "Plan pour l'Enfance Afrique centrale (bench)", "international_ngo", 0.08,
                    new int[] {3, 4, 5, 6}),
            new AgencySpec("ESPOIR", "Association Espoir Kodro (bench)", "national_ngo", 0.06, new int[] {0, 1}),
            new AgencySpec("VOIXENF", "La Voix des Enfants de l'Ouham (bench)", "national_ngo", 0.05, new int[] {2, 3}),
            new AgencySpec("ALNOUR", "Association Al-Nour pour l'Enfance (bench)", "national_ngo", 0.05, new int[] {13, 14}),
            new AgencySpec("MAMANS", "Réseau des Mamans Solidaires (bench)", "national_ngo", 0.04, new int[] {10, 11, 12}));

    record Agency(int index, UUID id, AgencySpec spec) {
    }

    /** A staff member. {@code district} is the place of a caseworker (-1 otherwise); {@code weight} their share of new cases. */
    static final class User {
        final int index;
        final UUID id;
        final int agency;
        final String username;
        final String fullName;
        final String locale;
        final List<String> roles = new ArrayList<>();
        int region = -1;
        int district = -1;
        double weight;
        int supervisor = -1;

        User(int index, UUID id, int agency, String username, String fullName, String locale) {
            this.index = index;
            this.id = id;
            this.agency = agency;
            this.username = username;
            this.fullName = fullName;
            this.locale = locale;
        }

        boolean has(String role) {
            return roles.contains(role);
        }
    }

    final List<Agency> agencies = new ArrayList<>();
    final List<User> users = new ArrayList<>();
    /** Per agency and region, the caseworkers working there. */
    final List<List<List<User>>> caseworkers = new ArrayList<>();
    final List<List<User>> clerks = new ArrayList<>();
    final List<List<User>> focalPoints = new ArrayList<>();
    final List<User> managers = new ArrayList<>();

    /**
     * @param openCases open cases per agency and region (as planned), which size the teams
     * @param allCases all cases per agency and region, so that a region with only closed cases keeps a caseworker
     */
    Staff(long seed, int[][] openCases, int[][] allCases, double caseload, List<Places.Place> places) {
        Rng rng = new Rng(seed, 0, 0x57AFF);
        List<List<Places.Place>> districtsByRegion = new ArrayList<>();
        for (int r = 0; r < Places.REGIONS.size(); r++) {
            districtsByRegion.add(new ArrayList<>());
        }
        for (Places.Place p : places) {
            if (p.level() == 2) {
                districtsByRegion.get(p.region()).add(p);
            }
        }
        for (int a = 0; a < AGENCIES.size(); a++) {
            AgencySpec spec = AGENCIES.get(a);
            agencies.add(new Agency(a, rng.uuid(), spec));
            String prefix = spec.code().toLowerCase(Locale.ROOT);
            List<List<User>> byRegion = new ArrayList<>();
            List<User> agencyCaseworkers = new ArrayList<>();
            for (int r = 0; r < Places.REGIONS.size(); r++) {
                List<User> here = new ArrayList<>();
                int needed = allCases[a][r] == 0 ? 0 : Math.max(1, (int) Math.ceil(openCases[a][r] / caseload));
                List<Places.Place> districts = districtsByRegion.get(r);
                for (int k = 0; k < needed; k++) {
                    User cw = add(rng, a, "%s.cw%05d".formatted(prefix, agencyCaseworkers.size() + 1), r, "CASEWORKER");
                    cw.region = r;
                    cw.district = districts.get(k % districts.size()).district();
                    // Most carry a normal share; a few are given far more (the ones over the standard).
                    cw.weight = rng.chance(0.03) ? 1.5 + rng.nextDouble() * 0.5 : 0.8 + rng.nextDouble() * 0.35;
                    here.add(cw);
                    agencyCaseworkers.add(cw);
                }
                byRegion.add(here);
            }
            caseworkers.add(byRegion);
            // Teams: consecutive caseworkers (same region), 4 to 6 mostly, some larger.
            int s = 0;
            for (int start = 0; start < agencyCaseworkers.size();) {
                int size = rng.chance(0.15) ? rng.between(7, 8) : rng.between(4, 6);
                User supervisor = add(rng, a, "%s.sup%04d".formatted(prefix, ++s), agencyCaseworkers.get(start).region,
                        "SUPERVISOR");
                for (int k = start; k < Math.min(agencyCaseworkers.size(), start + size); k++) {
                    agencyCaseworkers.get(k).supervisor = supervisor.index;
                }
                start += size;
            }
            List<User> agencyClerks = new ArrayList<>();
            int clerkCount = Math.max(1, (int) Math.round(agencyCaseworkers.size() / 15.0));
            for (int k = 0; k < clerkCount; k++) {
                agencyClerks.add(add(rng, a, "%s.clerk%03d".formatted(prefix, k + 1), spec.regions()[k % spec.regions().length],
                        "DATA_ENTRY_CLERK"));
            }
            clerks.add(agencyClerks);
            managers.add(add(rng, a, prefix + ".manager", -1, "AGENCY_MANAGER"));
            if (agencyCaseworkers.size() > 400) {
                add(rng, a, prefix + ".manager2", -1, "AGENCY_MANAGER");
            }
            List<User> focal = new ArrayList<>();
            for (int k = 0; k < Math.min(3, 1 + agencyCaseworkers.size() / 300); k++) {
                focal.add(add(rng, a, "%s.focal%d".formatted(prefix, k + 1), -1, "SERVICE_FOCAL_POINT"));
            }
            focalPoints.add(focal);
            add(rng, a, prefix + ".admin", -1, "AGENCY_ADMIN");
            if (spec.kind().equals("ministry")) {
                add(rng, a, prefix + ".coordination1", -1, "COORDINATION_VIEWER");
                add(rng, a, prefix + ".coordination2", -1, "COORDINATION_VIEWER");
                add(rng, a, prefix + ".services", -1, "COORDINATOR");
            } else if (spec.kind().equals("un_agency")) {
                add(rng, a, prefix + ".coordination", -1, "COORDINATION_VIEWER");
            }
        }
    }

    private User add(Rng rng, int agency, String username, int region, String role) {
        Names.Culture culture = region < 0 ? Names.Culture.CENTRAL_AFRICAN : Places.culture(rng, region);
        boolean female = rng.chance(0.45);
        String locale = region >= 13 && rng.chance(0.3) ? "ar" : rng.chance(0.08) ? "en" : "fr";
        User user = new User(users.size(), rng.uuid(), agency, username, Names.adult(rng, culture, female), locale);
        user.roles.add(role);
        user.region = region;
        users.add(user);
        return user;
    }

    long count(String role) {
        return users.stream().filter(u -> u.has(role)).count();
    }
}
