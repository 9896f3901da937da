package org.abri.web;

import java.util.Locale;

import org.abri.identity.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the page layout needs on every page: who is signed in and the reading direction. */
@ControllerAdvice
class ShellModel {

    /** How long a session lasts without a request: the idle warning shows two minutes before. */
    private final Long sessionTimeoutSeconds;

    ShellModel(org.springframework.core.env.Environment environment) {
        String timeout = environment.getProperty("server.servlet.session.timeout", "30m");
        this.sessionTimeoutSeconds = org.springframework.boot.convert.DurationStyle.detectAndParse(timeout,
                java.time.temporal.ChronoUnit.SECONDS).toSeconds();
    }

    @ModelAttribute("sessionTimeoutSeconds")
    Long sessionTimeoutSeconds() {
        return sessionTimeoutSeconds;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return CurrentUser.inContext().orElse(null);
    }

    @ModelAttribute("dir")
    String dir(Locale locale) {
        return "ar".equals(locale.getLanguage()) ? "rtl" : "ltr";
    }

    @ModelAttribute("lang")
    String lang(Locale locale) {
        return locale.getLanguage();
    }
}
