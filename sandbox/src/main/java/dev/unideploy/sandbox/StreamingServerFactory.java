package dev.unideploy.sandbox;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty12.Jetty12HttpServer;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * WireMock's Jetty 12 server with Jetty core handlers in front of it, so a simulator serves its log streams
 * (WebSocket, SSE) on the same port as its REST API. WireMock itself can only answer whole responses.
 */
final class StreamingServerFactory implements HttpServerFactory {

    private final Function<Server, List<Handler.Wrapper>> streams;

    /** {@code streams} builds the handlers that take stream paths and pass every other request on. */
    StreamingServerFactory(Function<Server, List<Handler.Wrapper>> streams) {
        this.streams = streams;
    }

    @Override
    public HttpServer buildHttpServer(
            Options options, AdminRequestHandler adminRequestHandler, StubRequestHandler stubRequestHandler) {
        Function<Server, List<Handler.Wrapper>> front = streams;
        return new Jetty12HttpServer(options, adminRequestHandler, stubRequestHandler) {
            @Override
            protected Handler createHandler(Options opts, AdminRequestHandler admin, StubRequestHandler stubs) {
                Handler wiremock = super.createHandler(opts, admin, stubs);
                List<Handler.Wrapper> chain = front.apply(jettyServer);
                if (chain.isEmpty()) {
                    return wiremock;
                }
                for (int i = 0; i < chain.size() - 1; i++) {
                    chain.get(i).setHandler(chain.get(i + 1));
                }
                chain.get(chain.size() - 1).setHandler(wiremock);
                return chain.get(0);
            }
        };
    }
}
