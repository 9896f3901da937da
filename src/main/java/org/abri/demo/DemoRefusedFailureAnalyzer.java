package org.abri.demo;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a refused demo start in the "APPLICATION FAILED TO START" report — the reason and
 * what to do — instead of a stack trace. Registered in META-INF/spring.factories.
 */
class DemoRefusedFailureAnalyzer extends AbstractFailureAnalyzer<DemoRefusedException> {

    static final String ACTION = "To use this database, start Abri without demo mode (remove --abri.demo=true "
            + "or ABRI_DEMO=true). To try the demo, give it an empty database of its own: another data folder "
            + "(ABRI_DATA_DIR, default ./abri-data) or another external database (ABRI_DB_URL). See docs/demo.md.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoRefusedException cause) {
        return new FailureAnalysis(cause.getMessage(), ACTION, cause);
    }
}
