package org.abri.demo;

import java.util.List;
import java.util.Map;

import org.abri.demo.DemoNames.Culture;
import org.abri.identity.Role;

/**
 * The fixed part of the demo deployment: its agencies (fictional, flagged "démo" in their
 * names), the users of each and the places where they work. Real place names of the Central
 * African Republic give the geography; the hierarchy is simplified. docs/demo.md lists all of it.
 */
final class DemoCatalogue {

    /** The one password of every demo account, published in docs/demo.md. */
    static final String PASSWORD = "demo-abri-2026";

    /** Fixed seed: the same children, in the same places, on every fresh load. */
    static final long SEED = 20_260_214L;

    private DemoCatalogue() {
    }

    /**
     * A fictional agency, the level-1 places where its caseworkers work (caseworker n works in
     * regions[n % size]) and its share of the children.
     */
    record DemoAgency(String code, String name, String kind, int caseworkers, List<String> regions, int children,
            List<String> englishSpeakers) {
    }

    static final List<DemoAgency> AGENCIES = List.of(
            new DemoAgency("MINPROT", "Ministère de la Protection de l'Enfance (démo)", "ministry", 3,
                    List.of("CF-BGF", "CF-MP"), 40, List.of()),
            new DemoAgency("ONUENF", "Agence onusienne pour l'enfance (démo)", "un_agency", 3,
                    List.of("CF-VK", "CF-HK"), 30, List.of("manager", "focal", "cw3")),
            new DemoAgency("INTLAIDE", "Aide Internationale à l'Enfance (démo)", "international_ngo", 4,
                    List.of("CF-AC", "CF-OP", "CF-HK"), 70, List.of("manager", "admin")),
            new DemoAgency("ESPOIR", "Association Espoir Kodro (démo)", "national_ngo", 4,
                    List.of("CF-BGF", "CF-NM", "CF-OP"), 60, List.of()));

    /** A post every demo agency has one user in (username agency.suffix), besides its caseworkers and supervisor. */
    record Post(String suffix, Role role) {
    }

    static final List<Post> OTHER_POSTS = List.of(new Post("clerk", Role.DATA_ENTRY_CLERK),
            new Post("manager", Role.AGENCY_MANAGER), new Post("focal", Role.SERVICE_FOCAL_POINT),
            new Post("admin", Role.AGENCY_ADMIN));

    /** The coordination viewer belongs to the ministry, which leads the coordination group. */
    static final String COORDINATION_USERNAME = "minprot.coordination";
    /** The coordination group member who keeps the service map and the referral pathways. */
    static final String SERVICE_MAP_USERNAME = "minprot.services";
    static final String COORDINATION_AGENCY = "MINPROT";
    static final String SYSTEM_ADMIN_USERNAME = "demo.admin";
    /** A caseworker of the UN agency in Vakaga works in Arabic, to show the right-to-left pages. */
    static final String ARABIC_SPEAKER = "onuenf.cw1";

    // ---- places -----------------------------------------------------------------------------

    /** A place of the hierarchy: code, French name, Arabic name and the places under it. */
    record Place(String code, String name, String nameAr, List<Place> children) {
    }

    private static Place p(String code, String name, String nameAr, Place... children) {
        return new Place(code, name, nameAr, List.of(children));
    }

