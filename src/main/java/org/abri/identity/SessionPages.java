package org.abri.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The "your session expired" answer (see {@link SessionExpiry}) and the idle warning's "stay signed in". */
@Controller
class SessionPages {

    @RequestMapping(SessionExpiry.PAGE)
    String expired(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object status = request.getAttribute(SessionExpiry.STATUS);
        Object returnTo = request.getAttribute(SessionExpiry.RETURN_TO);
        response.setStatus(status instanceof Integer code ? code : 200);
        response.setHeader("Cache-Control", "no-store");
        // Read by the page's script: an htmx answer to show, not to swap.
        response.setHeader("X-Abri-Session", "expired");
        model.addAttribute("returnTo", returnTo != null ? returnTo
                : ReturnPath.of(request.getParameter(ReturnPath.PARAMETER)).orElse(null));
        return SessionExpiry.isHtmx(request) ? "error/session-expired-notice" : "error/session-expired";
    }

    /**
     * Touches the session (its last use is written back when older than a minute, see
     * {@link SparingSessionRepository}, which it is by the time the idle warning shows).
     */
    @PostMapping("/session/keep-alive")
    ResponseEntity<Void> keepAlive(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.getLastAccessedTime();
        }
        return ResponseEntity.noContent().header("Cache-Control", "no-store").build();
    }
}
