package org.abri.demo;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.services.ServiceMapSeeding;
import org.abri.services.ServiceMapSeeding.SeedProvider;
import org.abri.services.ServiceMapSeeding.SeedService;
import org.springframework.stereotype.Component;

/**
 * The demo deployment's service map: each demo agency offers a few services where it works,
 * and five organisations off Abri (a hospital, a legal clinic, a school inspection, a police
 * unit, a community committee) complete it. All invented, fixed (no randomness): the same map
 * on every load. A few entries were last verified more than six months ago, so that the map
 * shows its "to verify" flag. Phone numbers use the +236 00 prefix, which no Central African
 * operator uses, so that no real person is ever called from the demo.
 */
@Component
class DemoServiceMap {

    /** An organisation off Abri. */
    record OffAbri(String key, String name, String contactPerson, String phone, String address) {
    }

    /**
     * A service: its key (the referrals pick services by it), the provider (an agency code or an
     * off-Abri key), and how many days before the load it was last verified.
     */
    record Entry(String key, String provider, String sector, String name, String description, String contactPerson,
            String phone, String hours, Integer ageMin, Integer ageMax, List<String> sexes, List<String> concerns,
            String eligibilityNotes, List<String> places, String languages, String cost, int verifiedDaysAgo) {
    }

    /** What was loaded: service ids by key, and counts. */
    record Loaded(Map<String, UUID> services, int providers, int offAbriProviders) {
    }

    static final String FREE = "Gratuit";
    static final String WEEKDAYS = "Lundi–vendredi, 8 h–16 h";

    static final List<OffAbri> OFF_ABRI = List.of(
            new OffAbri("HOPITAL_BRIA", "Hôpital préfectoral de Bria (démo)", "Dr Prosper Yakanda-Wili",
                    "+236 00 00 11 01", "Quartier Administratif, Bria"),
            new OffAbri("CLINIQUE_JURIDIQUE", "Clinique juridique Droit pour Tous (démo)", "Me Bernadette Kossingou",
                    "+236 00 00 11 02", "Avenue des Martyrs, Bangui (démo)"),
            new OffAbri("INSPECTION_PAOUA", "Inspection de l'enseignement fondamental de Paoua (démo)",
                    "M. Rodrigue Nguérékata", "+236 00 00 11 03", "Paoua centre"),
            new OffAbri("POLICE_BANGUI", "Unité de police pour la protection de l'enfant, Bangui (démo)",
                    "Capitaine Odette Sélémbi", "+236 00 00 11 04", "Commissariat du 3e arrondissement, Bangui"),
            new OffAbri("COMITE_BIRAO", "Comité communautaire de protection de l'enfant de Birao (démo)",
                    "Hadjé Khadidja Moussa Ali", "+236 00 00 11 05", "Quartier Djaballa, Birao"));

    private static final List<String> ALL = List.of();
    private static final List<String> BOTH = List.of();

