package dev.unideploy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.unideploy.spi.ProviderAdapterFactory;

/** The architecture of DESIGN.md §1 and STYLE.md, kept honest by the build. */
@AnalyzeClasses(packages = "dev.unideploy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule adaptersNeverDependOnEachOther =
            slices().matching("dev.unideploy.adapter.(*)..").should().notDependOnEachOther();

    @ArchTest
    static final ArchRule adaptersTranslateTheGatewayGoverns = noClasses()
            .that()
            .resideInAPackage("dev.unideploy.adapter..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "io.github.resilience4j..",
                    "com.github.benmanes.caffeine..",
                    "dev.unideploy.gateway..",
                    "dev.unideploy.client..",
                    "dev.unideploy.sandbox..")
            .because("adapters depend on the SPI only: no cache, retry or circuit breaker inside an adapter");

    @ArchTest
    static final ArchRule onlyTheFactoryIsPublicInAnAdapter = classes()
            .that()
            .resideInAPackage("dev.unideploy.adapter..")
            .and()
            .arePublic()
            .should()
            .haveSimpleNameEndingWith("AdapterFactory")
            .andShould()
            .implement(ProviderAdapterFactory.class);

    @ArchTest
    static final ArchRule thePortDependsOnNothingOfOurs = noClasses()
            .that()
            .resideInAPackage("dev.unideploy.spi..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.unideploy.gateway..",
                    "dev.unideploy.adapter..",
                    "dev.unideploy.sandbox..",
                    "org.springframework..");

    @ArchTest
    static final ArchRule generatedModelsOnlyInTheWebLayer = noClasses()
            .that()
            .resideInAPackage("dev.unideploy.gateway..")
            .and()
            .resideOutsideOfPackages("dev.unideploy.gateway.web..", "dev.unideploy.gateway.api..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.unideploy.gateway.api..")
            .because("generated API models are used only in the gateway's web layer");

    @ArchTest
    static final ArchRule simulatorsOnlyStartFromSandboxMode = noClasses()
            .that()
            .resideInAPackage("dev.unideploy.gateway..")
            .and()
            .haveNameNotMatching("dev\\.unideploy\\.gateway\\.provider\\.ProviderConfiguration.*")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.unideploy.sandbox..")
            .because("the simulators never load in a production configuration");

    @ArchTest
    static final ArchRule namesSayTheRole = noClasses()
            .that()
            .resideInAPackage("dev.unideploy..")
            .and()
            .resideOutsideOfPackages("dev.unideploy.client..", "dev.unideploy.gateway.api..")
            .should()
            .haveSimpleNameEndingWith("Impl")
            .orShould()
            .haveSimpleNameEndingWith("Manager")
            .orShould()
            .haveSimpleNameEndingWith("Helper")
            .orShould()
            .haveSimpleNameEndingWith("Util")
            .orShould()
            .haveSimpleNameEndingWith("Utils");
}
