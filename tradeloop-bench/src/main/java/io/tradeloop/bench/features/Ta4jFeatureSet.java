package io.tradeloop.bench.features;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.set.FeatureSpec;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.numeric.NumericIndicator;
import org.ta4j.core.indicators.numeric.UnaryOperationIndicator;
import org.ta4j.core.indicators.statistics.SigmaIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The same feature set built from ta4j 0.22.2 DoubleNum indicators, one ta4j indicator per column in the
 * set's column order: the reference the feature benchmark times and checks ours against. Only base-
 * timeframe features (a coarser-timeframe spec is refused).
 */
public final class Ta4jFeatureSet {
    private Ta4jFeatureSet() {
    }

    /** A ta4j series holding {@code bars} as DoubleNum bars. */
    public static org.ta4j.core.BarSeries series(BarSeries bars) {
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

    /** New (empty-cache) ta4j indicators for every column of {@code set} on {@code ta}. */
    public static List<Indicator<Num>> indicators(FeatureSetDefinition set, org.ta4j.core.BarSeries ta) {
        List<Indicator<Num>> out = new ArrayList<>();
        ClosePriceIndicator close = new ClosePriceIndicator(ta);
        NumericIndicator c = NumericIndicator.closePrice(ta);
        for (FeatureSpec spec : set.features()) {
            switch (spec) {
                case FeatureSpec.Returns r -> out.add(UnaryOperationIndicator.log(c.dividedBy(c.previous(r.horizon()))));
                case FeatureSpec.Rsi r -> out.add(new RSIIndicator(close, r.period()));
                case FeatureSpec.Macd m -> {
                    MACDIndicator line = new MACDIndicator(close, m.fast(), m.slow());
                    EMAIndicator signal = line.getSignalLine(m.signal());
                    Indicator<Num> hist = NumericIndicator.of(line).minus(signal);
                    for (Indicator<Num> x : List.of(line, signal, hist)) {
                        out.add(m.relative() ? NumericIndicator.of(x).dividedBy(close) : x);
                    }
                }
                case FeatureSpec.Bollinger b -> {
                    var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, b.period()));
                    var sd = new StandardDeviationIndicator(close, b.period());
                    Num k = ta.numFactory().numOf(b.k());
                    out.add(new BollingerBandWidthIndicator(new BollingerBandsUpperIndicator(middle, sd, k), middle,
                            new BollingerBandsLowerIndicator(middle, sd, k)));
                    out.add(new PercentBIndicator(close, b.period(), b.k()));
                }
                case FeatureSpec.Atr a -> {
                    ATRIndicator atr = new ATRIndicator(ta, a.period());
                    out.add(a.relative() ? NumericIndicator.of(atr).dividedBy(close) : atr);
                }
                case FeatureSpec.Adx a -> {
                    out.add(new ADXIndicator(ta, a.period(), a.adxPeriod()));
                    out.add(new PlusDIIndicator(ta, a.period()));
                    out.add(new MinusDIIndicator(ta, a.period()));
                }
                case FeatureSpec.Stochastic s -> {
                    var k = new StochasticOscillatorKIndicator(ta, s.period());
                    out.add(k);
                    out.add(new StochasticOscillatorDIndicator(new SMAIndicator(k, s.smoothing())));
                }
                case FeatureSpec.ObvSlope o -> {
                    NumericIndicator obv = NumericIndicator.of(new OnBalanceVolumeIndicator(ta));
                    out.add(obv.minus(obv.previous(o.period())).dividedBy(NumericIndicator.volume(ta).sma(o.period()).multipliedBy(o.period())));
                }
                case FeatureSpec.VolumeZScore v -> out.add(new SigmaIndicator(new VolumeIndicator(ta), v.period()));
                case FeatureSpec.RealisedVol v -> {
                    var r = NumericIndicator.of(UnaryOperationIndicator.log(c.dividedBy(c.previous(1))));
                    out.add(r.squared().sma(v.period()).sqrt());
                }
                case FeatureSpec.OnTimeframe t -> throw new IllegalArgumentException(
                        "the ta4j reference covers base-timeframe features only, not " + t.canonical());
            }
        }
        return out;
    }
}
