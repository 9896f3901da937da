package org.abri.cases;

import java.util.UUID;

/** Filters of a case list. Null means "any". {@code text} matches names (fuzzily) or a case number. */
public record CaseQuery(String text, String status, String riskLevel, String concern, UUID locationId, int page,
        int size) {

    public CaseQuery {
        page = Math.max(0, page);
        size = size <= 0 ? 25 : Math.min(size, 100);
        text = text == null || text.isBlank() ? null : text.strip();
        status = status == null || status.isBlank() ? null : status;
        riskLevel = riskLevel == null || riskLevel.isBlank() ? null : riskLevel;
        concern = concern == null || concern.isBlank() ? null : concern;
    }
}
