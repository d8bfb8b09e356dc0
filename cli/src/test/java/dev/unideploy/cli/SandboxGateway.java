package dev.unideploy.cli;

import dev.unideploy.gateway.UnideployApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real gateway in sandbox mode, in this JVM, on free ports: started once for all CLI tests. A simulated
 * deployment moves one provider state every 500 ms (Coolify finishes in 1.5 s, Mist in 2 s): slow enough to cancel.
 */
final class SandboxGateway {

    private static ConfigurableApplicationContext context;

    private SandboxGateway() {}

    static synchronized String url() {
        if (context == null) {
            context = new SpringApplicationBuilder(UnideployApplication.class)
                    .run(
                            "--server.port=0",
                            "--unideploy.sandbox.ports.coolify=0",
                            "--unideploy.sandbox.ports.dokploy=0",
                            "--unideploy.sandbox.ports.zectre=0",
                            "--unideploy.sandbox.ports.dooor=0",
                            "--unideploy.sandbox.ports.mist=0",
                            "--unideploy.sandbox.step=500ms",
                            "--unideploy.events.poll-interval=200ms",
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        }
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }
}
