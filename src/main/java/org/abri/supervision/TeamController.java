package org.abri.supervision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.identity.UserAccounts;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor's pages: the team at a glance ({@code /supervision}), one person's rhythm
 * ({@code /supervision/people/{id}}, where it is changed), and an action point to mark done.
 */
@Controller
class TeamController {

    private final TeamView team;
    private final SupervisionRhythm rhythm;
    private final ActionPoints actions;
    private final UserAccounts accounts;
    private final MessageSource messages;
    private final CaseFileChecks fileChecks;
    private final org.abri.audit.AuditLog audit;

    TeamController(TeamView team, SupervisionRhythm rhythm, ActionPoints actions, UserAccounts accounts,
            MessageSource messages, CaseFileChecks fileChecks, org.abri.audit.AuditLog audit) {
        this.audit = audit;
        this.fileChecks = fileChecks;
        this.team = team;
        this.rhythm = rhythm;
        this.actions = actions;
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/supervision")
    String team(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "0") int page, Model model) {
        TeamView.Overview overview = team.of(me, page);
        model.addAttribute("overview", overview);
        model.addAttribute("fileChecks", fileChecks.tallies(me, overview.teams().stream()
                .flatMap(t -> t.members().stream()).map(TeamView.Member::id).toList()));
        model.addAttribute("today", rhythm.today());
        return "supervision/team";
    }

    @PostMapping("/supervision/schedule/{id}")
    String schedule(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam Map<String, String> form, RedirectAttributes redirect, Locale locale) {
        Map<String, String> everyDays = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("every_")) {
                everyDays.put(name.substring("every_".length()), value);
            }
        });
        try {
            rhythm.update(me, id, everyDays);
            redirect.addFlashAttribute("notice", "team.rhythm.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", String.join(" ", e.describe(messages, locale).values()));
        }
        return "redirect:/supervision/people/" + id;
    }

    @GetMapping("/supervision/actions/{id}")
    String action(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        ActionPoints.ActionPoint point = actions.read(me, id);
        audit.record(org.abri.audit.AuditAction.READ, "supervision_action", id, point.agencyId(),
                Map.of("record", point.recordId().toString()));
        model.addAttribute("point", point);
        return "supervision/action";
    }

    @PostMapping("/supervision/actions/{id}/done")
    String done(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        actions.markDone(me, id);
        redirect.addFlashAttribute("notice", "team.action.marked_done");
        return "redirect:/supervision/actions/" + id;
    }
}
