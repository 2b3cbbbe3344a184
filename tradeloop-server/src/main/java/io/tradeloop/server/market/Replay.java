package io.tradeloop.server.market;

/**
 * The clock of a market an agent steps through tick by tick: how many ticks there are and when each one
 * is. The agent loop paces itself and reports progress from this alone; what a tick holds depends on the
 * kind of market ({@link MarketReplay} for funding, {@link BarReplay} for one instrument's bars).
 */
public interface Replay {
    /** A human description: file, span, instruments. */
    String describe();

    /** The number of ticks. */
    int size();

    /** The time of tick {@code k}, epoch ms UTC; strictly increasing in {@code k}. */
    long timeMs(int tick);
}
