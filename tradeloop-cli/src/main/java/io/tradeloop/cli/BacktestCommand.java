package io.tradeloop.cli;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.funding.CarryRule;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.engine.backtest.Backtest;
import io.tradeloop.engine.backtest.BacktestConfig;
import io.tradeloop.engine.backtest.BacktestResult;
import io.tradeloop.engine.backtest.DefaultRisk;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.market.Markets;
import io.tradeloop.engine.report.HtmlReport;
import io.tradeloop.engine.report.JsonReport;
import io.tradeloop.engine.report.MetricTable;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.carry.FundingCarry;
import io.tradeloop.engine.strategy.sma.SmaCrossover;
import io.tradeloop.engine.venue.SlippageModel;
import io.tradeloop.risk.RiskEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tradeloop backtest}: runs a baseline strategy over historical data and writes its report. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a strategy over historical data through the simulated venue and the risk engine.",
                "Orders decided at a bar's close fill at the next bar's open ± slippage (docs/backtest.md)."})
public final class BacktestCommand implements Callable<Integer> {
    /** The strategies this command can run. */
    enum StrategyName { sma, carry, ensemble }

    @Option(names = "--strategy", required = true, description = "sma (SMA crossover on one OHLCV file), carry (funding carry on the "
            + "cross-exchange file) or ensemble (the directional stack of a run trained by 'tradeloop train directional')")
    StrategyName strategy;

    @Option(names = "--model", defaultValue = "runs/directional", description = "ensemble: the trained run's folder (default ${DEFAULT-VALUE})")
    Path model;

    @Option(names = "--level", defaultValue = "ADAPTER", description = "ensemble: the stack level, PRIMARY, META, ENSEMBLE, GATES, RISK "
            + "or ADAPTER (default ${DEFAULT-VALUE}: every layer)")
    io.tradeloop.decide.pipeline.StackLevel level;

    @Option(names = "--asset", defaultValue = "BTC", description = "ensemble: whose scaler the run uses for this file (default ${DEFAULT-VALUE})")
    String asset;

    @Option(names = "--data", description = "data file; sma: an OHLCV CSV (default ../shared/data/ohlcv/coinbase_BTC-USD_4h.csv), "
            + "carry: the cross-exchange funding CSV (default ../shared/data/funding/cross_exchange_8h.csv)")
    List<Path> data;

    @Option(names = "--from", description = "first bar open time (2023-01-01 or ISO-8601 UTC), inclusive")
    String from;

    @Option(names = "--to", description = "end time, exclusive")
    String to;

    @Option(names = "--capital", defaultValue = "10000", description = "starting capital in USD (default ${DEFAULT-VALUE})")
    double capital;

    @Option(names = "--fee-taker", description = "taker fee as a fraction of notional (default: the instrument's: spot 0.001, perpetual 0.0005)")
    Double takerFee;

    @Option(names = "--fee-maker", description = "maker fee as a fraction of notional (default: the instrument's: spot 0.001, perpetual 0.0002)")
    Double makerFee;

    @Option(names = "--slippage-bps", defaultValue = "1.0", description = "fixed slippage in basis points (default ${DEFAULT-VALUE})")
    double slippageBps;

    @Option(names = "--slippage-impact", defaultValue = "0.5", description = "impact coefficient k in k × range × √(qty/volume) (default ${DEFAULT-VALUE}; 0 = off)")
    double slippageImpact;

    @Option(names = "--slippage-max-bps", defaultValue = "500", description = "slippage cap in basis points (default ${DEFAULT-VALUE})")
    double slippageMaxBps;

    @Option(names = "--periods-per-year", description = "annualisation factor (default 365 days / bar timeframe; use 252 for daily equity bars)")
    Double periodsPerYear;

    @Option(names = "--report", description = "write the HTML report here")
    Path report;

    @Option(names = "--json", description = "write the numbers as JSON here")
    Path json;

    @Option(names = "--timeframe", description = "sma: bar timeframe (default: inferred from the file)")
    String timeframe;

    @Option(names = "--fast", defaultValue = "50", description = "sma: fast window in bars (default ${DEFAULT-VALUE})")
    int fast;

    @Option(names = "--slow", defaultValue = "200", description = "sma: slow window in bars (default ${DEFAULT-VALUE})")
    int slow;

    @Option(names = "--allocation", defaultValue = "0.95", description = "sma: fraction of equity per entry (default ${DEFAULT-VALUE})")
    double allocation;

    @Option(names = "--bases", split = ",", defaultValue = "BTC,ETH", description = "carry: assets (default ${DEFAULT-VALUE})")
    List<String> bases;

    @Option(names = "--inverse", description = "carry: also trade the coin-margined (inverse) perpetuals")
    boolean inverse;

    @Option(names = "--entry-edge-bps", defaultValue = "0", description = "carry: net edge per 8 h (bps of notional) an entry must beat (default ${DEFAULT-VALUE})")
    double entryEdgeBps;

    @Option(names = "--exit-bps", defaultValue = "0", description = "carry: exit when the differential per 8 h falls below this (bps; default ${DEFAULT-VALUE})")
    double exitBps;

    @Option(names = "--amortisation", defaultValue = "21", description = "carry: funding periods the round-trip fees are spread over (default ${DEFAULT-VALUE})")
    int amortisation;

    @Option(names = "--leverage", defaultValue = "2", description = "carry: leverage per leg (default ${DEFAULT-VALUE})")
    double leverage;

