package org.abri.quality;

import java.util.List;

/**
 * A figure measured from Abri's own data for items of the improvement grid, over a period.
 * {@code denominator} is what was counted (cases, referrals, services or people) and
 * {@code numerator} those of them that meet the definition; for a count against a standard
 * (e.g. caseworkers over the caseload standard) the numerator is the people over it.
 * {@code denominator == 0} means no data in the period. {@code recordsHref} opens the records
 * behind the figure, or is null when the viewer may not open them. Serialised as is (Jackson)
 * into the snapshot of a completed assessment: keep the shape.
 */
public record Measure(String key, List<String> itemCodes, long numerator, long denominator, String recordsHref) {

    public Measure {
        itemCodes = List.copyOf(itemCodes);
    }

    /** Whether anything was counted in the period. */
    public boolean hasData() {
        return denominator > 0;
    }

    /** The share in per cent, rounded half up; null without data. */
    public Integer percent() {
        return hasData() ? (int) Math.round(100.0 * numerator / denominator) : null;
    }
}
