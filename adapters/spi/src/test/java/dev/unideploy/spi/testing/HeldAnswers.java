package dev.unideploy.spi.testing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A provider that has the request but does not answer until the test releases it: the stub's answer waits on a latch
 * (stubs opt in with {@code withTransformers(HeldAnswers.NAME)}), so a timeout test waits for the client's own time
 * limit only, and can tell that the request did arrive.
 */
public final class HeldAnswers implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "held-until-released";

    /** However long a test forgets to release: WireMock's thread is never held for good. */
    private static final long LONGEST_HOLD_SECONDS = 30;

    private volatile CountDownLatch arrived = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        CountDownLatch release = released;
        arrived.countDown();
        try {
            release.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        return serveEvent.getResponseDefinition();
    }

    /** True once a held request has reached the provider. */
    public boolean arrived() {
        return arrived.getCount() == 0;
    }

    /** Lets every held answer go. */
    public void release() {
        released.countDown();
    }

    /** Releases what is held, then holds anew. */
    void reset() {
        release();
        arrived = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
