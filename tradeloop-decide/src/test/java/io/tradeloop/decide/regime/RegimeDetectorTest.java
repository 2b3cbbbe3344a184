package io.tradeloop.decide.regime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RegimeDetectorTest {

    @Test
    void classifiesTrendAndVolatilityByHand() {
        var d = new RegimeDetector(new RegimeConfig(25, 10, 20, 0.7, 3));
        // vol history 1..9, then 10: rank of 10 among 10 values = 10/10 = 1 ≥ 0.7 → high vol
        for (int v = 1; v <= 9; v++) d.update(10, v, 1, 1);
        var r = d.update(30, 10, 0.02, 0.05);
        assertThat(r.volRank()).isCloseTo(1.0, within(1e-12));
        // ADX 30 ≥ 25 and both slopes up → trend; trend score ½ + (30 − 25)/20 = 0.75
        assertThat(r.raw()).isEqualTo(Regime.TREND_HIGH_VOL);
        assertThat(r.trendScore()).isCloseTo(0.75, within(1e-12));
        // confidence ½ × (|0.75 − 0.5| × 2 + min(1, |1 − 0.7| / 0.3)) = ½ × (0.5 + 1) = 0.75
        assertThat(r.confidence()).isCloseTo(0.75, within(1e-12));
        // slopes disagree → range even with a high ADX; vol 5.5 ranks 6/11 below 0.7 → low vol
        var s = d.update(40, 5.5, 0.02, -0.01);
        assertThat(s.raw()).isEqualTo(Regime.RANGE_LOW_VOL);
        assertThat(s.trendScore()).isZero();
        assertThat(s.volRank()).isCloseTo(6.0 / 11, within(1e-12));
    }

    @Test
    void debounceNeedsNConsecutiveConfirmations() {
        var d = new RegimeDetector(new RegimeConfig(25, 10, 20, 0.99, 3));
        // volatility falls bar after bar, so its rank stays low (and is unknown for the first 5 bars)
        double vol = 100;
        var first = d.update(10, vol--, 1, 1);
        assertThat(first.confirmed()).isEqualTo(Regime.RANGE_LOW_VOL);
        // two trend bars, then a range bar: not confirmed (streak broken)
        assertThat(d.update(30, vol--, 1, 1).confirmed()).isEqualTo(Regime.RANGE_LOW_VOL);
        assertThat(d.update(30, vol--, 1, 1).streak()).isEqualTo(2);
        assertThat(d.update(10, vol--, 1, 1).streak()).isZero();
        // three trend bars in a row: confirmed on the third
        assertThat(d.update(30, vol--, 1, 1).confirmed()).isEqualTo(Regime.RANGE_LOW_VOL);
        assertThat(d.update(30, vol--, 1, 1).confirmed()).isEqualTo(Regime.RANGE_LOW_VOL);
        var third = d.update(30, vol--, 1, 1);
        assertThat(third.confirmed()).isEqualTo(Regime.TREND_LOW_VOL);
        assertThat(third.streak()).isZero();
    }

    @Test
    void gateBlocksTheConfiguredRegimes() {
        var blocked = RegimeGate.standard().check(new RegimeReading(Regime.TREND_LOW_VOL, Regime.RANGE_HIGH_VOL, 0.2, 0.9, 0.6, 1));
        assertThat(blocked.passed()).isFalse();
        assertThat(RegimeGate.standard().check(new RegimeReading(Regime.RANGE_HIGH_VOL, Regime.TREND_LOW_VOL, 0.8, 0.2, 0.6, 1)).passed()).isTrue();
    }
}
