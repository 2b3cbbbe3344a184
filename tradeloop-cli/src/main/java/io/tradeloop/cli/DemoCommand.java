package io.tradeloop.cli;

import io.tradeloop.decide.train.DirectionalBundle;
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
import io.tradeloop.rl.checkpoint.CheckpointStore;
import io.tradeloop.server.Server;
import io.tradeloop.server.ServerConfig;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.brain.DirectionalStackBrain;
import io.tradeloop.server.brain.PpoFundingBrain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tradeloop demo}: the main job on embedded defaults, with no services and no arguments. Imports the
 * default real data into the catalog, runs the baselines and writes their reports, trains (or reloads) a small
 * funding-arbitrage policy and a small directional stack, then serves the dashboard with a demo user and paper agents replaying real funding
 * data at an accelerated clock until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the main job on embedded defaults: imports the default real data (ta4j-examples on the",
                "class path; ../shared/data when present), runs the baselines and writes their reports, trains or",
                "reloads a small funding-arbitrage policy and a small directional stack, and serves the dashboard",
                "with live paper agents (Ctrl-C stops)."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "out/demo", description = "where reports and the demo policy go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--catalog", description = "catalog folder (default: -Dtradeloop.catalog, $TRADELOOP_CATALOG or ~/.tradeloop/catalog)")
    Path catalogDir;

    @Option(names = "--port", defaultValue = "8080", description = "dashboard port (0 picks a free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", defaultValue = ".tradeloop", description = "the server's files and H2 database (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--train-minutes", defaultValue = "1", description = "wall-clock budget for training the demo policy when none is saved yet (default ${DEFAULT-VALUE})")
    double trainMinutes;

    @Option(names = "--train-steps", defaultValue = "200000", description = "environment-step cap for that training (default ${DEFAULT-VALUE})")
    long trainSteps;

    @Option(names = "--speed", defaultValue = "28800", description = "replay speed: simulated time per wall time (default ${DEFAULT-VALUE} = one 8 h step per second)")
    double speed;

    @Option(names = "--serve-seconds", defaultValue = "0", description = "stop serving after this many seconds (0 = until Ctrl-C)")
    double serveSeconds;

    @Option(names = "--no-serve", description = "stop after the reports and the policy (no server)")
    boolean noServe;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream o = System.out;
        Files.createDirectories(out);
        Path catalog = catalogDir != null ? catalogDir : Catalog.defaultDir();
        o.println("1/5 default data -> catalog " + catalog);
        var entries = DefaultData.ensureImported(catalog);
        entries.forEach(e -> o.println("    " + e.name() + " " + (e.timeframe() == null ? "trades" : e.timeframe()) + " " + e.rows() + " rows"));

        o.println("2/5 SMA crossover baseline on real Bitstamp BTC/USD 5m bars (aggregated from the ta4j-examples trades)");
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
            o.println("3/5 greedy funding-carry baseline on real Binance/Bybit/OKX BTC+ETH perpetuals, 2023");
            var feeds = Markets.crossExchangePerps(cross.get(), List.of("BTC", "ETH"), false);
            var carry = new Backtest(feeds, new FundingCarry(new FundingCarry.Config(new CarryRule(0, 0, 21, 0.15), 2, 0.8)),
                    DefaultRisk.carry(2), BacktestConfig.defaults()).run();
            report(o, carry, "carry-cross-exchange-2023");
        } else {
            o.println("3/5 carry baseline skipped: " + SharedData.ABSENT);
        }
        o.println("    reports in " + out.toAbsolutePath());

        Path policyDir = out.resolve("policy");
        Path policy = demoPolicy(o, policyDir);
        demoDirectional(o, out.resolve("directional"));
        if (noServe) {
            o.println("done (--no-serve)");
            return 0;
        }
        return serve(o, policy);
    }

    /** Reloads the demo policy when a good checkpoint is saved, else trains one within the time budget. */
    private Path demoPolicy(PrintStream o, Path dir) throws IOException {
        if (SharedData.data().isEmpty()) {
            o.println("4/5 funding policy skipped: " + SharedData.ABSENT);
            return null;
        }
        var store = new CheckpointStore(dir, 3);
        var saved = store.latestGood();
        if (saved.isPresent()) {
            o.println("4/5 funding-arbitrage PPO policy reloaded from " + saved.get().file()
                    + " (delete " + dir + " to retrain; `tradeloop train funding-arb` trains a real one)");
            return dir;
        }
        o.printf(Locale.ROOT, "4/5 training a demo-sized funding-arbitrage PPO policy (%.1f min or %,d steps; the README's 30-minute run is the real one)%n",
                trainMinutes, trainSteps);
        int rc = Tradeloop.newCommandLine().execute("train", "funding-arb", "--quiet", "--seed", "1",
                "--steps", Long.toString(trainSteps), "--max-minutes", Double.toString(trainMinutes),
                "--checkpoint-dir", dir.toString(), "--report-dir", out.resolve("training").toString());
        if (rc != 0 || store.latestGood().isEmpty()) {
            o.println("    training did not produce a checkpoint (exit " + rc + "); the demo serves the greedy-carry agent only");
            return null;
        }
        o.println("    training curve: " + out.resolve("training").resolve("report.md").toAbsolutePath());
        return dir;
    }

    /**
     * Reloads the directional bundle when one is saved, else trains a small one (the GBM, meta-label and
     * dynamics ensemble without the sequence ensemble or the adapter search: seconds, not minutes).
     */
    private void demoDirectional(PrintStream o, Path dir) {
        if (SharedData.data().isEmpty()) {
            o.println("    directional stack skipped: " + SharedData.ABSENT);
            return;
        }
        if (DirectionalBundle.isBundle(dir)) {
            o.println("    directional stack reloaded from " + dir + " (delete it to retrain)");
            return;
        }
        o.println("    training a demo-sized directional stack (no sequence ensemble; `tradeloop train directional` trains the full one)");
        long t0 = System.nanoTime();
        int rc = Tradeloop.newCommandLine().execute("train", "directional", "--no-sequence", "--no-adapter-search", "--out", dir.toString());
        if (rc != 0 || !DirectionalBundle.isBundle(dir)) {
            o.println("    directional training failed (exit " + rc + "); the demo serves the funding agents only");
            return;
        }
        o.printf(Locale.ROOT, "    directional stack trained in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9, dir.toAbsolutePath());
    }

    private int serve(PrintStream o, Path policy) throws InterruptedException {
        ServerConfig cfg = ServerConfig.defaults(dataDir.toAbsolutePath(), port);
        if (policy != null) {
            cfg = cfg.withPolicy(policy.toAbsolutePath());
        }
        Path bundle = out.resolve("directional");
        Server server;
        boolean directional = DirectionalBundle.isBundle(bundle);
        if (directional) {
            try {
                server = Server.start(cfg.withDirectionalModel(bundle.toAbsolutePath()));
            } catch (RuntimeException e) {
                o.println("    directional bundle " + bundle + " not used: " + e.getMessage());
                directional = false;
                server = Server.start(cfg);
            }
        } else {
            server = Server.start(cfg);
        }
        final Server started = server;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            o.println("tradeloop: stopping (agents resume on the next start) ...");
            started.close();
            stopped.countDown();
        }, "tradeloop-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        var demo = server.startDemo("demo", AgentConfig.defaults("carry demo").withSpeed(speed));
        long userId = demo.user().userId();
        if (policy != null) {
            server.ensureRunning(userId, AgentConfig.defaults("ppo demo").withSpeed(speed).withBrain(PpoFundingBrain.ID));
        }
        if (directional) {
            server.ensureRunning(userId, AgentConfig.defaults("stack demo").withSpeed(speed).withBrain(DirectionalStackBrain.ID).withAsset("BTC"));
        }
        o.println("5/5 dashboard: " + server.url());
        o.println("    user demo, API key (shown once): " + demo.user().apiKey());
        o.println("    paper agents replay real 2023 funding data at " + speed + "x" + (policy == null ? "" : " (greedy carry and the PPO policy)")
                + "; Ctrl-C stops");
        o.println(directional ? "    and the directional stack from " + bundle + " trades BTC 4h bars from its test period"
                : "    (no directional-stack agent: no usable bundle in " + bundle + ")");
        o.flush();
        if (serveSeconds > 0) {
            boolean done = stopped.await((long) (serveSeconds * 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!done) {
                Runtime.getRuntime().removeShutdownHook(hook);
                server.close();
                o.println("tradeloop: stopped after " + serveSeconds + " s (--serve-seconds)");
            }
        } else {
            stopped.await();
        }
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
