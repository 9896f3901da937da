package org.abri.referrals;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.InvalidInputException;
import org.abri.platform.SqlParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * How referrals fare, in counts only (never a child's data): sent, accepted, declined, pending
 * and overdue referrals, and the median time to answer, per agency (referring or receiving),
 * sector and month of sending in the deployment's time zone.
 *
 * <p>Definitions: <em>accepted</em> — answered and not declined (a referral accepted and then
 * provided, closed or withdrawn stays accepted); <em>declined</em> — status declined;
 * <em>pending</em> — sent, seen or information requested; <em>overdue</em> — sent or seen
 * past its answer deadline now (as on the lists); <em>median hours to answer</em> —
 * {@code percentile_cont(0.5)} of answered_at − sent_at over the answered ones, in hours.
 *
 * <p>An agency manager sees the referrals their agency sent or received; coordination viewers
 * and system administrators see every agency; anyone else is refused (403).
 */
@Service
public class ReferralReport {

    /** Which agency a row is about. */
    public enum By { REFERRING, RECEIVING }

    /** What is asked: grouping, months of sending (inclusive; null: unbounded), a sector or all. */
    public record Query(By by, YearMonth from, YearMonth to, String sector) {
    }

    /**
     * One line of the report. {@code agencyId}/{@code agencyCode} are null, with the receiving
     * grouping, for providers off Abri; {@code month} is yyyy-MM; a total line has null agency,
     * sector and month. {@code medianHoursToAnswer} is null when none was answered.
     */
    public record Row(UUID agencyId, String agencyCode, String sector, String month, long sent, long accepted,
            long declined, long pending, long overdue, BigDecimal medianHoursToAnswer) {
    }

    public record Report(Query query, String timeZone, List<Row> rows, Row total) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ReferralReport(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Who may read the report at all (the rows they see depend on who they are). */
    public static boolean mayRead(CurrentUser user) {
        return user.hasAny(Role.AGENCY_MANAGER, Role.COORDINATION_VIEWER, Role.SYSTEM_ADMIN);
    }

    private static boolean seesEveryAgency(CurrentUser user) {
        return user.hasAny(Role.COORDINATION_VIEWER, Role.SYSTEM_ADMIN);
    }

    /** Reads the request's parameters; a wrong one is an invalid input, on its own field. */
    public static Query query(String by, String from, String to, String sector) {
        List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
        By grouping = By.REFERRING;
        if (by != null && !by.isBlank()) {
            try {
                grouping = By.valueOf(by.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidInputException.FieldProblem("by", "validation.invalid_choice"));
            }
        }
        YearMonth fromMonth = month("from", from, problems);
        YearMonth toMonth = month("to", to, problems);
        if (fromMonth != null && toMonth != null && toMonth.isBefore(fromMonth)) {
            problems.add(new InvalidInputException.FieldProblem("to", "validation.invalid_format"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Query(grouping, fromMonth, toMonth, sector == null || sector.isBlank() ? null : sector.strip());
    }

    private static YearMonth month(String field, String value, List<InvalidInputException.FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new InvalidInputException.FieldProblem(field, "validation.invalid_format"));
            return null;
        }
    }

    public Report run(CurrentUser user, Query query) {
        if (!mayRead(user)) {
            throw new AccessDeniedException("referral report: agency managers and the coordination only");
        }
        ZoneId zone = clock.getZone();
        String agencyColumn = query.by() == By.RECEIVING ? "r.to_agency_id" : "r.from_agency_id";
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (!seesEveryAgency(user)) {
            if (user.agencyId() == null) {
                throw new AccessDeniedException("an agency manager without an agency");
            }
            where.append(" and (r.from_agency_id = ? or r.to_agency_id = ?)");
            params.add(user.agencyId());
            params.add(user.agencyId());
        }
        if (query.from() != null) {
            where.append(" and r.sent_at >= ?");
            params.add(Timestamp.from(query.from().atDay(1).atStartOfDay(zone).toInstant()));
        }
        if (query.to() != null) {
            where.append(" and r.sent_at < ?");
            params.add(Timestamp.from(query.to().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
        }
        if (query.sector() != null) {
            where.append(" and r.sector = ?");
            params.add(query.sector());
        }
        Timestamp now = Timestamp.from(clock.instant());
        String counts = """
                count(*) as sent,
                count(*) filter (where r.answered_at is not null and r.status <> 'declined') as accepted,
                count(*) filter (where r.status = 'declined') as declined,
                count(*) filter (where r.status in ('sent', 'seen', 'information_requested')) as pending,
                count(*) filter (where r.status in ('sent', 'seen') and r.due_at < ?) as overdue,
                round(cast(percentile_cont(0.5) within group (order by extract(epoch from r.answered_at - r.sent_at) / 3600.0)
                      as numeric), 1) as median_hours
                from referral r left join agency a on a.id = %s""".formatted(agencyColumn);
        List<Object> rowParams = new ArrayList<>();
        rowParams.add(zone.getId());
        rowParams.add(now);
        rowParams.addAll(params);
        List<Row> rows = SqlParameters.bind(jdbc.sql("select " + agencyColumn + " as agency_id, a.code as agency_code, "
                + "r.sector, to_char(r.sent_at at time zone ?, 'YYYY-MM') as month, " + counts + where
                + " group by 1, 2, 3, 4 order by 4, 2 nulls last, 3"), rowParams)
                .query(ReferralReport::row).list();
        List<Object> totalParams = new ArrayList<>();
        totalParams.add(now);
        totalParams.addAll(params);
        Row total = SqlParameters.bind(jdbc.sql("select null::uuid as agency_id, null as agency_code, null as sector, "
                + "null as month, " + counts + where), totalParams).query(ReferralReport::row).single();
        return new Report(query, zone.getId(), rows, total);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("agency_id", UUID.class), rs.getString("agency_code"), rs.getString("sector"),
                rs.getString("month"), rs.getLong("sent"), rs.getLong("accepted"), rs.getLong("declined"),
                rs.getLong("pending"), rs.getLong("overdue"), rs.getBigDecimal("median_hours"));
    }
}
