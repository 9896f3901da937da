package org.abri.bench.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Children's and staff names of the region, in the naming cultures met in a Central African
 * caseload, each name with the spellings different caseworkers give it. A group "Mahamat|Mahamad|
 * Mohamed|Muhammad" is one name: the first spelling is the most frequent in French-speaking
 * registration, the others are how another caseworker (or an English-speaking one) writes it.
 * Arabic-origin families often carry the father's given name as family name, as here.
 */
final class Names {

    enum Culture {
        CENTRAL_AFRICAN, FULANI, ARABIC_ORIGIN, HAUSA, FRENCH_CHRISTIAN
    }

    /** A child's names as registered. */
    record ChildName(String givenNames, String familyName, String otherNames) {

        String full() {
            return givenNames + " " + familyName;
        }
    }

    private static final String[] LOCAL_MALE = {"Ndéké|Ndeke", "Gbandi|Gbandy", "Zanga|Zangha", "Yassengou|Yasengou|Yassengu",
        "Kokaté|Kokate", "Sérépio|Serepio", "Ngana|Nganah", "Wili|Willy", "Yakité|Yakite", "Doko|Dokko"};
    private static final String[] LOCAL_FEMALE = {"Ngalé|Ngale", "Yétina|Yetina", "Sanzé|Sanze", "Zawa|Zawah",
        "Bodo|Boddo", "Nzapa|Zapa", "Yassita|Yasita", "Kossé|Kosse"};
    private static final String[] CHRISTIAN_MALE = {"Jean-Baptiste|Jean Baptiste", "Emmanuel|Emanuel", "Christian|Kristian",
        "Michel|Michael", "Patrick|Patric", "Joseph|Josef", "Pierre|Pièrre", "Paul|Paulin", "Alain|Allain",
        "Rodrigue|Rodrig", "Prince|Prinse", "Bienvenu|Bienvenue", "Dieudonné|Dieudonne", "Gédéon|Gedeon",
        "Éric|Eric|Erick", "Thierry|Thiery", "Blaise|Blaize", "Fabrice|Fabrisse", "Hervé|Herve", "Junior|Juniore"};
    private static final String[] CHRISTIAN_FEMALE = {"Marie|Mary", "Élodie|Elodie", "Grâce|Grace", "Chantal|Shantal",
        "Clarisse|Clarice", "Esther|Ester", "Judith|Judite", "Joséphine|Josephine", "Bénédicte|Benedicte",
        "Aurélie|Aurelie", "Prisca|Priska", "Rachel|Rachelle", "Sarah|Sara", "Ornella|Ornela", "Merveille|Merveil",
        "Gloria|Glória", "Divine|Divina", "Nadège|Nadege"};
    private static final String[] LOCAL_FAMILY = {"Gbazi|Gbasi", "Ngoumbé|Ngoumbe|Ngumbe", "Yakété|Yakete", "Ndoubé|Ndoube",
        "Kossi|Kossy", "Ngaïkoua|Ngaikoua|Ngaikwa", "Kpanou|Kpanu", "Doumta|Dumta", "Gbadoé|Gbadoe", "Koyassé|Koyasse",
        "Wanzoui|Wanzui", "Namkona|Nam-Kona", "Ouangbi|Wangbi", "Sélémandji|Selemandji", "Feïkéram|Feikeram",
        "Zoumaldé|Zoumalde|Zumalde", "Bangayassi|Bangayasi", "Mbélé|Mbele", "Ngouandji|Nguandji", "Dokoï|Dokoi",
        "Sembé|Sembe", "Gbaguéné|Gbaguene", "Ndakala|Ndakalla", "Kolingué|Kolingue", "Ngaro|Ngarro", "Yadéré|Yadere",
        "Zoungoula|Zungula", "Mokopé|Mokope", "Bozizé|Bozize|Bozizè", "Ngbanda|Gbanda", "Ngaïndiro|Ngaindiro",
        "Kossingou|Kossingu", "Yangbanda|Yangbandah", "Sakanga|Sakangha", "Dengbé|Dengbe", "Goumba|Gumba"};
    private static final String[] ARABIC_MALE = {"Mahamat|Mahamad|Mohamed|Muhammad|Mouhammad", "Abakar|Abbakar|Aboubakar|Abubakar",
        "Ousmane|Osman|Usman|Outhman", "Issa|Issah|Isa", "Adoum|Adam|Adum", "Youssouf|Yousouf|Yusuf|Youssef",
        "Ibrahim|Ibrahima|Brahim|Ibrahime", "Abdelkerim|Abdel-Karim|Abdoulkerim|Abdulkarim", "Moussa|Musa|Mousa",
        "Idriss|Idris|Driss", "Hassan|Hasan|Assane", "Saleh|Salih|Saley", "Oumar|Umar|Omar", "Ahmat|Ahmed|Ahmad|Hamat",
        "Haroun|Harun|Aroun", "Ismaël|Ismail|Ismael", "Abdallah|Abdullah|Abdoulaye", "Khalil|Kalil|Halil"};
    private static final String[] ARABIC_FEMALE = {"Achta|Aicha|Aïcha|Aisha|Ayesha", "Haoua|Hawa|Hawaa", "Fatimé|Fatima|Fatoumata|Fatouma|Fatime",
        "Khadidja|Khadija|Kadidja|Hadidja", "Zara|Zahra|Zaraa", "Mariam|Maryam|Mariama|Meriem", "Halimé|Halima|Alimé",
        "Amina|Aminata|Aminatou", "Zenaba|Zeinab|Zainab|Zeinaba", "Hadjé|Hadje|Hadja", "Asma|Asmaa|Esma",
        "Mouna|Muna|Mona", "Nafissa|Nafisa|Nefissa", "Kaltouma|Kaltuma|Kaltoum", "Souad|Suad|Souade"};
    private static final String[] FULANI_MALE = {"Bouba|Buba", "Oumarou|Umaru|Oumaru", "Hamadou|Amadou|Ahmadou",
        "Aliou|Aliyu|Alioum", "Djibrilla|Djibril|Jibril|Jibrilla", "Sali|Saly", "Bello|Belo", "Souleymane|Sulaiman|Souleymanou",
        "Modibo|Modibbo", "Yaya|Yahya", "Abdou|Abdu", "Ardo|Ardho", "Boukar|Bukar|Boucar"};
    private static final String[] FULANI_FEMALE = {"Aïssatou|Aissatou|Aisatu", "Hadiza|Hadidja|Hadizatou", "Maïmouna|Maimouna|Maimuna",
        "Djenabou|Djénabou|Jenabu", "Raïhanatou|Raihanatou|Rahinatou", "Habiba|Habibatou", "Ramatou|Ramatu",
        "Salamatou|Salamatu", "Adama|Addama", "Dada|Daada"};
    private static final String[] FULANI_FAMILY = {"Bouba|Buba", "Hamadou|Amadou|Ahmadou", "Oumarou|Umaru", "Ardo|Ardho",
        "Bello|Belo", "Daouda|Dauda|Daoud", "Sadou|Sadu", "Manou|Manu", "Ibrahim|Ibrahima|Brahim", "Gidado|Guidado",
        "Alhadji|Alhaji|Al-Hadji", "Yerima|Yarima"};
    private static final String[] HAUSA_MALE = {"Moussa|Musa", "Abdoulaye|Abdullahi|Abdallah", "Sani|Sanni", "Garba|Gharba",
        "Lawan|Lawal", "Haruna|Harouna|Aroun", "Nasirou|Nasiru", "Yakubu|Yacoub|Yakoub", "Mamane|Mamani", "Salissou|Salisu"};
    private static final String[] HAUSA_FEMALE = {"Zeinabou|Zainab|Zeinab", "Hadjara|Hajara|Hadiara", "Amina|Aminatou|Aminata",
        "Halimatou|Halima", "Rakiya|Rakia", "Binta|Bintou", "Saadatou|Sa'adatu|Saadatu", "Balkissa|Balkisa|Bilkisu"};
    private static final String[] HAUSA_FAMILY = {"Garba|Gharba", "Bako|Bakko", "Danjuma|Dan Juma", "Maïgari|Maigari",
        "Dankano|Dan Kano", "Issoufou|Isoufou|Issoufa", "Mamane|Mamani", "Souley|Sule", "Mahaman|Mohammed|Mahamane"};

