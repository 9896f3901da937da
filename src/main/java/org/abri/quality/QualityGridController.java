package org.abri.quality;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.platform.InvalidInputException;
import org.abri.platform.StaleRecordException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The wording of the improvement grid: a system administrator or a coordinator reads every
 * domain and item, and rewords an item in French, English and Arabic. The structure stays.
 */
@Controller
@RequestMapping("/admin/quality-grid")
class QualityGridController {

    static final List<QualityLevel> LEVELS_WITH_ITEMS = List.of(QualityLevel.IMPROVEMENT_NEEDED,
            QualityLevel.MINIMUM_THRESHOLD, QualityLevel.GOOD_PRACTICE);

    private final QualityGrid grid;
    private final MessageSource messages;

    QualityGridController(QualityGrid grid, MessageSource messages) {
        this.grid = grid;
        this.messages = messages;
    }

    @ModelAttribute
    void requireWordingRight(@AuthenticationPrincipal CurrentUser me) {
        if (!QualityGrid.maySetWording(me)) {
            throw new AccessDeniedException("system administrators and coordinators only");
        }
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("domains", grid.domains());
        Map<String, Map<QualityLevel, List<QualityGrid.Item>>> items = new LinkedHashMap<>();
        grid.itemsByDomain().forEach((code, list) -> {
            Map<QualityLevel, List<QualityGrid.Item>> byLevel = new EnumMap<>(QualityLevel.class);
            for (QualityLevel level : LEVELS_WITH_ITEMS) {
                byLevel.put(level, list.stream().filter(i -> i.level() == level).toList());
            }
            items.put(code, byLevel);
        });
        model.addAttribute("items", items);
        model.addAttribute("levels", LEVELS_WITH_ITEMS);
        return "admin/quality-grid";
    }

    @GetMapping("/items/{id}")
    String edit(@PathVariable UUID id, Model model) {
        QualityGrid.Item item = grid.item(id).orElseThrow(
                () -> new org.abri.platform.NotFoundException("quality.item_not_found"));
        return editPage(model, item, item.text(), item.version(), null);
    }

    @PostMapping("/items/{id}")
    String save(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam Map<String, String> params,
            Model model, RedirectAttributes redirect, Locale locale) {
        QualityGrid.Item item = grid.item(id).orElseThrow(
                () -> new org.abri.platform.NotFoundException("quality.item_not_found"));
        GridText typed = new GridText(params.get("fr"), params.get("en"), params.get("ar"));
        int version = parse(params.get("version"));
        try {
            grid.reword(me, id, typed, version);
        } catch (InvalidInputException e) {
            return editPage(model, item, typed, version, String.join(" ", e.describe(messages, locale).values()));
        } catch (StaleRecordException e) {
            return editPage(model, item, typed, item.version(),
                    messages.getMessage("error." + e.code(), null, e.code(), locale));
        }
        redirect.addFlashAttribute("notice", "quality.grid.saved");
        return "redirect:/admin/quality-grid#item-" + item.code();
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String editPage(Model model, QualityGrid.Item item, GridText typed, int version, String problem) {
        model.addAttribute("item", item);
        model.addAttribute("typed", typed);
        model.addAttribute("version", version);
        model.addAttribute("problem", problem);
        model.addAttribute("domain", grid.domains().stream().filter(d -> d.code().equals(item.domainCode()))
                .findFirst().orElseThrow());
        return "admin/quality-grid-item";
    }
}
