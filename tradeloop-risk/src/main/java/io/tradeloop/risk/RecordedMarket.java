package io.tradeloop.risk;

import io.tradeloop.core.config.Checks;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link MarketView} the trading loop fills as bars close: per instrument a {@link ReturnHistory}
 * of one-bar returns, and the time of the newest data. One instance per account, shared by the loop
 * (writer) and the risk rules (readers) on one thread.
 */
public final class RecordedMarket implements MarketView {
    private final int capacity;
    private final Map<String, ReturnHistory> returns = new HashMap<>();
    private final Map<String, Double> lastClose = new HashMap<>();
    private long lastDataTimeMs = Long.MIN_VALUE;

    /** Keeps the last {@code capacity} returns per instrument. */
    public RecordedMarket(int capacity) {
        this.capacity = Checks.inRange("return_history_capacity", capacity, 2, 10_000_000);
    }

    /** Records a closed bar of {@code instrumentId}: its return from the previous close, and the data time. */
    public void onClose(String instrumentId, double close, long closeTimeMs) {
        Double prev = lastClose.put(instrumentId, close);
        if (prev != null) {
            returns.computeIfAbsent(instrumentId, k -> new ReturnHistory(capacity)).pushPrices(prev, close);
        }
        if (closeTimeMs > lastDataTimeMs) lastDataTimeMs = closeTimeMs;
    }

    @Override
    public ReturnHistory returns(String instrumentId) {
        return returns.get(instrumentId);
    }

    @Override
    public long lastDataTimeMs() {
        return lastDataTimeMs;
    }
}
