package org.abri.lookups;

import java.util.Locale;

import org.abri.platform.FormValues;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.abri.platform.NotFoundException;
import org.abri.platform.RuleViolationException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The editable lists (protection concerns, displacement statuses…), with a label in each
 * language. Values are retired (inactive), never deleted: saved cases keep their codes.
 */
@Controller
@RequestMapping("/admin/lookups")
class LookupAdminController {

    private final Lookups lookups;
    private final MessageSource messages;

    LookupAdminController(Lookups lookups, MessageSource messages) {
        this.lookups = lookups;
        this.messages = messages;
    }

    @GetMapping
    String lists(@AuthenticationPrincipal CurrentUser me, Model model) {
        me.require(Role.SYSTEM_ADMIN);
        return listsPage(model, new LookupList("", "", "", "", 0), null);
    }

    @PostMapping
    String createList(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String labelFr, @RequestParam(defaultValue = "") String labelEn,
            @RequestParam(defaultValue = "") String labelAr, Model model, RedirectAttributes redirect, Locale locale) {
        me.require(Role.SYSTEM_ADMIN);
        String cleanName = name.strip().toLowerCase(Locale.ROOT);
        LookupList draft = new LookupList(cleanName, labelFr, labelEn, labelAr,
                lookups.lists().stream().mapToInt(LookupList::sortOrder).max().orElse(0) + 10);
        try {
            if (lookups.listExists(cleanName)) {
                throw new RuleViolationException("lookup.list_taken", cleanName);
            }
            lookups.createList(me, draft);
            redirect.addFlashAttribute("notice", "admin.lookups.listCreated");
            return "redirect:/admin/lookups/" + cleanName;
        } catch (RuleViolationException e) {
            return listsPage(model, draft, e.describe(messages, locale));
        }
    }

    private String listsPage(Model model, LookupList draft, String problem) {
        model.addAttribute("lists", lookups.lists());
        model.addAttribute("draft", draft);
        model.addAttribute("problem", problem);
        return "admin/lookups";
    }

    @GetMapping("/{list}")
    String list(@AuthenticationPrincipal CurrentUser me, @PathVariable String list, Model model) {
        me.require(Role.SYSTEM_ADMIN);
        return listPage(model, list, new LookupValue(list, "", "", "", "", nextOrder(list), true), null);
    }

    @PostMapping("/{list}")
    String add(@AuthenticationPrincipal CurrentUser me, @PathVariable String list,
            @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String labelFr,
            @RequestParam(defaultValue = "") String labelEn, @RequestParam(defaultValue = "") String labelAr,
            @RequestParam(defaultValue = "") String sortOrder, Model model, RedirectAttributes redirect,
            Locale locale) {
        me.require(Role.SYSTEM_ADMIN);
        requireList(list);
        String cleanCode = code.strip().toLowerCase(Locale.ROOT);
        LookupValue draft = new LookupValue(list, cleanCode, labelFr, labelEn, labelAr, FormValues.intOr(sortOrder, nextOrder(list)), true);
        try {
            if (lookups.find(list, cleanCode).isPresent()) {
                throw new RuleViolationException("lookup.code_taken", cleanCode);
            }
            lookups.save(me, draft);
            redirect.addFlashAttribute("notice", "admin.lookups.added");
            return "redirect:/admin/lookups/" + list;
        } catch (RuleViolationException e) {
            return listPage(model, list, draft, e.describe(messages, locale));
        }
    }

    @GetMapping("/{list}/{code}")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable String list, @PathVariable String code,
            Model model) {
        me.require(Role.SYSTEM_ADMIN);
        model.addAttribute("value", get(list, code));
        return "admin/lookup";
    }

    @PostMapping("/{list}/{code}")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable String list, @PathVariable String code,
            @RequestParam(defaultValue = "") String labelFr, @RequestParam(defaultValue = "") String labelEn,
            @RequestParam(defaultValue = "") String labelAr, @RequestParam(defaultValue = "") String sortOrder,
            @RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect,
            Locale locale) {
        me.require(Role.SYSTEM_ADMIN);
        LookupValue existing = get(list, code);
        LookupValue changed = new LookupValue(list, existing.code(), labelFr, labelEn, labelAr,
                FormValues.intOr(sortOrder, existing.sortOrder()), active);
        try {
            lookups.save(me, changed);
            redirect.addFlashAttribute("notice", "admin.saved");
            return "redirect:/admin/lookups/" + list;
        } catch (RuleViolationException e) {
            model.addAttribute("value", changed);
            model.addAttribute("problem", e.describe(messages, locale));
            return "admin/lookup";
        }
    }

    private String listPage(Model model, String list, LookupValue draft, String problem) {
        model.addAttribute("list", requireList(list));
        model.addAttribute("values", lookups.all(list));
        model.addAttribute("draft", draft);
        model.addAttribute("problem", problem);
        return "admin/lookup-list";
    }

    private LookupValue get(String list, String code) {
        requireList(list);
        return lookups.find(list, code).orElseThrow(() -> new NotFoundException("lookup.value_not_found"));
    }

    private int nextOrder(String list) {
        return lookups.all(list).stream().mapToInt(LookupValue::sortOrder).max().orElse(0) + 10;
    }

    private LookupList requireList(String list) {
        return lookups.list(list).orElseThrow(() -> new NotFoundException("lookup.list_not_found"));
    }
}
