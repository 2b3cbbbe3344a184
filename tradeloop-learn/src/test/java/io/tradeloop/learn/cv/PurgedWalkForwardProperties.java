package io.tradeloop.learn.cv;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PurgedWalkForwardProperties {

    /** Random samples in time order with label windows of 0..horizon bars. */
    private static int[][] samples(long seed, int m, int horizon) {
        var rnd = new Random(seed);
        int[] start = new int[m];
        int[] end = new int[m];
        int bar = 0;
        for (int i = 0; i < m; i++) {
            bar += rnd.nextInt(3); // several samples may share a bar; gaps happen
            start[i] = bar;
            end[i] = bar + rnd.nextInt(horizon + 1);
        }
        return new int[][] {start, end};
    }

    @Property(tries = 300)
    void noTrainingLabelWindowReachesTheTestSpanOrItsEmbargo(@ForAll long seed, @ForAll @IntRange(min = 10, max = 400) int m,
                                                             @ForAll @IntRange(min = 0, max = 30) int horizon,
                                                             @ForAll @IntRange(min = 1, max = 8) int folds,
                                                             @ForAll @IntRange(min = 0, max = 20) int embargo,
                                                             @ForAll @IntRange(min = 0, max = 100) int rolling) {
        int[][] s = samples(seed, m, horizon);
        int[] start = s[0];
        int[] end = s[1];
        var folds_ = new PurgedWalkForward(folds, embargo, rolling).split(start, end);
        int previousTestEnd = -1;
        for (CvFold f : folds_) {
            assertThat(f.test()).isNotEmpty();
            // test blocks follow each other in time
            assertThat(f.test()[0]).isGreaterThan(previousTestEnd);
            previousTestEnd = f.test()[f.test().length - 1];
            int testFirstBar = Arrays.stream(f.test()).map(j -> start[j]).min().orElseThrow();
            for (int i : f.train()) {
                // training only from the past, never a test row
                assertThat(i).isLessThan(f.test()[0]);
                for (int j : f.test()) {
                    // the leakage criterion itself: no training label window overlaps any test label window
                    boolean overlap = start[i] <= end[j] && start[j] <= end[i];
                    assertThat(overlap).as("train %d [%d,%d] vs test %d [%d,%d]", i, start[i], end[i], j, start[j], end[j]).isFalse();
                }
                // and it ends at least embargo bars before the test span
                assertThat(end[i]).isLessThan(testFirstBar - embargo);
            }
        }
    }

    @Property(tries = 200)
    void purgingKeepsEverySampleThatCannotLeak(@ForAll long seed, @ForAll @IntRange(min = 10, max = 300) int m,
                                               @ForAll @IntRange(min = 0, max = 10) int horizon,
                                               @ForAll @IntRange(min = 0, max = 5) int embargo) {
        // the purge is not allowed to throw away more than it must (an empty train set would pass the leakage check trivially)
        int[][] s = samples(seed, m, horizon);
        var f = PurgedWalkForward.anchored(1, embargo).split(s[0], s[1]).get(0);
        int testFirstBar = Arrays.stream(f.test()).map(j -> s[0][j]).min().orElseThrow();
        long expected = java.util.stream.IntStream.range(0, f.test()[0]).filter(i -> s[1][i] < testFirstBar - embargo).count();
        assertThat(f.train()).hasSize((int) expected);
    }
}
