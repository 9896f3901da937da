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

    private final SecurityProperties properties;

    LoginController(SecurityProperties properties) {
        this.properties = properties;
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
            if (failure instanceof LockedException) {
                errorKey = "login.error.locked";
            } else if (failure instanceof DisabledException) {
                errorKey = "login.error.disabled";
            }
            model.addAttribute("errorKey", errorKey);
            model.addAttribute("lockoutMinutes", properties.lockout().toMinutes());
        }
        return "login";
    }
}
