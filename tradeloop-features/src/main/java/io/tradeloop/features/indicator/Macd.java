package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * Appel's MACD on the close: line = EMA(fast) - EMA(slow), signal = EMA(signal) of the line,
 * histogram = line - signal. EMAs are seeded as ta4j seeds them ({@link ExponentialAverage}), so all
 * three outputs are defined from bar {@code slow} on. With {@code relative} each output is divided by
 * the close, which makes it comparable across price levels.
 */
public final class Macd extends MultiOutput {
    public static final int LINE = 0;
    public static final int SIGNAL = 1;
    public static final int HISTOGRAM = 2;

    private final ExponentialAverage fast;
    private final ExponentialAverage slow;
    private final ExponentialAverage signal;
    private final boolean relative;

    public Macd(int fastPeriod, int slowPeriod, int signalPeriod, boolean relative) {
        super(new String[] {"line", "signal", "hist"},
                new int[] {slowPeriod, Math.max(slowPeriod, signalPeriod), Math.max(slowPeriod, signalPeriod)});
        Checks.inRange("fast", fastPeriod, 1, 100_000);
        Checks.inRange("slow", slowPeriod, fastPeriod + 1, 100_000);
        this.fast = ExponentialAverage.ema(fastPeriod);
        this.slow = ExponentialAverage.ema(slowPeriod);
        this.signal = ExponentialAverage.ema(signalPeriod);
        this.relative = relative;
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        bars++;
        double line = fast.update(close) - slow.update(close);
        double sig = signal.update(line);
        double hist = line - sig;
        if (relative) {
            values[LINE] = line / close;
            values[SIGNAL] = sig / close;
            values[HISTOGRAM] = hist / close;
        } else {
            values[LINE] = line;
            values[SIGNAL] = sig;
            values[HISTOGRAM] = hist;
        }
    }

    @Override
    public void reset() {
        super.reset();
        fast.reset();
        slow.reset();
        signal.reset();
    }
}
