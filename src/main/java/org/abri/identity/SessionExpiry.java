package org.abri.identity;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;

/**
 * What the browser gets when its session is gone. A form posted after expiry fails the CSRF check
 * first (the token lived in the session): that is said as "your session expired", with a sign-in
 * link back to the page, never as the role refusal it used to look like; a role refusal keeps its
 * own page. An htmx request without a session gets the same message as a fragment (401) instead
 * of a redirect to the sign-in page, which htmx would follow and swap into the page.
 */
final class SessionExpiry implements AccessDeniedHandler, AuthenticationEntryPoint {

    static final String STATUS = SessionExpiry.class.getName() + ".status";
    static final String RETURN_TO = SessionExpiry.class.getName() + ".returnTo";
    static final String PAGE = "/session-expired";

    private final AccessDeniedHandler refused = new AccessDeniedHandlerImpl();
    private final AuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint("/login");

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (denied instanceof CsrfException) {
            expired(request, response, isHtmx(request) ? 401 : 403);
        } else {
            refused.handle(request, response, denied);
        }
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (isHtmx(request)) {
            expired(request, response, 401);
        } else {
            signIn.commence(request, response, e);
        }
    }

    private static void expired(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException, ServletException {
        // The page the user was on: htmx names it; for a posted form, the address it was posted to
        // (the page's script knows better and points the sign-in link at the form's own page).
        String returnTo = isHtmx(request)
                ? ReturnPath.ofAddress(request.getHeader("HX-Current-URL")).orElse(null)
                : "GET".equals(request.getMethod())
                        ? ReturnPath.of(request.getRequestURI()
                                + (request.getQueryString() == null ? "" : "?" + request.getQueryString())).orElse(null)
                        : ReturnPath.of(request.getRequestURI()).orElse(null);
        request.setAttribute(STATUS, status);
        request.setAttribute(RETURN_TO, returnTo);
        request.getRequestDispatcher(PAGE).forward(request, response);
    }
}
