package io.tradeloop.data.inspect;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.funding.CrossExchangeFundingReader;
import io.tradeloop.data.funding.PerpMarket;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VenueAlignmentTest {
    /** A venue sampling the same price path half a bar later than its peers. */
    private static PerpMarket market(String venue, double shiftBars) {
        DoubleUnaryOperator price = x -> 100 * Math.exp(0.02 * Math.sin(x / 3.0) + 0.001 * x);
        var b = BarSeries.builder(venue, Timeframe.H8);
        for (int i = 0; i < 200; i++) {
            double c = price.applyAsDouble(i + 1 + shiftBars);
            b.add(i * Timeframe.H8.millis(), c, c, c, c, 1);
        }
        return new PerpMarket(venue, "BTC", "BTCUSDT", InstrumentKind.LINEAR_PERPETUAL, b.build(),
                new FundingSeries(venue, "BTC", 8, new long[0], new double[0]));
    }

    @Test
    void flagsAVenueShiftedByHalfABar() {
        var r = VenueAlignment.check(List.of(market("okx", 0), market("bybit", 0), market("binance", 0.5)));
        assertThat(r).filteredOn(x -> x.key().startsWith("binance")).singleElement()
                .satisfies(x -> assertThat(x.aligned()).isFalse());
        // okx and bybit: lag 0 error is that of the one shifted peer (half of the 2 peers' mix), still the best fit
        assertThat(r).filteredOn(x -> !x.key().startsWith("binance")).allSatisfy(x -> assertThat(x.errSame()).isLessThan(x.errAfter()));
    }

    @Test
    void theRealCrossExchangeFileHasBinanceCandlesOffByHalfAPeriod() {
        var file = SharedData.file("funding/cross_exchange_8h.csv");
        assumeTrue(file.isPresent(), SharedData.ABSENT);
        var r = VenueAlignment.check(CrossExchangeFundingReader.read(file.get(), ReadPolicy.STRICT).value());
        assertThat(r).filteredOn(x -> x.key().startsWith("binance:") && x.key().endsWith("USDT") && !x.key().contains("/"))
                .isNotEmpty().allSatisfy(x -> assertThat(x.aligned()).as(x.note()).isFalse());
        assertThat(r).filteredOn(x -> x.key().startsWith("bybit:BTCUSDT")).allSatisfy(x -> assertThat(x.errSame()).isLessThan(x.errAfter()));
    }
}
