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
    Object login(HttpServletRequest request, Model model) {
        java.util.Optional<String> back = ReturnPath.of(request.getParameter(ReturnPath.PARAMETER));
        if (CurrentUser.inContext().isPresent()) {
            // The path carries the context path already (it is the browser's own address).
            return new org.springframework.web.servlet.view.RedirectView(back.orElse(request.getContextPath() + "/"), false);
        }
        // Sent again with the form: where to go once signed in (SecurityConfiguration checks it again).
        model.addAttribute("returnTo", back.orElse(null));
        // Signed out on purpose: the page's script forgets every draft kept in this browser.
        model.addAttribute("signedOut", request.getParameter("signedOut") != null);
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
