package io.tradeloop.decide.train;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.decide.pipeline.BarInputs;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.learn.gbm.GbmTrainer;
import io.tradeloop.learn.label.TripleBarrierConfig;
import io.tradeloop.learn.label.TripleBarrierLabeler;
import io.tradeloop.learn.model.TrainingRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The serving path (bar by bar) must hand the models exactly the rows and volatility targets training used. */
class ServingParityTest {

    @Test
    void barByBarInputsEqualTheTrainingRowsOnRealBtc() {
        var file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        Assumptions.assumeTrue(file.isPresent(), SharedData.ABSENT);
        BarSeries bars = OhlcvCsvReader.read(file.get(), ReadPolicy.REPAIR).value().withName("BTC");
        bars = bars.slice(bars.firstOpenTimeMs(), TimeFormat.parse("2019-01-01"));
        var def = FeatureSetDefinition.builtin("directional-4h");
        var asset = AssetFeatures.of("BTC", bars, def, TimeFormat.parse("2018-06-01"), 12);
        // a small primary model on the real columns, only to build a bundle the serving path accepts
        int f = asset.cols();
        var x = new DesignMatrix(asset.scaled(), asset.rows(), f, asset.columns());
        var labels = new TripleBarrierLabeler(TripleBarrierConfig.defaults()).label(bars);
        int[] rows = IntStream.range(asset.firstReady(), bars.size() - 20).filter(labels::isLabelled).toArray();
        int[] y = IntStream.of(rows).map(labels::classIndex).toArray();
        var primary = new GbmTrainer(new GbmConfig(5, 5, 0.3, 2, 1, 1, 1, 1, 1)).trainClassifier(x.select(rows), y, x.select(rows), y, 3,
                TrainingRun.synthetic("p", 1));
        var models = new DirectionalModels(primary, null, null, null, Map.of("gbm", 1.0), 0.5, 0.1, TripleBarrierConfig.defaults(), def.id(),
                asset.columns(), Map.of());
        var inputs = new BarInputs(models, asset.scaler(), def, Timeframe.H4, asset.daily());
        double[] sigma = TripleBarrierLabeler.rollingLogReturnStd(bars.closes(), bars.size(), TripleBarrierConfig.defaults().volWindow());
        int checked = 0;
        for (int i = 0; i < bars.size(); i++) {
            inputs.update(bars.closeTimeMs(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            assertThat(inputs.ready()).isEqualTo(i >= asset.firstReady() && !Double.isNaN(sigma[i]));
            if (!inputs.ready()) continue;
            var in = inputs.input(0, 0, 0);
            for (int j = 0; j < f; j++) {
                assertThat(in.features()[j]).as("bar %d column %s", i, asset.columns().get(j)).isEqualTo(asset.scaled()[i * f + j]);
            }
            // the stop width the serving path derives is the labels' τ = max(floor, σ √h)
            assertThat(in.targetReturn()).isCloseTo(Math.max(0.002, sigma[i] * Math.sqrt(12)), within(1e-12));
            checked++;
        }
        assertThat(checked).isGreaterThan(3000);
    }
}
