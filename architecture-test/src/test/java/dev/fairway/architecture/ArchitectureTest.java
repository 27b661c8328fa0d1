package dev.fairway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture as rules over the compiled classes of every Fairway module on this test's class
 * path (main classes only): no package cycles anywhere, the module layering (fairness-core and
 * consent-core know nothing of each other, io knows no other Fairway module, explain-core knows
 * consent-core only), no library code that imports the CLI, and nothing outside a module that reaches
 * one of its unexported packages (the JPMS descriptor says which are exported; on the class path,
 * where most users run, nothing else would stop such a reach).
 */
class ArchitectureTest {
    /** The library modules that must be found, so that no rule can pass on an empty import. */
    private static final Set<String> LIBRARY_MODULES = Set.of("dev.fairway.io", "dev.fairway.fairness",
            "dev.fairway.consent", "dev.fairway.consent.jdbc", "dev.fairway.explain", "dev.fairway.explain.trees",
            "dev.fairway.explain.onnx", "dev.fairway.guard");

    private static final Map<String, ModuleDescriptor> MODULES = new TreeMap<>();
    private static JavaClasses classes;

    @BeforeAll
    static void importFairway() throws Exception {
        List<Path> locations = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            boolean ours = name.startsWith("fairway-") && name.endsWith(".jar") && !name.contains("-tests")
                    || name.equals("classes") && p.getParent() != null && p.getParent().getFileName().toString()
                            .equals("target") && !p.startsWith(Path.of("").toAbsolutePath());
            if (!ours || !Files.exists(p)) {
                continue;
            }
            locations.add(p);
            Optional<ModuleReference> ref = ModuleFinder.of(p).findAll().stream().findFirst();
            ref.map(ModuleReference::descriptor).filter(d -> !d.isAutomatic() && d.name().startsWith("dev.fairway"))
                    .ifPresent(d -> MODULES.put(d.name(), d));
        }
        assertTrue(MODULES.keySet().containsAll(LIBRARY_MODULES),
                "the library modules " + LIBRARY_MODULES + " must be on the class path, found " + MODULES.keySet()
                        + " in " + locations);
        List<Location> where = new ArrayList<>();
        for (Path p : locations) {
            where.add(Files.isDirectory(p) ? Location.of(p) : Location.of(new JarFile(p.toFile())));
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(where);
        assertTrue(classes.size() > 300, "imported only " + classes.size() + " classes from " + locations);
        assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.fairway.cli")),
                "the CLI's classes must be imported too");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.fairway.(**)").namingSlices("package dev.fairway.$1").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void fairnessCoreAndConsentCoreKnowNothingOfEachOther() {
        noClasses().that().resideInAPackage("dev.fairway.fairness..").should().dependOnClassesThat()
                .resideInAPackage("dev.fairway.consent..").check(classes);
        noClasses().that().resideInAPackage("dev.fairway.consent..").should().dependOnClassesThat()
                .resideInAPackage("dev.fairway.fairness..").check(classes);
    }

    @Test
    void moduleLayering() {
        noClasses().that().resideInAPackage("dev.fairway.io..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.fairway.fairness..", "dev.fairway.consent..", "dev.fairway.explain..",
                        "dev.fairway.guard..", "dev.fairway.spark..", "dev.fairway.cli..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.fairway.fairness..", "dev.fairway.consent..",
                        "dev.fairway.explain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.fairway.guard..", "dev.fairway.spark..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.fairway.explain..").should().dependOnClassesThat()
                .resideInAPackage("dev.fairway.fairness..").check(classes);
        noClasses().that().resideInAPackage("dev.fairway.consent..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.fairway.explain..", "dev.fairway.guard..").check(classes);
    }

    @Test
    void noLibraryCodeImportsTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.fairway.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.fairway.cli..").check(classes);
    }

    @Test
    void nothingOutsideAModuleReachesItsUnexportedPackages() {
        int checked = 0;
        for (ModuleDescriptor m : MODULES.values()) {
            Set<String> open = new HashSet<>();
            Set<String> allowedOutsiders = new TreeSet<>();
            for (ModuleDescriptor.Exports e : m.exports()) {
                if (!e.isQualified()) {
                    open.add(e.source());
                } else {
                    // a qualified export is a reach JPMS allows its target modules only
                    for (String target : e.targets()) {
                        ModuleDescriptor t = MODULES.get(target);
                        if (t != null) {
                            allowedOutsiders.addAll(t.packages());
                        }
                    }
                }
            }
            String[] closed = m.packages().stream().filter(p -> !open.contains(p)).sorted().toArray(String[]::new);
            if (closed.length == 0) {
                continue;
            }
            String[] inside = Stream.concat(m.packages().stream(), allowedOutsiders.stream()).toArray(String[]::new);
            noClasses().that().resideOutsideOfPackages(inside).should().dependOnClassesThat()
                    .resideInAnyPackage(closed)
                    .as("no class outside " + m.name() + " depends on its unexported packages " + String.join(", ",
                            closed))
                    .check(classes);
            checked++;
        }
        assertTrue(checked > 0, "no module with unexported packages was checked");
    }
}
