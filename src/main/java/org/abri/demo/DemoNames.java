package org.abri.demo;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Invented names in the naming cultures of the Central African Republic, drawn at random
 * and combined, so that no name belongs to a real person on purpose. Each name has its usual
 * French spelling, the other Latin spellings met on forms, and its Arabic script where it
 * has one: the spelling variants that make searching for a child hard in real life.
 */
final class DemoNames {

    /** The naming culture of a child, which depends on where they live. */
    enum Culture {
        /** Sango, Banda, Gbaya, Manza…: Christian or French given names and local family names. */
        LOCAL,
        /** Fulani (Peul, Mbororo): Fulfulde forms of Muslim names; the family name is the father's name. */
        FULANI,
        /** Arabic-origin Muslim names of the north-east (Runga, Gula, Arab…), Chadian spellings. */
        ARABIC
    }

    /** One name: its usual spelling, its Arabic script (or null) and its other Latin spellings. */
    record Name(String latin, String arabic, List<String> variants) {
    }

    /** A person's name as registered: given names, family name and other spellings (or null). */
    record PersonName(String given, String family, String otherNames) {
        String full() {
            return given + " " + family;
        }
    }

    /**
     * Given and family names that, together, are those of well-known public figures of the
     * region. The pools are common names, so a random pair could meet one; such a pair is
     * drawn again.
     */
    private static final Set<String> PUBLIC_FIGURES = Set.of("mahamat idriss", "idriss deby", "mahamat deby",
            "hassan bouba", "ali darassa", "abdoulaye hissene", "michel djotodia", "nourredine adam",
            "noureddine adam", "zakaria damane", "sidiki abass");

    private static Name n(String latin, String arabic, String... variants) {
        return new Name(latin, arabic, List.of(variants));
    }

    // ---- LOCAL ------------------------------------------------------------------------------

    private static final List<Name> LOCAL_FEMALE = List.of(n("Grâce", null, "Grace"),
            n("Espérance", null, "Esperance"), n("Merveille", null), n("Providence", null), n("Divine", null),
            n("Clarisse", null, "Clarise"), n("Odette", null), n("Pascaline", null), n("Josiane", null, "Josianne"),
            n("Bernadette", null), n("Chantal", null, "Chantale"), n("Prisca", null), n("Nadège", null, "Nadege"),
            n("Sylvie", null), n("Ornella", null, "Ornela"), n("Reine", null), n("Rosalie", null), n("Francine", null),
            n("Élodie", null, "Elodie"), n("Gloria", null), n("Bénie", null, "Benie"), n("Carine", null, "Karine"),
            n("Solange", null), n("Blandine", null), n("Huguette", null), n("Dorcas", null),
            n("Rachelle", null, "Rachel"), n("Exaucée", null, "Exaucee"), n("Christelle", null, "Cristelle"),
            n("Fleur", null), n("Miracle", null), n("Joëlle", null, "Joelle"));

    private static final List<Name> LOCAL_MALE = List.of(n("Jean-Baptiste", null, "Jean Baptiste"),
            n("Dieudonné", null, "Dieudonne"), n("Fidèle", null, "Fidele"), n("Bienvenu", null, "Bienvenue"),
            n("Destin", null), n("Prince", null), n("Chancel", null, "Chancelin"), n("Exaucé", null, "Exauce"),
            n("Béni", null, "Beni"), n("Gloire", null), n("Hervé", null, "Herve"), n("Ghislain", null, "Guislain"),
            n("Rodrigue", null), n("Thierry", null), n("Parfait", null), n("Junior", null), n("Aimé", null, "Aime"),
            n("Serge", null), n("Brice", null), n("Cédric", null, "Cedric"), n("Juvénal", null, "Juvenal"),
            n("Évrard", null, "Evrard"), n("Wilfried", null, "Wilfrid"), n("Landry", null),
            n("Christ-Roi", null, "Christ Roi"), n("Emmanuel", null), n("Samuel", null), n("Josué", null, "Josue"),
            n("Élie", null, "Elie"), n("Trésor", null, "Tresor"), n("Précieux", null, "Precieux"));

