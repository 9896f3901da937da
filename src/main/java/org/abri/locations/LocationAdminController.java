package org.abri.locations;

import java.util.Locale;
import java.util.UUID;

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
 * The location hierarchy, kept by the system administrator. Places are deactivated rather
 * than deleted, since cases point at them.
 */
@Controller
@RequestMapping("/admin/locations")
class LocationAdminController {

    private final Locations locations;
    private final MessageSource messages;

    LocationAdminController(Locations locations, MessageSource messages) {
        this.locations = locations;
        this.messages = messages;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser me, Model model) {
        me.require(Role.SYSTEM_ADMIN);
        return page(model, null, "", "", "", null);
    }

    @PostMapping
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String parentId,
            @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String nameAr, Model model, RedirectAttributes redirect, Locale locale) {
        me.require(Role.SYSTEM_ADMIN);
        UUID parent = FormValues.uuidOrNull(parentId);
        try {
            locations.create(me, parent, code, name, nameAr);
            redirect.addFlashAttribute("notice", "admin.locations.created");
            return "redirect:/admin/locations";
        } catch (RuleViolationException e) {
            return page(model, parent, code, name, nameAr, e.describe(messages, locale));
        }
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        me.require(Role.SYSTEM_ADMIN);
        model.addAttribute("location", get(id));
        return "admin/location";
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String nameAr,
            @RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect,
            Locale locale) {
        me.require(Role.SYSTEM_ADMIN);
        Location existing = get(id);
        try {
            locations.update(me, id, name, nameAr, active);
            redirect.addFlashAttribute("notice", "admin.saved");
            return "redirect:/admin/locations";
        } catch (RuleViolationException e) {
            model.addAttribute("location", new Location(id, existing.parentId(), existing.level(), existing.code(), name,
                    nameAr, active, existing.path(), existing.pathAr()));
            model.addAttribute("problem", e.describe(messages, locale));
            return "admin/location";
        }
    }

    private String page(Model model, UUID parentId, String code, String name, String nameAr, String problem) {
        model.addAttribute("locations", locations.all());
        model.addAttribute("parentId", parentId);
        model.addAttribute("code", code);
        model.addAttribute("name", name);
        model.addAttribute("nameAr", nameAr);
        model.addAttribute("problem", problem);
        return "admin/locations";
    }

    private Location get(UUID id) {
        return locations.find(id).orElseThrow(() -> new NotFoundException("location.not_found"));
    }
}
