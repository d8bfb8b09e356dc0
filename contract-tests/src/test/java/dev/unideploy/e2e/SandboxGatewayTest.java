package dev.unideploy.e2e;

import dev.unideploy.gateway.UnideployApplication;
import dev.unideploy.gateway.provider.ProviderConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The gateway in sandbox mode with fast simulators on free ports; one Spring context for every end-to-end test. */
@SpringBootTest(
        classes = UnideployApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "unideploy.sandbox.ports.coolify=0",
            "unideploy.sandbox.ports.dokploy=0",
            "unideploy.sandbox.ports.zectre=0",
            "unideploy.sandbox.ports.dooor=0",
            "unideploy.sandbox.ports.mist=0",
            "unideploy.sandbox.step=400ms",
            "unideploy.events.poll-interval=100ms",
            "unideploy.browser.cors.allowed-origins=https://backstage.example.com"
        })
abstract class SandboxGatewayTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ProviderConfiguration.SandboxHolder sandbox;
}
