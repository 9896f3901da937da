package org.abri.quality;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.abri.identity.Agencies;
import org.abri.identity.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The records behind a figure of the quality evidence: cases by case number (never a child's
 * name or data), staff, services of the map or referrals, each marked as counted in the
 * numerator or not. {@code agency} blank means all agencies; without dates, the twelve months
 * up to today. Who may open which list is decided by {@link QualityEvidence}.
 */
@Controller
class QualityEvidenceController {

    private final QualityEvidence evidence;
    private final Agencies agencies;
    private final Clock clock;

    QualityEvidenceController(QualityEvidence evidence, Agencies agencies, Clock clock) {
        this.evidence = evidence;
        this.agencies = agencies;
        this.clock = clock;
    }

    @GetMapping("/quality/evidence/{key}")
    String records(@AuthenticationPrincipal CurrentUser me, @PathVariable String key,
            @RequestParam(required = false) UUID agency,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        LocalDate end = to != null ? to : LocalDate.now(clock);
        LocalDate start = from != null ? from : end.minusYears(1).plusDays(1);
        QualityEvidence.Evidence found = evidence.records(me, key, agency, start, end);
        model.addAttribute("evidence", found);
        model.addAttribute("agencyName", agency == null ? null
                : agencies.find(agency).map(a -> a.code() + " — " + a.name()).orElse(null));
        return "quality/evidence";
    }
}
