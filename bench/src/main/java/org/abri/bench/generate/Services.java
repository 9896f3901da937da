package org.abri.bench.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.abri.bench.generate.Staff.User;

/**
 * The service map referrals go to: each agency offers the services of two to four sectors in
 * its regions (its first focal point receives their referrals), and a few organisations off
 * Abri (a hospital, a legal clinic, a school network, a food programme) receive printed referrals.
 */
final class Services {

    static final String[] SECTORS = {"health", "legal_aid", "education", "mhpss", "security_police", "interim_care",
        "ngo_services", "community_mechanisms", "basic_needs"};

    record Provider(UUID id, String name, Staff.Agency agency) {
    }

    record Service(UUID id, Provider provider, String sector, String name, User focalPoint, int[] regions) {
    }

    final List<Provider> providers = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<List<Service>> bySector = new ArrayList<>();

    Services(long seed, Staff staff) {
        Rng rng = new Rng(seed, 0, 0x5E4F1CE);
        for (int s = 0; s < SECTORS.length; s++) {
            bySector.add(new ArrayList<>());
        }
        for (Staff.Agency agency : staff.agencies) {
            Provider provider = new Provider(rng.uuid(), agency.spec().name(), agency);
            providers.add(provider);
            int count = rng.between(2, 4);
            for (int k = 0; k < count; k++) {
                int s = rng.nextInt(SECTORS.length);
                add(rng, provider, s, staff.focalPoints.get(agency.index()).get(0), agency.spec().regions());
            }
        }
        String[][] offSystem = {{"Hôpital communautaire de Bangui", "health"}, {"Clinique juridique de l'Association des femmes juristes", "legal_aid"},
            {"Réseau des écoles de la seconde chance", "education"}, {"Programme d'assistance alimentaire", "basic_needs"},
            {"Brigade des mineurs", "security_police"}, {"Centre de santé de district", "health"}};
        int[] everywhere = new int[Places.REGIONS.size()];
        for (int r = 0; r < everywhere.length; r++) {
            everywhere[r] = r;
        }
        for (String[] off : offSystem) {
            Provider provider = new Provider(rng.uuid(), off[0], null);
            providers.add(provider);
            add(rng, provider, java.util.Arrays.asList(SECTORS).indexOf(off[1]), null, everywhere);
        }
        // Every sector has at least one service.
        for (int s = 0; s < SECTORS.length; s++) {
            if (bySector.get(s).isEmpty()) {
                Staff.Agency ministry = staff.agencies.get(0);
                add(rng, providers.get(0), s, staff.focalPoints.get(ministry.index()).get(0), ministry.spec().regions());
            }
        }
    }

    private void add(Rng rng, Provider provider, int sector, User focal, int[] regions) {
        Service service = new Service(rng.uuid(), provider, SECTORS[sector],
                SECTOR_NAMES[sector] + " — " + provider.name(), focal, regions);
        services.add(service);
        bySector.get(sector).add(service);
    }

    private static final String[] SECTOR_NAMES = {"Soins de santé", "Assistance juridique", "Réinsertion scolaire",
        "Soutien psychosocial", "Protection policière", "Prise en charge transitoire", "Accompagnement social",
        "Comité communautaire de protection", "Kits et vivres"};

    /** The sector a concern is most often referred to. */
    static int sectorFor(Rng rng, String concern) {
        return switch (concern) {
            case "sexual_violence" -> rng.chance(0.6) ? 0 : rng.chance(0.6) ? 3 : 1;
            case "unaccompanied", "separated" -> rng.chance(0.7) ? 5 : 8;
            case "psychosocial_distress", "caafag", "emotional_abuse" -> 3;
            case "lack_of_documentation", "conflict_with_law" -> 1;
            case "child_labour", "worst_forms_child_labour", "child_marriage" -> rng.chance(0.6) ? 2 : 6;
            case "physical_violence" -> rng.chance(0.5) ? 0 : 7;
            default -> rng.chance(0.5) ? 8 : 6;
        };
    }
}
