package io.tradeloop.learn.seq;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine once per process with a fixed thread count (the thread properties are
 * read only when the engine first loads, so they must be set before anything touches it).
 */
public final class DjlRuntime {
    private static final Logger log = LoggerFactory.getLogger(DjlRuntime.class);
    private static volatile Engine engine;

    private DjlRuntime() {
    }

    /** The PyTorch engine, started with {@code threads} intra-op threads and 1 inter-op thread on first call. */
    public static Engine engine(int threads) {
        Engine e = engine;
        if (e == null) {
            synchronized (DjlRuntime.class) {
                e = engine;
                if (e == null) {
                    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
                    }
                    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
                    }
                    System.setProperty("ai.djl.offline", "true");
                    long t0 = System.nanoTime();
                    e = Engine.getEngine("PyTorch");
                    log.info("djl engine started engine={} version={} threads={} start_ms={}", e.getEngineName(), e.getVersion(),
                            System.getProperty("ai.djl.pytorch.num_threads"), (System.nanoTime() - t0) / 1_000_000);
                    engine = e;
                }
            }
        }
        return e;
    }
}
