package org.abri.forms;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;
import org.abri.identity.CurrentUser;
import org.abri.identity.Role;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Moving a configuration between servers: download it as one JSON file; upload one, see what
 * it would add or change (or why it is refused), then apply it. The uploaded file waits in
 * the administrator's session between the preview and the decision.
 */
@Controller
@RequestMapping("/admin/configuration")
class ConfigurationController {

    private static final String PENDING = ConfigurationController.class.getName() + ".pending";

    private final ConfigurationBundles bundles;
    private final MessageSource messages;

    ConfigurationController(ConfigurationBundles bundles, MessageSource messages) {
        this.bundles = bundles;
        this.messages = messages;
    }

    // Kept in the session, which lives in PostgreSQL: serializable.
    private record Pending(String token, byte[] content) implements java.io.Serializable {
    }

    @ModelAttribute
    void requireSystemAdministrator(@AuthenticationPrincipal CurrentUser me) {
        me.require(Role.SYSTEM_ADMIN);
    }

    @GetMapping
    String page() {
        return "admin/configuration";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentUser me) {
        String name = "abri-configuration-" + LocalDate.now() + ".json";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(MediaType.APPLICATION_JSON).body(bundles.exportJson(me));
    }

    @PostMapping("/preview")
    String preview(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) MultipartFile bundle,
            HttpSession session, Model model, Locale locale) throws IOException {
        byte[] content = bundle == null ? new byte[0] : bundle.getBytes();
        ConfigurationBundles.Preview preview = bundles.preview(me, content);
        model.addAttribute("problems", describe(preview.problems(), locale));
        model.addAttribute("changes", preview.changes());
        if (preview.acceptable()) {
            Pending pending = new Pending(UUID.randomUUID().toString(), content);
            session.setAttribute(PENDING, pending);
            model.addAttribute("token", pending.token());
        }
        return "admin/configuration";
    }

    @PostMapping("/apply")
    String apply(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String token,
            HttpSession session, RedirectAttributes redirect, Model model, Locale locale) {
        if (!(session.getAttribute(PENDING) instanceof Pending pending) || !pending.token().equals(token)) {
            model.addAttribute("problems", List.of(messages.getMessage("configuration.expired", null, locale)));
            return "admin/configuration";
        }
        session.removeAttribute(PENDING);
        try {
            List<ConfigurationBundles.Change> applied = bundles.apply(me, pending.content());
            redirect.addFlashAttribute("appliedCount", applied.size());
            redirect.addFlashAttribute("notice", "configuration.applied");
            return "redirect:/admin/configuration";
        } catch (InvalidFormDefinitionException e) {
            model.addAttribute("problems", describe(e.problems(), locale));
            return "admin/configuration";
        }
    }

    private List<String> describe(List<FormProblem> problems, Locale locale) {
        return problems.stream().map(problem -> messages.getMessage("forms.problem." + problem.code(),
                problem.arguments(), problem.code(), locale) + " (" + problem.path() + ")").toList();
    }
}
