package io.tributary.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tributary.http");

  @Test
  void theHttpEngineDependsOnTheSpiAndJacksonOnly() {
    classes()
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
