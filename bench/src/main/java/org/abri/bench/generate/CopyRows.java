package org.abri.bench.generate;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * Rows streamed to PostgreSQL with {@code COPY … FROM STDIN} in text format: one row per line,
 * tab between fields, {@code \N} for null, backslash escapes. Rows gather in a buffer that is
 * sent as one COPY when it grows past a few megabytes ({@link #sendIfFull}); nothing is inserted
 * row by row.
 */
final class CopyRows {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00'")
            .withZone(ZoneOffset.UTC);

    static final int FULL = 8 << 20;

    final String table;
    private final String sql;
    private final StringBuilder out = new StringBuilder(FULL + (1 << 16));
    private boolean first = true;
    private long rows;

    CopyRows(String table, String columns) {
        this.table = table;
        this.sql = "copy " + table + " (" + columns + ") from stdin";
    }

    boolean full() {
        return out.length() >= FULL;
    }

    /** Sends what is buffered as one COPY on {@code connection} (in its current transaction). */
    void send(Connection connection) throws SQLException, IOException {
        if (out.length() == 0) {
            return;
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(out.toString()));
        out.setLength(0);
    }

    CopyRows text(String value) {
        sep();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    /** A value known to need no escaping (numbers, codes, UUIDs). */
    CopyRows raw(String value) {
        sep();
        out.append(value == null ? "\\N" : value);
        return this;
    }

    CopyRows uuid(UUID value) {
        return raw(value == null ? null : value.toString());
    }

    CopyRows number(long value) {
        return raw(Long.toString(value));
    }

    CopyRows bool(boolean value) {
        return raw(value ? "t" : "f");
    }

    /** A timestamp from epoch seconds; {@code Long.MIN_VALUE} is null. */
    CopyRows time(long epochSeconds) {
        return raw(epochSeconds == Long.MIN_VALUE ? null : TIMESTAMP.format(Instant.ofEpochSecond(epochSeconds)));
    }

    CopyRows date(LocalDate date) {
        return raw(date == null ? null : date.toString());
    }

    /** A text[] of codes (letters, digits, underscores: no quoting needed). */
    CopyRows codes(List<String> values) {
        return raw(values == null ? null : "{" + String.join(",", values) + "}");
    }

    void end() {
        out.append('\n');
        first = true;
        rows++;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    long rows() {
        return rows;
    }

    private void sep() {
        if (!first) {
            out.append('\t');
        }
        first = false;
    }

    static LocalDate day(long epochSeconds) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSeconds, 86_400L));
    }
}
