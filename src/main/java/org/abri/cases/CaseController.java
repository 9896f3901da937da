package org.abri.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.abri.platform.FormValues;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormParameters;
import org.abri.identity.CurrentUser;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.abri.lookups.Lookups;
import org.abri.platform.InvalidInputException;
import org.abri.platform.StaleRecordException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case pages: the list with its filters and name search, registration, the case file,
 * and editing. A refused save re-renders the form with everything the user typed.
 */
@Controller
@RequestMapping("/cases")
class CaseController {

    private final CaseRegistry registry;
    private final Lookups lookups;
    private final Locations locations;
    private final MessageSource messages;
    private final CaseRecords records;
    private final RegistrationForm registrationForm;
    private final org.abri.forms.FormValidator formValidator;
    private final CaseValidation validation;
    private final CaseWorkflow workflow;
    private final CaseTasks caseTasks;
    private final CaseNotes notes;

    CaseController(CaseRegistry registry, Lookups lookups, Locations locations, MessageSource messages,
            CaseRecords records, RegistrationForm registrationForm, org.abri.forms.FormValidator formValidator,
            CaseValidation validation, CaseWorkflow workflow, CaseTasks caseTasks, CaseNotes notes) {
        this.workflow = workflow;
        this.caseTasks = caseTasks;
        this.notes = notes;
        this.records = records;
        this.registrationForm = registrationForm;
        this.formValidator = formValidator;
        this.validation = validation;
        this.registry = registry;
        this.lookups = lookups;
        this.locations = locations;
        this.messages = messages;
    }

    @InitBinder("details")
    void binder(WebDataBinder binder) {
        // Consents are read from the request by hand (ConsentRecord is immutable); the
        // rest binds to CaseDetails. Version and caseworker come from the form too.
        binder.setDisallowedFields("consents*");
    }

