package io.tradeloop.features.indicator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each formula on a tiny series with the arithmetic worked by hand in the comments. */
class IndicatorFormulaTest {
    private static final double EPS = 1e-12;

    /** Feeds bars given as {high, low, close, volume}; open = close. */
    private static void feed(BarIndicator ind, double[]... bars) {
        for (double[] b : bars) ind.update(b[2], b[0], b[1], b[2], b[3]);
    }

    private static void closes(BarIndicator ind, double... closes) {
        for (double c : closes) ind.update(c, c, c, c, 1);
    }

    @Test
    void emaWarmsUpForPeriodInputsThenSeedsWithTheFirstValue() {
        // ema(3): alpha = 2/(3+1) = 0.5; inputs 1,2,3 are warm-up (index < 3); index 3 seeds with 4;
        // index 4: (6 - 4) * 0.5 + 4 = 5
        ExponentialAverage ema = ExponentialAverage.ema(3);
        assertThat(ema.update(1)).isNaN();
        assertThat(ema.update(2)).isNaN();
        assertThat(ema.update(3)).isNaN();
        assertThat(ema.update(4)).isEqualTo(4.0);
        assertThat(ema.update(6)).isEqualTo(5.0);
    }

    @Test
    void wilderUsesOneOverPeriodAndReseedsAfterANaN() {
        // wilder(4): alpha = 1/4; index 4 seeds with 8; index 5: (12 - 8) * 0.25 + 8 = 9
        ExponentialAverage w = ExponentialAverage.wilder(4);
        for (int i = 0; i < 4; i++) assertThat(w.update(10)).isNaN();
        assertThat(w.update(8)).isEqualTo(8.0);
        assertThat(w.update(12)).isEqualTo(9.0);
        // a NaN input gives NaN, and the next input seeds again (ta4j's recovery)
        assertThat(w.update(Double.NaN)).isNaN();
        assertThat(w.update(20)).isEqualTo(20.0);
        assertThat(w.update(24)).isEqualTo(21.0); // (24 - 20) / 4 + 20
    }

