package org.abri.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.abri.forms.FormDefinition;
import org.abri.forms.FormParameters;
import org.abri.identity.CurrentUser;
import org.abri.identity.UserAccount;
import org.abri.identity.UserAccounts;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.abri.platform.StaleRecordException;
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
 * Supervision records as pages, light enough for a weak connection (no script is needed to
 * fill one in): a person's supervision ("My supervision" for themselves), the team's records,
 * and a record to write, read or correct. Whoever may not see a person's supervision gets 404.
 */
@Controller
class SupervisionController {

    /** Forms with a page of their own: a checklist starts from a case, a competency assessment from the framework. */
    private static final List<String> OWN_PAGES = List.of("case_file_checklist", "competency_assessment");

    private final StaffRecords records;
    private final UserAccounts accounts;
    private final MessageSource messages;
    private final Clock clock;
    private final SupervisionRhythm rhythm;

    SupervisionController(StaffRecords records, UserAccounts accounts, MessageSource messages, Clock clock,
            SupervisionRhythm rhythm) {
        this.rhythm = rhythm;
        this.records = records;
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    /** The records about one staff member, and the forms to record about them for their supervisor or manager. */
    @GetMapping("/supervision/people/{userId}")
    String person(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, Model model) {
        requireReader(me);
        if (!records.mayFollow(me, userId)) {
            throw new NotFoundException("user.not_found");
        }
        UserAccount person = accounts.find(userId).orElseThrow(() -> new NotFoundException("user.not_found"));
        model.addAttribute("person", person);
        model.addAttribute("mine", me.id().equals(userId));
        model.addAttribute("records", records.list(me, userId, null, null));
        boolean mayRecord = StaffRecords.mayWriteAny(me) && records.mayRecordAbout(me, userId);
        model.addAttribute("personForms", mayRecord ? records.forms().stream()
                .filter(form -> !StaffRecords.TEAM_FORMS.contains(form.id()) && !OWN_PAGES.contains(form.id()))
                .toList() : List.of());
        model.addAttribute("mayAssessCompetencies", mayRecord);
        model.addAttribute("forms", formsById());
        if (rhythm.mayManage(me, userId)) {
            // The rhythm of this person's supervision, for their supervisor or manager to adjust.
            SupervisionRhythm.Person followed = rhythm.person(userId);
            List<SupervisionRhythm.Due> dues = new java.util.ArrayList<>(rhythm.personal(List.of(followed)).get(userId));
            if (person.roles().contains(org.abri.identity.Role.SUPERVISOR) && !person.supervisees().isEmpty()) {
                dues.add(rhythm.teamMeetings(List.of(followed)).get(userId));
            }
            model.addAttribute("dues", dues);
            model.addAttribute("today", rhythm.today());
        }
        return "supervision/person";
    }

    /** The records about the team this user may read, and for a supervisor or manager the people they follow. */
    @GetMapping("/supervision/records")
    String team(@AuthenticationPrincipal CurrentUser me, Model model) {
        requireReader(me);
        model.addAttribute("records", records.list(me, null, null, null).stream()
                .filter(record -> record.subjectId() == null).toList());
        List<UserAccount> people = new ArrayList<>();
        if (StaffRecords.mayWriteAny(me)) {
            for (UUID id : accounts.superviseesOf(me.id())) {
                accounts.find(id).ifPresent(people::add);
            }
            people.sort(java.util.Comparator.comparing(UserAccount::fullName));
        }
        model.addAttribute("people", people);
        model.addAttribute("teamForms", StaffRecords.mayWriteAny(me) && records.mayRecordAbout(me, null)
                ? records.forms().stream().filter(form -> StaffRecords.TEAM_FORMS.contains(form.id())).toList()
                : List.of());
        model.addAttribute("forms", formsById());
        return "supervision/team-records";
    }

    @GetMapping("/supervision/records/new")
    String blank(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String form,
            @RequestParam(required = false) String subject, @RequestParam(name = "case", required = false) String caseId,
            Model model) {
        if (form == null || form.isBlank()) {
            // Which record to write is chosen on the team's records page, which lists the forms.
            return "redirect:/supervision/records";
        }
        FormDefinition definition = writable(me, form);
        UUID subjectId = subject(me, subject);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("heldOn", LocalDate.now(clock).toString());
        header.put("mode", "");
        header.put("caseId", caseId == null ? "" : caseId);
        return page(model, me, definition, subjectId, null, header, Map.of(), Map.of(), null);
    }

    @PostMapping("/supervision/records")
    String create(@AuthenticationPrincipal CurrentUser me, HttpServletRequest request, Model model,
            RedirectAttributes redirect, Locale locale) {
        FormDefinition definition = writable(me, request.getParameter("form"));
        UUID subjectId = subject(me, request.getParameter("subject"));
        Map<String, Object> submitted = FormParameters.read(definition, request.getParameterMap());
        Map<String, Object> header = header(request);
        try {
            StaffRecord saved = records.create(me, new StaffRecords.StaffRecordRequest(definition.id(), subjectId,
                    FormValues.uuidOrNull(request.getParameter("caseId")), heldOn(request), request.getParameter("mode"),
                    submitted));
            redirect.addFlashAttribute("notice", "supervision.saved");
            return "redirect:/supervision/records/" + saved.id();
        } catch (InvalidInputException e) {
            return page(model, me, definition, subjectId, null, header, submitted, e.describe(messages, locale), null);
        }
    }

    @GetMapping("/supervision/records/{id}")
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        requireReader(me);
        StaffRecord record = records.read(me, id);
        model.addAttribute("record", record);
        model.addAttribute("form", records.definitionOf(record));
        model.addAttribute("values", record.data());
        model.addAttribute("systemFacts", Map.of());
        model.addAttribute("mayEdit", record.createdBy().equals(me.id()));
        return "supervision/record";
    }

