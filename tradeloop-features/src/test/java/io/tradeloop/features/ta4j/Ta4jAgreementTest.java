package io.tradeloop.features.ta4j;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.features.set.CellStatus;
import io.tradeloop.features.set.FeatureMatrix;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.set.FeatureSpec;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.features.indicator.AverageTrueRange;
import io.tradeloop.features.indicator.BarIndicator;
import io.tradeloop.features.indicator.BollingerBands;
import io.tradeloop.features.indicator.DirectionalMovement;
import io.tradeloop.features.indicator.LogReturn;
import io.tradeloop.features.indicator.Macd;
import io.tradeloop.features.indicator.OnBalanceVolumeSlope;
import io.tradeloop.features.indicator.RealisedVolatility;
import io.tradeloop.features.indicator.RelativeStrengthIndex;
import io.tradeloop.features.indicator.StochasticOscillator;
import io.tradeloop.features.indicator.VolumeZScore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.ta4j.core.num.Num;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every indicator against ta4j 0.22.2 (DoubleNum) on the real Coinbase BTC-USD 4h file: from the first
 * bar ours is defined, ta4j must be defined too and agree within {@link #TOLERANCE} relative (absolute
 * below 1). Ours copy ta4j's seeding, so the comparison starts at the first defined value, not after a
 * long settling period. The agreement table of docs/features.md is this test's log output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ta4jAgreementTest {
    private static final Logger LOG = LoggerFactory.getLogger(Ta4jAgreementTest.class);
    static final double TOLERANCE = 1e-9;

    private BarSeries bars;
    private org.ta4j.core.BarSeries ta;
    private ClosePriceIndicator close;
    private final List<String> table = new ArrayList<>();

    @BeforeAll
    void load() {
        Path file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv").orElse(null);
        assumeTrue(file != null, SharedData.ABSENT);
        bars = OhlcvCsvReader.read(file, ReadPolicy.STRICT).value();
        ta = Ta4jBars.of(bars);
        close = new ClosePriceIndicator(ta);
    }

    @AfterAll
    void printTable() {
        if (!table.isEmpty()) {
            LOG.info("ta4j agreement on {} ({} bars):\n| indicator | output | first defined bar | bars compared | max abs diff | max diff / max(1, abs(ta4j)) |\n|---|---|---:|---:|---:|---:|\n{}",
                    bars.name(), bars.size(), String.join("\n", table));
        }
    }

    /** Feeds every bar to {@code ours} and records output {@code k} per bar. */
    private double[][] run(BarIndicator ours) {
        double[][] out = new double[ours.outputs() + 1][bars.size()]; // last row: 1 when ready
        for (int i = 0; i < bars.size(); i++) {
            ours.update(bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            boolean ready = true;
            for (int k = 0; k < ours.outputs(); k++) {
                out[k][i] = ours.value(k);
                ready &= ours.ready(k);
            }
            out[ours.outputs()][i] = ready ? 1 : 0;
        }
        return out;
    }

    private static IntToDoubleFunction of(Indicator<Num> ta4j) {
        return i -> {
            Num v = ta4j.getValue(i);
            return v == null || v.isNaN() ? Double.NaN : v.doubleValue();
        };
    }

    private void agree(String name, String output, double[] ours, boolean[] ready, IntToDoubleFunction reference) {
        int first = -1;
        int compared = 0;
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < ours.length; i++) {
            if (!ready[i]) {
                assertThat(ours[i]).as("%s %s at bar %d is NaN while warming up", name, output, i).isNaN();
                continue;
            }
            if (first < 0) first = i;
            double ref = reference.applyAsDouble(i);
            double x = ours[i];
            assertThat(Double.isNaN(x)).as("%s %s at bar %d: ours %s, ta4j %s", name, output, i, x, ref).isEqualTo(Double.isNaN(ref));
            if (Double.isNaN(x)) continue;
            double abs = Math.abs(x - ref);
            double rel = abs / Math.max(1.0, Math.abs(ref));
            assertThat(rel).as("%s %s at bar %d (%s): ours %s, ta4j %s", name, output, i,
                    io.tradeloop.core.time.TimeFormat.iso(bars.closeTimeMs(i)), x, ref).isLessThanOrEqualTo(TOLERANCE);
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
            compared++;
        }
        assertThat(compared).as("%s %s compared values", name, output).isGreaterThan(bars.size() - 200);
        table.add(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %.2e | %.2e |", name, output, first, compared, maxAbs, maxRel));
    }

    private void agree(String name, BarIndicator ours, List<IntToDoubleFunction> references) {
        double[][] out = run(ours);
        for (int k = 0; k < ours.outputs(); k++) {
            boolean[] ready = new boolean[bars.size()];
            // per-output readiness: recompute by replaying (cheap) so each output is checked from its own first bar
            ours.reset();
            for (int i = 0; i < bars.size(); i++) {
                ours.update(bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
                ready[i] = ours.ready(k);
            }
            agree(name, ours.outputName(k), out[k], ready, references.get(k));
        }
    }

    @Test
    void logReturns() {
        for (int h : new int[] {1, 6, 42}) {
            NumericIndicator c = NumericIndicator.closePrice(ta);
            Indicator<Num> ref = UnaryOperationIndicator.log(c.dividedBy(c.previous(h)));
            agree("returns(" + h + ")", new LogReturn(h), List.of(of(ref)));
        }
    }

    @Test
    void rsi() {
        agree("rsi(14)", new RelativeStrengthIndex(14), List.of(of(new RSIIndicator(close, 14))));
        agree("rsi(2)", new RelativeStrengthIndex(2), List.of(of(new RSIIndicator(close, 2))));
    }

    @Test
    void macd() {
        MACDIndicator m = new MACDIndicator(close, 12, 26);
        agree("macd(12,26,9)", new Macd(12, 26, 9, false), List.of(of(m), of(m.getSignalLine(9)), of(m.getHistogram(9))));
        double[] c = bars.closes();
        agree("macd(12,26,9) relative", new Macd(12, 26, 9, true), List.of(
                i -> of(m).applyAsDouble(i) / c[i], i -> of(m.getSignalLine(9)).applyAsDouble(i) / c[i],
                i -> of(m.getHistogram(9)).applyAsDouble(i) / c[i]));
    }

    @Test
    void bollinger() {
        var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        var sd = new StandardDeviationIndicator(close, 20);
        Num k = ta.numFactory().numOf(2.0);
        var upper = new BollingerBandsUpperIndicator(middle, sd, k);
        var lower = new BollingerBandsLowerIndicator(middle, sd, k);
        agree("bollinger(20,2)", new BollingerBands(20, 2.0), List.of(
                of(new BollingerBandWidthIndicator(upper, middle, lower)), of(new PercentBIndicator(close, 20, 2.0))));
    }

    @Test
    void atr() {
        ATRIndicator atr = new ATRIndicator(ta, 14);
        agree("atr(14)", new AverageTrueRange(14, false), List.of(of(atr)));
        double[] c = bars.closes();
        agree("atr(14) relative", new AverageTrueRange(14, true), List.of(i -> of(atr).applyAsDouble(i) / c[i]));
    }

    @Test
    void adx() {
        agree("adx(14,14)", new DirectionalMovement(14, 14), List.of(of(new ADXIndicator(ta, 14, 14)),
                of(new PlusDIIndicator(ta, 14)), of(new MinusDIIndicator(ta, 14))));
        agree("adx(7,20)", new DirectionalMovement(7, 20), List.of(of(new ADXIndicator(ta, 7, 20)),
                of(new PlusDIIndicator(ta, 7)), of(new MinusDIIndicator(ta, 7))));
    }

    @Test
    void stochastic() {
        var k = new StochasticOscillatorKIndicator(ta, 14);
        agree("stochastic(14,3)", new StochasticOscillator(14, 3), List.of(of(k), of(new StochasticOscillatorDIndicator(k))));
    }

    @Test
    void obvSlope() {
        var obv = new OnBalanceVolumeIndicator(ta);
        var volumeSum = NumericIndicator.volume(ta).sma(20).multipliedBy(20);
        agree("obvSlope(20)", new OnBalanceVolumeSlope(20), List.of(
                i -> (of(obv).applyAsDouble(i) - of(obv).applyAsDouble(i - 20)) / of(volumeSum).applyAsDouble(i)));
    }

    @Test
    void volumeZScore() {
        agree("volumeZScore(50)", new VolumeZScore(50), List.of(of(new SigmaIndicator(new VolumeIndicator(ta), 50))));
    }

    @Test
    void dailyColumnsAreTa4jOnTheDailyBarsClosedByEachRow() {
        // daily bars from the 4h file (data's resampler); a daily column at a 4h row must equal ta4j's value
        // on the newest daily bar closed by that row's close time (core's lastClosedAt, not our cursor)
        BarSeries days = BarResampler.resample(bars, Timeframe.D1, PartialBars.DROP).bars();
        org.ta4j.core.BarSeries taDays = Ta4jBars.of(days);
        ClosePriceIndicator dayClose = new ClosePriceIndicator(taDays);
        MACDIndicator macd = new MACDIndicator(dayClose, 12, 26);
        FeatureSetDefinition set = new FeatureSetDefinition("daily", 0, List.of(
                new FeatureSpec.OnTimeframe(Timeframe.D1, new FeatureSpec.Rsi(14)),
                new FeatureSpec.OnTimeframe(Timeframe.D1, new FeatureSpec.Macd(12, 26, 9, false)),
                new FeatureSpec.OnTimeframe(Timeframe.D1, new FeatureSpec.Adx(14, 14))));
        FeatureMatrix m = FeatureMatrix.compute(set, bars, Map.of(Timeframe.D1, days));
        List<Indicator<Num>> refs = List.of(new RSIIndicator(dayClose, 14), macd, macd.getSignalLine(9), macd.getHistogram(9),
                new ADXIndicator(taDays, 14, 14), new PlusDIIndicator(taDays, 14), new MinusDIIndicator(taDays, 14));
        for (int k = 0; k < m.columnCount(); k++) {
            boolean[] ready = new boolean[m.rows()];
            for (int i = 0; i < m.rows(); i++) ready[i] = m.status(k, i) != CellStatus.WARMUP;
            Indicator<Num> ref = refs.get(k);
            agree("daily " + m.columns().get(k), "value", m.column(k), ready,
                    i -> of(ref).applyAsDouble(days.lastClosedAt(m.closeTimeMs(i))));
        }
    }

    @Test
    void realisedVolatility() {
        NumericIndicator c = NumericIndicator.closePrice(ta);
        var r = NumericIndicator.of(UnaryOperationIndicator.log(c.dividedBy(c.previous(1))));
        agree("realisedVol(30)", new RealisedVolatility(30), List.of(of(r.squared().sma(30).sqrt())));
    }
}