    @Test
    void rollingWindowStatisticsCoverTheLastNValues() {
        // after 1,2,3,4 a window of 3 holds 2,3,4: mean 3, population variance (1 + 0 + 1) / 3 = 2/3
        RollingWindow w = new RollingWindow(3);
        for (double x : new double[] {1, 2, 3, 4}) w.add(x);
        assertThat(w.full()).isTrue();
        assertThat(w.mean()).isEqualTo(3.0);
        assertThat(w.variance()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(w.max()).isEqualTo(4.0);
        assertThat(w.min()).isEqualTo(2.0);
        assertThat(w.get(0)).isEqualTo(4.0);
        assertThat(w.get(2)).isEqualTo(2.0);
    }

    @Test
    void rollingMomentsStayExactOverALongStreamAndAFlatWindowHasNoSpread() {
        // a window of 4 over 0..999 ends holding 996..999: mean 997.5, variance (2.25 + .25 + .25 + 2.25) / 4 = 1.25
        RollingWindow w = new RollingWindow(4);
        for (int i = 0; i < 1000; i++) w.add(i * 1.1 - i * 0.1); // values with rounding in them
        assertThat(w.mean()).isCloseTo(997.5, within(1e-9));
        assertThat(w.variance()).isCloseTo(1.25, within(1e-9));
        assertThat(w.sum()).isCloseTo(3990, within(1e-9));
        // after a move the window goes flat at a value other than the shift: exactly zero, not rounding noise
        for (int i = 0; i < 5; i++) w.add(0.3);
        assertThat(w.variance()).isEqualTo(0.0);
        // a NaN makes the moments NaN for exactly as long as it is in the window
        w.add(Double.NaN);
        assertThat(w.mean()).isNaN();
        for (int i = 0; i < 3; i++) w.add(1);
        assertThat(w.mean()).isNaN();
        w.add(1);
        assertThat(w.mean()).isEqualTo(1.0);
        assertThat(w.variance()).isEqualTo(0.0);
    }

    @Test
    void logReturnOverTheHorizon() {
        // closes 100, 110, 121: ln(121 / 100) = ln 1.21 = 0.1906203596086497
        LogReturn r = new LogReturn(2);
        closes(r, 100, 110);
        assertThat(r.value()).isNaN();
        assertThat(r.ready(0)).isFalse();
        closes(r, 121);
        assertThat(r.ready(0)).isTrue();
        assertThat(r.value()).isCloseTo(0.1906203596086497, within(EPS));
    }

    @Test
    void rsiWithWilderAverages() {
        // closes 10, 11, 10.5, 11.5, 11 -> changes 0, +1, -0.5, +1, -0.5
        // wilder(2), alpha 0.5: gains 0,1,0,1,0 -> seed at index 2: 0; index 3: (1 - 0)/2 = 0.5; index 4: (0 - 0.5)/2 + 0.5 = 0.25
        //                        losses 0,0,0.5,0,0.5 -> seed 0.5; index 3: 0.25; index 4: (0.5 - 0.25)/2 + 0.25 = 0.375
        // RSI index 2: RS = 0 / 0.5 = 0 -> 0; index 3: RS = 2 -> 100 - 100/3 = 66.667; index 4: RS = 2/3 -> 100 - 60 = 40
        RelativeStrengthIndex rsi = new RelativeStrengthIndex(2);
        closes(rsi, 10, 11);
        assertThat(rsi.value()).isNaN();
        closes(rsi, 10.5);
        assertThat(rsi.value()).isEqualTo(0.0);
        closes(rsi, 11.5);
        assertThat(rsi.value()).isCloseTo(100 - 100.0 / 3, within(EPS));
        closes(rsi, 11);
        assertThat(rsi.value()).isCloseTo(40.0, within(EPS));
    }

    @Test
    void rsiIsHundredWithoutLossesAndZeroWithoutMoves() {
        RelativeStrengthIndex up = new RelativeStrengthIndex(2);
        closes(up, 1, 2, 3, 4);
        assertThat(up.value()).isEqualTo(100.0);
        RelativeStrengthIndex flat = new RelativeStrengthIndex(2);
        closes(flat, 5, 5, 5, 5);
        assertThat(flat.value()).isEqualTo(0.0);
    }

    @Test
    void atrAveragesWildersTrueRange() {
        // TR: bar0 12-10 = 2; bar1 max(2, |13-11|, |11-11|) = 2; bar2 max(3, |15-12|, |12-12|) = 3;
        //     bar3 max(5, |14-14|, |9-14|) = 5; bar4 (gap up) max(1, |13-10|, |12-10|) = 3
        // wilder(2): seed at index 2 = 3; index 3: (5 - 3)/2 + 3 = 4; index 4: (3 - 4)/2 + 4 = 3.5; relative 3.5 / 12.5 = 0.28
        double[][] bars = {{12, 10, 11, 1}, {13, 11, 12, 1}, {15, 12, 14, 1}, {14, 9, 10, 1}, {13, 12, 12.5, 1}};
        AverageTrueRange atr = new AverageTrueRange(2, false);
        AverageTrueRange rel = new AverageTrueRange(2, true);
        feed(atr, bars[0], bars[1]);
        assertThat(atr.value()).isNaN();
        feed(atr, bars[2]);
        assertThat(atr.value()).isEqualTo(3.0);
        feed(atr, bars[3]);
        assertThat(atr.value()).isEqualTo(4.0);
        feed(atr, bars[4]);
        assertThat(atr.value()).isEqualTo(3.5);
        feed(rel, bars);
        assertThat(rel.value()).isCloseTo(0.28, within(EPS));
    }

    @Test
    void macdLineSignalAndHistogram() {
        // closes 3,3,3,6,9,3; fast ema(2) alpha 2/3: seed index 2 = 3; index 3: 3 + 3*2/3 = 5; index 4: 5 + 4*2/3 = 23/3;
        //   index 5: 23/3 + (3 - 23/3)*2/3 = 41/9
        // slow ema(3) alpha 1/2: seed index 3 = 6; index 4: 7.5; index 5: 5.25
        // line: index 3: 5 - 6 = -1; index 4: 23/3 - 15/2 = 1/6; index 5: 41/9 - 21/4 = -25/36
        // signal ema(2) of the line: seeds at index 3 with -1; index 4: -1 + (1/6 + 1)*2/3 = -2/9;
        //   index 5: -2/9 + (-25/36 + 2/9)*2/3 = -29/54; histogram index 5: -25/36 + 29/54 = -17/108
        Macd m = new Macd(2, 3, 2, false);
        closes(m, 3, 3, 3);
        assertThat(m.value(Macd.LINE)).isNaN();
        assertThat(m.ready(Macd.LINE)).isFalse();
        closes(m, 6);
        assertThat(m.ready(Macd.SIGNAL)).isTrue();
        assertThat(m.value(Macd.LINE)).isCloseTo(-1, within(EPS));
        assertThat(m.value(Macd.SIGNAL)).isCloseTo(-1, within(EPS));
        assertThat(m.value(Macd.HISTOGRAM)).isCloseTo(0, within(EPS));
        closes(m, 9);
        assertThat(m.value(Macd.LINE)).isCloseTo(1.0 / 6, within(EPS));
        assertThat(m.value(Macd.SIGNAL)).isCloseTo(-2.0 / 9, within(EPS));
        closes(m, 3);
        assertThat(m.value(Macd.LINE)).isCloseTo(-25.0 / 36, within(EPS));
        assertThat(m.value(Macd.SIGNAL)).isCloseTo(-29.0 / 54, within(EPS));
        assertThat(m.value(Macd.HISTOGRAM)).isCloseTo(-17.0 / 108, within(EPS));
        // relative: divided by the close (3)
        Macd rel = new Macd(2, 3, 2, true);
        closes(rel, 3, 3, 3, 6, 9, 3);
        assertThat(rel.value(Macd.HISTOGRAM)).isCloseTo(-17.0 / 108 / 3, within(EPS));
    }

    @Test
    void bollingerWidthAndPercentB() {
        // closes 1,2,3, n = 3, k = 2: mean 2, sd = sqrt(2/3) = 0.8165; upper - lower = 4 sd
        // width = 4 sd / mean * 100 = 200 sqrt(2/3) = 163.2993161855452
        // %B = (3 - (2 - 2 sd)) / (4 sd) = 0.5 + 1 / (4 sd) = 0.8061862178478972
        BollingerBands bb = new BollingerBands(3, 2.0);
        closes(bb, 1, 2);
        assertThat(bb.value(BollingerBands.WIDTH)).isNaN();
        closes(bb, 3);
        assertThat(bb.value(BollingerBands.WIDTH)).isCloseTo(163.2993161855452, within(1e-10));
        assertThat(bb.value(BollingerBands.PERCENT_B)).isCloseTo(0.8061862178478972, within(EPS));
        // a flat window has no band: %B is NaN (a bad value, not warm-up)
        BollingerBands flat = new BollingerBands(3, 2.0);
        closes(flat, 5, 5, 5);
        assertThat(flat.ready(BollingerBands.PERCENT_B)).isTrue();
        assertThat(flat.value(BollingerBands.PERCENT_B)).isNaN();
        assertThat(flat.value(BollingerBands.WIDTH)).isEqualTo(0.0);
    }

    @Test
    void adxWithPlusAndMinusDi() {
        // bars (h, l, c): (10,8,9) (12,9,11) (11,7,8) (13,8,12) (14,12,13)
        // +DM: 0, 2 (up 2 > down -1), 0 (up -1), 2 (up 2 > down -1), 1 (up 1 > down -4); -DM: 0, 0, 2 (down 9-7), 0, 0
        // TR: 2, 3, max(4, 0, 4) = 4, max(5, 5, 0) = 5, max(2, 2, 0) = 2
        // wilder(2): ATR 4 -> 4.5 -> 3.25; +DM avg 0 -> 1 -> 1; -DM avg 2 -> 1 -> 0.5 (indices 2, 3, 4)
        // +DI = 0, 22.22, 30.77; -DI = 50, 22.22, 15.38; DX = 100, 0, |1 - 0.5| / 1.5 * 100 = 33.33
        // ADX wilder(2) seeds at index 2 with 100; index 3: 50; index 4: (33.33 - 50)/2 + 50 = 41.67
        double[][] bars = {{10, 8, 9, 1}, {12, 9, 11, 1}, {11, 7, 8, 1}, {13, 8, 12, 1}, {14, 12, 13, 1}};
        DirectionalMovement dm = new DirectionalMovement(2, 2);
        feed(dm, bars[0], bars[1]);
        assertThat(dm.ready(DirectionalMovement.ADX)).isFalse();
        assertThat(dm.value(DirectionalMovement.ADX)).isNaN();
        feed(dm, bars[2]);
        assertThat(dm.value(DirectionalMovement.PLUS_DI)).isEqualTo(0.0);
        assertThat(dm.value(DirectionalMovement.MINUS_DI)).isEqualTo(50.0);
        assertThat(dm.value(DirectionalMovement.ADX)).isEqualTo(100.0);
        feed(dm, bars[3]);
        assertThat(dm.value(DirectionalMovement.PLUS_DI)).isCloseTo(100 / 4.5, within(EPS));
        assertThat(dm.value(DirectionalMovement.ADX)).isCloseTo(50.0, within(EPS));
        feed(dm, bars[4]);
        assertThat(dm.value(DirectionalMovement.PLUS_DI)).isCloseTo(30.76923076923077, within(EPS));
        assertThat(dm.value(DirectionalMovement.MINUS_DI)).isCloseTo(15.384615384615385, within(EPS));
        assertThat(dm.value(DirectionalMovement.ADX)).isCloseTo(41.666666666666664, within(EPS));
    }

    @Test
    void stochasticKAndD() {
        // n = 3: at bar 2 highest high 12, lowest low 8: %K = (11 - 8) / 4 * 100 = 75
        // bar 3: highest 12, lowest 6: %K = (7 - 6) / 6 * 100 = 16.667; %D = (75 + 16.667) / 2 = 45.833
        StochasticOscillator s = new StochasticOscillator(3, 2);
        feed(s, new double[] {10, 8, 9, 1}, new double[] {11, 9, 10, 1});
        assertThat(s.ready(StochasticOscillator.K)).isFalse();
        feed(s, new double[] {12, 10, 11, 1});
        assertThat(s.value(StochasticOscillator.K)).isEqualTo(75.0);
        assertThat(s.ready(StochasticOscillator.D)).isFalse();
        assertThat(s.value(StochasticOscillator.D)).isNaN();
        feed(s, new double[] {12, 6, 7, 1});
        assertThat(s.value(StochasticOscillator.K)).isCloseTo(100.0 / 6, within(EPS));
        assertThat(s.value(StochasticOscillator.D)).isCloseTo((75 + 100.0 / 6) / 2, within(EPS));
    }

    @Test
    void obvSlopeInUnitsOfVolume() {
        // (close, volume): (10,5) (11,3) (10.5,2) (10.5,4) (12,6) -> OBV 0, +3 = 3, -2 = 1, flat 1, +6 = 7
        // slope(2) bar 2: (1 - 0) / (3 + 2) = 0.2; bar 3: (1 - 3) / (2 + 4) = -1/3; bar 4: (7 - 1) / (4 + 6) = 0.6
        OnBalanceVolumeSlope obv = new OnBalanceVolumeSlope(2);
        double[][] bars = {{10, 10, 10, 5}, {11, 11, 11, 3}, {10.5, 10.5, 10.5, 2}, {10.5, 10.5, 10.5, 4}, {12, 12, 12, 6}};
        feed(obv, bars[0], bars[1]);
        assertThat(obv.value()).isNaN();
        feed(obv, bars[2]);
        assertThat(obv.value()).isCloseTo(0.2, within(EPS));
        feed(obv, bars[3]);
        assertThat(obv.value()).isCloseTo(-1.0 / 3, within(EPS));
        feed(obv, bars[4]);
        assertThat(obv.value()).isCloseTo(0.6, within(EPS));
        assertThat(obv.onBalanceVolume()).isEqualTo(7.0);
    }

    @Test
    void volumeZScore() {
        // volumes 1,2,3: mean 2, population sd sqrt(2/3); z = (3 - 2) / sqrt(2/3) = sqrt(1.5) = 1.224744871391589
        VolumeZScore z = new VolumeZScore(3);
        feed(z, new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 2});
        assertThat(z.value()).isNaN();
        feed(z, new double[] {1, 1, 1, 3});
        assertThat(z.value()).isCloseTo(1.224744871391589, within(EPS));
        VolumeZScore flat = new VolumeZScore(3);
        feed(flat, new double[] {1, 1, 1, 4}, new double[] {1, 1, 1, 4}, new double[] {1, 1, 1, 4});
        assertThat(flat.ready(0)).isTrue();
        assertThat(flat.value()).isNaN();
    }

