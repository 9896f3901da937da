package org.abri.cases;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.abri.identity.CurrentUser;

/**
 * One kind of thing that happens to a case, as a source of timeline events. A source is a
 * bean (of this module or another: referrals add theirs); {@link CaseTimeline} unions the queries of every source, so that the
 * timeline is sorted and paged by the database. To add events (transitions, approvals, urgent
 * actions…), add a bean implementing this interface.
 *
 * <p>The query selects the events of one case — and only those this reader may see of it; the
 * timeline has already checked that they may read the case — with exactly these columns, in
 * this order: {@code occurred_at timestamptz, actor text, kind text, summary_key text,
 * arguments text[], link text, ref text} ({@code ref}: any text unique among the source's rows,
 * prefixed by the source, to order events of the same instant).
 */
public interface TimelineSource {

    Query query(CurrentUser reader, UUID caseId);

    /** Turns codes among the arguments into words of the reader's language (form titles, field labels…). */
    default TimelineEvent complete(TimelineEvent event, Locale locale) {
        return event;
    }

    /** A select and its parameters. */
    record Query(String sql, List<Object> params) {
    }
}
