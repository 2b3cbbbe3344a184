package io.tradeloop.engine.backtest;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.market.Markets;
import io.tradeloop.engine.strategy.carry.FundingCarry;
import io.tradeloop.engine.strategy.sma.SmaCrossover;
import io.tradeloop.engine.report.HtmlReport;
import io.tradeloop.engine.report.JsonReport;
import io.tradeloop.engine.venue.JournalEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Both baselines on the shared real data: the path works end to end and the books balance. */
class RealDataBacktestTest {
    @Test
    void smaCrossoverOnCoinbaseBtc4h() {
        var file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        Assumptions.assumeTrue(file.isPresent(), SharedData.ABSENT);
        var bars = OhlcvCsvReader.read(file.get(), ReadPolicy.REPAIR).value();
        var feed = MarketFeed.of(Instrument.spot("coinbase", "BTC", "USD"), bars);
        var result = new Backtest(List.of(feed), new SmaCrossover(SmaCrossover.Config.defaults()), DefaultRisk.directional(),
                BacktestConfig.defaults()).run();
        var m = result.metrics();
        HtmlReport.write(result, java.nio.file.Path.of("target/reports/sma-btc-4h.html"));
        JsonReport.write(result, java.nio.file.Path.of("target/reports/sma-btc-4h.json"));
        assertThat(m.trades()).isGreaterThan(10);
        assertThat(result.journal().entries(JournalEntry.RiskChecked.class)).hasSizeGreaterThanOrEqualTo(m.trades() * 2);
        // Books balance: final equity = initial + Σ closed-trade P&L + the open trade's unrealised P&L less its
        // entry fee (long-only, so the last fill opened it; spot: no funding).
        double closed = result.trades().stream().mapToDouble(t -> t.pnlUsd()).sum();
        double open = result.openPositions().stream().mapToDouble(p -> p.unrealisedPnlUsd()).sum();
        double openFee = result.openPositions().isEmpty() ? 0 : result.journal().fills().getLast().feeUsd();
        assertThat(m.finalEquityUsd()).isCloseTo(m.initialEquityUsd() + closed + open - openFee, within(1e-6));
    }

    @Test
    void fundingCarryOnCrossExchange8h() {
        var file = SharedData.file("funding/cross_exchange_8h.csv");
        Assumptions.assumeTrue(file.isPresent(), SharedData.ABSENT);
        var feeds = Markets.crossExchangePerps(file.get(), List.of("BTC", "ETH"), false);
        var result = new Backtest(feeds, new FundingCarry(FundingCarry.Config.defaults()), DefaultRisk.carry(2),
                BacktestConfig.defaults()).run();
        var m = result.metrics();
        HtmlReport.write(result, java.nio.file.Path.of("target/reports/carry-2023.html"));
        JsonReport.write(result, java.nio.file.Path.of("target/reports/carry-2023.json"));
        assertThat(m.trades()).isGreaterThan(0);
        assertThat(m.fundingPaidUsd()).isNotZero();
    }
}
