package org.abri.quality;

import java.util.List;

/** Placeholder of the helper's measure (replaced on merge). */
public record Measure(String key, List<String> itemCodes, long numerator, long denominator, String recordsHref) {

    public boolean hasData() {
        return denominator > 0;
    }

    public Integer percent() {
        return hasData() ? (int) Math.round(100.0 * numerator / denominator) : null;
    }
}