    private static final Map<String, String[]> GROUPS = new HashMap<>();

    static {
        for (String[] list : List.of(LOCAL_MALE, LOCAL_FEMALE, CHRISTIAN_MALE, CHRISTIAN_FEMALE, LOCAL_FAMILY, ARABIC_MALE,
                ARABIC_FEMALE, FULANI_MALE, FULANI_FEMALE, FULANI_FAMILY, HAUSA_MALE, HAUSA_FEMALE, HAUSA_FAMILY)) {
            for (String group : list) {
                String[] spellings = group.split("\\|");
                for (String spelling : spellings) {
                    GROUPS.putIfAbsent(key(spelling), spellings);
                }
            }
        }
    }

    private Names() {
    }

    /** One spelling of a group: the common one more often, another as a different caseworker writes it. */
    static String spell(Rng rng, String group) {
        String[] spellings = group.split("\\|");
        if (spellings.length == 1 || rng.chance(0.55)) {
            return spellings[0];
        }
        return spellings[1 + rng.nextInt(spellings.length - 1)];
    }

    private static String[] given(Culture culture, boolean female) {
        return switch (culture) {
            case CENTRAL_AFRICAN -> female ? LOCAL_FEMALE : LOCAL_MALE;
            case FRENCH_CHRISTIAN -> female ? CHRISTIAN_FEMALE : CHRISTIAN_MALE;
            case ARABIC_ORIGIN -> female ? ARABIC_FEMALE : ARABIC_MALE;
            case FULANI -> female ? FULANI_FEMALE : FULANI_MALE;
            case HAUSA -> female ? HAUSA_FEMALE : HAUSA_MALE;
        };
    }