    @Test
    void realisedVolatilityIsTheRmsOfLogReturns() {
        // closes 100, 110, 99: r1 = ln 1.1 = 0.0953102, r2 = ln 0.9 = -0.1053605
        // rv = sqrt((0.0090840 + 0.0111008) / 2) = 0.10046110847988839
        RealisedVolatility rv = new RealisedVolatility(2);
        closes(rv, 100, 110);
        assertThat(rv.value()).isNaN();
        closes(rv, 99);
        assertThat(rv.value()).isCloseTo(0.10046110847988839, within(EPS));
    }

    @Test
    void resetForgetsEverything() {
        RelativeStrengthIndex a = new RelativeStrengthIndex(2);
        closes(a, 10, 11, 10.5, 11.5);
        a.reset();
        closes(a, 10, 11, 10.5, 11.5, 11);
        assertThat(a.value()).isCloseTo(40.0, within(EPS));
    }

    @Test
    void parametersOutsideTheirRangeAreRefusedByName() {
        assertThatThrownBy(() -> new LogReturn(0)).hasMessageContaining("horizon").hasMessageContaining("0");
        assertThatThrownBy(() -> new Macd(26, 12, 9, false)).hasMessageContaining("slow");
        assertThatThrownBy(() -> new BollingerBands(20, 0)).hasMessageContaining("k");
        assertThatThrownBy(() -> new VolumeZScore(1)).hasMessageContaining("period");
    }
}
