package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * The slope of on-balance volume over {@code period} bars in units of the average volume per bar:
 * (OBV[t] - OBV[t - n]) / (volume[t - n + 1] + ... + volume[t]). OBV (Granville) adds the bar's volume
 * when the close rose, subtracts it when it fell, and starts at 0. The ratio lies in [-1, 1]: +1 when
 * every bar of the window closed up; it is NaN (a bad value) when the window traded no volume.
 * Defined from bar {@code period} on.
 */
public final class OnBalanceVolumeSlope extends SingleOutput {
    private final RollingWindow obv;
    private final RollingWindow volumes;
    private final int period;
    private double onBalance;
    private double prevClose = Double.NaN;

    public OnBalanceVolumeSlope(int period) {
        super(Checks.inRange("period", period, 1, 100_000));
        this.period = period;
        this.obv = new RollingWindow(period + 1);
        this.volumes = new RollingWindow(period);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        if (bars > 0) {
            if (close > prevClose) onBalance += volume;
            else if (close < prevClose) onBalance -= volume;
        }
        prevClose = close;
        obv.add(onBalance);
        volumes.add(volume);
        bars++;
        if (bars > period) {
            double total = volumes.sum();
            value = total == 0 ? Double.NaN : (onBalance - obv.get(period)) / total;
        } else {
            value = Double.NaN;
        }
    }

    /** The on-balance volume itself (unbounded; not scale-free, so not a feature on its own). */
    public double onBalanceVolume() {
        return onBalance;
    }

    @Override
    public void reset() {
        super.reset();
        obv.reset();
        volumes.reset();
        onBalance = 0;
        prevClose = Double.NaN;
    }
}