    static final List<Entry> SERVICES = List.of(
            // ---- the ministry: Bangui and Ombella-M'Poko
            new Entry("MINPROT_PLACEMENT", "MINPROT", "interim_care", "Placement familial temporaire",
                    "Familles d'accueil agréées pour les enfants non accompagnés ou séparés, en attendant la réunification.",
                    "Mme Pélagie Zoumaldé", "+236 00 00 21 01", "Permanence 24 h/24", 0, 17, BOTH,
                    List.of("unaccompanied", "separated", "neglect"), "Sur référencement d'un gestionnaire de cas.",
                    List.of("CF-BGF", "CF-MP"), "Sango, français", FREE, 40),
            new Entry("MINPROT_ECOUTE", "MINPROT", "mhpss", "Centre d'écoute et d'orientation",
                    "Écoute, premiers secours psychologiques et orientation des enfants et des familles.",
                    "M. Thierry Mbaïkoua", "+236 00 00 21 02", WEEKDAYS, 0, 17, BOTH, ALL, null,
                    List.of("CF-BGF"), "Sango, français", FREE, 75),
            new Entry("MINPROT_JUSTICE", "MINPROT", "legal_aid", "Accompagnement des enfants en conflit avec la loi",
                    "Présence aux auditions, alternatives à la détention, suivi auprès du juge des enfants.",
                    "Mme Rosalie Ngaïkosset", "+236 00 00 21 03", WEEKDAYS, 10, 17, BOTH,
                    List.of("conflict_with_law"), null, List.of("CF-BGF"), "Sango, français", FREE, 230),
            // ---- the UN agency: Vakaga and Haute-Kotto
            new Entry("ONUENF_RRF", "ONUENF", "interim_care", "Recherche et réunification familiales",
                    "Recherche des familles, vérification et réunification des enfants non accompagnés ou séparés.",
                    "M. Adoum Hassan Djidda", "+236 00 00 22 01", WEEKDAYS, 0, 17, BOTH,
                    List.of("unaccompanied", "separated"), null, List.of("CF-VK", "CF-HK"), "Arabe, sango, français",
                    FREE, 20),
            new Entry("ONUENF_EAE", "ONUENF", "mhpss", "Espaces amis des enfants",
                    "Activités récréatives et psychosociales encadrées, dépistage des enfants à risque.",
                    "Mme Achta Mahamat Nour", "+236 00 00 22 02", "Lundi–samedi, 8 h–12 h", 3, 17, BOTH, ALL, null,
                    List.of("CF-VK-BIR", "CF-HK-BRI-PK3"), "Arabe, sango", FREE, 60),
            new Entry("ONUENF_ETA", "ONUENF", "education", "Espaces temporaires d'apprentissage",
                    "Classes temporaires sur les sites de déplacés, fournitures scolaires.", "M. Brahim Issa Tahir",
                    "+236 00 00 22 03", "Lundi–vendredi, 7 h 30–12 h 30", 6, 14, BOTH, ALL, null,
                    List.of("CF-VK-BIR-BIR", "CF-VK-BIR-KOR", "CF-HK-BRI-PK3"), "Arabe, sango, français", FREE, 95),
            new Entry("ONUENF_KITS", "ONUENF", "basic_needs", "Kits de dignité et articles ménagers essentiels",
                    "Distribution aux familles d'accueil et aux enfants chefs de ménage.", "Mme Zénaba Abakar",
                    "+236 00 00 22 04", "Sur rendez-vous", null, null, BOTH, ALL,
                    "Familles identifiées par un gestionnaire de cas.", List.of("CF-VK", "CF-HK"), "Arabe, sango",
                    FREE, 260),
            // ---- the international NGO: Ouham, Ouham-Pendé, Haute-Kotto
            new Entry("INTLAIDE_CLINIQUE", "INTLAIDE", "health", "Clinique mobile — soins aux survivants de VBG",
                    "Soins médicaux dans les 72 heures (PPE, contraception d'urgence), certificat médical, orientation.",
                    "Dr Estelle Ouambéti", "+236 00 00 23 01", "Permanence 24 h/24 pour les urgences", 0, 17, BOTH,
                    List.of("sexual_violence", "physical_violence"), null, List.of("CF-AC", "CF-OP"),
                    "Sango, français", FREE, 30),
            new Entry("INTLAIDE_PSS", "INTLAIDE", "mhpss", "Soutien psychosocial individuel et de groupe",
                    "Séances individuelles et groupes de parole pour enfants et parents.", "M. Gervais Ndakala",
                    "+236 00 00 23 02", WEEKDAYS, 5, 17, BOTH, List.of("psychosocial_distress", "sexual_violence",
                            "physical_violence", "caafag"), null, List.of("CF-AC", "CF-OP", "CF-HK"),
                    "Sango, français, arabe", FREE, 50),
            new Entry("INTLAIDE_EAFGA", "INTLAIDE", "ngo_services",
                    "Réintégration des enfants sortis des forces et groupes armés",
                    "Prise en charge transitoire, réintégration familiale et communautaire, formation.",
                    "Mme Clarisse Dédé-Yongoro", "+236 00 00 23 03", WEEKDAYS, 10, 17, BOTH, List.of("caafag"), null,
                    List.of("CF-AC", "CF-OP", "CF-HK"), "Sango, français", FREE, 120),
            new Entry("INTLAIDE_CASH", "INTLAIDE", "basic_needs", "Transferts monétaires aux familles d'accueil",
                    "Trois versements mensuels aux familles qui accueillent un enfant séparé.",
                    "M. Olivier Feïkéré", "+236 00 00 23 04", "Sur rendez-vous", null, null, BOTH,
                    List.of("separated", "unaccompanied", "child_labour"), "Une famille par enfant suivi.",
                    List.of("CF-AC", "CF-OP"), "Sango, français", FREE, 210),
            // ---- the national NGO: Bangui, Nana-Mambéré, Ouham-Pendé
            new Entry("ESPOIR_PSS", "ESPOIR", "mhpss", "Accompagnement psychosocial de quartier",
                    "Visites à domicile, groupes de parole de mères, clubs d'enfants.", "Mme Joséphine Yalingbo",
                    "+236 00 00 24 01", WEEKDAYS, 0, 17, BOTH, ALL, null, List.of("CF-BGF", "CF-NM"),
                    "Sango, français, fulfulde", FREE, 15),
            new Entry("ESPOIR_ECOLE", "ESPOIR", "education", "Réinsertion scolaire et cours de rattrapage",
                    "Inscription, frais et fournitures, cours de rattrapage pour les enfants déscolarisés.",
                    "M. Fidèle Ngouandji", "+236 00 00 24 02", "Lundi–vendredi, 14 h–17 h", 7, 15, BOTH, ALL, null,
                    List.of("CF-BGF", "CF-NM", "CF-OP"), "Sango, français", FREE, 45),
            new Entry("ESPOIR_METIERS", "ESPOIR", "ngo_services", "Formation professionnelle pour adolescents",
                    "Couture, menuiserie, mécanique : six mois d'apprentissage avec un kit d'installation.",
                    "Mme Sylvie Bangué-Tandet", "+236 00 00 24 03", WEEKDAYS, 14, 17, BOTH,
                    List.of("child_labour", "worst_forms_child_labour", "caafag"), null, List.of("CF-BGF"),
                    "Sango, français", FREE, 140),
            new Entry("ESPOIR_ETAT_CIVIL", "ESPOIR", "legal_aid", "Actes de naissance et jugements supplétifs",
                    "Aide aux démarches d'état civil, audiences foraines avec le tribunal.", "M. Aristide Koyassambia",
                    "+236 00 00 24 04", "Mardi et jeudi, 8 h–15 h", 0, 17, BOTH, List.of("lack_of_documentation"),
                    null, List.of("CF-BGF", "CF-NM"), "Sango, français", FREE, 160),
            // ---- organisations off Abri
            new Entry("HOPITAL_BRIA_VBG", "HOPITAL_BRIA", "health", "Prise en charge médicale des survivants de VBG",
                    "Soins dans les 72 heures, certificat médical gratuit, suivi.", "Dr Prosper Yakanda-Wili",
                    "+236 00 00 11 01", "24 h/24, 7 j/7", null, null, BOTH, List.of("sexual_violence",
                            "physical_violence"), null, List.of("CF-HK"), "Sango, français, arabe", FREE, 35),
            new Entry("HOPITAL_BRIA_PEDIATRIE", "HOPITAL_BRIA", "health", "Pédiatrie et nutrition",
                    "Consultations pédiatriques, dépistage et prise en charge de la malnutrition.",
                    "Mme Édith Gbaguéné", "+236 00 00 11 06", "Lundi–samedi, 7 h 30–15 h 30", 0, 14, BOTH, ALL,
                    null, List.of("CF-HK"), "Sango, français, arabe", "Gratuit pour les moins de 5 ans", 400),
            new Entry("CLINIQUE_ASSISTANCE", "CLINIQUE_JURIDIQUE", "legal_aid",
                    "Assistance juridique et accompagnement au tribunal",
                    "Conseil, plainte, représentation des enfants victimes devant les juridictions.",
                    "Me Bernadette Kossingou", "+236 00 00 11 02", WEEKDAYS, 0, 17, BOTH,
                    List.of("sexual_violence", "trafficking", "child_marriage", "physical_violence"), null,
                    List.of("CF-BGF", "CF-MP"), "Sango, français", FREE, 70),
            new Entry("INSPECTION_INSCRIPTION", "INSPECTION_PAOUA", "education", "Inscription et orientation scolaires",
                    "Inscription en cours d'année, dispense de frais pour les enfants déplacés.",
                    "M. Rodrigue Nguérékata", "+236 00 00 11 03", "Lundi–vendredi, 7 h 30–13 h", 5, 16, BOTH, ALL,
                    null, List.of("CF-OP-PAO"), "Sango, français", FREE, 150),
            new Entry("POLICE_PLAINTES", "POLICE_BANGUI", "security_police", "Plaintes et protection des enfants victimes",
                    "Accueil des plaintes par des officiers formés, audition adaptée à l'enfant.",
                    "Capitaine Odette Sélémbi", "+236 00 00 11 04", "24 h/24", 0, 17, BOTH,
                    List.of("sexual_violence", "trafficking", "physical_violence", "child_labour"),
                    "Seulement avec l'accord éclairé de l'enfant ou de sa famille.", List.of("CF-BGF"),
                    "Sango, français", FREE, 100),
            new Entry("COMITE_MEDIATION", "COMITE_BIRAO", "community_mechanisms",
                    "Médiation familiale et veille communautaire",
                    "Médiation entre familles, alerte des cas, accompagnement des enfants réunifiés.",
                    "Hadjé Khadidja Moussa Ali", "+236 00 00 11 05", "Tous les jours, sur appel", null, null, BOTH,
                    List.of("child_marriage", "neglect", "separated", "emotional_abuse"), null,
                    List.of("CF-VK-BIR"), "Arabe, sango", FREE, 55));