    /** Family names in the style of the Sango, Banda, Gbaya and Manza, with French and Sango spellings. */
    private static final List<Name> LOCAL_FAMILY = List.of(n("Ndakala", null), n("Yangakola", null, "Yangacola"),
            n("Ngbakoli", null), n("Mbaïkoua", null, "Mbaikoua", "Mbaikwa"), n("Kossingou", null, "Kosingu"),
            n("Zoundéko", null, "Zoundeko"), n("Gbadoua", null, "Gbadwa"), n("Ndoumba", null, "Ndumba"),
            n("Kpangba", null), n("Ngongo", null), n("Yapendé", null, "Yapende"), n("Wandja", null, "Ouandja"),
            n("Gbénou", null, "Gbenou"), n("Namkona", null), n("Dopani", null), n("Ngaïkoro", null, "Ngaikoro"),
            n("Bangué", null, "Bangue"), n("Ouandé", null, "Wande"), n("Zanga", null), n("Ngbanda", null),
            n("Kobéané", null, "Kobeane"), n("Sakanga", null), n("Mbalanga", null), n("Dékoun", null, "Dekoun"),
            n("Ngakoutou", null, "Ngakutu"), n("Bembé", null, "Bembe"), n("Kpanou", null, "Kpanu"),
            n("Zoumanda", null, "Zumanda"), n("Doko", null), n("Yambéré", null, "Yambere"), n("Wanzé", null, "Ouanze"),
            n("Bétibangui", null, "Betibangui"), n("Yandia", null), n("Gbazi", null), n("Boguéna", null, "Boguena"),
            n("Zoungoula", null, "Zungula"), n("Nzapayéké", null, "Nzapayeke"), n("Ngouandji", null, "Nguandji"),
            n("Ouambé", null, "Wambe"), n("Koyangbo", null));

    private static final List<Name> LOCAL_ADULT_FEMALE = List.of(n("Jeanne", null), n("Marie-Claire", null),
            n("Célestine", null), n("Albertine", null), n("Thérèse", null), n("Madeleine", null), n("Hortense", null));

    private static final List<Name> LOCAL_ADULT_MALE = List.of(n("Pierre", null), n("Joseph", null),
            n("Martin", null), n("Gaston", null), n("Clément", null), n("Albert", null), n("Faustin", null),
            n("Simplice", null), n("Anicet", null));

    // ---- FULANI -----------------------------------------------------------------------------

    private static final List<Name> FULANI_FEMALE = List.of(n("Aïssatou", "عائشة", "Aissatou", "Aïsatou"),
            n("Fadimatou", "فاطمة", "Fadimata", "Fatimatou"), n("Maïmouna", "ميمونة", "Maimouna", "Maimuna"),
            n("Djenabou", "زينب", "Dienabou", "Zeinabou"), n("Hawaou", "حواء", "Hawa", "Haoua"),
            n("Aminatou", "آمنة", "Aminata", "Amina"), n("Ramatou", "رحمة", "Ramata"),
            n("Mariama", "مريم", "Mariam", "Maryam"), n("Hadiza", "خديجة", "Hadidja", "Khadidja"),
            n("Habiba", "حبيبة", "Habibatou"), n("Nafissatou", "نفيسة", "Nafissa"), n("Asmaou", "أسماء", "Asma"),
            n("Kadidjatou", "خديجة", "Khadidiatou", "Kadija"), n("Salamatou", "سلامة", "Salamata"),
            n("Bintou", null, "Binta"), n("Raïhanatou", "ريحانة", "Raihanatou"));

    private static final List<Name> FULANI_MALE = List.of(n("Amadou", "أحمد", "Ahmadou", "Hamadou"),
            n("Oumarou", "عمر", "Oumar", "Omar"), n("Bouba", "أبو بكر", "Boubakar"), n("Adamou", "آدم", "Adam", "Adamu"),
            n("Moussa", "موسى", "Musa"), n("Ibrahima", "إبراهيم", "Ibrahim", "Brahim"),
            n("Souleymane", "سليمان", "Souleiman", "Sulayman"), n("Abdoulaye", "عبد الله", "Abdallah", "Abdullahi"),
            n("Idrissa", "إدريس", "Idriss", "Idris"), n("Aliou", "علي", "Ali", "Aliyu"),
            n("Saïdou", "سعيد", "Saidou", "Saïd"), n("Djibrilla", "جبريل", "Djibril", "Jibril"),
            n("Mamadou", "محمد", "Mohamadou", "Mouhammad"), n("Hassana", "حسن", "Hassan"),
            n("Boubakari", "أبو بكر", "Aboubakar", "Boubakar"), n("Halilou", "خليل", "Khalil"),
            n("Sadou", "سعد", "Saadou"), n("Yaouba", null, "Yaoba"));

