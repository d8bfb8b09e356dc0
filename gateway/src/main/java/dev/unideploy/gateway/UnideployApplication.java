package dev.unideploy.gateway;

import dev.unideploy.gateway.config.UnideployProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Unideploy gateway: one deployments API in front of every configured provider connection.
 *
 * <p>Spring Cloud Gateway brings Spring Cloud Commons and Context along, whose auto-configurations the gateway never
 * uses: service discovery and registration, the refresh scope and its endpoints, the compatibility verifier. Each is
 * read, its conditions evaluated and its beans made on every start (issue 17); they are left out here rather than in
 * {@code application.yaml}, where an operator's own {@code spring.autoconfigure.exclude} would replace the list.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration",
            "org.springframework.cloud.autoconfigure.LifecycleMvcEndpointAutoConfiguration",
            "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration",
            "org.springframework.cloud.autoconfigure.RefreshEndpointAutoConfiguration",
            "org.springframework.cloud.autoconfigure.WritableEnvironmentEndpointAutoConfiguration",
            "org.springframework.cloud.client.CommonsClientAutoConfiguration",
            "org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration",
            "org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
            "org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration",
            "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
            "org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration",
            "org.springframework.cloud.client.hypermedia.CloudHypermediaAutoConfiguration",
            "org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration",
            "org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration",
            "org.springframework.cloud.commons.config.CommonsConfigAutoConfiguration",
            "org.springframework.cloud.commons.security.ResourceServerTokenRelayAutoConfiguration",
            "org.springframework.cloud.commons.util.UtilAutoConfiguration",
            "org.springframework.cloud.configuration.CompatibilityVerifierAutoConfiguration",
            "org.springframework.cloud.gateway.discovery.GatewayDiscoveryClientAutoConfiguration"
        })
@EnableConfigurationProperties(UnideployProperties.class)
public class UnideployApplication {

    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        useAPooledAsyncExecutor();
        SpringApplication.run(UnideployApplication.class, args);
    }

    /**
     * The JDK {@code HttpClient} hands every {@code sendAsync} answer to {@code CompletableFuture}'s default
     * executor, which is the common fork-join pool only when that pool has two or more threads; on a machine with
     * two cores it has one, and the default executor starts a new thread for every provider answer (measured: a
     * thread per response, ~1 ms of CPU each). Unless the operator set it, the common pool gets at least two
     * threads — before anything touches {@code CompletableFuture}, which reads the setting once.
     */
    static void useAPooledAsyncExecutor() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(2, cores - 1)));
        }
    }
}
