package io.tradeloop.engine.walkforward;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** For any span, lengths, step and embargo: train and test never overlap and every test follows its training. */
class WalkForwardProperties {
    static final long H = 3_600_000L;

    @Property(tries = 500)
    void testAlwaysFollowsTrainAfterTheEmbargo(@ForAll @LongRange(min = 0, max = 1_000_000) long startH,
                                               @ForAll @IntRange(min = 1, max = 5000) int spanH,
                                               @ForAll @IntRange(min = 1, max = 2000) int trainH,
                                               @ForAll @IntRange(min = 1, max = 500) int testH,
                                               @ForAll @IntRange(min = 1, max = 500) int stepH,
                                               @ForAll @IntRange(min = 0, max = 200) int embargoH,
                                               @ForAll boolean anchored) {
        var span = new TimeRange(startH * H, (startH + spanH) * H);
        var wf = new WalkForward(anchored ? WalkForward.Mode.ANCHORED : WalkForward.Mode.ROLLING, trainH * H, testH * H,
                stepH * H, embargoH * H);
        List<Split> splits;
        try {
            splits = wf.splits(span);
        } catch (ConfigException e) {
            Assume.that(false); // nothing fits: covered by the example test
            return;
        }
        Split prev = null;
        for (Split s : splits) {
            assertThat(s.train().overlaps(s.test())).isFalse();
            assertThat(s.test().fromMs()).isEqualTo(s.train().toMs() + embargoH * H);
            assertThat(s.train().fromMs()).isGreaterThanOrEqualTo(span.fromMs());
            assertThat(s.test().toMs()).isLessThanOrEqualTo(span.toMs());
            assertThat(s.test().lengthMs()).isEqualTo(testH * H);
            if (anchored) assertThat(s.train().fromMs()).isEqualTo(span.fromMs());
            else assertThat(s.train().lengthMs()).isEqualTo(trainH * H);
            if (prev != null) {
                assertThat(s.test().fromMs()).isGreaterThan(prev.test().fromMs());
                assertThat(s.index()).isEqualTo(prev.index() + 1);
            }
            prev = s;
        }
    }

    @Property(tries = 200)
    void theBarsOfTrainAndTestNeverShareTime(@ForAll @IntRange(min = 50, max = 400) int bars,
                                             @ForAll @IntRange(min = 5, max = 100) int trainH,
                                             @ForAll @IntRange(min = 1, max = 50) int testH,
                                             @ForAll @IntRange(min = 0, max = 10) int embargoH,
                                             @ForAll @IntRange(min = 0, max = 3) int offsetQuarterH) {
        // 1 h bars; boundaries may fall inside a bar (offset by quarter hours).
        var b = BarSeries.builder("h", Timeframe.H1, bars);
        for (int i = 0; i < bars; i++) b.add(i * H, 1, 1, 1, 1, 1);
        var series = b.build();
        var span = new TimeRange(offsetQuarterH * H / 4, bars * H);
        var wf = new WalkForward(WalkForward.Mode.ROLLING, trainH * H, testH * H, testH * H, embargoH * H);
        List<Split> splits;
        try {
            splits = wf.splits(span);
        } catch (ConfigException e) {
            Assume.that(false);
            return;
        }
        for (Split s : splits) {
            var train = s.train().barsWithin(series);
            var test = s.test().barsWithin(series);
            if (train.size() == 0 || test.size() == 0) continue;
            // The last training bar has closed before the first test bar opens.
            assertThat(series.closeTimeMs(train.to() - 1)).isLessThanOrEqualTo(series.openTimeMs(test.from()));
            assertThat(series.closeTimeMs(train.to() - 1)).isLessThanOrEqualTo(s.train().toMs());
            assertThat(series.openTimeMs(test.from())).isGreaterThanOrEqualTo(s.test().fromMs());
        }
    }
}
