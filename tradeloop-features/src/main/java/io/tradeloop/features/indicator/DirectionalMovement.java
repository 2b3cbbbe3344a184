package io.tradeloop.features.indicator;

import io.tradeloop.core.config.Checks;

/**
 * Wilder's directional movement system: +DM = up move when it exceeds the down move and is positive
 * (up move = high - prevHigh, down move = prevLow - low), -DM symmetric; +DI = 100 * Wilder(+DM) / ATR,
 * -DI likewise (0 when ATR is 0); DX = 100 * |+DI - -DI| / (+DI + -DI) (0 when the sum is 0); ADX =
 * Wilder(adxPeriod) of DX. Averages seeded as ta4j seeds them, so +DI/-DI are defined from bar
 * {@code period} and ADX from bar {@code max(period, adxPeriod)} on.
 */
public final class DirectionalMovement extends MultiOutput {
    public static final int ADX = 0;
    public static final int PLUS_DI = 1;
    public static final int MINUS_DI = 2;

    private final TrueRange trueRange = new TrueRange();
    private final ExponentialAverage atr;
    private final ExponentialAverage plusDm;
    private final ExponentialAverage minusDm;
    private final ExponentialAverage adx;
    private double prevHigh = Double.NaN;
    private double prevLow = Double.NaN;

    public DirectionalMovement(int period, int adxPeriod) {
        super(new String[] {"adx", "plus_di", "minus_di"},
                new int[] {Math.max(period, adxPeriod), period, period});
        Checks.inRange("period", period, 1, 100_000);
        Checks.inRange("adxPeriod", adxPeriod, 1, 100_000);
        atr = ExponentialAverage.wilder(period);
        plusDm = ExponentialAverage.wilder(period);
        minusDm = ExponentialAverage.wilder(period);
        adx = ExponentialAverage.wilder(adxPeriod);
    }

    @Override
    public void update(double open, double high, double low, double close, double volume) {
        double up = 0;
        double down = 0;
        if (bars > 0) {
            double upMove = high - prevHigh;
            double downMove = prevLow - low;
            up = upMove > downMove && upMove > 0 ? upMove : 0;
            down = downMove > upMove && downMove > 0 ? downMove : 0;
        }
        prevHigh = high;
        prevLow = low;
        bars++;
        double range = atr.update(trueRange.update(high, low, close));
        double plus = plusDm.update(up);
        double minus = minusDm.update(down);
        double plusDi = range == 0 ? 0 : plus / range * 100;
        double minusDi = range == 0 ? 0 : minus / range * 100;
        double sum = plusDi + minusDi;
        double dx = sum == 0 ? 0 : Math.abs(plusDi - minusDi) / sum * 100;
        values[ADX] = adx.update(dx);
        values[PLUS_DI] = plusDi;
        values[MINUS_DI] = minusDi;
    }

    @Override
    public void reset() {
        super.reset();
        trueRange.reset();
        atr.reset();
        plusDm.reset();
        minusDm.reset();
        adx.reset();
        prevHigh = Double.NaN;
        prevLow = Double.NaN;
    }
}
