package org.abri.cases;

import java.util.Locale;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Notes and the timeline of a case as pages. A note is added from the case page; a refused
 * note goes back there with what was typed (flash attributes) and the reason. The author
 * corrects a note on its own small page within the edit window.
 */
@Controller
@RequestMapping("/cases/{caseId}")
class CaseNoteController {

    static final int TIMELINE_PAGE_SIZE = 25;

    private final CaseNotes notes;
    private final CaseTimeline timeline;
    private final CaseRegistry registry;
    private final MessageSource messages;

    CaseNoteController(CaseNotes notes, CaseTimeline timeline, CaseRegistry registry, MessageSource messages) {
        this.notes = notes;
        this.timeline = timeline;
        this.registry = registry;
        this.messages = messages;
    }

    @PostMapping("/notes")
    String add(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "false") boolean supervisorOnly,
            RedirectAttributes redirect, Locale locale) {
        try {
            CaseNotes.CaseNote added = notes.add(me, caseId, body, supervisorOnly);
            redirect.addFlashAttribute("notice", "notes.added");
            return "redirect:/cases/" + caseId + "#note-" + added.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("noteDraft", body);
            redirect.addFlashAttribute("noteSupervisorOnly", supervisorOnly);
            redirect.addFlashAttribute("noteProblem", e.describe(messages, locale).values().iterator().next());
            return "redirect:/cases/" + caseId + "#notes";
        }
    }

    @GetMapping("/notes/{noteId}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable UUID noteId,
            Model model, Locale locale) {
        CaseNotes.CaseNote note = notes.read(me, caseId, noteId);
        String problem = note.editable() ? null : refusal(note, me, locale);
        return editPage(model, me, caseId, note, note.body(), note.supervisorOnly(), note.version(), problem);
    }

    @PostMapping("/notes/{noteId}")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable UUID noteId,
            @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "false") boolean supervisorOnly,
            @RequestParam(required = false) String version, Model model, RedirectAttributes redirect, Locale locale) {
        int expected = FormValues.intOr(version, -1);
        try {
            notes.edit(me, caseId, noteId, body, supervisorOnly, expected);
            redirect.addFlashAttribute("notice", "notes.saved");
            return "redirect:/cases/" + caseId + "#note-" + noteId;
        } catch (InvalidInputException e) {
            return editPage(model, me, caseId, notes.read(me, caseId, noteId), body, supervisorOnly, expected,
                    e.describe(messages, locale).values().iterator().next());
        } catch (RuleViolationException e) {
            return editPage(model, me, caseId, notes.read(me, caseId, noteId), body, supervisorOnly, expected,
                    e.describe(messages, locale));
        } catch (StaleRecordException e) {
            // Keep what was typed; offer to save it over the version saved meanwhile.
            CaseNotes.CaseNote current = notes.read(me, caseId, noteId);
            return editPage(model, me, caseId, current, body, supervisorOnly, current.version(),
                    messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
    }

    @GetMapping("/timeline")
    String timeline(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestParam(defaultValue = "0") String page, Model model, Locale locale) {
        model.addAttribute("page", timeline.page(me, caseId, FormValues.pageNumber(page), TIMELINE_PAGE_SIZE, locale));
        model.addAttribute("child", registry.read(me, caseId));
        model.addAttribute("pageUrl", "/cases/" + caseId + "/timeline");
        return "cases/timeline";
    }

    private String editPage(Model model, CurrentUser me, UUID caseId, CaseNotes.CaseNote note, String body,
            boolean supervisorOnly, int version, String problem) {
        model.addAttribute("child", registry.read(me, caseId));
        model.addAttribute("note", note);
        model.addAttribute("body", body);
        model.addAttribute("supervisorOnly", supervisorOnly);
        model.addAttribute("version", version);
        model.addAttribute("problem", problem);
        model.addAttribute("maxLength", CaseNotes.MAX_LENGTH);
        return "cases/note-edit";
    }

    private String refusal(CaseNotes.CaseNote note, CurrentUser me, Locale locale) {
        RuleViolationException why = note.authorId().equals(me.id())
                ? new RuleViolationException("note.edit_window_closed", CaseNotes.EDIT_WINDOW_HOURS)
                : new RuleViolationException("note.not_author");
        return why.describe(messages, locale);
    }
}
