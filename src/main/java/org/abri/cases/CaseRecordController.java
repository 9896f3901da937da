package org.abri.cases;

import java.util.LinkedHashMap;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms of a case as pages: fill one in, read it, change it. Drawn from the form
 * definition; a refused save shows every problem beside its field with all that was typed.
 */
@Controller
@RequestMapping("/cases/{caseId}")
class CaseRecordController {

    private final CaseRecords records;
    private final CaseRegistry registry;
    private final org.abri.forms.FormCatalogue catalogue;
    private final MessageSource messages;
    private final org.abri.sop.SopSettings sop;
    private final java.time.Clock clock;

    CaseRecordController(CaseRecords records, CaseRegistry registry, org.abri.forms.FormCatalogue catalogue,
            MessageSource messages, org.abri.sop.SopSettings sop, java.time.Clock clock) {
        this.sop = sop;
        this.clock = clock;
        this.records = records;
        this.registry = registry;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    @GetMapping("/forms/{formId}/new")
    String blank(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable String formId,
            Model model) {
        ChildCase child = editableCase(me, caseId);
        FormDefinition form = fillable(formId);
        return page(model, child, form, null, proposals(form, child), Map.of(), null);
    }

    @PostMapping("/forms/{formId}")
    String create(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable String formId,
            HttpServletRequest request, Model model, RedirectAttributes redirect, Locale locale) {
        ChildCase child = editableCase(me, caseId);
        FormDefinition form = fillable(formId);
        Map<String, Object> submitted = FormParameters.read(form, request.getParameterMap());
        try {
            CaseRecords.FormRecord saved = records.create(me, caseId, formId, submitted);
            redirect.addFlashAttribute("notice", "records.saved");
            return "redirect:/cases/" + caseId + "/records/" + saved.id();
        } catch (InvalidInputException e) {
            return page(model, child, form, null, submitted, e.describe(messages, locale), null);
        } catch (RuleViolationException e) {
            return page(model, child, form, null, submitted, Map.of(), e.describe(messages, locale));
        }
    }

    @GetMapping("/records/{recordId}")
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable UUID recordId,
            Model model) {
        CaseRecords.FormRecord record = recordOf(me, caseId, recordId);
        ChildCase child = registry.read(me, caseId);
        FormDefinition form = records.definitionOf(record);
        model.addAttribute("child", child);
        model.addAttribute("form", form);
        model.addAttribute("record", record);
        model.addAttribute("values", record.data());
        model.addAttribute("mayEdit", registry.mayEdit(me, caseId));
        model.addAttribute("systemFacts", systemFacts(child));
        model.addAttribute("currentVersion", catalogue.current(record.formId()).map(FormDefinition::version).orElse(0));
        return "cases/record";
    }

    @GetMapping("/records/{recordId}/edit")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable UUID recordId,
            Model model) {
        CaseRecords.FormRecord record = recordOf(me, caseId, recordId);
        ChildCase child = editableCase(me, caseId);
        return page(model, child, fillable(record.formId()), record, record.data(), Map.of(), null);
    }

    @PostMapping("/records/{recordId}")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, @PathVariable UUID recordId,
            HttpServletRequest request, Model model, RedirectAttributes redirect, Locale locale) {
        CaseRecords.FormRecord record = recordOf(me, caseId, recordId);
        ChildCase child = editableCase(me, caseId);
        FormDefinition form = fillable(record.formId());
        Map<String, Object> submitted = FormParameters.read(form, request.getParameterMap());
        int version = FormValues.intOr(request.getParameter("version"), -1);
        try {
            records.update(me, recordId, submitted, version);
            redirect.addFlashAttribute("notice", "records.saved");
            return "redirect:/cases/" + caseId + "/records/" + recordId;
        } catch (InvalidInputException e) {
            return page(model, child, form, record, submitted, e.describe(messages, locale), null);
        } catch (StaleRecordException e) {
            CaseRecords.FormRecord current = records.read(me, recordId);
            return page(model, child, form, current, submitted, Map.of(),
                    messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
    }

    private String page(Model model, ChildCase child, FormDefinition form, CaseRecords.FormRecord record,
            Map<String, ?> values, Map<String, String> problems, String problem) {
        model.addAttribute("child", child);
        model.addAttribute("form", form);
        model.addAttribute("record", record);
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        model.addAttribute("systemFacts", systemFacts(child));
        return "cases/record-form";
    }

    private ChildCase editableCase(CurrentUser me, UUID caseId) {
        ChildCase child = registry.read(me, caseId);
        if (!registry.mayEdit(me, caseId)) {
            throw new org.springframework.security.access.AccessDeniedException("read only");
        }
        return child;
    }

    private FormDefinition fillable(String formId) {
        if (CaseRecords.REGISTRATION.equals(formId)) {
            throw new NotFoundException("form.not_found");
        }
        return catalogue.get(formId);
    }

    private CaseRecords.FormRecord recordOf(CurrentUser me, UUID caseId, UUID recordId) {
        CaseRecords.FormRecord record = records.read(me, recordId);
        if (!record.caseId().equals(caseId)) {
            throw new NotFoundException("record.not_found");
        }
        return record;
    }

    /**
     * Dates the SOP settings already know, proposed on a new form (the caseworker may change
     * them): the next follow-up and the next review from the case's risk level, the review of
     * the plan and the post-closure review.
     */
    private Map<String, Object> proposals(FormDefinition form, ChildCase child) {
        Map<String, Object> proposed = new LinkedHashMap<>();
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        Map<String, String> settings = Map.of("next_contact_date", "follow_up", "next_review_date", "case_review",
                "plan_review_date", "case_review", "post_closure_review_date", "post_closure_review");
        org.abri.sop.SopSettings.Delays delays = sop.delays();
        settings.forEach((field, setting) -> {
            if (form.field(field).filter(f -> f.type() == org.abri.forms.FieldType.DATE).isPresent()) {
                proposed.put(field, today.plusDays(delays.of(setting, child.riskLevel()).toDays()).toString());
            }
        });
        return proposed;
    }

    /** What system fields show: facts of the case the form does not ask for. */
    static Map<String, String> systemFacts(ChildCase child) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("case_number", child.caseNumber());
        facts.put("registered_at", child.registeredAt().toString().substring(0, 10));
        facts.put("caseworker", child.caseworkerName());
        facts.put("agency", child.agencyCode());
        facts.put("status", child.status());
        return facts;
    }

}
