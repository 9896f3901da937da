package org.abri.forms;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.lookups.Lookups;
import org.abri.platform.FormValues;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Contextualising the forms in the browser: rename and translate, hide and show, reorder,
 * add fields and sections, add a whole form. Each save is a new version, in use at once;
 * a change that would break the form is refused with each problem named and nothing changes.
 */
@Controller
@RequestMapping("/admin/forms")
class FormAdminController {

    private final FormCatalogue catalogue;
    private final Lookups lookups;
    private final MessageSource messages;

    FormAdminController(FormCatalogue catalogue, Lookups lookups, MessageSource messages) {
        this.catalogue = catalogue;
        this.lookups = lookups;
        this.messages = messages;
    }

    @ModelAttribute
    void requireSystemAdministrator(@AuthenticationPrincipal CurrentUser me) {
        me.require(Role.SYSTEM_ADMIN);
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("forms", catalogue.current());
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of());
        }
        return "admin/forms";
    }

    @PostMapping
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params, Model model,
            RedirectAttributes redirect, Locale locale) {
        String id = params.getOrDefault("id", "").strip().toLowerCase(Locale.ROOT);
        Text title = new Text(params.get("titleFr"), params.get("titleEn"), params.get("titleAr"));
        FormDefinition form = new FormDefinition(id, 0, title, null, params.containsKey("repeatable"),
                List.of(new FormSection("main", title, false, List.of())));
        try {
            if (catalogue.current(id).isPresent()) {
                throw new RuleViolationException("form.id_taken", id);
            }
            catalogue.save(me, form, 0);
            redirect.addFlashAttribute("notice", "formsAdmin.created");
            return "redirect:/admin/forms/" + id;
        } catch (InvalidFormDefinitionException e) {
            model.addAttribute("problems", describe(e, locale));
        } catch (RuleViolationException e) {
            model.addAttribute("problems", List.of(e.describe(messages, locale)));
        }
        model.addAttribute("draft", params);
        return list(model);
    }

    @PostMapping("/{formId}/order")
    String reorderForms(@AuthenticationPrincipal CurrentUser me, @PathVariable String formId,
            @RequestParam(defaultValue = "0") String direction) {
        catalogue.move(me, formId, FormValues.intOr(direction, 0));
        return "redirect:/admin/forms";
    }

    @GetMapping("/{formId}")
    String edit(@PathVariable String formId, Model model) {
        return editor(model, catalogue.get(formId), Map.of(), null);
    }

    @PostMapping("/{formId}")
    String saveTexts(@AuthenticationPrincipal CurrentUser me, @PathVariable String formId,
            @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect, Locale locale) {
        FormDefinition current = catalogue.get(formId);
        return save(me, model, redirect, locale, current, FormEditor.applyTexts(current, params), params, Map.of());
    }

    @PostMapping("/{formId}/move")
    String move(@AuthenticationPrincipal CurrentUser me, @PathVariable String formId,
            @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect, Locale locale) {
        FormDefinition current = catalogue.get(formId);
        // The button pressed says what moves: "section|field|direction" (field empty for a section).
        String[] move = params.getOrDefault("move", "||0").split("\\|", -1);
        FormDefinition moved = move.length < 3 ? current
                : FormEditor.move(current, move[0], move[1], FormValues.intOr(move[2], 0));
        return save(me, model, redirect, locale, current, moved, params, Map.of());
    }

    @PostMapping("/{formId}/sections")
    String addSection(@AuthenticationPrincipal CurrentUser me, @PathVariable String formId,
            @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect, Locale locale) {
        FormDefinition current = catalogue.get(formId);
        FormSection section = new FormSection(params.getOrDefault("id", "").strip(),
                new Text(params.get("titleFr"), params.get("titleEn"), params.get("titleAr")), false, List.of());
        return save(me, model, redirect, locale, current, FormEditor.addSection(current, section), params,
                Map.of("sectionDraft", params));
    }

    @PostMapping("/{formId}/fields")
    String addField(@AuthenticationPrincipal CurrentUser me, @PathVariable String formId,
            @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect, Locale locale) {
        FormDefinition current = catalogue.get(formId);
        FieldType type;
        try {
            type = FieldType.fromCode(params.getOrDefault("type", ""));
        } catch (IllegalArgumentException e) {
            return editor(model, current, Map.of("fieldDraft", params),
                    List.of(messages.getMessage("formsAdmin.typeRequired", null, locale)));
        }
        String conditionField = blankToNull(params.get("conditionField"));
        FieldCondition condition = conditionField == null ? null
                : new FieldCondition(conditionField, blankToNull(params.get("conditionValue")), null);
        FieldDefinition field = FormEditor.newField(params.getOrDefault("id", "").strip(), type,
                new Text(params.get("labelFr"), params.get("labelEn"), params.get("labelAr")),
                new Text(params.get("helpFr"), params.get("helpEn"), params.get("helpAr")),
                params.containsKey("required"), blankToNull(params.get("lookup")), decimal(params.get("min")),
                decimal(params.get("max")), condition, blankToNull(params.get("source")), blankToNull(params.get("system")));
        String[] target = params.getOrDefault("target", "").split("/", 2);
        FormDefinition changed = FormEditor.addField(current, target[0], target.length > 1 ? target[1] : null, field);
        return save(me, model, redirect, locale, current, changed, params, Map.of("fieldDraft", params));
    }

    private String save(CurrentUser me, Model model, RedirectAttributes redirect, Locale locale, FormDefinition current,
            FormDefinition changed, Map<String, String> params, Map<String, Object> drafts) {
        int expected = FormValues.intOr(params.get("version"), -1);
        try {
            catalogue.save(me, changed, expected);
            redirect.addFlashAttribute("notice", "formsAdmin.saved");
            return "redirect:/admin/forms/" + current.id();
        } catch (InvalidFormDefinitionException e) {
            // Show the change as typed, with what is wrong; the form in use is unchanged.
            return editor(model, changed.withVersion(current.version()), drafts, describe(e, locale));
        } catch (StaleRecordException e) {
            return editor(model, catalogue.get(current.id()), drafts,
                    List.of(messages.getMessage("error." + e.code(), null, e.code(), locale)));
        }
    }

    private String editor(Model model, FormDefinition form, Map<String, Object> drafts, List<String> problems) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems == null ? List.of() : problems);
        model.addAttribute("history", catalogue.history(form.id()));
        model.addAttribute("types", FieldType.values());
        model.addAttribute("lists", lookups.lists());
        model.addAttribute("systemFacts", FormDefinitionCheck.SYSTEM_FACTS.stream().sorted().toList());
        model.addAttribute("fieldDraft", drafts.getOrDefault("fieldDraft", Map.of()));
        model.addAttribute("sectionDraft", drafts.getOrDefault("sectionDraft", Map.of()));
        model.addAttribute("targets", targets(form));
        return "admin/form";
    }

    /** Where a new field can go: each section, and each repeating group within it. */
    private static Map<String, String> targets(FormDefinition form) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (FormSection section : form.sections()) {
            targets.put(section.id(), section.id());
            for (FieldDefinition field : section.fields()) {
                if (field.type() == FieldType.GROUP) {
                    targets.put(section.id() + "/" + field.id(), section.id() + " › " + field.id());
                }
            }
        }
        return targets;
    }

    private List<String> describe(InvalidFormDefinitionException e, Locale locale) {
        return e.problems().stream().map(problem -> messages.getMessage("forms.problem." + problem.code(),
                problem.arguments(), problem.code(), locale) + " (" + problem.path() + ")").toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static BigDecimal decimal(String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