    private static final List<Name> FULANI_FAMILY_EXTRA = List.of(n("Bello", "بلو", "Belo"), n("Sali", "صالح", "Saleh"),
            n("Yaya", "يحيى", "Yahya"), n("Dahirou", "ظاهر", "Dahiru"), n("Hamadjoda", null), n("Djibo", null));

    // ---- ARABIC -----------------------------------------------------------------------------

    private static final List<Name> ARABIC_FEMALE = List.of(n("Zara", "زهراء", "Zahra", "Zahara"),
            n("Fatimé", "فاطمة", "Fatime", "Fatima"), n("Halimé", "حليمة", "Halime", "Halima"),
            n("Khadidja", "خديجة", "Khadija", "Hadidja"), n("Aïcha", "عائشة", "Aicha", "Aisha"),
            n("Hawa", "حواء", "Haoua", "Hawwa"), n("Mariam", "مريم", "Maryam", "Mariame"),
            n("Amina", "آمنة", "Aminé"), n("Zenaba", "زينب", "Zeinab", "Zainab"),
            n("Kaltouma", "كلثوم", "Kaltoum", "Kalthoum"), n("Salma", "سلمى", "Salmé"),
            n("Fatouma", "فاطمة", "Fatoumata", "Fatuma"), n("Hadjé", "حاجة", "Hadje", "Hadja"),
            n("Mouna", "منى", "Mona"), n("Nafissa", "نفيسة", "Nafisa"), n("Rakia", "رقية", "Rakiya", "Roukaya"),
            n("Souad", "سعاد", "Suad"), n("Achta", null, "Ashta"));

    private static final List<Name> ARABIC_MALE = List.of(n("Mahamat", "محمد", "Mohamed", "Mouhammad"),
            n("Mouhammad", "محمد", "Mohamed", "Mahamat", "Muhammad"), n("Abakar", "أبكر", "Aboubakar", "Abubakar"),
            n("Abdelkerim", "عبد الكريم", "Abdel Karim", "Abdoulkarim"), n("Issa", "عيسى", "Issah", "Isa"),
            n("Youssouf", "يوسف", "Youssef", "Yusuf"), n("Haroun", "هارون", "Haroune", "Harun"),
            n("Ousmane", "عثمان", "Osman", "Othman"), n("Adoum", "آدم", "Adam"), n("Nour", "نور", "Nouri"),
            n("Ahmat", "أحمد", "Ahmed", "Ahmad"), n("Hassan", "حسن", "Hassane", "Hasan"),
            n("Houssein", "حسين", "Hussein", "Husayn"), n("Ali", "علي", "Aly"), n("Idriss", "إدريس", "Idris"),
            n("Abdallah", "عبد الله", "Abdoulaye", "Abdullah"), n("Saleh", "صالح", "Salah", "Salih"),
            n("Brahim", "إبراهيم", "Ibrahim"), n("Yacoub", "يعقوب", "Yakoub", "Yaqub"),
            n("Zakaria", "زكريا", "Zacharie", "Zakariya"), n("Moussa", "موسى", "Musa"),
            n("Abdelaziz", "عبد العزيز", "Abdoulaziz"), n("Djibrine", "جبرين", "Djibril", "Jibrin"),
            n("Mahadi", "مهدي", "Mahdi"), n("Tahir", "طاهر", "Tahar"));

    private static final List<Name> ARABIC_FAMILY_EXTRA = List.of(n("Hassaballah", "حسب الله", "Hassabala"),
            n("Abderamane", "عبد الرحمن", "Abdourahmane", "Abdel Rahman"), n("Tidjani", "تجاني", "Tijani"),
            n("Djouma", "جمعة", "Jumaa"), n("Oumar", "عمر", "Omar"), n("Abdelkader", "عبد القادر", "Abdoulkader"),
            n("Mahamout", "محمود", "Mahmoud"), n("Ismaël", "إسماعيل", "Ismail"));

    private final Random random;

    DemoNames(Random random) {
        this.random = random;
    }

    // ---- drawing ----------------------------------------------------------------------------

