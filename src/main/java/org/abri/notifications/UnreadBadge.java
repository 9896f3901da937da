package org.abri.notifications;

import jakarta.servlet.http.HttpServletRequest;
import org.abri.identity.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The number of unread notifications for the badge of the page header ({@code unreadNotifications}),
 * for a signed-in user's pages only: not for the API, nor for form posts that redirect.
 */
@ControllerAdvice
class UnreadBadge {

    private final Notifications notifications;

    UnreadBadge(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotifications")
    Long unreadNotifications(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())
                || request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return null;
        }
        return CurrentUser.inContext().map(user -> notifications.unreadCount(user.id())).orElse(null);
    }
}
