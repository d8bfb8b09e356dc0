package dev.unideploy.gateway;

import dev.unideploy.gateway.config.UnideployProperties;
import dev.unideploy.gateway.deployment.CancelLedger;
import dev.unideploy.gateway.deployment.DeploymentLister;
import dev.unideploy.gateway.deployment.DeploymentService;
import dev.unideploy.gateway.deployment.DeploymentWatcher;
import dev.unideploy.gateway.problem.SecretRedaction;
import dev.unideploy.gateway.provider.ProviderRegistry;
import dev.unideploy.gateway.store.SharedStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's services around the provider registry. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    SecretRedaction secretRedaction(UnideployProperties properties) {
        return SecretRedaction.of(properties);
    }

    @Bean
    CancelLedger cancelLedger(SharedStore store) {
        return new CancelLedger(store);
    }

    @Bean
    DeploymentService deploymentService(ProviderRegistry registry, CancelLedger ledger) {
        return new DeploymentService(registry, ledger);
    }

    @Bean
    DeploymentWatcher deploymentWatcher(DeploymentService service, UnideployProperties properties) {
        UnideployProperties.Events events = properties.events();
        return new DeploymentWatcher(
                service,
                new DeploymentWatcher.Timing(events.pollInterval(), events.streamIdle(), events.outageLimit()));
    }

    @Bean
    DeploymentLister deploymentLister(DeploymentService service) {
        return new DeploymentLister(service);
    }
}