    @GetMapping("/supervision/records/{id}/edit")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        StaffRecord record = authored(me, id);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("heldOn", record.heldOn().toString());
        header.put("mode", record.mode() == null ? "" : record.mode());
        header.put("caseId", record.caseId() == null ? "" : record.caseId().toString());
        return page(model, me, records.staffForm(record.formId()), record.subjectId(), record, header, record.data(),
                Map.of(), null);
    }

    @PostMapping("/supervision/records/{id}")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request,
            Model model, RedirectAttributes redirect, Locale locale) {
        StaffRecord record = authored(me, id);
        FormDefinition definition = records.staffForm(record.formId());
        Map<String, Object> submitted = FormParameters.read(definition, request.getParameterMap());
        Map<String, Object> header = header(request);
        header.put("caseId", record.caseId() == null ? "" : record.caseId().toString());
        try {
            records.update(me, id, heldOn(request), request.getParameter("mode"), submitted,
                    FormValues.intOr(request.getParameter("version"), -1));
            redirect.addFlashAttribute("notice", "supervision.saved");
            return "redirect:/supervision/records/" + id;
        } catch (InvalidInputException e) {
            return page(model, me, definition, record.subjectId(), record, header, submitted,
                    e.describe(messages, locale), null);
        } catch (StaleRecordException e) {
            return page(model, me, definition, record.subjectId(), records.read(me, id), header, submitted, Map.of(),
                    messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
    }

    private String page(Model model, CurrentUser me, FormDefinition form, UUID subjectId, StaffRecord record,
            Map<String, Object> header, Map<String, ?> values, Map<String, String> problems, String problem) {
        model.addAttribute("form", form);
        model.addAttribute("subject", subjectId == null ? null : accounts.find(subjectId).orElse(null));
        model.addAttribute("record", record);
        model.addAttribute("header", header);
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("problem", problem);
        model.addAttribute("systemFacts", Map.of());
        model.addAttribute("modes", StaffRecords.MODES);
        model.addAttribute("caseChoices", StaffRecords.CASE_DISCUSSION.equals(form.id()) && record == null
                ? records.casesOf(me, subjectId) : List.of());
        return "supervision/record-form";
    }

    /** A form that may be written by this user; 403 for a role that writes none. */
    private FormDefinition writable(CurrentUser me, String formId) {
        if (!StaffRecords.mayWriteAny(me)) {
            throw new AccessDeniedException("supervision records are written by supervisors and managers");
        }
        return records.staffForm(formId);
    }

    /** The staff member the new record is about (blank: the team); 404 if this user may not write about them. */
    private UUID subject(CurrentUser me, String subject) {
        UUID subjectId = subject == null || subject.isBlank() ? null : FormValues.uuidOrNull(subject);
        if ((subject != null && !subject.isBlank() && subjectId == null) || !records.mayRecordAbout(me, subjectId)) {
            throw new NotFoundException("user.not_found");
        }
        return subjectId;
    }

    private StaffRecord authored(CurrentUser me, UUID id) {
        requireReader(me);
        StaffRecord record = records.read(me, id);
        if (!record.createdBy().equals(me.id())) {
            throw new AccessDeniedException("only its author changes a supervision record");
        }
        return record;
    }

    private static Map<String, Object> header(HttpServletRequest request) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("heldOn", nonNull(request.getParameter("heldOn")));
        header.put("mode", nonNull(request.getParameter("mode")));
        header.put("caseId", nonNull(request.getParameter("caseId")));
        return header;
    }

    /** The date typed; a malformed one is left null, so that it is refused as missing beside the other problems. */
    private static LocalDate heldOn(HttpServletRequest request) {
        try {
            return FormValues.date("heldOn", request.getParameter("heldOn"));
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private Map<String, FormDefinition> formsById() {
        Map<String, FormDefinition> byId = new LinkedHashMap<>();
        records.forms().forEach(form -> byId.put(form.id(), form));
        return byId;
    }

    private static void requireReader(CurrentUser me) {
        if (!StaffRecords.mayReadAny(me)) {
            throw new AccessDeniedException("supervision records are kept within an agency");
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
