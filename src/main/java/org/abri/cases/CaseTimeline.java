package org.abri.cases;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.audit.AuditAction;
import org.abri.audit.AuditLog;
import org.abri.identity.CurrentUser;
import org.abri.platform.NotFoundException;
import org.abri.platform.Page;
import org.abri.platform.SqlParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that happened to a case, newest first and paged: the union of every
 * {@link TimelineSource} (registration, edits, filled forms, notes… each source its own bean),
 * sorted and cut into pages by the database. Only for those who may read the case; each source
 * shows only what the reader may see (supervisor-only notes stay hidden from others). Reading
 * the timeline is audited as a read of the case.
 */
@Service
public class CaseTimeline {

    public static final int MAX_PAGE_SIZE = 100;
    private static final String COLUMNS = "occurred_at, actor, kind, summary_key, arguments, link, ref";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final List<TimelineSource> sources;

    CaseTimeline(JdbcClient jdbc, AuditLog audit, List<TimelineSource> sources) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.sources = List.copyOf(sources);
    }

    /** One page (from 0) of the case's events, newest first, worded for {@code locale}. */
    @Transactional
    public Page<TimelineEvent> page(CurrentUser reader, UUID caseId, int page, int size, Locale locale) {
        CaseAccess.Condition access = CaseAccess.readable(reader);
        Map<String, Object> found = SqlParameters.bind(jdbc.sql(
                "select c.agency_id, c.case_number from child_case c where c.id = ? and " + access.sql())
                .param(caseId), access.params()).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("case.not_found"));
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int number = Math.max(0, page);
        StringBuilder union = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            TimelineSource.Query query = sources.get(i).query(reader, caseId);
            if (i > 0) {
                union.append("\nunion all\n");
            }
            union.append("select ").append(i).append(" as source, e.* from (").append(query.sql()).append(") as e(")
                    .append(COLUMNS).append(')');
            params.addAll(query.params());
        }
        long total = SqlParameters.bind(jdbc.sql("select count(*) from (" + union + ") t"), params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add((long) number * limit);
        List<TimelineEvent> events = SqlParameters.bind(jdbc.sql("select * from (" + union
                + ") t order by occurred_at desc, ref desc limit ? offset ?"), pageParams)
                .query((rs, n) -> event(rs, locale)).list();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("caseNumber", found.get("case_number"));
        detail.put("view", "timeline");
        detail.put("page", number);
        detail.put("events", events.size());
        audit.record(AuditAction.READ, CaseRegistry.RECORD_TYPE, caseId, (UUID) found.get("agency_id"), detail);
        return new Page<>(events, number, limit, total);
    }

    private TimelineEvent event(ResultSet rs, Locale locale) throws SQLException {
        Array arguments = rs.getArray("arguments");
        TimelineEvent raw = new TimelineEvent(rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("kind"), rs.getString("summary_key"),
                arguments == null ? List.of() : List.copyOf(Arrays.asList((String[]) arguments.getArray())),
                rs.getString("link"));
        return sources.get(rs.getInt("source")).complete(raw, locale);
    }
}
