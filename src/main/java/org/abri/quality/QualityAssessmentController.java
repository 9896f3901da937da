package org.abri.quality;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.abri.audit.AuditAction;
import org.abri.identity.CurrentUser;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.abri.platform.StaleRecordException;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of the quality self-assessment: the list and start of assessments, an assessment's
 * profile, gaps and improvement plan, a domain's items to tick with notes, documents and the
 * figures Abri measured, the comparison over time and the coordination group's interagency view.
 */
@Controller
class QualityAssessmentController {

    private final QualityAssessments assessments;
    private final QualityGrid grid;
    private final MessageSource messages;
    private final java.time.Clock clock;

    QualityAssessmentController(QualityAssessments assessments, QualityGrid grid, MessageSource messages,
            java.time.Clock clock) {
        this.assessments = assessments;
        this.grid = grid;
        this.messages = messages;
        this.clock = clock;
    }

    private static QualityAssessments.Scope scope(CurrentUser me) {
        return QualityAssessments.scopeOf(me).orElseThrow(() -> new AccessDeniedException("no assessments"));
    }

    // ---- list and start -----------------------------------------------------------------------

    @GetMapping("/quality")
    String home(@AuthenticationPrincipal CurrentUser me, Model model) {
        LocalDate today = LocalDate.now(clock);
        return homePage(model, me, today.minusMonths(6).withDayOfMonth(1).toString(), today.toString(), Map.of());
    }

    @PostMapping("/quality/assessments")
    String start(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model, RedirectAttributes redirect, Locale locale) {
        QualityAssessments.Scope scope = scope(me);
        try {
            LocalDate fromDate = FormValues.date("from", from);
            LocalDate toDate = FormValues.date("to", to);
            QualityAssessments.Assessment started = assessments.start(me, scope, fromDate, toDate);
            redirect.addFlashAttribute("notice", "quality.assessment.started");
            return "redirect:/quality/assessments/" + started.id();
        } catch (InvalidInputException e) {
            return homePage(model, me, from, to, e.describe(messages, locale));
        } catch (RuleViolationException e) {
            return homePage(model, me, from, to, Map.of("start", e.describe(messages, locale)));
        }
    }

    private String homePage(Model model, CurrentUser me, String from, String to, Map<String, String> problems) {
        QualityAssessments.Scope scope = scope(me);
        List<QualityAssessments.Assessment> list = assessments.list(me, scope);
        model.addAttribute("scope", scope);
        model.addAttribute("assessments", list);
        model.addAttribute("mayRun", QualityAssessments.mayRun(me, scope.agencyId()));
        model.addAttribute("inProgress", list.stream().anyMatch(a -> !a.completed()));
        model.addAttribute("interagencyView", QualityAssessments.maySeeInteragency(me));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("problems", problems);
        return "quality/home";
    }

    // ---- an assessment ------------------------------------------------------------------------

    @GetMapping("/quality/assessments/{id}")
    String assessment(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        assessments.readBy(assessment, AuditAction.READ, "page");
        return assessmentPage(model, me, assessment, locale, null, Map.of());
    }

    private String assessmentPage(Model model, CurrentUser me, QualityAssessments.Assessment assessment,
            Locale locale, UUID planningItem, Map<String, String> problems) {
        QualityProfile profile = assessments.profile(assessment.id());
        model.addAttribute("assessment", assessment);
        model.addAttribute("profile", profile);
        model.addAttribute("chart", QualityCharts.of(List.of(period(assessment)), List.of(profile), messages, locale));
        model.addAttribute("plan", assessments.plan(assessment.id()));
        model.addAttribute("planOpen", !assessments.superseded(assessment));
        model.addAttribute("mayRun", QualityAssessments.mayRun(me, assessment.agencyId()));
        model.addAttribute("items", itemsById());
        QualityAssessments.Assessment previous = assessment.completed() ? null
                : assessments.previous(assessment).orElse(null);
        model.addAttribute("previous", previous);
        model.addAttribute("previousPlan", previous == null ? List.of() : assessments.plan(previous.id()));
        model.addAttribute("outcomes", QualityAssessments.OUTCOMES);
        model.addAttribute("planningItem", planningItem);
        model.addAttribute("problems", problems);
        return "quality/assessment";
    }

    private Map<UUID, QualityGrid.Item> itemsById() {
        Map<UUID, QualityGrid.Item> items = new LinkedHashMap<>();
        grid.items().forEach(i -> items.put(i.id(), i));
        return items;
    }

    static String period(QualityAssessments.Assessment assessment) {
        DateTimeFormatter format = DateTimeFormatter.ISO_LOCAL_DATE;
        return format.format(assessment.from()) + " – " + format.format(assessment.to());
    }

    @GetMapping("/quality/assessments/{id}/domains/{number}")
    String domain(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable int number,
            Model model, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        assessments.readBy(assessment, AuditAction.READ, "domain " + number);
        return domainPage(model, me, assessment, number, null, Map.of(), null);
    }

