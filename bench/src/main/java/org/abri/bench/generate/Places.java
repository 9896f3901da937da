package org.abri.bench.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.abri.bench.generate.Names.Culture;

/**
 * The three-level geography: 15 regions (prefectures of the Central African Republic, Arabic names
 * where the population speaks Arabic), their districts (sub-prefectures, about 80) and about 600
 * communes. Region and district names are real places; commune names are made up from syllables
 * of the region's languages, deterministically, so that the geography is plausible without
 * pretending to be an official list. Codes start with "BN-" (bench).
 */
final class Places {

    /** A region: names, weight in the national caseload, and its naming cultures' weights. */
    record Region(String code, String name, String nameAr, double caseWeight, double[] cultures, String[] districts) {
    }

    record Place(UUID id, UUID parentId, int level, String code, String name, String nameAr, int region, int district) {
    }

    // Culture weights, in the order of Names.Culture: central african, fulani, arabic origin, hausa, french christian.
    private static final double[] WEST = {0.55, 0.25, 0.05, 0.05, 0.10};
    private static final double[] CAPITAL = {0.60, 0.05, 0.10, 0.07, 0.18};
    private static final double[] CENTRE = {0.70, 0.10, 0.08, 0.04, 0.08};
    private static final double[] EAST = {0.55, 0.20, 0.15, 0.03, 0.07};
    private static final double[] NORTH_EAST = {0.20, 0.15, 0.55, 0.07, 0.03};

    static final List<Region> REGIONS = List.of(
            new Region("BN-BGF", "Bangui", "بانغي", 14, CAPITAL, new String[] {"1er arrondissement", "2e arrondissement",
                "3e arrondissement", "4e arrondissement", "5e arrondissement", "6e arrondissement", "7e arrondissement",
                "8e arrondissement"}),
            new Region("BN-MP", "Ombella-M'Poko", null, 11, CAPITAL, new String[] {"Bimbo", "Bégoua", "Boali", "Bossembélé",
                "Damara", "Yaloké"}),
            new Region("BN-OA", "Ouham", null, 8, CENTRE, new String[] {"Bossangoa", "Bouca", "Batangafo", "Kabo", "Markounda",
                "Nana-Bakassa"}),
            new Region("BN-OP", "Ouham-Pendé", null, 9, WEST, new String[] {"Bozoum", "Bocaranga", "Paoua", "Ngaoundaye",
                "Koui", "Bossemptélé"}),
            new Region("BN-NM", "Nana-Mambéré", null, 7, WEST, new String[] {"Bouar", "Baboua", "Baoro", "Abba"}),
            new Region("BN-HS", "Mambéré-Kadéï", null, 6, WEST, new String[] {"Berbérati", "Carnot", "Gamboula", "Amada-Gaza",
                "Dédé-Mokouba", "Sosso-Nakombo"}),
            new Region("BN-SE", "Sangha-Mbaéré", null, 2, CENTRE, new String[] {"Nola", "Bayanga", "Bambio"}),
            new Region("BN-LB", "Lobaye", null, 5, CENTRE, new String[] {"Mbaïki", "Boda", "Mongoumba", "Boganangone",
                "Boganda"}),
            new Region("BN-KG", "Kémo", null, 4, CENTRE, new String[] {"Sibut", "Dékoa", "Mala", "Ndjoukou"}),
            new Region("BN-KB", "Nana-Grébizi", null, 4, CENTRE, new String[] {"Kaga-Bandoro", "Mbrès"}),
            new Region("BN-UK", "Ouaka", null, 9, EAST, new String[] {"Bambari", "Grimari", "Ippy", "Kouango", "Bakala"}),
            new Region("BN-BK", "Basse-Kotto", null, 6, EAST, new String[] {"Alindao", "Mobaye", "Kembé", "Zangba", "Mingala",
                "Satéma"}),
            new Region("BN-MB", "Mbomou", null, 5, EAST, new String[] {"Bangassou", "Gambo", "Ouango", "Rafaï", "Bakouma"}),
            new Region("BN-HK", "Haute-Kotto", "هوت كوتو", 5, NORTH_EAST, new String[] {"Bria", "Ouadda", "Yalinga",
                "Sam-Ouandja"}),
            new Region("BN-VK", "Vakaga", "فاكاغا", 5, NORTH_EAST, new String[] {"Birao", "Ouanda-Djallé", "Tiringoulou",
                "Am-Dafok"}));

    /** Arabic names of the districts of the Arabic-speaking north-east (and the capital's are not needed). */
    private static String districtAr(String name) {
        return switch (name) {
            case "Birao" -> "بيراو";
            case "Ouanda-Djallé" -> "واندا جالي";
            case "Tiringoulou" -> "تيرينغولو";
            case "Am-Dafok" -> "أم دافوق";
            case "Bria" -> "بريا";
            case "Ouadda" -> "وادا";
            case "Yalinga" -> "يالينغا";
            case "Sam-Ouandja" -> "سام واندجا";
            default -> null;
        };
    }

    private static final String[] FIRST = {"Ba", "Bo", "Gba", "Ngo", "Ka", "Ko", "Ma", "Nda", "Ya", "Za", "Se", "Ke",
        "Mbo", "Da", "Wa", "Go", "To", "Bé", "Ndé", "Kpa"};
    private static final String[] MIDDLE = {"nga", "ko", "li", "ma", "ra", "ssé", "ndi", "ba", "lo", "gou", "ké", "ya",
        "mbé", "to", "wa", "dé"};
    private static final String[] LAST = {"", "ro", "ra", "ka", "ndji", "mbo", "li", "kou", "lé", "ngou", "bé", "ya"};
    private static final String[] PREFIX = {"", "", "", "", "Kotto ", "Mbou ", "Ngoulé "};

    private Places() {
    }

    /** All places, regions first, then districts, then communes (about 8 per district, capital fewer). */
    static List<Place> build(long seed) {
        Rng rng = new Rng(seed, 0, 0x91ACE);
        List<Place> places = new ArrayList<>();
        List<Place> districts = new ArrayList<>();
        for (int r = 0; r < REGIONS.size(); r++) {
            Region region = REGIONS.get(r);
            Place regionPlace = new Place(rng.uuid(), null, 1, region.code(), region.name(), region.nameAr(), r, -1);
            places.add(regionPlace);
            for (int d = 0; d < region.districts().length; d++) {
                String name = region.districts()[d];
                Place district = new Place(rng.uuid(), regionPlace.id(), 2, "%s-%02d".formatted(region.code(), d + 1), name,
                        districtAr(name), r, districts.size());
                districts.add(district);
            }
        }
        places.addAll(districts);
        Set<String> used = new LinkedHashSet<>();
        for (Place district : districts) {
            Region region = REGIONS.get(district.region());
            int communes = region.code().equals("BN-BGF") ? 4 : 6 + rng.nextInt(5);
            for (int c = 0; c < communes; c++) {
                String name;
                do {
                    name = rng.pick(PREFIX) + rng.pick(FIRST) + rng.pick(MIDDLE) + rng.pick(LAST);
                } while (!used.add(name));
                places.add(new Place(rng.uuid(), district.id(), 3, "%s-%02d".formatted(district.code(), c + 1), name, null,
                        district.region(), district.district()));
            }
        }
        return places;
    }

    static Culture culture(Rng rng, int region) {
        return Culture.values()[rng.weighted(REGIONS.get(region).cultures())];
    }
}
