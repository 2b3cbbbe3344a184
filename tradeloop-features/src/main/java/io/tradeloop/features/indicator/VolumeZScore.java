package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * How unusual this bar's volume is: (volume - mean) / sd over the last {@code period} bars including
 * this one (population sd, as ta4j's {@code SigmaIndicator}); NaN (a bad value) when the window's volume
 * is constant. Defined from bar {@code period - 1} on.
 */
public final class VolumeZScore extends SingleOutput {
    private final RollingWindow volumes;

    public VolumeZScore(int period) {
        super(Checks.inRange("period", period, 2, 100_000) - 1);
        volumes = new RollingWindow(period);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        volumes.add(volume);
        bars++;
        if (volumes.full()) {
            double sd = Math.sqrt(volumes.variance());
            value = sd == 0 ? Double.NaN : (volume - volumes.mean()) / sd;
        } else {
            value = Double.NaN;
        }
    }

    @Override
    public void reset() {
        super.reset();
        volumes.reset();
    }
}
