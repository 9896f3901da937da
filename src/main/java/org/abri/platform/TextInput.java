package org.abri.platform;

/**
 * What is done to every piece of text that comes in (form and query parameters in
 * {@code web.BadInputFilter}, JSON strings in {@code web.TextInputJson}): NUL characters are
 * removed. PostgreSQL refuses NUL in text and in jsonb, no keyboard types it, and removing it
 * keeps the rest of what the user typed.
 */
public final class TextInput {

    private TextInput() {
    }

    public static String withoutNul(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
    }
}
