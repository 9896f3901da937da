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

    /**
     * The open steps as an SQL list, for "step in (…)": unlike "step not in ('closed', 'archived')",
     * the (agency, step) index serves it, which keeps an agency's open cases a short read among a
     * million cases.
     */
    public static final String OPEN_SQL_LIST = ORDER.stream().filter(CaseStep::open).map(step -> "'" + step.code() + "'")
            .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
}
