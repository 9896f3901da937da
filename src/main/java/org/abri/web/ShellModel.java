package org.abri.web;

import java.util.Locale;

import org.abri.identity.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the page layout needs on every page: who is signed in and the reading direction. */
@ControllerAdvice
class ShellModel {

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