    @Option(names = "--capital-fraction", defaultValue = "0.8", description = "carry: share of equity used as margin (default ${DEFAULT-VALUE})")
    double capitalFraction;

    @Option(names = "--liquidation-buffer", defaultValue = "0.15", description = "carry: close a pair when a leg is this close to liquidation (default ${DEFAULT-VALUE})")
    double liquidationBuffer;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path file = dataFile();
        if (strategy == StrategyName.ensemble) {
            var config = new BacktestConfig(capital, new SlippageModel(slippageBps, slippageImpact, slippageMaxBps),
                    periodsPerYear == null ? Double.NaN : periodsPerYear);
            BacktestResult result = io.tradeloop.cli.directional.EnsembleBacktest.run(model, file, asset, from == null ? null : TimeFormat.parse(from),
                    to == null ? null : TimeFormat.parse(to), level, config, takerFee);
            print(out, result);
            if (report != null) {
                HtmlReport.write(result, report);
                out.println("report: " + report.toAbsolutePath());
            }
            if (json != null) {
                JsonReport.write(result, json);
                out.println("json:   " + json.toAbsolutePath());
            }
            return 0;
        }
        List<MarketFeed> feeds;
        Strategy strat;
        RiskEngine risk;
        if (strategy == StrategyName.sma) {
            Timeframe tf = timeframe == null ? null : Timeframe.parse(timeframe);
            var read = OhlcvCsvReader.read(file, ReadPolicy.REPAIR, tf);
            if (!read.issues().isEmpty()) {
                System.err.println("tradeloop: " + read.issues().size() + " data issue(s) in " + file + ", first: " + read.issues().getFirst());
            }
            var bars = read.value();
            feeds = List.of(MarketFeed.of(Markets.spotFromFileName(file, bars), bars));
            strat = new SmaCrossover(new SmaCrossover.Config(0, fast, slow, allocation, 1));
            risk = DefaultRisk.directional();
        } else {
            feeds = Markets.crossExchangePerps(file, bases, inverse);
            var rule = new CarryRule(entryEdgeBps * 1e-4, exitBps * 1e-4, amortisation, liquidationBuffer);
            strat = new FundingCarry(new FundingCarry.Config(rule, leverage, capitalFraction));
            risk = DefaultRisk.carry(Math.max(1, bases.size()));
        }
        feeds = window(feeds).stream().map(this::withFees).toList();
        var config = new BacktestConfig(capital, new SlippageModel(slippageBps, slippageImpact, slippageMaxBps),
                periodsPerYear == null ? Double.NaN : periodsPerYear);
        BacktestResult result = new Backtest(feeds, strat, risk, config).run();
        print(out, result);
        if (report != null) {
            HtmlReport.write(result, report);
            out.println("report: " + report.toAbsolutePath());
        }
        if (json != null) {
            JsonReport.write(result, json);
            out.println("json:   " + json.toAbsolutePath());
        }
        return 0;
    }

    private Path dataFile() {
        if (data != null && data.size() > 1) {
            throw new ConfigException("--data", "strategy " + strategy + " takes one data file, got " + data.size() + ": " + data);
        }
        if (data != null && !data.isEmpty()) {
            if (!Files.isRegularFile(data.getFirst())) {
                throw new ConfigException("--data", "file " + data.getFirst() + " does not exist");
            }
            return data.getFirst();
        }
        String rel = strategy == StrategyName.carry ? "funding/cross_exchange_8h.csv" : "ohlcv/coinbase_" + asset + "-USD_4h.csv";
        return SharedData.file(rel).orElseThrow(() -> new ConfigException("--data",
                "no file given and the default ../shared/data/" + rel + " is absent; pass --data FILE"));
    }

    private List<MarketFeed> window(List<MarketFeed> feeds) {
        if (from == null && to == null) {
            return feeds;
        }
        long f = from == null ? Long.MIN_VALUE : TimeFormat.parse(from);
        long t = to == null ? Long.MAX_VALUE : TimeFormat.parse(to);
        if (t <= f) {
            throw new ConfigException("--to", "value " + to + " must be after --from " + from);
        }
        List<MarketFeed> out = feeds.stream().map(x -> x.slice(f, t)).toList();
        if (out.stream().allMatch(x -> x.bars().isEmpty())) {
            throw new ConfigException("--from", "no bars between " + (from == null ? "the start" : from) + " and "
                    + (to == null ? "the end" : to));
        }
        return out;
    }

    private MarketFeed withFees(MarketFeed f) {
        if (takerFee == null && makerFee == null) {
            return f;
        }
        var i = f.instrument();
        var inst = i.withFees(makerFee == null ? i.makerFeeRate() : makerFee, takerFee == null ? i.takerFeeRate() : takerFee);
        return new MarketFeed(inst, f.bars(), f.funding());
    }

    private static void print(PrintStream out, BacktestResult r) {
        var m = r.metrics();
        out.printf(Locale.ROOT, "backtest %s: %s -> %s, %d feed(s), %,d events%n", r.strategy(), TimeFormat.iso(m.startMs()),
                TimeFormat.iso(m.endMs()), r.feeds().size(), r.events());
        for (MetricTable.Row row : MetricTable.rows(m)) {
            out.printf(Locale.ROOT, "  %-36s %16s%n", row.label(), row.formatted());
        }
    }
}
