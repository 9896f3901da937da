package org.abri.quality;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.springframework.stereotype.Service;

/** Placeholder of the helper's evidence (replaced on merge). */
@Service
public class QualityEvidence {

    public List<Measure> measure(CurrentUser viewer, UUID agencyId, LocalDate from, LocalDate to) {
        return List.of();
    }

    public static Map<String, List<Measure>> byItem(List<Measure> measures) {
        Map<String, List<Measure>> byItem = new LinkedHashMap<>();
        for (Measure m : measures) {
            for (String code : m.itemCodes()) {
                byItem.computeIfAbsent(code, c -> new java.util.ArrayList<>()).add(m);
            }
        }
        return byItem;
    }
}
