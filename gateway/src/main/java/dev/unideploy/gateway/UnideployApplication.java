package dev.unideploy.gateway;

import dev.unideploy.gateway.config.UnideployProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Unideploy gateway: one deployments API in front of every configured provider connection. */
@SpringBootApplication
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
