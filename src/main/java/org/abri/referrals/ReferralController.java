package org.abri.referrals;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.abri.cases.CaseSharing;
import org.abri.cases.ChildCase;
import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormPrinter;
import org.abri.forms.PrintedFiles;
import org.abri.identity.CurrentUser;
import org.abri.locations.Locations;
import org.abri.lookups.Lookups;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.abri.services.ServiceFilter;
import org.abri.services.ServiceMap;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Referral pages: choosing a service for a child and what to share, the inbox and outbox, one
 * referral seen from either side, and its answers. A refused step comes back with the reason
 * and what was typed.
 */
@Controller
class ReferralController {

    private final Referrals referrals;
    private final ServiceMap serviceMap;
    private final org.abri.services.ServicePathways pathways;
    private final Lookups lookups;
    private final Locations locations;
    private final FormCatalogue catalogue;
    private final MessageSource messages;
    private final FormPrinter printer;
    private final Clock clock;
    private final org.abri.audit.AuditLog audit;

    ReferralController(Referrals referrals, ServiceMap serviceMap, org.abri.services.ServicePathways pathways,
            Lookups lookups, Locations locations, FormCatalogue catalogue, MessageSource messages, FormPrinter printer,
            Clock clock, org.abri.audit.AuditLog audit) {
        this.audit = audit;
        this.pathways = pathways;
        this.printer = printer;
        this.clock = clock;
        this.referrals = referrals;
        this.serviceMap = serviceMap;
        this.lookups = lookups;
        this.locations = locations;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    // ---- lists ---------------------------------------------------------------------------------

    @GetMapping("/referrals")
    String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String box,
            @RequestParam(required = false) String status, @RequestParam(required = false) String page, Model model) {
        Referrals.Box which = "inbox".equals(box) ? Referrals.Box.INBOX : "outbox".equals(box) ? Referrals.Box.OUTBOX
                : me.has(org.abri.identity.Role.SERVICE_FOCAL_POINT) ? Referrals.Box.INBOX : Referrals.Box.OUTBOX;
        model.addAttribute("box", which.name().toLowerCase(Locale.ROOT));
        model.addAttribute("status", status);
        model.addAttribute("statuses", Referral.STATUSES);
        var found = referrals.list(me, which, status, FormValues.pageNumber(page), 50);
        audit.record(org.abri.audit.AuditAction.SEARCH, Referrals.RECORD_TYPE, null, me.agencyId(), Map.of("list",
                which.name().toLowerCase(Locale.ROOT), "results", found.total(), "shown",
                found.items().stream().map(Referral::reference).toList()));
        model.addAttribute("page", found);
        model.addAttribute("now", referrals.clockNow());
        return "referrals/list";
    }

    /** The referrals waiting for this user, for the home page (loaded into it by htmx). */
    @GetMapping("/referrals/summary")
    String summary(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("summary", me.agencyId() == null ? new Referrals.Summary(0, 0, 0) : referrals.summary(me));
        return "referrals/fragments :: summary";
    }

    /** The referrals section of a case page (loaded into it by htmx, so cases need not know referrals). */
    @GetMapping("/cases/{caseId}/referrals")
    String ofCase(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, Model model) {
        model.addAttribute("caseId", caseId);
        model.addAttribute("items", referrals.ofCase(me, caseId));
        model.addAttribute("mayRefer", referrals.mayRefer(me, caseId));
        model.addAttribute("now", referrals.clockNow());
        return "referrals/case-section :: section";
    }

    // ---- referring -----------------------------------------------------------------------------

    /** Step 1: the map filtered for this child (concern, place, age, sex), with the recommended pathway. */
    @GetMapping("/cases/{caseId}/referrals/new")
    String choose(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestParam Map<String, String> params, Model model) {
        Referrals.Draft draft = referrals.draft(me, caseId, FormValues.uuidOrNull(params.get("service")));
        model.addAttribute("draft", draft);
        model.addAttribute("planAction", params.getOrDefault("planAction", ""));
        if (draft.service() != null) {
            return prepareForm(draft, model, new LinkedHashMap<>(), Map.of(), null);
        }
        ChildCase child = draft.childCase();
        boolean filtered = params.containsKey("filtered");
        String sector = filtered ? blankToNull(params.get("sector")) : blankToNull(params.get("sector"));
        String concern = filtered ? blankToNull(params.get("concern"))
                : child.protectionConcerns().isEmpty() ? null : child.protectionConcerns().get(0);
        UUID location = filtered ? FormValues.uuidOrNull(params.get("location")) : child.locationId();
        boolean matchAge = !filtered || params.containsKey("matchAge");
        boolean matchSex = !filtered || params.containsKey("matchSex");
        model.addAttribute("sector", sector);
        model.addAttribute("concern", concern);
        model.addAttribute("location", location);
        model.addAttribute("matchAge", matchAge);
        model.addAttribute("matchSex", matchSex);
        model.addAttribute("sectors", lookups.active("service_sector"));
        model.addAttribute("concerns", lookups.active(Lookups.PROTECTION_CONCERN));
        model.addAttribute("locations", locations.active());
        model.addAttribute("services", serviceMap.search(new ServiceFilter(sector, location, concern,
                matchAge ? child.age() : null, matchSex && !"unknown".equals(child.sex()) ? child.sex() : null, null)));
        model.addAttribute("serviceMap", serviceMap);
        model.addAttribute("planActions", referrals.openPlanActions(caseId));
        // The coordination group's recommended order for this concern and place, each step a sector filter.
        model.addAttribute("pathway", concern == null ? List.of() : pathways.pathway(concern, location));
        return "referrals/choose";
    }

