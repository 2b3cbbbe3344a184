package io.tradeloop.learn.gbm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TreeEnsembleTest {
    /**
     * Tree 0 (group 0): x0 &lt; 0.5 ? leaf 1.0 : (x1 &lt; 2 ? leaf −0.5 : leaf 0.25), missing x0 goes right.
     * Tree 1 (group 0): x1 &lt; 0 ? leaf 0.1 : leaf −0.1, missing goes left. Bias 0.3.
     */
    private static TreeEnsemble handTrees() {
        int[] left = {1, -1, 3, -1, -1, 6, -1, -1};
        int[] right = {2, -1, 4, -1, -1, 7, -1, -1};
        int[] feature = {0, 0, 1, 0, 0, 1, 0, 0};
        float[] thr = {0.5f, 1.0f, 2f, -0.5f, 0.25f, 0f, 0.1f, -0.1f};
        boolean[] dl = {false, false, false, false, false, true, false, false};
        return TreeEnsemble.of(new TreeEnsemble.TreeArrays(1, 2, new int[] {0, 5}, new int[] {0, 0}, left, right, feature, thr, dl,
                new double[] {0.3}));
    }

    @Test
    void walksTreesLikeXgboostByHand() {
        var t = handTrees();
        // x = (0.2, 5): tree 0 → 1.0; tree 1: 5 ≥ 0 → −0.1; margin 0.3 + 1.0 − 0.1 = 1.2
        assertThat(t.margin(new float[] {0.2f, 5}, 0)).isCloseTo(1.2, within(1e-6));
        // x = (0.5, 1): 0.5 is not < 0.5 → right; 1 < 2 → −0.5; tree 1: 1 ≥ 0 → −0.1; 0.3 − 0.5 − 0.1 = −0.3
        assertThat(t.margin(new float[] {0.5f, 1}, 0)).isCloseTo(-0.3, within(1e-6));
        // x = (NaN, NaN): tree 0 missing → right, then x1 missing at node 2 (default right) → 0.25; tree 1 missing → left 0.1
        // 0.3 + 0.25 + 0.1 = 0.65; the row sits at offset 2 of a longer buffer
        assertThat(t.margin(new float[] {9, 9, Float.NaN, Float.NaN}, 2)).isCloseTo(0.65, within(1e-6));
        double[] out = new double[1];
        t.margins(new float[] {0.2f, 5}, 0, out);
        assertThat(out[0]).isCloseTo(1.2, within(1e-6));
        assertThat(t.firstTrees(1).margin(new float[] {0.2f, 5}, 0)).isCloseTo(1.3, within(1e-6));
    }

    @Test
    void refusesArraysThatPointOutsideTheModel() {
        assertThatThrownBy(() -> TreeEnsemble.of(new TreeEnsemble.TreeArrays(1, 1, new int[] {0}, new int[] {0}, new int[] {5},
                new int[] {-1}, new int[] {0}, new float[] {0}, new boolean[] {false}, new double[] {0})))
                .hasMessageContaining("node 0");
    }
}
