package io.tradeloop.features.ta4j;

import io.tradeloop.core.series.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNumFactory;

import java.time.Duration;
import java.time.Instant;

/** Copies a tradeloop bar series into a ta4j series of DoubleNum bars (the reference for agreement tests). */
final class Ta4jBars {
    private Ta4jBars() {
    }

    static org.ta4j.core.BarSeries of(BarSeries bars) {
        org.ta4j.core.BarSeries s = new BaseBarSeriesBuilder().withName(bars.name())
                .withNumFactory(DoubleNumFactory.getInstance()).build();
        Duration period = Duration.ofMillis(bars.timeframe().millis());
        for (int i = 0; i < bars.size(); i++) {
            s.barBuilder().timePeriod(period).endTime(Instant.ofEpochMilli(bars.closeTimeMs(i)))
                    .openPrice(bars.open(i)).highPrice(bars.high(i)).lowPrice(bars.low(i)).closePrice(bars.close(i))
                    .volume(bars.volume(i)).add();
        }
        return s;
    }
}