    @PostMapping("/cases/{caseId}/referrals")
    String send(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestParam Map<String, String> params, @RequestParam(name = "parts", required = false) List<String> parts,
            Model model, RedirectAttributes redirect, Locale locale) {
        UUID serviceId = FormValues.uuidOrNull(params.get("service"));
        Referrals.ReferralRequest request = new Referrals.ReferralRequest(serviceId, params.get("urgency"),
                params.get("reason"), params.get("planAction"), parts == null ? List.of() : parts,
                params.get("bestInterestReason"));
        try {
            Referral sent = referrals.send(me, caseId, request);
            redirect.addFlashAttribute("notice", "referral.done.sent");
            return "redirect:/referrals/" + sent.id();
        } catch (InvalidInputException e) {
            Referrals.Draft draft = referrals.draft(me, caseId, serviceId);
            if (draft.service() == null) {
                // No service (or an unknown one) was sent: the form needs one, so back to choosing it.
                return "redirect:/cases/" + caseId + "/referrals/new";
            }
            model.addAttribute("draft", draft);
            return prepareForm(draft, model, params, e.describe(messages, locale), null, parts);
        } catch (RuleViolationException e) {
            Referrals.Draft draft = referrals.draft(me, caseId, serviceId);
            model.addAttribute("draft", draft);
            return prepareForm(draft, model, params, Map.of(), e.describe(messages, locale), parts);
        }
    }

    private String prepareForm(Referrals.Draft draft, Model model, Map<String, String> typed,
            Map<String, String> problems, String problem) {
        return prepareForm(draft, model, typed, problems, problem, null);
    }

    private String prepareForm(Referrals.Draft draft, Model model, Map<String, String> typed,
            Map<String, String> problems, String problem, List<String> tickedParts) {
        model.addAttribute("typed", typed);
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        model.addAttribute("ticked", tickedParts != null ? Set.copyOf(tickedParts) : draft.defaultParts());
        model.addAttribute("urgencies", Referrals.URGENCIES);
        model.addAttribute("formTitles", formTitles(draft.shareableParts()));
        model.addAttribute("serviceMap", serviceMap);
        if (!model.containsAttribute("planAction")) {
            model.addAttribute("planAction", typed.getOrDefault("planAction", ""));
        }
        return "referrals/new";
    }

    /** Form parts shown by their title: form id → form definition (current version). */
    private Map<String, FormDefinition> formTitles(List<String> parts) {
        Map<String, FormDefinition> titles = new LinkedHashMap<>();
        for (String part : parts) {
            if (part.startsWith(CaseSharing.FORM_PART_PREFIX)) {
                String formId = part.substring(CaseSharing.FORM_PART_PREFIX.length());
                catalogue.current(formId).ifPresent(form -> titles.put(part, form));
            }
        }
        return titles;
    }

    // ---- one referral ----------------------------------------------------------------------------

