package dev.unideploy.gateway.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/** The sandbox's simulator ports, checked before the simulators start so that a taken one is named in one line. */
public final class SandboxPorts {

    private SandboxPorts() {}

    /** Fails with {@link InvalidConfiguration} naming the first port (by provider type) that cannot be bound. */
    public static void requireFree(Map<String, Integer> ports) {
        ports.forEach((type, port) -> {
            if (port != null && port > 0 && !free(port)) {
                throw new InvalidConfiguration(
                        "unideploy.sandbox.ports." + type,
                        "— port " + port + " (the " + type + " simulator) is already in use: stop what listens there"
                                + " or choose another, e.g. --unideploy.sandbox.ports." + type + "=0 (0 picks a free"
                                + " port)");
            }
        });
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
