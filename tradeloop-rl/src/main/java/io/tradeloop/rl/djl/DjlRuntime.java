package io.tradeloop.rl.djl;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine once, with its thread counts set first (they are read only at start):
 * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} default to 1 here
 * unless the caller set them, because our networks are small and the machine is shared.
 */
public final class DjlRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
    private static volatile Engine engine;

    private DjlRuntime() {
    }

    /** The PyTorch engine, started on first use. */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (DjlRuntime.class) {
                e = engine;
                if (e == null) {
                    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                        System.setProperty("ai.djl.pytorch.num_threads", "1");
                    }
                    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
                    }
                    long t0 = System.nanoTime();
                    e = Engine.getEngine("PyTorch");
                    LOG.info("djl engine=PyTorch version={} threads={} interop={} startMs={}", e.getVersion(),
                            System.getProperty("ai.djl.pytorch.num_threads"),
                            System.getProperty("ai.djl.pytorch.num_interop_threads"),
                            (System.nanoTime() - t0) / 1_000_000);
                    engine = e;
                }
            }
        }
        return e;
    }
}
