package org.abri.cases;

import java.util.List;

/**
 * The steps of the case management process (DOMAIN.md): identification and registration,
 * assessment (initial then comprehensive), case planning, implementation with follow-up and
 * review, closure (requested, then approved), and the post-closure review that archives it.
 */
public enum CaseStep {
    IDENTIFICATION, ASSESSMENT, PLANNING, IMPLEMENTATION, CLOSURE_REQUESTED, CLOSED, ARCHIVED;

    public String code() {
        return name().toLowerCase();
    }

    public static CaseStep of(String code) {
        return valueOf(code.toUpperCase());
    }

    public boolean open() {
        return this != CLOSED && this != ARCHIVED;
    }

    /** The steps in the order a case goes through them, for the progress bar of the case page. */
    public static final List<CaseStep> ORDER = List.of(values());
}