    @PostMapping("/quality/assessments/{id}/domains/{number}")
    String saveDomain(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable int number,
            HttpServletRequest request, Model model, RedirectAttributes redirect, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        List<QualityAssessments.AnswerInput> inputs = new ArrayList<>();
        for (QualityGrid.Item item : itemsOf(number)) {
            inputs.add(new QualityAssessments.AnswerInput(item.id(),
                    "true".equals(request.getParameter("met-" + item.id())), request.getParameter("note-" + item.id())));
        }
        try {
            assessments.answer(me, id, inputs);
            if (request instanceof MultipartHttpServletRequest multipart) {
                for (QualityGrid.Item item : itemsOf(number)) {
                    MultipartFile file = multipart.getFile("document-" + item.id());
                    if (file != null && !file.isEmpty()) {
                        assessments.attach(me, id, item.id(), file.getOriginalFilename(), file.getBytes());
                    }
                }
            }
        } catch (InvalidInputException e) {
            return domainPage(model, me, assessment, number, inputs, e.describe(messages, locale),
                    String.join(" ", e.describe(messages, locale).values()));
        } catch (RuleViolationException e) {
            return domainPage(model, me, assessment, number, inputs, Map.of(), e.describe(messages, locale));
        } catch (IOException e) {
            return domainPage(model, me, assessment, number, inputs, Map.of(),
                    messages.getMessage("error.quality.document_unreadable", null, locale));
        }
        redirect.addFlashAttribute("notice", "quality.domain.saved");
        return "redirect:/quality/assessments/" + id + "/domains/" + number;
    }

    private List<QualityGrid.Item> itemsOf(int number) {
        List<String> codes = grid.domains().stream().filter(d -> d.number() == number)
                .map(QualityGrid.DomainRow::code).toList();
        if (codes.isEmpty()) {
            throw new NotFoundException("quality.domain_not_found");
        }
        Map<String, List<QualityGrid.Item>> byDomain = grid.itemsByDomain();
        return codes.stream().flatMap(c -> byDomain.getOrDefault(c, List.of()).stream()).toList();
    }

