package io.tradeloop.engine.strategy.ensemble;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.decide.record.Action;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.decide.train.AssetFeatures;
import io.tradeloop.decide.train.DirectionalTrainer;
import io.tradeloop.decide.train.TrainConfig;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.risk.RecordedMarket;
import io.tradeloop.risk.RiskLayers;
import io.tradeloop.risk.TradingActivity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The directional stack trades the real 2023-H2 BTC bars through the backtester and the risk layer, and explains every bar. */
class EnsembleStrategyTest {

    @Test
    void fullRiskLevelTradesTheTestPeriodAndRecordsEveryDecision() {
        var file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        Assumptions.assumeTrue(file.isPresent(), SharedData.ABSENT);
        BarSeries all = OhlcvCsvReader.read(file.get(), ReadPolicy.REPAIR).value().withName("BTC");
        var def = FeatureSetDefinition.builtin("directional-4h");
        var cfg = TrainConfig.standard(3).withGbm(new GbmConfig(30, 10, 0.1, 3, 0.8, 0.8, 20, 5, 1)).withSequence(null);
        var asset = AssetFeatures.of("BTC", all, def, cfg.validationStartMs(), 12);
        var models = new DirectionalTrainer(cfg).train(List.of(asset)).models();

        long test = cfg.testStartMs();
        long tf = all.timeframe().millis();
        BarSeries history = all.slice(all.firstOpenTimeMs(), test - tf);
        BarSeries testBars = all.slice(test - tf, TimeFormat.parse("2024-01-01"));
        var market = new RecordedMarket(2000);
        var activity = TradingActivity.standard();
        var strategy = new EnsembleStrategy(models, asset.scaler(), new EnsembleStrategy.Config(0, StackLevel.RISK, StackConfig.defaults(), def,
                history, asset.daily()), null, market, activity);
        var inst = Instrument.linearPerp("coinbase", "BTC").withFees(0.0005, 0.001);
        var result = new Backtest(List.of(MarketFeed.of(inst, testBars)), strategy, RiskLayers.directional(), BacktestConfig.defaults(), null,
                market, activity).run();

        List<Decision> ds = strategy.decisions();
        // one decision per bar except those waiting for an order to fill
        assertThat(ds.size()).isGreaterThan(testBars.size() * 9 / 10);
        for (int i = 1; i < ds.size(); i++) assertThat(ds.get(i).timeMs()).isGreaterThan(ds.get(i - 1).timeMs());
        assertThat(ds.get(0).timeMs()).isGreaterThanOrEqualTo(test);
        var entries = ds.stream().filter(d -> d.action() instanceof Action.Enter).toList();
        assertThat(entries).isNotEmpty();
        // every entry went through all nine rules of the risk layer and carries its gates and size breakdown
        for (Decision d : entries) {
            assertThat(d.risk()).hasSize(9);
            assertThat(d.gates()).extracting(g -> g.gate()).containsExactly("meta", "confidence", "regime", "fuzzy");
            assertThat(d.sizing().finalFraction()).isLessThanOrEqualTo(d.sizing().riskBudgetCap() + 1e-12);
        }
        // the recorded activity is what the stateful rules saw: every filled entry was recorded
        assertThat(result.metrics().trades() + result.metrics().openTrades()).isLessThanOrEqualTo(entries.size());
        assertThat(market.returns(inst.id()).size()).isGreaterThan(1000); // history plus test bars
        // time exits hold the label horizon: no trade lasts longer than 12 bars plus the bar its exit fills in
        for (var t : result.trades()) {
            int bars = testBars.lowerBound(t.exitMs()) - testBars.lowerBound(t.entryMs());
            assertThat(bars).as("trade %s", t).isLessThanOrEqualTo(13);
        }
    }
}
