package io.tributary.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final String RSS = "io.tributary.http.internal.rss..";
  private static final String SCRAPE = "io.tributary.http.internal.scrape..";

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tributary.http");

  @Test
  void theHttpEngineDependsOnTheSpiAndJacksonOnly() {
    classes()
        .that()
        .resideOutsideOfPackages(RSS, SCRAPE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax..",
            "io.tributary.spi..",
            "io.tributary.http..",
            "com.fasterxml.jackson..")
        .because(
            "connectors are plugins: they compile against the SPI only (move shared code into the"
                + " SPI or this module, and ask before adding a library)")
        .check(classes);
  }

  @Test
  void theRssConnectorAddsRomeOnly() {
    classes()
        .that()
        .resideInAPackage(RSS)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "io.tributary.spi..", "io.tributary.http.internal..", "com.rometools.rome..")
        .because("the rss connector is the SPI and this module's HTTP stack plus the ROME parser")
        .check(classes);
  }

  @Test
  void theScrapeConnectorAddsJsoupOnly() {
    classes()
        .that()
        .resideInAPackage(SCRAPE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "io.tributary.spi..", "io.tributary.http.internal..", "org.jsoup..")
        .because("the scrape connector is the SPI and this module's HTTP stack plus jsoup")
        .check(classes);
  }

  @Test
  void theEngineDoesNotDependOnTheJavaConnectors() {
    noClasses()
        .that()
        .resideOutsideOfPackages(RSS, SCRAPE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(RSS, SCRAPE, "com.rometools..", "org.jsoup..")
        .because("the engine is shared; the Java connectors build on it, not the other way round")
        .check(classes);
  }

  @Test
  void onlyTheCatalogIsPublicOutsideInternal() {
    classes()
        .that()
        .resideInAPackage("io.tributary.http")
        .and()
        .arePublic()
        .should()
        .haveSimpleName("ManifestCatalog")
        .because("everything else is implementation and lives in io.tributary.http.internal")
        .check(classes);
  }
}
