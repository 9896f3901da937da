package org.abri.referrals;

import java.util.List;
import java.util.Locale;

import org.abri.cases.CaseSharing;
import org.abri.identity.CurrentUser;
import org.abri.lookups.LookupValue;
import org.abri.lookups.Lookups;
import org.abri.platform.InvalidInputException;
import org.abri.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coordination's page of the parts of a case ticked by default when a child is referred
 * to each kind of service (sector of the service map). Deny by default: only
 * {@link Referrals#mayEditSharingDefaults}.
 */
@Controller
@RequestMapping("/admin/referral-sharing")
class ReferralSharingController {

    private final Referrals referrals;
    private final Lookups lookups;
    private final MessageSource messages;

    ReferralSharingController(Referrals referrals, Lookups lookups, MessageSource messages) {
        this.referrals = referrals;
        this.lookups = lookups;
        this.messages = messages;
    }

    @ModelAttribute
    void requireEditor(@AuthenticationPrincipal CurrentUser me) {
        if (!Referrals.mayEditSharingDefaults(me)) {
            throw new AccessDeniedException("sharing defaults: the coordination only");
        }
    }

    @GetMapping
    String page(Model model) {
        List<LookupValue> sectors = lookups.active("service_sector");
        model.addAttribute("sectors", sectors);
        model.addAttribute("defaults", referrals.sharingDefaults());
        model.addAttribute("parts", CaseSharing.CORE_PARTS);
        return "referrals/sharing-defaults";
    }

    @PostMapping
    String save(@AuthenticationPrincipal CurrentUser me, @RequestParam String sector,
            @RequestParam(name = "parts", required = false) List<String> parts, Model model, RedirectAttributes redirect,
            Locale locale) {
        if (lookups.active("service_sector").stream().noneMatch(s -> s.code().equals(sector))) {
            throw new NotFoundException("service.not_found");
        }
        try {
            referrals.setDefaultParts(me, sector, parts == null ? List.of() : parts);
        } catch (InvalidInputException e) {
            model.addAttribute("problem", String.join(" ", e.describe(messages, locale).values()));
            model.addAttribute("problemSector", sector);
            return page(model);
        }
        redirect.addFlashAttribute("notice", "referral.sharingDefaults.saved");
        return "redirect:/admin/referral-sharing";
    }
}
