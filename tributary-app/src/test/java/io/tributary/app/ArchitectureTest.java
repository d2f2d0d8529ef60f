package io.tributary.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: app → engine/store/plugins → spi. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tributary");
  }

  @Test
  void spiDependsOnNothingElseOfTributary() {
    noClasses()
        .that()
        .resideInAPackage("io.tributary.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tributary.engine..",
            "io.tributary.store..",
            "io.tributary.app..",
            "io.tributary.connectors..",
            "io.tributary.processors..",
            "io.tributary.http..",
            "io.tributary.enrich..",
            "io.tributary.alerts..")
        .because(
            "the SPI is the plugin contract and must not change when implementations do; move"
                + " the shared type into io.tributary.spi instead")
        .check(classes);
  }

  @Test
  void pluginsDependOnTheSpiOnly() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.tributary.connectors..",
            "io.tributary.processors..",
            "io.tributary.http..",
            "io.tributary.enrich..",
            "io.tributary.alerts..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.tributary.engine..", "io.tributary.store..", "io.tributary.app..")
        .because(
            "connectors and processors are plugins: they compile against io.tributary.spi only;"
                + " if you need something from the engine, add it to the SPI (e.g. to"
                + " ConnectorContext or ProcessorContext)")
        .check(classes);
  }

  @Test
  void engineDoesNotKnowTheStoreImplementationOrTheCli() {
    noClasses()
        .that()
        .resideInAPackage("io.tributary.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.tributary.store..", "io.tributary.app..")
        .because(
            "the engine talks to io.tributary.spi.store.Store only; the app's AppContext decides"
                + " which store to build")
        .check(classes);
  }

  @Test
  void storeDoesNotKnowTheEngineOrTheCli() {
    noClasses()
        .that()
        .resideInAPackage("io.tributary.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.tributary.engine..", "io.tributary.app..")
        .because("stores implement the SPI's Store contract and nothing more")
        .check(classes);
  }
}
