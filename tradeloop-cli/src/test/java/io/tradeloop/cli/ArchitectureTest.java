package io.tradeloop.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Module dependencies point only towards the foundation (the order of modules in the root pom.xml). */
class ArchitectureTest {
    /** Foundation first; a module may use only the modules before it. */
    static final List<String> LAYERS = List.of("core", "data", "features", "risk", "learn", "rl", "decide", "engine",
            "server", "bench", "cli");

    @Test
    void modulesDependOnlyOnModulesBelowThem() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tradeloop");
        for (int i = 0; i < LAYERS.size(); i++) {
            String[] higher = LAYERS.subList(i + 1, LAYERS.size()).stream().map(m -> "io.tradeloop." + m + "..").toArray(String[]::new);
            if (higher.length == 0) {
                continue;
            }
            noClasses().that().resideInAPackage("io.tradeloop." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(higher)
                    .because("module tradeloop-" + LAYERS.get(i) + " may depend only on modules above it in the root pom")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void coreUsesNoThirdPartyLibraryButSlf4j() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tradeloop.core");
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("io.tradeloop.core..", "java..", "org.slf4j..")
                .check(core);
    }
}
