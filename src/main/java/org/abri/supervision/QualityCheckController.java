package org.abri.supervision;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.abri.forms.FormDefinition;
import org.abri.forms.FormParameters;
import org.abri.identity.CurrentUser;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages of the case file checklist (pre-filled from a case, confirmed or corrected by the
 * supervisor, shown on the case page) and of competency assessments (a new one pre-filled with
 * the framework; a person's history with its progress chart and capacity-building plan).
 */
@Controller
class QualityCheckController {

    private final CaseFileChecks checks;
    private final Competencies competencies;
    private final StaffRecords staffRecords;
    private final MessageSource messages;

    QualityCheckController(CaseFileChecks checks, Competencies competencies, StaffRecords staffRecords,
            MessageSource messages) {
        this.checks = checks;
        this.competencies = competencies;
        this.staffRecords = staffRecords;
        this.messages = messages;
    }

    // ---- case file checklist -------------------------------------------------------------------

    @GetMapping("/supervision/checklist/new")
    String newChecklist(@AuthenticationPrincipal CurrentUser me, @RequestParam("case") String caseParam, Model model,
            Locale locale) {
        UUID caseId = caseId(caseParam);
        CaseFileChecks.Prefill prefill = checks.prefill(me, caseId, locale);
        return checklistPage(model, prefill, prefill.values(), LocalDate.now(), "in_person", Map.of());
    }

    @PostMapping("/supervision/checklist")
    String saveChecklist(@AuthenticationPrincipal CurrentUser me, @RequestParam("case") String caseParam,
            HttpServletRequest request, Model model, RedirectAttributes redirect, Locale locale) {
        UUID caseId = caseId(caseParam);
        CaseFileChecks.Prefill prefill = checks.prefill(me, caseId, locale);
        FormDefinition form = staffRecords.staffForm(CaseFileChecks.FORM);
        Map<String, Object> submitted = FormParameters.read(form, request.getParameterMap());
        String mode = request.getParameter("mode");
        LocalDate heldOn = null;
        try {
            heldOn = FormValues.date("heldOn", request.getParameter("heldOn"));
            checks.save(me, caseId, heldOn, mode, submitted);
        } catch (InvalidInputException e) {
            return checklistPage(model, prefill, submitted, heldOn, mode, e.describe(messages, locale));
        }
        redirect.addFlashAttribute("notice", "checklist.saved");
        return "redirect:/cases/" + caseId + "#case-file-checks";
    }

    private String checklistPage(Model model, CaseFileChecks.Prefill prefill, Map<String, ?> values,
            LocalDate heldOn, String mode, Map<String, String> problems) {
        model.addAttribute("child", prefill.child());
        model.addAttribute("prefill", prefill);
        model.addAttribute("form", staffRecords.staffForm(CaseFileChecks.FORM));
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("heldOn", heldOn);
        model.addAttribute("mode", mode);
        model.addAttribute("modes", StaffRecords.MODES);
        return "supervision/checklist-form";
    }

    /** The checklist section of a case page (loaded into it by htmx, so cases need not know supervision). */
    @GetMapping("/cases/{caseId}/file-checks")
    String caseSection(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, Model model) {
        checks.requireCaseReadable(me, caseId);
        model.addAttribute("caseId", caseId);
        model.addAttribute("mayCheck", checks.mayCheck(me, caseId));
        model.addAttribute("check", checks.latest(me, caseId).orElse(null));
        model.addAttribute("items", CaseFileChecks.ITEMS);
        model.addAttribute("form", staffRecords.staffForm(CaseFileChecks.FORM));
        return "supervision/checklist-section :: section";
    }

    // ---- competencies --------------------------------------------------------------------------

    @GetMapping("/supervision/competencies/{userId}")
    String history(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, Model model, Locale locale) {
        Competencies.History history = competencies.history(me, userId, locale);
        model.addAttribute("history", history);
        model.addAttribute("chart", history.chart("ar".equals(locale.getLanguage())));
        model.addAttribute("mayAssess", competencies.mayAssess(me, userId));
        return "supervision/competencies";
    }

    @GetMapping("/supervision/competencies/{userId}/new")
    String newAssessment(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, Model model) {
        requireAssessor(me, userId);
        return assessmentPage(model, me, userId, competencies.prefill(), LocalDate.now(), "in_person", Map.of());
    }

    @PostMapping("/supervision/competencies/{userId}")
    String saveAssessment(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId,
            HttpServletRequest request, Model model, RedirectAttributes redirect, Locale locale) {
        requireAssessor(me, userId);
        FormDefinition form = staffRecords.staffForm(Competencies.FORM);
        Map<String, Object> submitted = FormParameters.read(form, request.getParameterMap());
        String mode = request.getParameter("mode");
        LocalDate heldOn = null;
        try {
            heldOn = FormValues.date("heldOn", request.getParameter("heldOn"));
            competencies.record(me, userId, heldOn, mode, submitted);
        } catch (InvalidInputException e) {
            return assessmentPage(model, me, userId, submitted, heldOn, mode, e.describe(messages, locale));
        }
        redirect.addFlashAttribute("notice", "competency.saved");
        return "redirect:/supervision/competencies/" + userId;
    }

    private void requireAssessor(CurrentUser me, UUID userId) {
        competencies.person(me, userId);
        if (!competencies.mayAssess(me, userId)) {
            throw new AccessDeniedException("assessments are made by supervisors and managers");
        }
    }

    private String assessmentPage(Model model, CurrentUser me, UUID userId, Map<String, ?> values, LocalDate heldOn,
            String mode, Map<String, String> problems) {
        model.addAttribute("person", competencies.person(me, userId));
        model.addAttribute("form", staffRecords.staffForm(Competencies.FORM));
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("heldOn", heldOn);
        model.addAttribute("mode", mode);
        model.addAttribute("modes", StaffRecords.MODES);
        return "supervision/competency-form";
    }

    private static UUID caseId(String value) {
        UUID id = FormValues.uuidOrNull(value);
        if (id == null) {
            throw new NotFoundException("case.not_found");
        }
        return id;
    }
}
