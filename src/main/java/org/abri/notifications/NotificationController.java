package org.abri.notifications;

import java.util.Locale;
import java.util.UUID;

import org.abri.identity.CurrentUser;
import org.abri.platform.FormValues;
import org.abri.platform.Page;
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
 * Every user's own notifications, newest first, unread ones highlighted. Opening one marks it
 * read and follows its link; one or all can be marked read. Someone else's answers 404.
 */
@Controller
@RequestMapping("/notifications")
class NotificationController {

    private static final int PAGE_SIZE = 30;

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    /** One line of the page: the notification and its text in the reader's language. */
    record Line(Notification notification, String text) {
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "0") String page, Model model,
            Locale locale) {
        Page<Notification> found = notifications.list(me, FormValues.pageNumber(page), PAGE_SIZE);
        model.addAttribute("page", new Page<>(found.items().stream()
                .map(n -> new Line(n, notifications.text(n, locale))).toList(), found.number(), found.size(),
                found.total()));
        model.addAttribute("pageUrl", "/notifications");
        return "notifications/list";
    }

    @PostMapping("/{id}/open")
    String open(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        Notification notification = notifications.getOwn(me, id);
        notifications.markRead(me, id);
        String link = notification.link();
        // Checked when stored and again here: only ever a path of this application.
        return "redirect:" + (link != null && Notifications.isInternalPath(link) ? link : "/notifications");
    }

    @PostMapping("/{id}/read")
    String markRead(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        notifications.markRead(me, id);
        redirect.addFlashAttribute("notice", "notifications.markedRead");
        return "redirect:/notifications";
    }

    @PostMapping("/read-all")
    String markAllRead(@AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect) {
        notifications.markAllRead(me);
        redirect.addFlashAttribute("notice", "notifications.allMarkedRead");
        return "redirect:/notifications";
    }
}
