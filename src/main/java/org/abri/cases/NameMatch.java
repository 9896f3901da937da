package org.abri.cases;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds a child however her name was spelled. Each word typed must match a word of her
 * names by one of: a substring once accents and case are gone ("elodie" finds "Élodie");
 * the same Double Metaphone code ("Mohamed" finds "Mouhammad"); trigram word similarity
 * (a typo such as "Fatimé" for "Fatime"). A case number matches from its start, and digits
 * alone ("00050", "2026-00050") match the end of a number, since people quote its last digits.
 */
final class NameMatch {

    private static final Pattern CASE_NUMBER = Pattern.compile("[A-Za-z0-9]{2,10}-\\d{4}(-\\d{0,6})?");
    /** At least two digits, with the year's dash if given: "50", "00050", "2026-00050". */
    private static final Pattern CASE_NUMBER_TAIL = Pattern.compile("(\\d+-)?\\d+");
    private static final int TAIL_MIN_DIGITS = 2;
    private static final int PHONETIC_MIN_LENGTH = 3;

    private NameMatch() {
    }

    static void append(String text, StringBuilder where, List<Object> params) {
        if (CASE_NUMBER.matcher(text).matches()) {
            where.append(" and c.case_number like ?");
            params.add(text.toUpperCase() + "%");
            return;
        }
        if (CASE_NUMBER_TAIL.matcher(text).matches() && text.replace("-", "").length() >= TAIL_MIN_DIGITS) {
            // Read from the index of the reversed number (V25), by its beginning.
            where.append(" and reverse(c.case_number) like ?");
            params.add(new StringBuilder(text).reverse() + "%");
            return;
        }
        for (String word : text.split("[\\s,;]+")) {
            if (word.isBlank()) {
                continue;
            }
            where.append(" and (c.search_names like '%' || abri_normalize(?) || '%'");
            params.add(word);
            if (word.length() >= PHONETIC_MIN_LENGTH) {
                where.append(" or c.phonetic_codes && abri_phonetic_codes(?)");
                params.add(word);
                where.append(" or abri_normalize(?) <% c.search_names");
                params.add(word);
            }
            where.append(")");
        }
    }
}
