package org.abri.web;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.abri.identity.CurrentUser;
import org.abri.identity.UserAccounts;
import org.abri.platform.Languages;
import org.springframework.web.servlet.LocaleResolver;

/**
 * French by default, English and Arabic on request. A signed-in user's language is a
 * preference kept on their account; before sign-in a cookie remembers the choice. API
 * callers may ask with Accept-Language.
 */
class LanguageResolver implements LocaleResolver {

    static final String COOKIE = "abri_lang";
    private static final String CHOSEN = LanguageResolver.class.getName() + ".chosen";

    private final UserAccounts accounts;

    LanguageResolver(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
            return chosen;
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Optional<Locale> asked = fromHeader(request.getHeader("Accept-Language"));
            if (asked.isPresent()) {
                return asked.get();
            }
        }
        Optional<CurrentUser> user = CurrentUser.inContext();
        if (user.isPresent()) {
            return supported(user.get().locale().getLanguage());
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName())) {
                    return supported(cookie.getValue());
                }
            }
        }
        return Locale.FRENCH;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = supported(locale == null ? "fr" : locale.getLanguage());
        request.setAttribute(CHOSEN, chosen);
        if (response != null) {
            Cookie cookie = new Cookie(COOKIE, chosen.getLanguage());
            cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        CurrentUser.inContext().ifPresent(user -> accounts.changeOwnLocale(user.id(), chosen.getLanguage()));
    }

    static Optional<Locale> fromHeader(String header) {
        return Languages.fromAcceptLanguage(header);
    }

    static Locale supported(String language) {
        return Languages.supported(language);
    }
}
