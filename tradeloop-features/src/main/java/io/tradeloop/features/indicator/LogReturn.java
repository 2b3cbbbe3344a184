package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/** The log return of the close over {@code horizon} bars: ln(close[t] / close[t - horizon]). */
public final class LogReturn extends SingleOutput {
    private final RollingWindow closes;
    private final int horizon;

    public LogReturn(int horizon) {
        super(Checks.inRange("horizon", horizon, 1, 100_000));
        this.horizon = horizon;
        this.closes = new RollingWindow(horizon + 1);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        closes.add(close);
        bars++;
        value = bars > horizon ? Math.log(close / closes.get(horizon)) : Double.NaN;
    }

    @Override
    public void reset() {
        super.reset();
        closes.reset();
    }
}
