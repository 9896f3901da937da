package org.abri.platform;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * Binding a query built piece by piece (a need-to-know condition, optional filters) and reading
 * PostgreSQL text arrays back: the chores every module's SQL shares.
 */
public final class SqlParameters {

    private SqlParameters() {
    }

    /** Binds the parameters to the statement's {@code ?} in order. */
    public static StatementSpec bind(StatementSpec spec, List<?> params) {
        StatementSpec bound = spec;
        for (Object param : params) {
            bound = bound.param(param);
        }
        return bound;
    }

    /** {@code count} placeholders for an "in (…)" list: "?, ?, ?". */
    public static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** A {@code text[]} column as a list (empty for null). */
    public static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