    private String domainPage(Model model, CurrentUser me, QualityAssessments.Assessment assessment, int number,
            List<QualityAssessments.AnswerInput> typed, Map<String, String> problems, String problem) {
        itemsOf(number);
        QualityProfile profile = assessments.profile(assessment.id());
        Map<String, List<QualityAssessments.ItemView>> views = assessments.itemViews(me, assessment);
        if (typed != null) {
            Map<UUID, QualityAssessments.AnswerInput> byItem = new LinkedHashMap<>();
            typed.forEach(t -> byItem.put(t.itemId(), t));
            views.replaceAll((code, list) -> list.stream().map(v -> byItem.containsKey(v.item().id())
                    ? new QualityAssessments.ItemView(v.item(), byItem.get(v.item().id()).met(),
                            byItem.get(v.item().id()).note(), v.documents(), v.measures())
                    : v).toList());
        }
        model.addAttribute("assessment", assessment);
        model.addAttribute("domain", profile.domain(number));
        model.addAttribute("parts", grid.domains().stream().filter(d -> d.number() == number
                && views.containsKey(d.code()) && !views.get(d.code()).isEmpty()).toList());
        Map<String, Map<QualityLevel, List<QualityAssessments.ItemView>>> byLevel = new LinkedHashMap<>();
        views.forEach((code, list) -> {
            Map<QualityLevel, List<QualityAssessments.ItemView>> levels = new java.util.EnumMap<>(QualityLevel.class);
            for (QualityLevel level : QualityGridController.LEVELS_WITH_ITEMS) {
                levels.put(level, list.stream().filter(v -> v.item().level() == level).toList());
            }
            byLevel.put(code, levels);
        });
        model.addAttribute("views", byLevel);
        model.addAttribute("levels", QualityGridController.LEVELS_WITH_ITEMS);
        model.addAttribute("editable", !assessment.completed() && QualityAssessments.mayRun(me, assessment.agencyId()));
        model.addAttribute("numbers", profile.domains().stream().map(QualityProfile.DomainResult::number).toList());
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        java.util.function.Function<Measure, String> describe = m -> QualityEvidence.describe(messages, m,
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
        model.addAttribute("describe", describe);
        model.addAttribute("maxMegabytes", QualityAssessments.MAX_DOCUMENT_BYTES / (1024 * 1024));
        return "quality/domain";
    }

    @GetMapping("/quality/assessments/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @PathVariable UUID documentId) {
        Map.Entry<QualityAssessments.Document, byte[]> found = assessments.document(me, id, documentId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(found.getKey().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(found.getKey().fileName(), java.nio.charset.StandardCharsets.UTF_8).build()
                        .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(found.getValue());
    }

    // ---- completing, sharing, the plan ---------------------------------------------------------

    @PostMapping("/quality/assessments/{id}/complete")
    String complete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(required = false) String version, @RequestParam(required = false) String shared,
            Model model, RedirectAttributes redirect, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        try {
            assessments.complete(me, id, FormValues.intOr(version, -1), "true".equals(shared));
        } catch (StaleRecordException e) {
            return assessmentPage(model, me, assessment, locale, null,
                    Map.of("complete", messages.getMessage("error." + e.code(), null, e.code(), locale)));
        } catch (RuleViolationException e) {
            return assessmentPage(model, me, assessment, locale, null, Map.of("complete", e.describe(messages, locale)));
        }
        redirect.addFlashAttribute("notice", "quality.assessment.completed");
        return "redirect:/quality/assessments/" + id;
    }

    @PostMapping("/quality/assessments/{id}/share")
    String share(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(required = false) String shared, RedirectAttributes redirect) {
        assessments.share(me, id, "true".equals(shared));
        redirect.addFlashAttribute("notice", "true".equals(shared) ? "quality.shared" : "quality.unshared");
        return "redirect:/quality/assessments/" + id;
    }

    @PostMapping("/quality/assessments/{id}/actions")
    String plan(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam Map<String, String> params,
            Model model, RedirectAttributes redirect, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        UUID itemId = FormValues.uuidOrNull(params.get("item"));
        try {
            assessments.plan(me, id, itemId, params.get("action"), params.get("owner"),
                    FormValues.date("dueOn", params.get("dueOn")));
        } catch (InvalidInputException e) {
            model.addAttribute("typed", params);
            return assessmentPage(model, me, assessment, locale, itemId, e.describe(messages, locale));
        } catch (RuleViolationException e) {
            model.addAttribute("typed", params);
            return assessmentPage(model, me, assessment, locale, itemId,
                    Map.of("action", e.describe(messages, locale)));
        }
        redirect.addFlashAttribute("notice", "quality.action.added");
        return "redirect:/quality/assessments/" + id + "#plan";
    }

    @PostMapping("/quality/assessments/{id}/actions/{actionId}/remove")
    String dropAction(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID actionId,
            RedirectAttributes redirect) {
        assessments.dropAction(me, id, actionId);
        redirect.addFlashAttribute("notice", "quality.action.removed");
        return "redirect:/quality/assessments/" + id + "#plan";
    }

    @PostMapping("/quality/assessments/{id}/follow-ups/{actionId}")
    String followUp(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID actionId,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
            Model model, RedirectAttributes redirect, Locale locale) {
        QualityAssessments.Assessment assessment = assessments.read(me, id);
        try {
            assessments.followUp(me, id, actionId, outcome, note);
        } catch (InvalidInputException e) {
            return assessmentPage(model, me, assessment, locale, null,
                    Map.of("followUp-" + actionId, String.join(" ", e.describe(messages, locale).values())));
        } catch (RuleViolationException e) {
            return assessmentPage(model, me, assessment, locale, null,
                    Map.of("followUp-" + actionId, e.describe(messages, locale)));
        }
        redirect.addFlashAttribute("notice", "quality.follow_up.saved");
        return "redirect:/quality/assessments/" + id + "#follow-up";
    }

    // ---- over time and across agencies ---------------------------------------------------------

    @GetMapping("/quality/progress")
    String progress(@AuthenticationPrincipal CurrentUser me, Model model, Locale locale) {
        QualityAssessments.Scope scope = scope(me);
        List<QualityAssessments.Assessment> completed = assessments.completed(me, scope);
        List<QualityProfile> profiles = completed.stream().map(a -> assessments.profile(a.id())).toList();
        model.addAttribute("scope", scope);
        model.addAttribute("assessments", completed);
        model.addAttribute("profiles", profiles);
        model.addAttribute("chart", QualityCharts.of(completed.stream().map(QualityAssessmentController::period)
                .toList(), profiles, messages, locale));
        return "quality/progress";
    }

    @GetMapping("/quality/interagency")
    String interagency(@AuthenticationPrincipal CurrentUser me, Model model, Locale locale) {
        List<QualityAssessments.Assessment> shared = new ArrayList<>(assessments.latestShared(me));
        List<String> names = new ArrayList<>();
        shared.forEach(a -> names.add(a.agencyName()));
        assessments.completed(me, new QualityAssessments.Scope(null)).stream().reduce((a, b) -> b)
                .ifPresent(latest -> {
                    shared.add(latest);
                    names.add(messages.getMessage("quality.interagency.level", null, locale));
                });
        List<QualityProfile> profiles = shared.stream().map(a -> assessments.profile(a.id())).toList();
        model.addAttribute("assessments", shared);
        model.addAttribute("names", names);
        model.addAttribute("profiles", profiles);
        model.addAttribute("chart", QualityCharts.of(names, profiles, messages, locale));
        return "quality/interagency";
    }
}
