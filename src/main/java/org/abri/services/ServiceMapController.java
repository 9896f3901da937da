package org.abri.services;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.abri.identity.Agencies;
import org.abri.identity.Agency;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.locations.Location;
import org.abri.locations.Locations;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.abri.platform.FieldChecks;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.StaleRecordException;
import org.abri.services.ServiceInputs.ProviderInput;
import org.abri.services.ServiceInputs.ServiceInput;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service map in the browser: every signed-in user browses and filters it, opens an entry and
 * downloads it as a spreadsheet; its keepers (see {@link ServiceMapEditor}) add, edit, verify and
 * deactivate entries and providers; coordinators import a spreadsheet after a preview.
 */
@Controller
@RequestMapping("/services")
class ServiceMapController {

    private static final String PENDING = ServiceMapController.class.getName() + ".pending";

    private final ServiceMap map;
    private final ServiceMapEditor editor;
    private final ServiceMapSpreadsheet spreadsheet;
    private final Lookups lookups;
    private final Locations locations;
    private final Agencies agencies;
    private final UserAccounts accounts;
    private final MessageSource messages;

    ServiceMapController(ServiceMap map, ServiceMapEditor editor, ServiceMapSpreadsheet spreadsheet, Lookups lookups,
            Locations locations, Agencies agencies, UserAccounts accounts, MessageSource messages) {
        this.map = map;
        this.editor = editor;
        this.spreadsheet = spreadsheet;
        this.lookups = lookups;
        this.locations = locations;
        this.agencies = agencies;
        this.accounts = accounts;
        this.messages = messages;
    }

    /** What an entry form sent, as typed (kept when the entry is refused). */
    record ServiceForm(String providerId, String sector, String name, String description, String contactPerson,
            String phone, String email, String hours, String ageMin, String ageMax, List<String> sexes,
            List<String> concerns, String eligibilityNotes, List<String> locationIds, String languages, String cost,
            String focalPointId, int version) {

        static ServiceForm read(HttpServletRequest request) {
            return new ServiceForm(p(request, "providerId"), p(request, "sector"), p(request, "name"),
                    p(request, "description"), p(request, "contactPerson"), p(request, "phone"), p(request, "email"),
                    p(request, "hours"), p(request, "ageMin"), p(request, "ageMax"), all(request, "sexes"),
                    all(request, "concerns"), p(request, "eligibilityNotes"), all(request, "locationIds"),
                    p(request, "languages"), p(request, "cost"), p(request, "focalPointId"),
                    FormValues.intOr(request.getParameter("version"), -1));
        }

        static ServiceForm of(ServiceEntry e) {
            return new ServiceForm(e.providerId().toString(), e.sector(), e.name(), e.description(),
                    e.contactPerson(), e.phone(), e.email(), e.hours(), e.ageMin() == null ? "" : e.ageMin().toString(),
                    e.ageMax() == null ? "" : e.ageMax().toString(), e.sexes(), e.concerns(), e.eligibilityNotes(),
                    e.locationIds().stream().map(UUID::toString).toList(), e.languages(), e.cost(),
                    e.focalPointId() == null ? "" : e.focalPointId().toString(), e.version());
        }

        static ServiceForm blank(String providerId) {
            return new ServiceForm(providerId, "", "", "", "", "", "", "", "", "", List.of(), List.of(), "",
                    List.of(), "", "", "", 0);
        }

        /** The input, or the problems of the numbers typed. */
        ServiceInput input(FieldChecks checks) {
            return new ServiceInput(FormValues.uuidOrNull(providerId), sector, name, description, contactPerson,
                    phone, email, hours, number(checks, "ageMin", ageMin), number(checks, "ageMax", ageMax), sexes,
                    concerns, eligibilityNotes, locationIds.stream().map(FormValues::uuidOrNull)
                            .filter(java.util.Objects::nonNull).toList(),
                    languages, cost, FormValues.uuidOrNull(focalPointId), null);
        }

        private static Integer number(FieldChecks checks, String field, String value) {
            if (FieldChecks.blank(value)) {
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                checks.add(field, "validation.invalid_format");
                return null;
            }
        }

        private static String p(HttpServletRequest request, String name) {
            String value = request.getParameter(name);
            return value == null ? "" : value;
        }

        private static List<String> all(HttpServletRequest request, String name) {
            String[] values = request.getParameterValues(name);
            return values == null ? List.of() : List.of(values).stream().filter(v -> !v.isBlank()).toList();
        }
    }