    private final ServiceMapSeeding seeding;
    private final UserAccounts accounts;

    DemoServiceMap(ServiceMapSeeding seeding, UserAccounts accounts) {
        this.seeding = seeding;
        this.accounts = accounts;
    }

    /** Writes the providers, then their services; {@code agencies} and {@code places} give ids by code. */
    Loaded load(LocalDate today, Map<String, UUID> agencies, Map<String, UUID> places) {
        UUID keeper = accounts.findByUsername(DemoCatalogue.SERVICE_MAP_USERNAME).map(UserAccount::id).orElseThrow();
        Map<String, UUID> providers = new LinkedHashMap<>();
        for (DemoCatalogue.DemoAgency agency : DemoCatalogue.AGENCIES) {
            providers.put(agency.code(), seeding.createProviderForDemo(new SeedProvider(agency.name(),
                    agencies.get(agency.code()), null, null, null, null)));
        }
        for (OffAbri organisation : OFF_ABRI) {
            providers.put(organisation.key(), seeding.createProviderForDemo(new SeedProvider(organisation.name(), null,
                    organisation.contactPerson(), organisation.phone(), null, organisation.address())));
        }
        Map<String, UUID> services = new LinkedHashMap<>();
        for (Entry entry : SERVICES) {
            // An agency's service has its service focal point; an off-Abri one has none (the coordinators are reminded).
            UUID focalPoint = agencies.containsKey(entry.provider())
                    ? accounts.findByUsername(entry.provider().toLowerCase(java.util.Locale.ROOT) + ".focal")
                            .map(UserAccount::id).orElse(null)
                    : null;
            services.put(entry.key(), seeding.createServiceForDemo(new SeedService(providers.get(entry.provider()),
                    entry.sector(), entry.name(), entry.description(), entry.contactPerson(), entry.phone(),
                    entry.hours(), entry.ageMin(), entry.ageMax(), entry.sexes(), entry.concerns(),
                    entry.eligibilityNotes(), entry.places().stream().map(code -> required(places, code)).toList(),
                    entry.languages(), entry.cost(), focalPoint, today.minusDays(entry.verifiedDaysAgo())), keeper));
        }
        return new Loaded(services, providers.size(), OFF_ABRI.size());
    }

    private static UUID required(Map<String, UUID> places, String code) {
        UUID id = places.get(code);
        if (id == null) {
            throw new IllegalStateException("demo service map: no demo place " + code);
        }
        return id;
    }
}
