package org.abri.transfers;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.forms.FormCatalogue;
import org.abri.forms.FormDefinition;
import org.abri.identity.CurrentUser;
import org.abri.platform.FormValues;
import org.abri.platform.InvalidInputException;
import org.abri.platform.RuleViolationException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Transfers as pages: the request from a case, the incoming and outgoing lists, one transfer
 * with its decision, and the read-only file the sending agency keeps for a while.
 */
@Controller
class TransferController {

    private final Transfers transfers;
    private final FormCatalogue catalogue;
    private final MessageSource messages;

    TransferController(Transfers transfers, FormCatalogue catalogue, MessageSource messages) {
        this.transfers = transfers;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    @GetMapping("/transfers")
    String list(@AuthenticationPrincipal CurrentUser me, Model model) {
        List<Transfers.Listed> all = transfers.list(me);
        model.addAttribute("incoming", all.stream().filter(l -> "incoming".equals(l.side())).toList());
        model.addAttribute("outgoing", all.stream().filter(l -> "outgoing".equals(l.side())).toList());
        return "transfers/list";
    }

    @GetMapping("/cases/{caseId}/transfer")
    String requestForm(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId, Model model) {
        return requestPage(me, caseId, Map.of(), null, model);
    }

    @PostMapping("/cases/{caseId}/transfer")
    String request(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID caseId,
            @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect, Locale locale) {
        try {
            Transfers.TransferView view = transfers.request(me, caseId, new Transfers.TransferRequest(
                    FormValues.uuidOrNull(params.get("toAgencyId")), params.get("reason"), params.get("needs"),
                    params.get("bestInterestReason")));
            redirect.addFlashAttribute("notice", "transfers.done.requested");
            return "redirect:/transfers/" + view.transfer().id();
        } catch (RuleViolationException e) {
            return requestPage(me, caseId, params, e.describe(messages, locale), model);
        } catch (InvalidInputException e) {
            model.addAttribute("fieldProblems", e.describe(messages, locale));
            return requestPage(me, caseId, params, null, model);
        }
    }

    private String requestPage(CurrentUser me, UUID caseId, Map<String, String> typed, String problem, Model model) {
        model.addAttribute("caseId", caseId);
        model.addAttribute("caseNumber", transfers.caseNumberForSending(me, caseId));
        model.addAttribute("consent", transfers.consentOf(me, caseId));
        model.addAttribute("agencies", transfers.receivingAgencies(me));
        model.addAttribute("typed", typed);
        model.addAttribute("problem", problem);
        if (!model.containsAttribute("fieldProblems")) {
            model.addAttribute("fieldProblems", Map.of());
        }
        return "transfers/request";
    }

    @GetMapping("/transfers/{id}")
    String view(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        Transfers.TransferView view = transfers.get(me, id);
        model.addAttribute("view", view);
        model.addAttribute("t", view.transfer());
        model.addAttribute("caseworkers", view.actions().contains("accept")
                ? transfers.receivingCaseworkers(view.transfer()) : List.of());
        return "transfers/view";
    }

    @PostMapping("/transfers/{id}/{action}")
    String act(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable String action,
            @RequestParam(defaultValue = "") String caseworkerId, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect, Locale locale) {
        try {
            transfers.act(me, id, action, FormValues.uuidOrNull(caseworkerId), reason);
            redirect.addFlashAttribute("notice", "transfers.done." + action);
        } catch (RuleViolationException e) {
            redirect.addFlashAttribute("problem", e.describe(messages, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", String.join(" ", e.describe(messages, locale).values()));
        }
        return "redirect:/transfers/" + id;
    }

    @GetMapping("/transfers/{id}/records")
    String senderRecords(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        Transfers.SenderFile file = transfers.senderFile(me, id);
        Map<String, FormDefinition> forms = new HashMap<>();
        for (var record : file.file().records()) {
            forms.computeIfAbsent(record.formId() + "@" + record.formVersion(),
                    key -> catalogue.version(record.formId(), record.formVersion()));
        }
        Map<String, Object> registration = new LinkedHashMap<>(file.file().registration());
        model.addAttribute("sender", file);
        model.addAttribute("t", file.transfer());
        model.addAttribute("registration", registration);
        model.addAttribute("forms", forms);
        return "transfers/records";
    }
}