    private static String[] family(Culture culture) {
        return switch (culture) {
            case CENTRAL_AFRICAN, FRENCH_CHRISTIAN -> LOCAL_FAMILY;
            case ARABIC_ORIGIN -> ARABIC_MALE;
            case FULANI -> FULANI_FAMILY;
            case HAUSA -> HAUSA_FAMILY;
        };
    }

    /**
     * A child's names. Central African children mostly carry a French Christian given name (a
     * local one sometimes, as a second given name); {@code other_names} sometimes holds another
     * spelling of the given name (registered once one way, once another) or a second given name.
     */
    static ChildName child(Rng rng, Culture culture, boolean female) {
        String given;
        if (culture == Culture.CENTRAL_AFRICAN) {
            given = spell(rng, rng.pick(rng.chance(0.7) ? given(Culture.FRENCH_CHRISTIAN, female) : given(culture, female)));
        } else {
            given = spell(rng, rng.pick(given(culture, female)));
        }
        String givenGroup = rng.pick(given(culture, female));
        String family = spell(rng, rng.pick(family(culture)));
        String other = null;
        double r = rng.nextDouble();
        if (r < 0.10) {
            other = otherSpelling(rng, given);
        } else if (r < 0.18) {
            other = spell(rng, givenGroup);
        }
        if (other != null && key(other).equals(key(given))) {
            other = null;
        }
        return new ChildName(given, family, other);
    }

    /** An adult's full name (staff, caregivers). */
    static String adult(Rng rng, Culture culture, boolean female) {
        Culture givenCulture = culture == Culture.CENTRAL_AFRICAN ? Culture.FRENCH_CHRISTIAN : culture;
        return spell(rng, rng.pick(given(givenCulture, female))) + " " + spell(rng, rng.pick(family(culture)));
    }

    /** The spellings of the name {@code spelling} belongs to (itself alone when unknown). */
    static String[] spellings(String spelling) {
        String[] group = GROUPS.get(key(spelling));
        return group == null ? new String[] {spelling} : group;
    }

    /** Another spelling of the same name, or null when the name has only one. */
    static String otherSpelling(Rng rng, String spelling) {
        String[] group = spellings(spelling);
        List<String> others = new ArrayList<>();
        for (String s : group) {
            if (!key(s).equals(key(spelling))) {
                others.add(s);
            }
        }
        return others.isEmpty() ? null : rng.pick(others);
    }

    /**
     * How someone searching might type a registered full name: one word spelled another way, or
     * with one letter wrong (replaced, dropped, doubled or two swapped). Never the name as registered.
     */
    static String typed(Rng rng, String registered) {
        String[] words = registered.split(" ");
        List<Integer> variable = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (otherSpelling(new Rng(0, 0, 0), words[i]) != null) {
                variable.add(i);
            }
        }
        if (!variable.isEmpty() && rng.chance(0.6)) {
            int i = rng.pick(variable);
            words[i] = otherSpelling(rng, words[i]);
        } else {
            int longest = 0;
            for (int i = 1; i < words.length; i++) {
                if (words[i].length() > words[longest].length()) {
                    longest = i;
                }
            }
            words[longest] = typo(rng, words[longest]);
        }
        String typed = String.join(" ", words);
        return key(typed).equals(key(registered)) ? typo(rng, registered) : typed;
    }

    /** One letter wrong, never the first (people rarely miss the initial). */
    static String typo(Rng rng, String word) {
        if (word.length() < 4) {
            return word + word.charAt(word.length() - 1);
        }
        int at = 1 + rng.nextInt(word.length() - 2);
        StringBuilder b = new StringBuilder(word);
        switch (rng.nextInt(4)) {
            case 0 -> b.setCharAt(at, "aeiou".charAt(rng.nextInt(5)) == b.charAt(at) ? 'y' : "aeiou".charAt(rng.nextInt(5)));
            case 1 -> b.deleteCharAt(at);
            case 2 -> b.insert(at, b.charAt(at));
            default -> {
                char c = b.charAt(at);
                b.setCharAt(at, b.charAt(at + 1));
                b.setCharAt(at + 1, c);
            }
        }
        String result = b.toString();
        return key(result).equals(key(word)) ? word + "e" : result;
    }

    /** Lower case without accents, as the application compares names. */
    static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
