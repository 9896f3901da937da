package org.abri;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each package under org.abri is a module. A module may use only the public types of
 * another module's top package, and modules may not depend on each other in a cycle.
 */
class ModuleBoundariesTest {

    private final ApplicationModules modules = ApplicationModules.of(AbriApplication.class);

    @Test
    void modulesUseOnlyEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void theExpectedModulesExist() {
        assertThat(modules.stream().map(module -> module.getBasePackage().getName()))
                .contains("org.abri.platform", "org.abri.identity", "org.abri.audit", "org.abri.locations",
                        "org.abri.lookups", "org.abri.cases", "org.abri.web", "org.abri.demo", "org.abri.notifications");
    }

    @Test
    void noModuleDependsOnTheDemoLoader() {
        ApplicationModule demo = modules.getModuleForPackage("org.abri.demo").orElseThrow();
        assertThat(modules.stream().filter(module -> !module.equals(demo))
                .filter(module -> module.getDirectDependencies(modules).contains(demo))
                .map(ApplicationModule::getDisplayName)).isEmpty();
    }

    @Test
    void platformDependsOnNoOtherModule() {
        ApplicationModule platform = modules.getModuleForPackage("org.abri.platform").orElseThrow();
        assertThat(platform.getDirectDependencies(modules).stream()).isEmpty();
    }
}
