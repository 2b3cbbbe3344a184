package io.tradeloop.learn.label;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BarrierWalkTest {

    @Test
    void stopTouchAtTheBarrierWithItsAdverseExcursion() {
        // entry 100, upper 104, lower 97, horizon 5
        // bar 1: o 100 h 101 l 98.5 c 99 → inside; bar 2: o 99 h 99.5 l 96 c 96.5 → low 96 ≤ 97: LOWER at 97 (opened above it)
        var w = new BarrierWalk();
        w.start(100, 104, 97, 5);
        assertThat(w.step(100, 101, 98.5, 99)).isFalse();
        assertThat(w.step(99, 99.5, 96, 96.5)).isTrue();
        assertThat(w.barrier()).isEqualTo(Barrier.LOWER);
        assertThat(w.touchPrice()).isEqualTo(97);
        assertThat(w.bars()).isEqualTo(2);
        // long: −3%; the exit bar's 96 low lies beyond the stop, so the worst held price is the exit, 97 → 3%
        assertThat(w.returnFor(1)).isCloseTo(-0.03, within(1e-12));
        assertThat(w.adverseExcursion(1)).isCloseTo(0.03, within(1e-12));
        // short on the same walk: +3%, worst held price is the highest high, 101 → 1%
        assertThat(w.returnFor(-1)).isCloseTo(0.03, within(1e-12));
        assertThat(w.adverseExcursion(-1)).isCloseTo(0.01, within(1e-12));
        // later bars are ignored
        assertThat(w.step(90, 120, 80, 100)).isTrue();
        assertThat(w.bars()).isEqualTo(2);
    }

    @Test
    void gapsFillAtTheOpenAndBothBarriersInOneBarCloseAtTheClose() {
        var w = new BarrierWalk();
        // bar 1 opens at 105, above the 104 upper barrier, and also trades down to 96: the gap decides, UPPER at 105
        w.start(100, 104, 97, 5);
        w.step(105, 106, 96, 100);
        assertThat(w.barrier()).isEqualTo(Barrier.UPPER);
        assertThat(w.touchPrice()).isEqualTo(105);
        // both barriers inside a bar that opened between them: BOTH, at the close 101 → +1% long
        w.start(100, 104, 97, 5);
        w.step(100, 104.5, 96.5, 101);
        assertThat(w.barrier()).isEqualTo(Barrier.BOTH);
        assertThat(w.returnFor(1)).isCloseTo(0.01, within(1e-12));
        // long adverse on a BOTH bar: its low 96.5 → 3.5%
        assertThat(w.adverseExcursion(1)).isCloseTo(0.035, within(1e-12));
    }

    @Test
    void theVerticalBarrierClosesAtTheHorizonBarsClose() {
        // horizon 2: bar 1 (l 99, h 102) and bar 2 (l 98, h 103, c 101.5) stay inside → VERTICAL at 101.5 after 2 bars
        var w = new BarrierWalk();
        w.start(100, 104, 97, 2);
        assertThat(w.step(100, 102, 99, 101)).isFalse();
        assertThat(w.step(101, 103, 98, 101.5)).isTrue();
        assertThat(w.barrier()).isEqualTo(Barrier.VERTICAL);
        assertThat(w.bars()).isEqualTo(2);
        assertThat(w.returnFor(1)).isCloseTo(0.015, within(1e-12));
        // the last bar was held through: its low 98 counts (2%), for a short its high 103 (3%)
        assertThat(w.adverseExcursion(1)).isCloseTo(0.02, within(1e-12));
        assertThat(w.adverseExcursion(-1)).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void refusesBadStarts() {
        var w = new BarrierWalk();
        assertThatThrownBy(() -> w.step(1, 1, 1, 1)).hasMessageContaining("step before start");
        assertThatThrownBy(() -> w.start(100, 96, 97, 3)).hasMessageContaining("upper 96.0, lower 97.0");
        assertThatThrownBy(() -> w.start(100, 104, 97, 0)).hasMessageContaining("horizon 0");
    }
}
