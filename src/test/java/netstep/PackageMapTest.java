package netstep;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The package map of docs/architecture.md, checked against the compiled classes: a package may import only the
 * packages below it in the map, and the web framework stays in netstep.web (and Main, which starts it).
 */
class PackageMapTest {
    /**
     * The map, top to bottom; packages on one row are side by side and may not import each other. It must list
     * the packages in the order of the map's table in docs/architecture.md (checked below).
     */
    static final List<List<String>> MAP = List.of(
            List.of("netstep"),
            List.of("netstep.web"),
            List.of("netstep.view", "netstep.store"),
            List.of("netstep.json"),
            List.of("netstep.classroom"),
            List.of("netstep.lesson"),
            List.of("netstep.experiment"),
            List.of("netstep.data"),
            List.of("netstep.engine"));

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("netstep");
    }

    @Test
    void everyPackageImportsOnlyPackagesBelowIt() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> row : MAP) {
            for (String p : row) layers = layers.layer(p).definedBy(p.equals("netstep") ? "netstep" : p + "..");
        }
        List<String> above = new ArrayList<>();
        for (List<String> row : MAP) {
            for (String p : row) {
                layers = above.isEmpty() ? layers.whereLayer(p).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(p).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
            above.addAll(row);
        }
        layers.check(classes);
    }

    @Test
    void theEngineImportsNothingOfTheAppAndNoWebTypes() {
        noClasses().that().resideInAPackage("netstep.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("netstep.web..", "netstep.view..",
                        "netstep.store..", "netstep.experiment..", "netstep.lesson..", "io.javalin..",
                        "org.eclipse.jetty..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void viewsRenderWithoutTheStore() {
        noClasses().that().resideInAPackage("netstep.view..")
                .should().dependOnClassesThat().resideInAPackage("netstep.store..")
                .check(classes);
    }

    @Test
    void theRenderingPlumbingKnowsNoPage() {
        noClasses().that().resideInAPackage("netstep.view.render..")
                .should().dependOnClassesThat().resideInAPackage("netstep.view")
                .check(classes);
    }

    @Test
    void onlyTheWebPackageAndMainKnowTheWebFramework() {
        noClasses().that().resideOutsideOfPackages("netstep", "netstep.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..",
                        "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theMapInTheDocsListsThePackagesInThisOrder() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        // the map's table: one row per package, "| `netstep.x` | ..."
        Matcher row = Pattern.compile("(?m)^\\| `(netstep(?:\\.[a-z]+)?)` \\|").matcher(doc);
        List<String> documented = new ArrayList<>();
        while (row.find()) documented.add(row.group(1));
        assertEquals(MAP.stream().flatMap(List::stream).toList(), documented,
                "docs/architecture.md's package map, top to bottom");
    }
}
