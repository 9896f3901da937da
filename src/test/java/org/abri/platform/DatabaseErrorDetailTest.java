package org.abri.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.UUID;

import org.abri.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A failing statement's error, which may reach a log, never repeats the values of the row. */
class DatabaseErrorDetailTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aConstraintViolationDoesNotEchoTheRowIntoTheExceptionMessage() {
        Throwable failure = catchThrowable(() -> jdbc.sql("""
                insert into agency (id, code, name, kind) values (?, ?, ?, ?)""")
                .params(UUID.randomUUID(), "lower-case!", "Fatimé Secret-Name", "ngo").update());
        assertThat(failure).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertThat(messages.toString()).contains("agency").doesNotContain("Secret-Name", "Failing row");
    }
}
