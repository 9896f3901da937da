package org.abri.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.abri.identity.CurrentUser;
import org.abri.platform.FieldChecks;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.StaleRecordException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Referral pathways: anyone signed in picks a concern (and a place) and reads the recommended
 * steps in order, each with the services of the map that fit; coordinators edit them.
 */
@Controller
@RequestMapping("/services/pathways")
class PathwayController {

    /** Steps offered on the edit page (blank ones are dropped when saved). */
    static final int EDITABLE_STEPS = 8;

    /** A step as typed on the edit page. */
    record StepForm(String sector, String withinHours, String note) {
    }

    /** A step of the pathway shown with the services that fit it. */
    record StepWithServices(PathwayStep step, List<ServiceEntry> services) {
    }

    private final ServicePathways pathways;
    private final ServiceMap map;
    private final ServiceMapController pages;
    private final MessageSource messages;

    PathwayController(ServicePathways pathways, ServiceMap map, ServiceMapController pages, MessageSource messages) {
        this.pathways = pathways;
        this.map = map;
        this.pages = pages;
        this.messages = messages;
    }

    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String concern,
            @RequestParam(required = false) String location, Model model, Locale locale) {
        UUID place = FormValues.uuidOrNull(location);
        String chosen = concern == null || concern.isBlank() ? null : concern;
        List<StepWithServices> steps = new ArrayList<>();
        var applicable = pathways.applicable(chosen, place);
        applicable.ifPresent(pathway -> pathway.steps().forEach(step -> steps.add(new StepWithServices(step,
                map.search(new ServiceFilter(step.sector(), place, chosen, null, null, null))))));
        model.addAttribute("concern", chosen);
        model.addAttribute("location", place);
        model.addAttribute("pathway", applicable.orElse(null));
        model.addAttribute("steps", steps);
        model.addAttribute("stale", steps.stream().flatMap(s -> s.services().stream()).filter(map::stale)
                .map(ServiceEntry::id).toList());
        model.addAttribute("coordinates", ServiceMapEditor.coordinates(me));
        model.addAttribute("configured", pathways.all());
        pages.labels(model, locale);
        return "services/pathways";
    }

    @GetMapping("/edit")
    String edit(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String concern,
            @RequestParam(required = false) String location, Model model, Locale locale) {
        ServiceMapEditor.requireCoordinator(me);
        UUID place = FormValues.uuidOrNull(location);
        var existing = concern == null ? java.util.Optional.<ServicePathways.Pathway>empty()
                : pathways.exact(concern, place);
        List<StepForm> steps = new ArrayList<>();
        existing.ifPresent(pathway -> pathway.steps().forEach(step -> steps.add(new StepForm(step.sector(),
                step.withinHours() == null ? "" : step.withinHours().toString(), step.note()))));
        return editPage(model, locale, concern, place, steps, existing.map(ServicePathways.Pathway::version).orElse(0),
                Map.of(), null);
    }

    @PostMapping("/edit")
    String save(@AuthenticationPrincipal CurrentUser me, HttpServletRequest request, Model model,
            RedirectAttributes redirect, Locale locale) {
        ServiceMapEditor.requireCoordinator(me);
        String concern = request.getParameter("concern");
        UUID place = FormValues.uuidOrNull(request.getParameter("location"));
        int version = FormValues.intOr(request.getParameter("version"), -1);
        List<StepForm> typed = new ArrayList<>();
        for (int i = 0; i < EDITABLE_STEPS; i++) {
            typed.add(new StepForm(value(request, "sector" + i), value(request, "hours" + i),
                    value(request, "note" + i)));
        }
        try {
            FieldChecks checks = new FieldChecks();
            List<PathwayStep> steps = new ArrayList<>();
            for (int i = 0; i < typed.size(); i++) {
                StepForm step = typed.get(i);
                Integer hours = null;
                if (!FieldChecks.blank(step.withinHours())) {
                    try {
                        hours = Integer.valueOf(step.withinHours().strip());
                    } catch (NumberFormatException e) {
                        checks.add("steps[" + i + "].withinHours", "validation.invalid_format");
                    }
                }
                steps.add(new PathwayStep(i + 1, step.sector(), hours, step.note()));
            }
            checks.throwIfAny();
            pathways.save(me, concern, place, steps, version);
            redirect.addFlashAttribute("notice", "services.pathways.saved");
            return "redirect:/services/pathways?concern=" + concern + (place == null ? "" : "&location=" + place);
        } catch (InvalidInputException e) {
            return editPage(model, locale, concern, place, typed, version, e.describe(messages, locale), null);
        } catch (StaleRecordException e) {
            int current = pathways.exact(concern, place).map(ServicePathways.Pathway::version).orElse(0);
            return editPage(model, locale, concern, place, typed, current, Map.of(),
                    messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
    }

    private String editPage(Model model, Locale locale, String concern, UUID place, List<StepForm> typed, int version,
            Map<String, String> problems, String problem) {
        List<StepForm> steps = new ArrayList<>(typed);
        while (steps.size() < EDITABLE_STEPS) {
            steps.add(new StepForm("", "", ""));
        }
        model.addAttribute("concern", concern);
        model.addAttribute("location", place);
        model.addAttribute("steps", steps);
        model.addAttribute("version", version);
        model.addAttribute("problems", new LinkedHashMap<>(problems));
        model.addAttribute("problem", problem);
        pages.labels(model, locale);
        return "services/pathway-edit";
    }

    private static String value(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }
}
