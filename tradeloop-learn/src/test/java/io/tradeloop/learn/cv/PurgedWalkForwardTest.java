package io.tradeloop.learn.cv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgedWalkForwardTest {

    @Test
    void purgesAndEmbargoesByHand() {
        // 12 samples at bars 0..11, each label reaches 2 bars ahead: window [i, i + 2]
        int[] start = new int[12];
        int[] end = new int[12];
        for (int i = 0; i < 12; i++) {
            start[i] = i;
            end[i] = i + 2;
        }
        // 2 folds → 3 blocks of 4: fold 0 tests 4..7, fold 1 tests 8..11
        var folds = PurgedWalkForward.anchored(2, 1).split(start, end);
        assertThat(folds).hasSize(2);
        assertThat(folds.get(0).test()).containsExactly(4, 5, 6, 7);
        // test span starts at bar 4; with embargo 1 a training label must end before bar 3: end = i + 2 < 3 → i ≤ 0
        assertThat(folds.get(0).train()).containsExactly(0);
        assertThat(folds.get(1).test()).containsExactly(8, 9, 10, 11);
        // test span starts at bar 8: i + 2 < 7 → i ≤ 4
        assertThat(folds.get(1).train()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void rollingWindowTrainsOnRecentSamplesOnly() {
        int[] start = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        int[] end = start.clone(); // labels decided at their own bar: nothing to purge
        var folds = new PurgedWalkForward(2, 0, 2).split(start, end);
        // blocks of 3: fold 1 tests 6..8 and trains on the 2 samples before it
        assertThat(folds.get(1).test()).containsExactly(6, 7, 8);
        assertThat(folds.get(1).train()).containsExactly(4, 5);
    }

    @Test
    void refusesUnorderedOrTooFewSamples() {
        assertThatThrownBy(() -> PurgedWalkForward.anchored(3, 0).split(new int[] {0, 1}, new int[] {0, 1}))
                .hasMessageContaining("2 samples").hasMessageContaining("at least 4");
        assertThatThrownBy(() -> PurgedWalkForward.anchored(1, 0).split(new int[] {0, 2, 1}, new int[] {0, 2, 1}))
                .hasMessageContaining("sample 2");
        assertThatThrownBy(() -> PurgedWalkForward.anchored(1, 0).split(new int[] {0, 2}, new int[] {0, 1}))
                .hasMessageContaining("ends (bar 1) before it starts (bar 2)");
    }

    @Test
    void chronologicalSplitPurgesEachBoundary() {
        // samples at bars 0..9, each label decided 1 bar later; validation from bar 4, test from bar 7, embargo 1
        int[] start = new int[10];
        int[] end = new int[10];
        for (int i = 0; i < 10; i++) {
            start[i] = i;
            end[i] = i + 1;
        }
        var s = ChronologicalSplit.of(start, end, 4, 7, 10, 1);
        assertThat(s.train()).containsExactly(0, 1);   // i < 4 and i + 1 < 4 − 1
        assertThat(s.validation()).containsExactly(4); // 4 ≤ i < 7 and i + 1 < 7 − 1
        assertThat(s.test()).containsExactly(7, 8, 9);
    }
}
