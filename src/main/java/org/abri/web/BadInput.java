package org.abri.web;

import java.sql.SQLException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.multipart.MultipartException;

/**
 * Which failures are the sender's fault, for the two error handlers ({@link ErrorPages},
 * {@link ApiErrors}): 400, one log line, never a 500 with a stack trace. Besides the binding
 * failures of Spring MVC, a refusal of PostgreSQL caused by the data itself is one: its SQL
 * state class 22 (data exception: a NUL, text too long for its column, a number out of range,
 * an impossible date) or 54000 (a value too large for an index). Validation normally catches
 * these first; this is the net under it.
 */
final class BadInput {

    private BadInput() {
    }

    static boolean is(Throwable e) {
        return e instanceof ServletRequestBindingException || e instanceof BindException
                || e instanceof TypeMismatchException || e instanceof HttpMessageNotReadableException
                || e instanceof MultipartException || refusedData(e) != null;
    }

    /** The SQL state of a refusal of the data by PostgreSQL, or null. */
    static String refusedData(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().equals("54000"))) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** For the log: the kind of failure, never the values sent. */
    static String describe(Throwable e) {
        String state = refusedData(e);
        return state != null ? "data refused by the database (SQL state " + state + ")" : e.getClass().getSimpleName();
    }
}
