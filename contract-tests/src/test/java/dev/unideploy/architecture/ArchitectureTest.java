package dev.unideploy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderHttp;
import java.net.http.WebSocket;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;

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
            // the sandbox's wiring — the registry's holder and the early start in sandbox mode — and its own tests
            .haveNameNotMatching("dev\\.unideploy\\.gateway\\.(provider\\.ProviderConfiguration|config\\.SandboxStart"
                    + "|SandboxStartupTest).*")
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

    // The SPI toolkit (issue 16): what every adapter needs is written once in dev.unideploy.spi; these rules keep
    // adapters from growing their own copies again. (Toolkit classes are named, not referenced, so the rules also
    // run against code from before the toolkit, and fail there.)

    private static final String RAW_PAYLOAD = "dev.unideploy.spi.RawPayload";
    private static final String ERROR_MESSAGE = "dev.unideploy.spi.ErrorMessage";

    @ArchTest
    static final ArchRule onlyTheSpiOpensWebSockets = noClasses()
            .that()
            .resideOutsideOfPackage("dev.unideploy.spi..")
            .and()
            .resideInAnyPackage("dev.unideploy.adapter..", "dev.unideploy.gateway..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(WebSocket.class, WebSocket.Builder.class, WebSocket.Listener.class)
            .because("one WebSocket-to-Flux bridge, dev.unideploy.spi.WebSocketFlux; provider quirks go in its Config");

    @ArchTest
    static final ArchRule adaptersReadJsonThroughProviderJson = noClasses()
            .that()
            .resideInAPackage("dev.unideploy.adapter..")
            .should()
            .callConstructorWhere(constructorOf(ObjectMapper.class))
            .orShould()
            .callMethodWhere(methodOf(MapperBuilder.class))
            .orShould()
            .callMethodWhere(staticMethodOf(ObjectMapper.class, "builder"))
            .because("adapters read JSON through dev.unideploy.spi.ProviderJson (one configuration, one error rule)");

    @ArchTest
    static final ArchRule deploymentsAreMappedInDeploymentMappings = noClasses()
            .that()
            .resideInAPackage("dev.unideploy.adapter..")
            .and()
            .haveSimpleNameNotEndingWith("DeploymentMapping")
            .should()
            .callMethod(Deployment.class, "builder", String.class, String.class)
            .because("a provider's payload becomes a Deployment in one class per adapter, <P>DeploymentMapping");

    @ArchTest
    static final ArchRule rawPayloadsAreAllowListed = classes()
            .that()
            .resideInAPackage("dev.unideploy.adapter..")
            .should(keepRawThroughRawPayload())
            .because("raw payloads follow one rule, RawPayload's allow-list: nothing not allowed, never a credential");

    @ArchTest
    static final ArchRule providerErrorsAreReadByErrorMessage = classes()
            .that()
            .resideInAPackage("dev.unideploy.adapter..")
            .should(readErrorsWithErrorMessage())
            .because("a provider's error body is read by dev.unideploy.spi.ErrorMessage, with the provider's fields");

    private static DescribedPredicate<JavaAccess<?>> constructorOf(Class<?> type) {
        return DescribedPredicate.describe(
                "a constructor of " + type.getSimpleName(),
                access -> access.getTargetOwner().isAssignableTo(type)
                        && access.getTarget().getName().equals("<init>"));
    }

    private static DescribedPredicate<JavaAccess<?>> methodOf(Class<?> type) {
        return DescribedPredicate.describe(
                "a method of " + type.getSimpleName(),
                access -> access.getTargetOwner().isAssignableTo(type));
    }

    private static DescribedPredicate<JavaAccess<?>> staticMethodOf(Class<?> type, String name) {
        return DescribedPredicate.describe(
                type.getSimpleName() + "." + name + "()",
                access -> access.getTargetOwner().isAssignableTo(type)
                        && access.getTarget().getName().equals(name));
    }

    /** A class that sets a raw payload (Deployment.Builder.raw, new App) also calls RawPayload.keep. */
    private static ArchCondition<JavaClass> keepRawThroughRawPayload() {
        return new ArchCondition<>("set raw payloads only with RawPayload.keep") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean setsRaw = item.getAccessesFromSelf().stream()
                        .anyMatch(access -> (access.getTargetOwner().isEquivalentTo(Deployment.Builder.class)
                                        && access.getTarget().getName().equals("raw"))
                                || (access.getTargetOwner().isEquivalentTo(App.class)
                                        && access.getTarget().getName().equals("<init>")));
                boolean keeps = item.getAccessesFromSelf().stream()
                        .anyMatch(access -> access.getTargetOwner().getName().equals(RAW_PAYLOAD)
                                && access.getTarget().getName().equals("keep"));
                if (setsRaw && !keeps) {
                    events.add(SimpleConditionEvent.violated(
                            item, item.getName() + " sets a raw payload without RawPayload.keep"));
                }
            }
        };
    }

    /** A class that makes a ProviderHttp (which takes the error-message function) uses ErrorMessage for it. */
    private static ArchCondition<JavaClass> readErrorsWithErrorMessage() {
        return new ArchCondition<>("give ProviderHttp an ErrorMessage") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean makesHttp = item.getAccessesFromSelf().stream()
                        .anyMatch(access -> access.getTargetOwner().isEquivalentTo(ProviderHttp.class)
                                && access.getTarget().getName().equals("<init>"));
                boolean usesErrorMessage = item.getAccessesFromSelf().stream()
                        .anyMatch(access -> access.getTargetOwner().getName().equals(ERROR_MESSAGE));
                if (makesHttp && !usesErrorMessage) {
                    events.add(SimpleConditionEvent.violated(
                            item, item.getName() + " reads provider errors without dev.unideploy.spi.ErrorMessage"));
                }
            }
        };
    }
}