    @GetMapping("/referrals/{id}")
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        Referral referral = referrals.get(me, id);
        Set<Referrals.Side> sides = referrals.sidesOf(me, referral);
        model.addAttribute("referral", referral);
        model.addAttribute("referring", sides.contains(Referrals.Side.REFERRING));
        model.addAttribute("receiving", sides.contains(Referrals.Side.RECEIVING));
        // Withdrawn or declined, read from the receiving side only: the status and dates, never the texts.
        model.addAttribute("textsHidden", Referrals.endedForReceiver(referral, sides));
        model.addAttribute("events", referrals.events(me, id));
        model.addAttribute("now", referrals.clockNow());
        model.addAttribute("service", serviceMap.find(referral.serviceId()).orElse(null));
        model.addAttribute("actions", referrals.actionsFor(me, referral, sides));
        model.addAttribute("formTitles", formTitles(referral.sharedParts()));
        model.addAttribute("outcomes", Referrals.OUTCOMES);
        if (sides.contains(Referrals.Side.RECEIVING) && referrals.sharedPartReadable(referral)) {
            Referrals.SharedPart shared = referrals.sharedPart(me, id);
            model.addAttribute("shared", shared);
            model.addAttribute("sharedLocation", shared.fields().get("locationId") == null ? null
                    : locations.find((UUID) shared.fields().get("locationId")).orElse(null));
            Map<String, FormDefinition> sharedForms = new LinkedHashMap<>();
            shared.records().forEach(r -> sharedForms.put(r.formId(), catalogue.version(r.formId(), r.formVersion())));
            model.addAttribute("sharedForms", sharedForms);
            if (referral.assignedTo() == null) {
                model.addAttribute("assignable", referrals.assignableFor(referral));
            }
        }
        if (sides.contains(Referrals.Side.REFERRING) && "information_requested".equals(referral.status())) {
            model.addAttribute("shareable", referrals.shareablePartsOf(referral));
            model.addAttribute("shareableTitles", formTitles(referrals.shareablePartsOf(referral)));
        }
        return "referrals/view";
    }

    /**
     * The referral form as a PDF, for the provider (on paper when it is off Abri): the referral,
     * exactly the shared parts, and blanks for the provider's answer. Referring side only;
     * audited as an export. The file is named after the referral's reference, never the child.
     */
    @GetMapping("/referrals/{id}/print")
    ResponseEntity<byte[]> print(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Locale locale) {
        Referrals.Printable printable = referrals.forPrinting(me, id);
        Referral r = printable.referral();
        Map<String, FormDefinition> sharedForms = new LinkedHashMap<>();
        printable.shared().records().forEach(rec -> sharedForms.put(rec.formId(),
                catalogue.version(rec.formId(), rec.formVersion())));
        List<String> concernLabels = new ArrayList<>();
        if (printable.shared().fields().get("protectionConcerns") instanceof List<?> concerns) {
            concerns.forEach(code -> concernLabels.add(lookups.label(Lookups.PROTECTION_CONCERN, String.valueOf(code), locale)));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("printable", printable);
        variables.put("sharedForms", sharedForms);
        variables.put("concernLabels", concernLabels);
        variables.put("sentOn", PRINTED_TIME.format(r.sentAt().atZone(clock.getZone())));
        variables.put("dueOn", PRINTED_TIME.format(r.dueAt().atZone(clock.getZone())));
        byte[] pdf = printer.page("referrals/print", variables, locale);
        return PrintedFiles.pdf(pdf, PrintedFiles.name(r.reference(), locale.getLanguage()));
    }

    private static final DateTimeFormatter PRINTED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @PostMapping("/referrals/{id}/{action}")
    String act(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable String action,
            @RequestParam Map<String, String> params, @RequestParam(name = "parts", required = false) List<String> parts,
            RedirectAttributes redirect, Locale locale) {
        int version = FormValues.intOr(params.get("version"), -1);
        String text = params.getOrDefault("text", "");
        Supplier<Referral> step = switch (action) {
            case "accept" -> () -> referrals.accept(me, id, FormValues.uuidOrNull(params.get("assignedTo")), version);
            case "decline" -> () -> referrals.decline(me, id, text, version);
            case "request-information" -> () -> referrals.requestInformation(me, id, text, version);
            case "record-service" -> () -> referrals.recordService(me, id, text, FormValues.date("providedOn", params.get("providedOn")), version);
            case "close" -> () -> referrals.close(me, id, text, version);
            case "answer" -> () -> referrals.answerInformation(me, id, text, parts, version);
            case "withdraw" -> () -> referrals.withdraw(me, id, text, version);
            case "family-informed" -> () -> referrals.familyInformed(me, id, text, version);
            case "record-outcome" -> () -> referrals.recordOutcome(me, id, params.get("outcome"), text, version);
            default -> throw new org.abri.platform.NotFoundException("referral.not_found");
        };
        try {
            step.get();
            redirect.addFlashAttribute("notice", "referral.done." + action.replace('-', '_'));
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("problem", e.describe(messages, locale));
            redirect.addFlashAttribute("typed", params);
        } catch (StaleRecordException e) {
            redirect.addFlashAttribute("problem", messages.getMessage("error.referral.changed_meanwhile", null, locale));
            redirect.addFlashAttribute("typed", params);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", String.join(" ", e.describe(messages, locale).values()));
            redirect.addFlashAttribute("typed", params);
        }
        return "redirect:/referrals/" + id;
    }


    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