    // ---- browsing ----

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String sector,
            @RequestParam(required = false) String location, @RequestParam(required = false) String concern,
            @RequestParam(required = false) String age, @RequestParam(required = false) String sex,
            @RequestParam(required = false) String q, Model model, Locale locale) {
        Integer ageValue = FieldChecks.blank(age) ? null : FormValues.intOr(age, -1);
        ServiceFilter filter = new ServiceFilter(blankToNull(sector), FormValues.uuidOrNull(location),
                blankToNull(concern), ageValue == null || ageValue < 0 ? null : ageValue, blankToNull(sex),
                blankToNull(q));
        List<ServiceEntry> entries = map.search(filter);
        model.addAttribute("filter", filter);
        model.addAttribute("entries", entries);
        model.addAttribute("stale", entries.stream().filter(map::stale).map(ServiceEntry::id).toList());
        labels(model, locale);
        model.addAttribute("mayEdit", ServiceMapEditor.mayEdit(me));
        model.addAttribute("coordinates", ServiceMapEditor.coordinates(me));
        return "services/list";
    }

    @GetMapping("/{id}")
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model, Locale locale) {
        ServiceEntry entry = map.find(id).orElseThrow(() -> new NotFoundException("service.not_found"));
        model.addAttribute("entry", entry);
        model.addAttribute("isStale", map.stale(entry));
        model.addAttribute("mayEdit", ServiceMapEditor.mayEdit(me, entry.providerAgencyId()));
        model.addAttribute("focalPoint", entry.focalPointId() == null ? null
                : accounts.find(entry.focalPointId()).map(UserAccount::fullName).orElse(null));
        labels(model, locale);
        return "services/view";
    }

    @GetMapping(value = "/export.xlsx")
    ResponseEntity<byte[]> export(Locale locale) {
        String name = "abri-services-" + LocalDate.now() + ".xlsx";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(spreadsheet.export(locale));
    }

    // ---- entries ----

    @GetMapping("/new")
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String provider,
            Model model, Locale locale) {
        ServiceMapEditor.requireEditor(me);
        return editPage(me, model, locale, null, ServiceForm.blank(provider == null ? "" : provider), Map.of(), null);
    }

    @PostMapping("/new")
    String create(@AuthenticationPrincipal CurrentUser me, HttpServletRequest request, Model model,
            RedirectAttributes redirect, Locale locale) {
        ServiceMapEditor.requireEditor(me);
        ServiceForm form = ServiceForm.read(request);
        try {
            FieldChecks checks = new FieldChecks();
            ServiceInput input = form.input(checks);
            checks.throwIfAny();
            UUID id = editor.createService(me, input);
            redirect.addFlashAttribute("notice", "services.created");
            return "redirect:/services/" + id;
        } catch (InvalidInputException e) {
            return editPage(me, model, locale, null, form, e.describe(messages, locale), null);
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model, Locale locale) {
        ServiceEntry entry = editor.service(me, id);
        return editPage(me, model, locale, entry, ServiceForm.of(entry), Map.of(), null);
    }

    @PostMapping("/{id}/edit")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request,
            Model model, RedirectAttributes redirect, Locale locale) {
        ServiceEntry entry = editor.service(me, id);
        ServiceForm form = ServiceForm.read(request);
        try {
            FieldChecks checks = new FieldChecks();
            ServiceInput input = form.input(checks);
            checks.throwIfAny();
            editor.updateService(me, id, input, form.version());
            redirect.addFlashAttribute("notice", "services.saved");
            return "redirect:/services/" + id;
        } catch (InvalidInputException e) {
            return editPage(me, model, locale, entry, form, e.describe(messages, locale), null);
        } catch (StaleRecordException e) {
            ServiceEntry current = editor.service(me, id);
            ServiceForm kept = new ServiceForm(form.providerId(), form.sector(), form.name(), form.description(),
                    form.contactPerson(), form.phone(), form.email(), form.hours(), form.ageMin(), form.ageMax(),
                    form.sexes(), form.concerns(), form.eligibilityNotes(), form.locationIds(), form.languages(),
                    form.cost(), form.focalPointId(), current.version());
            return editPage(me, model, locale, current, kept, Map.of(),
                    messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
    }

    @PostMapping("/{id}/verify")
    String verify(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        editor.verify(me, id);
        redirect.addFlashAttribute("notice", "services.verified");
        return "redirect:/services/" + id;
    }

    @PostMapping("/{id}/active")
    String setActive(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        editor.setServiceActive(me, id, active);
        redirect.addFlashAttribute("notice", active ? "services.activated" : "services.deactivated");
        return "redirect:/services/" + id;
    }

    private String editPage(CurrentUser me, Model model, Locale locale, ServiceEntry entry, ServiceForm form,
            Map<String, String> problems, String problem) {
        model.addAttribute("entry", entry);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        model.addAttribute("providers", editor.providers(me).stream()
                .filter(p -> p.active() || entry != null && p.id().equals(entry.providerId())).toList());
        model.addAttribute("focalPoints", focalPoints(me));
        model.addAttribute("sexes", ServiceMapEditor.SEXES);
        labels(model, locale);
        return "services/edit";
    }

    private Map<String, String> focalPoints(CurrentUser me) {
        Map<String, String> choices = new LinkedHashMap<>();
        List<Agency> scope = ServiceMapEditor.coordinates(me) ? agencies.all()
                : agencies.find(me.agencyId()).stream().toList();
        for (Agency agency : scope) {
            for (UserAccount user : accounts.activeWithRole(agency.id(), Role.SERVICE_FOCAL_POINT)) {
                choices.put(user.id().toString(), user.fullName() + " (" + agency.code() + ")");
            }
        }
        return choices;
    }

    // ---- providers ----

    @GetMapping("/providers")
    String providers(@AuthenticationPrincipal CurrentUser me, Model model) {
        return providersPage(me, model, new ProviderInput("", null, "", "", "", ""), Map.of());
    }

    @PostMapping("/providers")
    String createProvider(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String agencyId, @RequestParam(defaultValue = "") String contactPerson,
            @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String address, Model model, RedirectAttributes redirect,
            Locale locale) {
        ServiceMapEditor.requireEditor(me);
        ProviderInput input = new ProviderInput(name, FormValues.uuidOrNull(agencyId), contactPerson, phone, email,
                address);
        try {
            UUID id = editor.createProvider(me, input);
            redirect.addFlashAttribute("notice", "services.providerCreated");
            return "redirect:/services/new?provider=" + id;
        } catch (InvalidInputException e) {
            return providersPage(me, model, input, e.describe(messages, locale));
        }
    }

    private String providersPage(CurrentUser me, Model model, ProviderInput draft, Map<String, String> problems) {
        model.addAttribute("providers", editor.providers(me));
        model.addAttribute("draft", draft);
        model.addAttribute("problems", problems);
        model.addAttribute("agencies", ServiceMapEditor.coordinates(me) ? agencies.all() : List.of());
        return "services/providers";
    }

    @GetMapping("/providers/{id}")
    String provider(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        ServiceProvider provider = editor.provider(me, id);
        return providerPage(me, model, provider, new ProviderInput(provider.name(), provider.agencyId(),
                provider.contactPerson(), provider.phone(), provider.email(), provider.address()), provider.version(),
                Map.of(), null);
    }

    @PostMapping("/providers/{id}")
    String updateProvider(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String agencyId,
            @RequestParam(defaultValue = "") String contactPerson, @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect, Locale locale) {
        ServiceProvider provider = editor.provider(me, id);
        ProviderInput input = new ProviderInput(name, ServiceMapEditor.coordinates(me) ? FormValues.uuidOrNull(agencyId)
                : provider.agencyId(), contactPerson, phone, email, address);
        try {
            editor.updateProvider(me, id, input, version);
            redirect.addFlashAttribute("notice", "services.saved");
            return "redirect:/services/providers/" + id;
        } catch (InvalidInputException e) {
            return providerPage(me, model, provider, input, version, e.describe(messages, locale), null);
        } catch (StaleRecordException e) {
            ServiceProvider current = editor.provider(me, id);
            return providerPage(me, model, current, input, current.version(), Map.of(),
                    messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
    }

    @PostMapping("/providers/{id}/active")
    String setProviderActive(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        editor.setProviderActive(me, id, active);
        redirect.addFlashAttribute("notice", active ? "services.activated" : "services.deactivated");
        return "redirect:/services/providers/" + id;
    }

    private String providerPage(CurrentUser me, Model model, ServiceProvider provider, ProviderInput form, int version,
            Map<String, String> problems, String problem) {
        model.addAttribute("provider", provider);
        model.addAttribute("form", form);
        model.addAttribute("version", version);
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        model.addAttribute("agencies", ServiceMapEditor.coordinates(me) ? agencies.all() : List.of());
        model.addAttribute("services", map.search(ServiceFilter.any()).stream()
                .filter(s -> s.providerId().equals(provider.id())).toList());
        return "services/provider";
    }

    // ---- import ----

    // Kept in the session, which lives in PostgreSQL: serializable.
    private record Pending(String token, byte[] content) implements java.io.Serializable {
    }

    @GetMapping("/import")
    String importPage(@AuthenticationPrincipal CurrentUser me) {
        ServiceMapEditor.requireCoordinator(me);
        return "services/import";
    }

    @PostMapping("/import")
    String preview(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) MultipartFile file,
            HttpSession session, Model model, Locale locale) throws IOException {
        ServiceMapEditor.requireCoordinator(me);
        byte[] content = file == null ? new byte[0] : file.getBytes();
        ServiceMapSpreadsheet.Preview preview = spreadsheet.preview(me, content);
        showPreview(model, preview, locale);
        if (preview.acceptable()) {
            Pending pending = new Pending(UUID.randomUUID().toString(), content);
            session.setAttribute(PENDING, pending);
            model.addAttribute("token", pending.token());
        }
        return "services/import";
    }

    @PostMapping("/import/apply")
    String apply(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String token,
            HttpSession session, Model model, RedirectAttributes redirect, Locale locale) {
        ServiceMapEditor.requireCoordinator(me);
        if (!(session.getAttribute(PENDING) instanceof Pending pending) || !pending.token().equals(token)) {
            model.addAttribute("problems", List.of(messages.getMessage("services.import.expired", null, locale)));
            return "services/import";
        }
        session.removeAttribute(PENDING);
        ServiceMapSpreadsheet.Preview applied = spreadsheet.apply(me, pending.content());
        if (!applied.acceptable()) {
            showPreview(model, applied, locale);
            return "services/import";
        }
        redirect.addFlashAttribute("notice", "services.import.applied");
        redirect.addFlashAttribute("noticeArguments", new Object[] {applied.count(ServiceMapSpreadsheet.Change.NEW),
                applied.count(ServiceMapSpreadsheet.Change.CHANGED)});
        return "redirect:/services";
    }

    private void showPreview(Model model, ServiceMapSpreadsheet.Preview preview, Locale locale) {
        List<String> problems = new ArrayList<>();
        preview.problems().forEach(problem -> problems.add(spreadsheet.describe(problem, locale)));
        model.addAttribute("problems", problems);
        model.addAttribute("rows", preview.rows());
        model.addAttribute("newCount", preview.count(ServiceMapSpreadsheet.Change.NEW));
        model.addAttribute("changedCount", preview.count(ServiceMapSpreadsheet.Change.CHANGED));
        model.addAttribute("unchangedCount", preview.count(ServiceMapSpreadsheet.Change.UNCHANGED));
    }

    // ---- shared ----

    /** The words of the codes: sectors, concerns and places in the reader's language. */
    void labels(Model model, Locale locale) {
        model.addAttribute("sectors", lookups.all(ServiceMapEditor.SECTORS));
        model.addAttribute("concerns", lookups.active(Lookups.PROTECTION_CONCERN));
        Map<String, String> sectorLabels = new LinkedHashMap<>();
        lookups.all(ServiceMapEditor.SECTORS).forEach(v -> sectorLabels.put(v.code(), v.label(locale)));
        Map<String, String> concernLabels = new LinkedHashMap<>();
        lookups.all(Lookups.PROTECTION_CONCERN).forEach(v -> concernLabels.put(v.code(), v.label(locale)));
        Map<UUID, String> places = new LinkedHashMap<>();
        List<Location> all = locations.all();
        all.forEach(location -> places.put(location.id(), location.path(locale)));
        model.addAttribute("sectorLabels", sectorLabels);
        model.addAttribute("concernLabels", concernLabels);
        model.addAttribute("places", places);
        model.addAttribute("activePlaces", all.stream().filter(Location::active).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