    /** Prefectures (codes ISO 3166-2:CF) > sub-prefectures or arrondissements > communes, quarters, sites. */
    static final List<Place> PLACES = List.of(
            p("CF-BGF", "Bangui", "بانغي",
                    p("CF-BGF-3", "3e arrondissement", "الدائرة الثالثة",
                            p("CF-BGF-3-PK5", "PK5", "الكيلومتر الخامس"),
                            p("CF-BGF-3-YAK", "Yakité", "ياكيتي")),
                    p("CF-BGF-4", "4e arrondissement", "الدائرة الرابعة",
                            p("CF-BGF-4-BOY", "Boy-Rabe", "بوي رابي"),
                            p("CF-BGF-4-GOB", "Gobongo", "غوبونغو")),
                    p("CF-BGF-5", "5e arrondissement", "الدائرة الخامسة",
                            p("CF-BGF-5-MIS", "Miskine", "ميسكين"),
                            p("CF-BGF-5-MAL", "Malimaka", "ماليماكا")),
                    p("CF-BGF-8", "8e arrondissement", "الدائرة الثامنة",
                            p("CF-BGF-8-COM", "Combattant", "كومباتان"),
                            p("CF-BGF-8-GBA", "Gbagouma", "غباغوما"))),
            p("CF-MP", "Ombella-M'Poko", "أومبيلا مبوكو",
                    p("CF-MP-BIM", "Bimbo", "بيمبو",
                            p("CF-MP-BIM-BIM", "Bimbo", "بيمبو"),
                            p("CF-MP-BIM-BEG", "Bégoua", "بيغوا")),
                    p("CF-MP-BOA", "Boali", "بوالي",
                            p("CF-MP-BOA-BOA", "Boali", "بوالي")),
                    p("CF-MP-DAM", "Damara", "دامارا",
                            p("CF-MP-DAM-DAM", "Damara", "دامارا"))),
            p("CF-AC", "Ouham", "أوهام",
                    p("CF-AC-BOS", "Bossangoa", "بوسانغوا",
                            p("CF-AC-BOS-BOS", "Bossangoa", "بوسانغوا"),
                            p("CF-AC-BOS-BEN", "Ben Zambé", "بن زامبي")),
                    p("CF-AC-BOU", "Bouca", "بوكا",
                            p("CF-AC-BOU-BOU", "Bouca", "بوكا")),
                    p("CF-AC-NBK", "Nana-Bakassa", "نانا باكاسا",
                            p("CF-AC-NBK-NBK", "Nana-Bakassa", "نانا باكاسا"))),
            p("CF-OP", "Ouham-Pendé", "أوهام بندي",
                    p("CF-OP-BOZ", "Bozoum", "بوزوم",
                            p("CF-OP-BOZ-BOZ", "Bozoum", "بوزوم")),
                    p("CF-OP-PAO", "Paoua", "باوا",
                            p("CF-OP-PAO-PAO", "Paoua", "باوا"),
                            p("CF-OP-PAO-BET", "Bétoko", "بيتوكو")),
                    p("CF-OP-BOC", "Bocaranga", "بوكارانغا",
                            p("CF-OP-BOC-BOC", "Bocaranga", "بوكارانغا"))),
            p("CF-NM", "Nana-Mambéré", "نانا مامبيري",
                    p("CF-NM-BOU", "Bouar", "بوار",
                            p("CF-NM-BOU-BOU", "Bouar", "بوار"),
                            p("CF-NM-BOU-NIE", "Niem-Yéléwa", "نييم يليوا")),
                    p("CF-NM-BAO", "Baoro", "باورو",
                            p("CF-NM-BAO-BAO", "Baoro", "باورو")),
                    p("CF-NM-ABB", "Abba", "أبا",
                            p("CF-NM-ABB-ABB", "Abba", "أبا"))),
            p("CF-HK", "Haute-Kotto", "كوتو العليا",
                    p("CF-HK-BRI", "Bria", "بريا",
                            p("CF-HK-BRI-BRI", "Bria", "بريا"),
                            p("CF-HK-BRI-PK3", "Site de déplacés PK3", "موقع النازحين بي كا 3")),
                    p("CF-HK-YAL", "Yalinga", "يالينغا",
                            p("CF-HK-YAL-YAL", "Yalinga", "يالينغا")),
                    p("CF-HK-OUA", "Ouadda", "وادا",
                            p("CF-HK-OUA-OUA", "Ouadda", "وادا"))),
            p("CF-VK", "Vakaga", "فاكاغا",
                    p("CF-VK-BIR", "Birao", "بيراو",
                            p("CF-VK-BIR-BIR", "Birao", "بيراو"),
                            p("CF-VK-BIR-KOR", "Korsi", "كورسي")),
                    p("CF-VK-OUD", "Ouanda Djallé", "واندا جالي",
                            p("CF-VK-OUD-OUD", "Ouanda Djallé", "واندا جالي"),
                            p("CF-VK-OUD-TIR", "Tiringoulou", "تيرينغولو"))));

    /**
     * Who lives where: the naming cultures (weights LOCAL, FULANI, ARABIC), the displacement
     * statuses (weights in the order of {@link #DISPLACEMENT}) and the nationalities of the
     * refugees and migrants met in each prefecture.
     */
    record Region(int[] cultures, int[] displacement, List<String> foreignNationalities) {
    }

    static final List<String> DISPLACEMENT =
            List.of("host", "idp", "returnee", "refugee", "asylum_seeker", "migrant", "stateless");

    static final Map<String, Region> REGIONS = Map.of(
            "CF-BGF", new Region(new int[] {65, 10, 25}, new int[] {45, 35, 10, 4, 2, 4, 0}, List.of("cod", "tcd", "cmr")),
            "CF-MP", new Region(new int[] {80, 12, 8}, new int[] {45, 35, 12, 4, 0, 4, 0}, List.of("cod", "cmr")),
            "CF-AC", new Region(new int[] {75, 15, 10}, new int[] {30, 50, 18, 0, 0, 2, 0}, List.of("tcd")),
            "CF-OP", new Region(new int[] {65, 25, 10}, new int[] {30, 40, 25, 0, 0, 5, 0}, List.of("tcd", "cmr")),
            "CF-NM", new Region(new int[] {55, 38, 7}, new int[] {40, 30, 20, 0, 0, 8, 2}, List.of("cmr", "nga")),
            "CF-HK", new Region(new int[] {35, 20, 45}, new int[] {30, 55, 10, 5, 0, 0, 0}, List.of("ssd", "sdn")),
            "CF-VK", new Region(new int[] {15, 10, 75}, new int[] {30, 20, 8, 35, 5, 0, 2}, List.of("sdn", "tcd")));

    /** PK5, in Bangui's 3rd arrondissement, is mostly Muslim. */
    static final Map<String, int[]> CULTURE_OVERRIDES = Map.of("CF-BGF-3", new int[] {30, 15, 55});

    static Culture culture(int index) {
        return Culture.values()[index];
    }
}
