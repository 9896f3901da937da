package org.abri.cases;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened to a case, for its timeline: when, who did it, what kind of event
 * ({@code registered}, {@code edited}, {@code form_filled}…), a message key with its arguments
 * (already in the reader's language where they are names of things), and the page it links to.
 */
public record TimelineEvent(Instant when, String who, String kind, String summaryKey, List<String> arguments,
        String link) {

    public TimelineEvent withArguments(List<String> replaced) {
        return new TimelineEvent(when, who, kind, summaryKey, List.copyOf(replaced), link);
    }
}
