package dev.unideploy.gateway.config;

import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Starts the sandbox's five simulators as soon as the application context exists — before the configuration
 * classes are read — so that their start (~0.65 s of a ~6 s start on two cores, mostly class loading) runs beside
 * the gateway's own instead of before it. The provider registry takes them with {@link Starting#await()}, which
 * waits until all five listen: no provider connection is made, and health cannot say UP, before the simulators
 * answer. Registered in {@code META-INF/spring.factories}, so every context (tests' too) starts them this way.
 */
public final class SandboxStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The name under which the context holds the simulators being started. */
    public static final String BEAN_NAME = "unideploy.sandboxStart";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // begins when the refresh begins, not now: tests add properties (@DynamicPropertySource, the simulators'
        // free ports) in initializers that run after this one
        context.addBeanFactoryPostProcessor(new Begin(context));
    }

    /** Run first of the refresh, before the configuration classes are read. */
    private record Begin(ConfigurableApplicationContext context) implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            Optional<UnideployProperties> properties = bind(context.getEnvironment());
            if (properties.isEmpty() || !properties.get().sandboxMode()) {
                return;
            }
            Starting starting = Starting.begin(options(properties.get()));
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton(BEAN_NAME, starting);
            if (beans instanceof DefaultSingletonBeanRegistry singletons) {
                // stopped with the context — also when the start fails before any bean took the simulators
                singletons.registerDisposableBean(BEAN_NAME, starting);
            }
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
    }

    /**
     * The gateway's properties, or none when they do not bind: the provider registry then starts the simulators
     * itself, and the binding's own error ends the start as it always did.
     */
    private static Optional<UnideployProperties> bind(Environment environment) {
        try {
            return Optional.of(Binder.get(environment).bindOrCreate("unideploy", UnideployProperties.class));
        } catch (RuntimeException unbound) {
            return Optional.empty();
        }
    }

    /** The documented ports 9101–9105 unless {@code unideploy.sandbox.ports} says otherwise, and the step. */
    public static SandboxOptions options(UnideployProperties properties) {
        Map<String, Integer> ports = new HashMap<>(SandboxOptions.DEFAULT_PORTS);
        ports.putAll(properties.sandbox().ports());
        return new SandboxOptions(ports, properties.sandbox().step());
    }

    /** The five simulators on their way up, on a thread of their own. */
    public static final class Starting implements DisposableBean {

        private final SandboxOptions options;
        private final CompletableFuture<Sandbox> sandbox;

        private Starting(SandboxOptions options, CompletableFuture<Sandbox> sandbox) {
            this.options = options;
            this.sandbox = sandbox;
        }

        /** What the simulators were started with. */
        public SandboxOptions options() {
            return options;
        }

        /** Starts the simulators in the background; a taken port fails {@link #await()} with one line naming it. */
        public static Starting begin(SandboxOptions options) {
            CompletableFuture<Sandbox> sandbox = new CompletableFuture<>();
            Thread starter = new Thread(
                    () -> {
                        try {
                            SandboxPorts.requireFree(options.ports());
                            sandbox.complete(Sandbox.start(options));
                        } catch (Throwable failed) {
                            sandbox.completeExceptionally(failed);
                        }
                    },
                    "sandbox-start");
            starter.setDaemon(true);
            starter.start();
            return new Starting(options, sandbox);
        }

        /** Waits until all five simulators listen; throws what stopped them (a taken port: InvalidConfiguration). */
        public Sandbox await() {
            try {
                return sandbox.join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (failed.getCause() instanceof Error error) {
                    throw error;
                }
                throw failed;
            }
        }

        /** Stops the simulators once they are up (a failed start left none running). */
        @Override
        public void destroy() {
            sandbox.handle((started, failed) -> started).join();
            if (sandbox.isDone() && !sandbox.isCompletedExceptionally()) {
                sandbox.join().close();
            }
        }
    }
}