    /** A child's name, with other spellings as often as they occur in that culture. */
    PersonName child(Culture culture, boolean female) {
        Name given;
        Name family;
        do {
            given = pick(givenPool(culture, female, false));
            family = pick(familyPool(culture));
        } while (given.latin().equals(family.latin()) || isPublicFigure(given.latin(), family.latin()));
        String givenText = given.latin();
        if (culture == Culture.LOCAL && random.nextInt(100) < 20) {
            Name second = pick(givenPool(culture, female, false));
            if (!second.equals(given)) {
                givenText = given.latin() + " " + second.latin();
            }
        }
        int withOtherNames = switch (culture) {
            case ARABIC -> 75;
            case FULANI -> 60;
            case LOCAL -> 30;
        };
        String other = random.nextInt(100) < withOtherNames ? otherNames(given, family, givenText) : null;
        return new PersonName(givenText, family.latin(), other);
    }

    /** An adult of this culture (a caregiver or a staff member), without other spellings. */
    PersonName adult(Culture culture, boolean female) {
        Name given;
        Name family;
        do {
            given = pick(givenPool(culture, female, true));
            family = pick(familyPool(culture));
        } while (given.latin().equals(family.latin()) || isPublicFigure(given.latin(), family.latin()));
        return new PersonName(given.latin(), family.latin(), null);
    }

    /**
     * In the Fulani and Arabic cultures a child's family name is usually their father's given
     * name: the father of "Zara Abakar" is "Abakar …". Elsewhere the father shares the family name.
     */
    PersonName father(Culture culture, PersonName child) {
        if (culture == Culture.LOCAL) {
            return new PersonName(pick(givenPool(culture, false, true)).latin(), child.family(), null);
        }
        Name grandfather;
        do {
            grandfather = pick(familyPool(culture));
        } while (grandfather.latin().equals(child.family()) || isPublicFigure(child.family(), grandfather.latin()));
        return new PersonName(child.family(), grandfather.latin(), null);
    }

    private String otherNames(Name given, Name family, String givenText) {
        List<String> spellings = new ArrayList<>();
        List<String> givenVariants = given.variants();
        if (!givenVariants.isEmpty() || !family.variants().isEmpty()) {
            int count = givenVariants.size() > 1 && random.nextBoolean() ? 2 : 1;
            for (int i = 0; i < count; i++) {
                String givenSpelling = givenVariants.isEmpty() ? given.latin() : givenVariants.get(i % givenVariants.size());
                String rest = givenText.substring(given.latin().length());
                String familySpelling = !family.variants().isEmpty() && random.nextBoolean()
                        ? family.variants().get(random.nextInt(family.variants().size())) : family.latin();
                String spelling = givenSpelling + rest + " " + familySpelling;
                if (!spelling.equals(givenText + " " + family.latin()) && !spellings.contains(spelling)) {
                    spellings.add(spelling);
                }
            }
        }
        if (given.arabic() != null && family.arabic() != null && givenText.equals(given.latin())) {
            spellings.add(given.arabic() + " " + family.arabic());
        }
        return spellings.isEmpty() ? null : String.join("; ", spellings);
    }

    private List<Name> givenPool(Culture culture, boolean female, boolean adult) {
        return switch (culture) {
            case LOCAL -> adult ? concat(female ? LOCAL_FEMALE : LOCAL_MALE, female ? LOCAL_ADULT_FEMALE : LOCAL_ADULT_MALE)
                    : female ? LOCAL_FEMALE : LOCAL_MALE;
            case FULANI -> female ? FULANI_FEMALE : FULANI_MALE;
            case ARABIC -> female ? ARABIC_FEMALE : ARABIC_MALE;
        };
    }

    private static List<Name> familyPool(Culture culture) {
        return switch (culture) {
            case LOCAL -> LOCAL_FAMILY;
            case FULANI -> concat(FULANI_MALE, FULANI_FAMILY_EXTRA);
            case ARABIC -> concat(ARABIC_MALE, ARABIC_FAMILY_EXTRA);
        };
    }

    private static List<Name> concat(List<Name> first, List<Name> second) {
        List<Name> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Name pick(List<Name> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    static boolean isPublicFigure(String given, String family) {
        return PUBLIC_FIGURES.contains(plain(given + " " + family));
    }

    private static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