    /**
     * The list with its filters. A name is never searched from here: the search box posts to
     * {@link #search} so that a child's name stays out of addresses, browser history and access
     * logs; a {@code q} in an old bookmark is ignored.
     */
    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser me,
            @RequestParam(required = false) String status, @RequestParam(required = false) String riskLevel,
            @RequestParam(required = false) String concern, @RequestParam(required = false) String location,
            @RequestParam(defaultValue = "0") String page, Model model) {
        return listPage(me, null, status, riskLevel, concern, location, page, model);
    }

    /** The name (or number) search, by POST: the results page's address carries no name. */
    @PostMapping("/search")
    String search(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
            @RequestParam(required = false) String status, @RequestParam(required = false) String riskLevel,
            @RequestParam(required = false) String concern, @RequestParam(required = false) String location,
            @RequestParam(defaultValue = "0") String page, Model model) {
        return listPage(me, blankToNull(q), status, riskLevel, concern, location, page, model);
    }

    private String listPage(CurrentUser me, String text, String status, String riskLevel, String concern,
            String location, String page, Model model) {
        UUID locationId = FormValues.uuidOrNull(location);
        CaseQuery query = new CaseQuery(text, choiceOrNull(status, List.of("open", "closed")),
                choiceOrNull(riskLevel, CaseValidation.RISK_LEVELS), concern, locationId, FormValues.pageNumber(page), 25);
        model.addAttribute("query", query);
        model.addAttribute("page", registry.search(me, query));
        // Links of the pager: without a name only (with one, the pager posts, see cases/list).
        model.addAttribute("pageUrl", listUrl(query));
        model.addAttribute("mayRegister", registry.mayRegister(me));
        addChoices(model);
        return "cases/list";
    }

    @GetMapping("/new")
    String registrationForm(@AuthenticationPrincipal CurrentUser me, Model model) {
        requireRegistrar(me);
        CaseDetails details = CaseDetails.blank();
        // Consents are usually taken on the day of registration.
        details.setConsents(ConsentRecord.KINDS.stream()
                .map(kind -> new ConsentRecord(kind, null, null, null, LocalDate.now())).toList());
        return form(me, model, details, null, Map.of());
    }

    @PostMapping
    String register(@AuthenticationPrincipal CurrentUser me, @ModelAttribute("details") CaseDetails details,
            BindingResult binding, HttpServletRequest request, Model model, RedirectAttributes redirect,
            Locale locale) {
        requireRegistrar(me);
        details.setConsents(consentsFrom(request));
        FormDefinition registration = registrationForm.current();
        Map<String, Object> submittedExtras = FormParameters.read(RegistrationForm.extras(registration),
                request.getParameterMap());
        Map<String, String> problems = bindingProblems(binding, locale);
        Map<String, Object> extras = checkExtras(registration, submittedExtras, Map.of(), problems, locale);
        if (problems.isEmpty()) {
            try {
                ChildCase registered = registry.register(me, details, extras, registration.version());
                redirect.addFlashAttribute("notice", "cases.registered");
                return "redirect:/cases/" + registered.id();
            } catch (InvalidInputException e) {
                problems.putAll(e.describe(messages, locale));
            }
        } else {
            addCoreProblems(details, problems, locale);
        }
        model.addAttribute("raw", rawValues(binding));
        model.addAttribute("extraValues", submittedExtras);
        return form(me, model, details, null, problems);
    }

    @GetMapping("/{id}")
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        ChildCase found = registry.read(me, id);
        model.addAttribute("child", found);
        model.addAttribute("location", locations.find(found.locationId()).orElse(null));
        model.addAttribute("mayEdit", registry.mayEdit(me, id));
        CaseWorkflow.CaseState state = workflow.state(me, id);
        model.addAttribute("state", state);
        model.addAttribute("riskHistory", records.riskHistory(me, id));
        model.addAttribute("eligibilityCriteria", lookups.active(CaseWorkflow.ELIGIBILITY_CRITERIA));
        model.addAttribute("steps", CaseStep.ORDER);
        model.addAttribute("caseTasks", caseTasks.ofCase(id));
        model.addAttribute("taskBuckets", caseTasks);
        // A supervisor of the caseworker may give the case to another caseworker of the agency.
        boolean mayReassign = me.has(org.abri.identity.Role.SUPERVISOR) && state.step().open()
                && registry.mayEdit(me, id) && !found.caseworkerId().equals(me.id());
        model.addAttribute("reassignTo", mayReassign ? registry.assignableCaseworkers(me).stream()
                .filter(w -> !w.id().equals(found.caseworkerId())).toList() : List.of());
        model.addAttribute("pendingForMe", workflow.pendingFor(me).stream()
                .filter(a -> a.caseId().equals(id)).toList());
        FormDefinition registration = registrationForm.current();
        model.addAttribute("coreLabels", RegistrationForm.labels(registration, LocaleContextHolder.getLocale()));
        model.addAttribute("extraForm", RegistrationForm.extras(registration));
        model.addAttribute("extraValues", registry.registrationExtras(me, id));
        List<CaseRecords.FormRecord> filled = records.list(me, id);
        Map<String, org.abri.forms.FormDefinition> forms = records.fillableForms().stream()
                .collect(Collectors.toMap(org.abri.forms.FormDefinition::id, Function.identity(), (a, b) -> a,
                        LinkedHashMap::new));
        model.addAttribute("records", filled);
        model.addAttribute("formsById", forms);
        // A form a case holds once is offered until it is filled; repeatable ones always.
        model.addAttribute("fillable", forms.values().stream().filter(form -> form.repeatable()
                || filled.stream().noneMatch(record -> record.formId().equals(form.id()))).toList());
        model.addAttribute("notes", notes.list(me, id)); // a refused note comes back with noteDraft, noteProblem
        return "cases/view";
    }

    @GetMapping("/{id}/edit")
    String editForm(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        ChildCase found = registry.read(me, id);
        if (!registry.mayEdit(me, id)) {
            throw new org.springframework.security.access.AccessDeniedException("read only");
        }
        return form(me, model, found.toDetails(), found, Map.of());
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @ModelAttribute("details") CaseDetails details, BindingResult binding, HttpServletRequest request,
            Model model, RedirectAttributes redirect, Locale locale) {
        details.setConsents(consentsFrom(request));
        FormDefinition registration = registrationForm.current();
        Map<String, Object> submittedExtras = FormParameters.read(RegistrationForm.extras(registration),
                request.getParameterMap());
        Map<String, String> problems = bindingProblems(binding, locale);
        Map<String, Object> extras = checkExtras(registration, submittedExtras, registry.registrationExtras(me, id),
                problems, locale);
        model.addAttribute("extraValues", submittedExtras);
        if (!problems.isEmpty()) {
            addCoreProblems(details, problems, locale);
        }
        if (problems.isEmpty()) {
            try {
                registry.update(me, id, details, extras, registration.version());
                redirect.addFlashAttribute("notice", "cases.saved");
                return "redirect:/cases/" + id;
            } catch (InvalidInputException e) {
                problems.putAll(e.describe(messages, locale));
            } catch (StaleRecordException e) {
                // Keep what the user typed; show what was saved meanwhile; let them save over it knowingly.
                ChildCase current = registry.read(me, id);
                model.addAttribute("conflict", current);
                model.addAttribute("conflictFields", current.toDetails().fieldsDifferingFrom(details));
                details.setVersion(current.version());
                model.addAttribute("raw", rawValues(binding));
                return form(me, model, details, current, problems);
            }
        }
        model.addAttribute("raw", rawValues(binding));
        return form(me, model, details, registry.read(me, id), problems);
    }

    // ---- helpers -------------------------------------------------------------------------

    private String form(CurrentUser me, Model model, CaseDetails details, ChildCase existing,
            Map<String, String> problems) {
        FormDefinition registration = registrationForm.current();
        model.addAttribute("coreLabels", RegistrationForm.labels(registration, LocaleContextHolder.getLocale()));
        model.addAttribute("coreHelps", RegistrationForm.helps(registration, LocaleContextHolder.getLocale()));
        model.addAttribute("extraForm", RegistrationForm.extras(registration));
        if (!model.containsAttribute("extraValues")) {
            model.addAttribute("extraValues", existing == null ? Map.of() : registry.registrationExtras(me, existing.id()));
        }
        model.addAttribute("details", details);
        model.addAttribute("existing", existing);
        model.addAttribute("problems", problems);
        if (!model.containsAttribute("raw")) {
            model.addAttribute("raw", Map.of());
        }
        model.addAttribute("caseworkers", existing == null ? registry.assignableCaseworkers(me) : List.of());
        model.addAttribute("sexes", CaseValidation.SEXES);
        model.addAttribute("riskLevels", CaseValidation.RISK_LEVELS);
        model.addAttribute("consentKinds", ConsentRecord.KINDS);
        model.addAttribute("consentDecisions", ConsentRecord.DECISIONS);
        model.addAttribute("consentMethods", ConsentRecord.METHODS);
        model.addAttribute("consentGivers", ConsentRecord.GIVERS);
        model.addAttribute("nationalities", lookups.active(Lookups.NATIONALITY));
        model.addAttribute("displacementStatuses", lookups.active(Lookups.DISPLACEMENT_STATUS));
        model.addAttribute("relationships", lookups.active(Lookups.CAREGIVER_RELATIONSHIP));
        addChoices(model);
        return "cases/form";
    }

    /**
     * Checks the deployment's own registration fields; their problems join the page's. Returns
     * the values to keep (with those of fields the form no longer asks for carried over).
     */
    private Map<String, Object> checkExtras(FormDefinition registration, Map<String, Object> submitted,
            Map<String, Object> previous, Map<String, String> problems, Locale locale) {
        try {
            return formValidator.check(RegistrationForm.extras(registration), submitted, previous);
        } catch (InvalidInputException e) {
            problems.putAll(e.describe(messages, locale));
            return Map.of();
        }
    }

    /** The core fields' problems too, so that one refused save names every problem at once. */
    private void addCoreProblems(CaseDetails details, Map<String, String> problems, Locale locale) {
        try {
            validation.check(details);
        } catch (InvalidInputException e) {
            e.describe(messages, locale).forEach(problems::putIfAbsent);
        }
    }

    private void addChoices(Model model) {
        model.addAttribute("concerns", lookups.active(Lookups.PROTECTION_CONCERN));
        List<Location> all = locations.active();
        model.addAttribute("locations", all);
        model.addAttribute("locationsById", all.stream().collect(Collectors.toMap(Location::id, Function.identity())));
    }

    private static void requireRegistrar(CurrentUser me) {
        if (!CaseAccess.mayRegister(me)) {
            throw new org.springframework.security.access.AccessDeniedException("may not register");
        }
    }

    /** The three consent lines of the form, in the fixed order of ConsentRecord.KINDS. */
    private static List<ConsentRecord> consentsFrom(HttpServletRequest request) {
        List<ConsentRecord> consents = new ArrayList<>();
        for (int i = 0; i < ConsentRecord.KINDS.size(); i++) {
            String prefix = "consents[" + i + "].";
            consents.add(new ConsentRecord(ConsentRecord.KINDS.get(i), blankToNull(request.getParameter(prefix + "decision")),
                    blankToNull(request.getParameter(prefix + "method")),
                    blankToNull(request.getParameter(prefix + "givenBy")),
                    dateOrNull(request.getParameter(prefix + "givenOn"))));
        }
        return consents;
    }

    private Map<String, String> bindingProblems(BindingResult binding, Locale locale) {
        Map<String, String> problems = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(error -> problems.put(error.getField(),
                messages.getMessage("validation.invalid_format", null, locale)));
        return problems;
    }

    /** What the user typed in fields that could not be converted (e.g. a malformed date), to show it back. */
    private static Map<String, Object> rawValues(BindingResult binding) {
        Map<String, Object> raw = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(error -> raw.put(error.getField(), error.getRejectedValue()));
        return raw;
    }

    private static String listUrl(CaseQuery query) {
        StringBuilder url = new StringBuilder("/cases?");
        appendParam(url, "status", query.status());
        appendParam(url, "riskLevel", query.riskLevel());
        appendParam(url, "concern", query.concern());
        appendParam(url, "location", query.locationId() == null ? null : query.locationId().toString());
        return url.toString();
    }

    private static void appendParam(StringBuilder url, String name, String value) {
        if (value != null) {
            url.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))
                    .append('&');
        }
    }

    private static String choiceOrNull(String value, List<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate dateOrNull(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
