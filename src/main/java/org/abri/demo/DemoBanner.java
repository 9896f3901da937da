package org.abri.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells every page whether this is a demo deployment, so that the layout shows "Demo —
 * fictional data" and nobody takes a demo child for a real one (or types a real one in).
 */
@ControllerAdvice
class DemoBanner {

    private final boolean demo;

    DemoBanner(@Value("${abri.demo:false}") boolean demo) {
        this.demo = demo;
    }

    @ModelAttribute("demoMode")
    boolean demoMode() {
        return demo;
    }
}
