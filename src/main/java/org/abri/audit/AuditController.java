package org.abri.audit;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.abri.platform.FormValues;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.platform.Page;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail of one record or of one user, for agency administrators (their agency's
 * records and users) and the system administrator (everything). Read-only by design.
 */
@Controller
@RequestMapping("/audit")
class AuditController {

    private static final int PAGE_SIZE = 50;

    private final AuditLog log;
    private final UserAccounts accounts;
    private final Clock clock;

    AuditController(AuditLog log, UserAccounts accounts, Clock clock) {
        this.log = log;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping
    String trail(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String record,
            @RequestParam(required = false) String user, @RequestParam(required = false) String username,
            @RequestParam(defaultValue = "0") String page, Model model) {
        if (!me.hasAny(Role.SYSTEM_ADMIN, Role.AGENCY_ADMIN)) {
            throw new AccessDeniedException("audit trail is for administrators");
        }
        UUID recordId = FormValues.uuidOrNull(record);
        UUID userId = FormValues.uuidOrNull(user);
        if (userId == null && username != null && !username.isBlank()) {
            userId = accounts.findByUsername(username).map(UserAccount::id).orElse(null);
            model.addAttribute("unknownUsername", userId == null);
        }
        int number = FormValues.pageNumber(page);
        Page<AuditEntry> entries = null;
        if (userId != null) {
            // An agency administrator may only look at the users they administer (404 otherwise).
            UserAccount subject = accounts.getVisibleTo(me, userId);
            model.addAttribute("subjectUser", subject);
            entries = log.ofUser(me, userId, number, PAGE_SIZE);
            model.addAttribute("pageUrl", "/audit?user=" + userId);
        } else if (recordId != null) {
            entries = log.ofRecord(me, recordId, number, PAGE_SIZE);
            model.addAttribute("pageUrl", "/audit?record=" + recordId);
        }
        if (entries != null) {
            log.recordTrailRead(me, userId == null ? recordId : null, userId, entries);
        } else {
            // Before an id is asked for, the latest activity: most looks at the trail start from it.
            List<AuditEntry> recent = log.recent(me, clock.instant(), PAGE_SIZE);
            log.recordTrailRead(me, null, null, new Page<>(recent, 0, PAGE_SIZE, recent.size()));
            model.addAttribute("recent", recent);
        }
        model.addAttribute("record", recordId);
        model.addAttribute("invalidRecord", record != null && !record.isBlank() && recordId == null);
        model.addAttribute("page", entries);
        model.addAttribute("username", username);
        return "audit";
    }
}
