package io.tradeloop.cli;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.funding.CarryRule;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.catalog.Catalog;
import io.tradeloop.data.catalog.DefaultData;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.market.Markets;
import io.tradeloop.engine.report.HtmlReport;
import io.tradeloop.engine.report.JsonReport;
import io.tradeloop.engine.strategy.carry.FundingCarry;
import io.tradeloop.engine.strategy.sma.SmaCrossover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop demo}: the main job on embedded defaults, with no services and no arguments. Imports the
 * default real data into the catalog, runs the baselines and writes their reports.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the main job on embedded defaults: imports the default real data (ta4j-examples on the",
                "class path; ../shared/data when present), runs the baselines and writes their reports."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "out/demo", description = "where reports go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--catalog", description = "catalog folder (default: -Dtradeloop.catalog, $TRADELOOP_CATALOG or ~/.tradeloop/catalog)")
    Path catalogDir;

    @Override
    public Integer call() throws IOException {
        PrintStream o = System.out;
        Files.createDirectories(out);
        Path catalog = catalogDir != null ? catalogDir : Catalog.defaultDir();
        o.println("1/3 default data -> catalog " + catalog);
        var entries = DefaultData.ensureImported(catalog);
        entries.forEach(e -> o.println("    " + e.name() + " " + (e.timeframe() == null ? "trades" : e.timeframe()) + " " + e.rows() + " rows"));

        o.println("2/3 SMA crossover baseline on real Bitstamp BTC/USD 5m bars (aggregated from the ta4j-examples trades)");
        BarSeries btc;
        try (Catalog c = Catalog.open(catalog)) {
            btc = c.loadBars(DefaultData.BTC, Timeframe.M5);
        }
        Instrument spot = Instrument.spot("bitstamp", "BTC", "USD");
        var sma = new Backtest(List.of(MarketFeed.of(spot, btc)),
                new SmaCrossover(new SmaCrossover.Config(0, 12, 48, 0.95, 1)), DefaultRisk.directional(),
                BacktestConfig.defaults()).run();
        report(o, sma, "sma-bitstamp-btc-5m");

        var cross = SharedData.file("funding/cross_exchange_8h.csv");
        if (cross.isPresent()) {
            o.println("3/3 greedy funding-carry baseline on real Binance/Bybit/OKX BTC+ETH perpetuals, 2023");
            var feeds = Markets.crossExchangePerps(cross.get(), List.of("BTC", "ETH"), false);
            var carry = new Backtest(feeds, new FundingCarry(new FundingCarry.Config(new CarryRule(0, 0, 21, 0.15), 2, 0.8)),
                    DefaultRisk.carry(2), BacktestConfig.defaults()).run();
            report(o, carry, "carry-cross-exchange-2023");
        } else {
            o.println("3/3 carry baseline skipped: " + SharedData.ABSENT);
        }
        o.println("done: reports in " + out.toAbsolutePath());
        return 0;
    }

    private void report(PrintStream o, BacktestResult r, String name) throws IOException {
        Path html = out.resolve(name + ".html");
        HtmlReport.write(r, html);
        JsonReport.write(r, out.resolve(name + ".json"));
        var m = r.metrics();
        o.printf(Locale.ROOT, "    total return %.2f%%, Sharpe %.2f, max drawdown %.2f%%, %d trades -> %s%n",
                100 * m.totalReturn(), m.sharpe(), 100 * m.maxDrawdown(), m.trades(), html.toAbsolutePath());
    }
}
