package io.tradeloop.core.time;

/** The source of "now" for every component, so the same code runs on simulated and wall-clock time. */
@FunctionalInterface
public interface Clock {
    /** Milliseconds since the epoch, UTC. */
    long nowMs();

    /** The system's wall clock. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
