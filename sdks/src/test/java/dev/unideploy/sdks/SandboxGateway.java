package dev.unideploy.sdks;

import dev.unideploy.gateway.UnideployApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The gateway in sandbox mode, in this JVM, on free ports: five simulators behind it, the client key {@code sandbox}. */
final class SandboxGateway implements AutoCloseable {

    static final String TOKEN = "sandbox";

    private final ConfigurableApplicationContext context;

    private SandboxGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static SandboxGateway start() {
        SandboxGateway gateway = new SandboxGateway(new SpringApplicationBuilder(UnideployApplication.class)
                .run(
                        "--server.port=0",
                        "--unideploy.sandbox.ports.coolify=0",
                        "--unideploy.sandbox.ports.dokploy=0",
                        "--unideploy.sandbox.ports.zectre=0",
                        "--unideploy.sandbox.ports.dooor=0",
                        "--unideploy.sandbox.ports.mist=0",
                        // one provider state every 100 ms: a sandbox deployment finishes in a few seconds
                        "--unideploy.sandbox.step=100ms",
                        "--unideploy.events.poll-interval=200ms",
                        // the Maven log is for the SDKs' output; the gateway speaks up only on warnings
                        "--logging.level.root=warn"));
        System.out.println("Sandbox gateway for the SDK smoke tests at " + gateway.url());
        return gateway;
    }

    String url() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return "SandboxGateway[" + url() + "]";
    }
}
