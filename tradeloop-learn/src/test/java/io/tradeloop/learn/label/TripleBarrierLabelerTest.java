package io.tradeloop.learn.label;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TripleBarrierLabelerTest {

    @Test
    void rollingVolatilityByHand() {
        // closes 100, 101, 100, 102 → log returns +0.0099503, −0.0099503, +0.0198026
        // window 2 at i = 2: mean 0, sample var = 2 × 0.0099503² / 1 → std 0.0140719
        // window 2 at i = 3: mean 0.0049261, deviations ±0.0148765 → std 0.0210385
        double[] s = TripleBarrierLabeler.rollingLogReturnStd(new double[] {100, 101, 100, 102}, 4, 2);
        assertThat(s[0]).isNaN();
        assertThat(s[1]).isNaN();
        assertThat(s[2]).isCloseTo(0.0140718928, within(1e-9));
        assertThat(s[3]).isCloseTo(0.0210385185, within(1e-9));
    }

    @Test
    void upperBarrierFromVolatilityTarget() {
        // σ₂ = 0.0140719 (above), horizon 4 → τ = σ × √4 = 0.0281438; pt = sl = 1
        // upper = 100 × 1.0281438 = 102.81438, lower = 97.18562
        // bar 3 stays inside; bar 4 reaches 103 ≥ 102.81 → UPPER at bar 4, touch at the barrier (open 101.5 < barrier)
        double[] o = {100, 101, 100, 100.5, 101.5, 103, 103};
        double[] h = {100, 101, 100, 102.0, 103.0, 104, 104};
        double[] l = {100, 101, 100, 99.5, 101.0, 102, 102};
        double[] c = {100, 101, 100, 101.0, 102.5, 103, 103};
        var labels = new TripleBarrierLabeler(new TripleBarrierConfig(1, 1, 4, 2, 0)).label(o, h, l, c, 7, 1);
        assertThat(labels.barrier()[2]).isEqualTo(Barrier.UPPER);
        assertThat(labels.label()[2]).isEqualTo(1);
        assertThat(labels.endIndex()[2]).isEqualTo(4);
        assertThat(labels.targetReturn()[2]).isCloseTo(0.0281437857, within(1e-9));
        assertThat(labels.returnAtTouch()[2]).isCloseTo(0.0281437857, within(1e-9));
        assertThat(labels.classIndex(2)).isEqualTo(2);
        // i = 3 needs bars up to 7: outside the data → no label
        assertThat(labels.barrier()[3]).isEqualTo(Barrier.NONE);
        assertThat(labels.endIndex()[3]).isEqualTo(-1);
        assertThat(labels.barrier()[0]).isEqualTo(Barrier.NONE); // no volatility yet
        assertThat(labels.labelledCount()).isEqualTo(1);
    }

    /** Flat closes make σ = 0, so τ is the 2% floor: entry 100 at bar 2, barriers 102 / 98, horizon 3. */
    private static BarrierLabels flatStart(int side, double pt, double sl, double[] o, double[] h, double[] l, double[] c) {
        return new TripleBarrierLabeler(new TripleBarrierConfig(pt, sl, 3, 2, 0.02)).label(o, h, l, c, o.length, side);
    }

    private static double[] with(double... tail) {
        double[] a = new double[3 + tail.length];
        a[0] = a[1] = a[2] = 100;
        System.arraycopy(tail, 0, a, 3, tail.length);
        return a;
    }

    @Test
    void gapThroughTheBarrierFillsAtTheOpen() {
        // bar 3 opens at 103, above the 102 barrier → UPPER at bar 3, touch price 103, return +3%
        var lb = flatStart(1, 1, 1, with(103, 103, 103), with(104, 104, 104), with(102.5, 102, 102), with(103, 103, 103));
        assertThat(lb.barrier()[2]).isEqualTo(Barrier.UPPER);
        assertThat(lb.endIndex()[2]).isEqualTo(3);
        assertThat(lb.returnAtTouch()[2]).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void bothBarriersInOneBarIsFlatAtThatClose() {
        // bar 3: range 97.5..102.5 holds both 98 and 102, opens at 100 between them → BOTH, label 0, return 99/100 − 1
        var lb = flatStart(1, 1, 1, with(100, 99, 99), with(102.5, 99, 99), with(97.5, 99, 99), with(99, 99, 99));
        assertThat(lb.barrier()[2]).isEqualTo(Barrier.BOTH);
        assertThat(lb.label()[2]).isZero();
        assertThat(lb.returnAtTouch()[2]).isCloseTo(-0.01, within(1e-12));
    }

    @Test
    void verticalBarrierAtTheHorizonClose() {
        // bars 3..5 stay inside (99, 101); the close of bar 5 (= 2 + 3) is 100.8 → VERTICAL, label 0, return 0.8%
        var lb = flatStart(1, 1, 1, with(100, 100, 100), with(101, 101, 101), with(99, 99, 99), with(100.2, 99.5, 100.8));
        assertThat(lb.barrier()[2]).isEqualTo(Barrier.VERTICAL);
        assertThat(lb.label()[2]).isZero();
        assertThat(lb.endIndex()[2]).isEqualTo(5);
        assertThat(lb.returnAtTouch()[2]).isCloseTo(0.008, within(1e-12));
    }

    @Test
    void lowerBarrierFirst() {
        // bar 4 low 97.9 ≤ 98 → LOWER at bar 4, touch at 98 (open 99.5 above it), return −2%
        var lb = flatStart(1, 1, 1, with(100, 99.5, 98), with(100.5, 99.8, 98), with(99.5, 97.9, 97), with(99.6, 98.1, 97.5));
        assertThat(lb.barrier()[2]).isEqualTo(Barrier.LOWER);
        assertThat(lb.label()[2]).isEqualTo(-1);
        assertThat(lb.returnAtTouch()[2]).isCloseTo(-0.02, within(1e-12));
    }

    @Test
    void shortSideMirrorsProfitTakeAndStop() {
        // short, pt 2, sl 1, τ 2%: profit-take (lower) 100 × (1 − 0.04) = 96, stop (upper) 100 × 1.02 = 102
        // bar 3 dips to 97 (not 96), bar 4 reaches 102.2 → the stop (UPPER) first
        var lb = flatStart(-1, 2, 1, with(100, 99, 99), with(100, 102.2, 99), with(97, 99, 99), with(98, 101, 99));
        assertThat(lb.barrier()[2]).isEqualTo(Barrier.UPPER);
        assertThat(lb.endIndex()[2]).isEqualTo(4);
        // the same path read for a long with pt 2, sl 1: profit-take 104, stop 98 → bar 3 low 97 hits the stop first
        var longSide = flatStart(1, 2, 1, with(100, 99, 99), with(100, 102.2, 99), with(97, 99, 99), with(98, 101, 99));
        assertThat(longSide.barrier()[2]).isEqualTo(Barrier.LOWER);
        assertThat(longSide.endIndex()[2]).isEqualTo(3);
    }

    @Test
    void metaLabelsAskWhetherTheProfitTakeCameFirst() {
        // entry 100 at bar 2, τ 2%, pt = sl = 1: bar 3 dips to 97.5 (long stop 98, short profit 98) → LOWER first
        double[] o = with(100, 98, 98), h = with(100.5, 99, 99), l = with(97.5, 98, 98), c = with(98, 98, 98);
        var longSide = flatStart(1, 1, 1, o, h, l, c);
        var shortSide = flatStart(-1, 1, 1, o, h, l, c);
        // primary: long at bar 2 → stopped → meta 0; a short at bar 2 → profit first → meta 1
        var asLong = MetaLabels.of(new int[] {0, 0, 1, 0, 0, 0}, longSide, shortSide);
        assertThat(asLong.rows()).containsExactly(2);
        assertThat(asLong.meta()).containsExactly(0);
        assertThat(asLong.tradeReturn()[0]).isCloseTo(-0.02, within(1e-12));
        var asShort = MetaLabels.of(new int[] {0, 0, -1, 0, 0, 0}, longSide, shortSide);
        assertThat(asShort.meta()).containsExactly(1);
        assertThat(asShort.tradeReturn()[0]).isCloseTo(0.02, within(1e-12)); // −1 × (98/100 − 1)
        assertThat(asShort.endIndex()).containsExactly(3);
        // rows without a label (bar 3 has no full horizon) are not samples even with a side
        assertThat(MetaLabels.of(new int[] {0, 0, 0, 1, 0, 0}, longSide, shortSide).size()).isZero();
        assertThatThrownBy(() -> MetaLabels.of(new int[] {0, 0, 2, 0, 0, 0}, longSide, shortSide))
                .hasMessageContaining("row 2").hasMessageContaining("got 2");
    }

    @Test
    void configRefusesOutOfRangeValuesByName() {
        assertThatThrownBy(() -> new TripleBarrierConfig(1, 1, 0, 50, 0)).hasMessageContaining("horizon_bars")
                .hasMessageContaining("[1, 10000]");
    }
}
