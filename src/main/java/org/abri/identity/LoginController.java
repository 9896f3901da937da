package org.abri.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, with a message that says why the last attempt failed. */
@Controller
class LoginController {

    private final java.time.Clock clock;

    LoginController(java.time.Clock clock) {
        this.clock = clock;
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        if (CurrentUser.inContext().isPresent()) {
            return "redirect:/";
        }
        HttpSession session = request.getSession(false);
        if (request.getParameter("error") != null && session != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            String errorKey = "login.error.badCredentials";
            Object argument = null;
            if (failure instanceof SignInThrottledException refused && refused.retryAt() != null) {
                // One message for everyone refused (unknown user, wrong password, throttled,
                // deactivated): only when to try again, which unknown usernames get just the same.
                errorKey = "login.error.retryAt";
                argument = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                        .format(refused.retryAt().atZone(clock.getZone()));
            } else if (failure instanceof DisabledException) {
                // Reached only with the right password (ThrottledSignIn checks it first).
                errorKey = "login.error.disabled";
            }
            model.addAttribute("errorKey", errorKey);
            model.addAttribute("lockoutMinutes", argument);
        }
        return "login";
    }
}
