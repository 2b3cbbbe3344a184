package io.tradeloop.bench.server;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.funding.FundingTraining;
import io.tradeloop.server.Server;
import io.tradeloop.server.ServerConfig;
import io.tradeloop.server.agent.ModelInfo;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.predict.PpoFundingPolicy;
import io.tradeloop.server.predict.PredictMultiRequest;
import io.tradeloop.server.store.DatabaseConfig;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/predict-multi} under a loopback load: p50/p99 latency at 1,000 requests/s (open loop,
 * measured from each request's due time) and closed-loop throughput, for a full request (10 opportunities,
 * 2 positions) answered by the contract's modular PPO network through the environment's encoder. The
 * reference in the same run is {@code GET /me} (authentication, rate limit and JSON only), the floor of
 * the HTTP stack. The policy has seeded weights: inference cost does not depend on training.
 */
public final class PredictMultiBenchmark implements Benchmark {
    static final String GROUP = "server";
    static final double RATE = 1_000;

    @Override
    public String group() {
        return GROUP;
    }

    /** A full-size request: 10 opportunities over BTC and ETH on five venues, 2 open positions. */
    static String body() {
        Rng rng = new Rng(11);
        String[] venues = {"binance", "bybit", "okx", "gate", "kucoin"};
        StringBuilder sb = new StringBuilder("{\"opportunities\":[");
        for (int i = 0; i < 10; i++) {
            String base = i % 2 == 0 ? "BTCUSDT" : "ETHUSDT";
            double price = i % 2 == 0 ? 30_000 : 1_800;
            if (i > 0) sb.append(',');
            sb.append(String.format(Locale.ROOT, "{\"symbol\":\"%s\",\"long_exchange\":\"%s\",\"short_exchange\":\"%s\","
                            + "\"long_funding_rate\":%.6f,\"short_funding_rate\":%.6f,\"volume_24h\":%.0f,\"long_price\":%.2f,\"short_price\":%.2f,"
                            + "\"fund_profit_8h_24h_proj\":%.5f,\"fund_profit_8h_3d_proj\":%.5f,\"spread_volatility_stddev\":%.4f}",
                    base, venues[i % 5], venues[(i + 1 + i / 5) % 5], 5e-5 * rng.nextDouble(), 1e-4 + 3e-4 * rng.nextDouble(),
                    2e6 + 1e8 * rng.nextDouble(), price, price * (1 + 0.001 * rng.nextGaussian()), 0.02 * rng.nextDouble(),
                    0.015 * rng.nextDouble(), 0.05 * rng.nextDouble()));
        }
        sb.append("],\"active_positions\":[");
        for (int k = 0; k < 2; k++) {
            if (k > 0) sb.append(',');
            sb.append(String.format(Locale.ROOT, "{\"symbol\":\"BTCUSDT\",\"long_exchange\":\"%s\",\"short_exchange\":\"%s\",\"position_size_usd\":800,"
                    + "\"hours_held\":%d,\"long_entry_price\":30000,\"short_entry_price\":30010,\"long_current_price\":30100,"
                    + "\"short_current_price\":30120,\"long_funding_rate\":0.0001,\"short_funding_rate\":0.0003,\"leverage\":2,"
                    + "\"net_funding_usd\":1.2,\"entry_fees_usd\":1.6}", venues[k], venues[k + 2], 10 + 20 * k));
        }
        sb.append("],\"portfolio\":{\"total_capital\":10000,\"available_capital\":6000,\"max_drawdown_pct\":1.5,\"episode_progress\":0.2},");
        sb.append("\"config\":{\"max_leverage\":2.0,\"target_utilization\":0.6,\"max_positions\":3,\"stop_loss_threshold\":-0.02,\"liquidation_buffer\":0.15}}");
        return sb.toString();
    }

    @Override
    public List<BenchRow> run(BenchOptions options) throws Exception {
        var dir = Files.createTempDirectory("tradeloop-bench-server");
        var cfg = ServerConfig.defaults(dir, 0).withDatabase(DatabaseConfig.h2Memory("bench" + System.nanoTime()));
        List<BenchRow> rows = new ArrayList<>();
        try (Server server = Server.start(cfg, Map.of())) {
            EnvConfig env = EnvConfig.defaults();
            var policy = new PpoFundingPolicy(env, FundingTraining.network(env, new Rng(1)).state(), new double[0], new double[0], 10,
                    new ModelInfo("seeded", 0L, "benchmark"), Math.max(2, Runtime.getRuntime().availableProcessors()));
            server.predictions().load(policy);
            String key = server.createUser("bench", 1e7).apiKey();
            String body = body();
            URI base = URI.create(server.url());
            byte[] predict = RawHttp.request("POST", "/api/predict-multi", base.getHost(), key, body);
            byte[] me = RawHttp.request("GET", "/me", base.getHost(), key, null);

            // the policy alone (normalise, encode, forward), for where the time goes
            var req = Json.mapper().readValue(body, PredictMultiRequest.class);
            int inProcess = options.quick() ? 2_000 : 20_000;
            for (int i = 0; i < inProcess; i++) policy.evaluate(req.normalize());
            double[] us = new double[inProcess];
            for (int i = 0; i < inProcess; i++) {
                long t = System.nanoTime();
                policy.evaluate(req.normalize());
                us[i] = (System.nanoTime() - t) / 1e3;
            }
            var gen = new LoadGenerator(base, 64);
            int n = (int) (RATE * (options.quick() ? 3 : 15));
            gen.openLoop(predict, 200, RATE, (int) RATE * 10); // warm-up: JIT (C2 compiles the JSON and policy paths) and connections
            gen.openLoop(me, 200, RATE, (int) RATE);
            var p = gen.openLoop(predict, 200, RATE, n);
            var m = gen.openLoop(me, 200, RATE, n);
            var tp = gen.closedLoop(predict, 200, 16, options.quick() ? 3 : 10);
            var tpMe = gen.closedLoop(me, 200, 16, options.quick() ? 3 : 10);
            String how = String.format(Locale.ROOT, "open loop, %d requests at %.0f/s from t0 + i/rate, loopback keep-alive sockets from the same JVM; "
                    + "full request (10 opportunities, 2 positions), modular PPO net with seeded weights", n, RATE);
            rows.add(new BenchRow(GROUP, "predict-multi latency p50 @ 1,000 req/s", p.quantile(0.5), "ms", "", how));
            rows.add(new BenchRow(GROUP, "predict-multi latency p99 @ 1,000 req/s", p.quantile(0.99), "ms", "<= 5",
                    String.format(Locale.ROOT, "achieved %.0f req/s, %d errors, max %.2f ms", p.achievedPerSecond(), p.errors(), p.quantile(1.0))));
            rows.add(new BenchRow(GROUP, "GET /me latency p99 @ 1,000 req/s (reference: HTTP + auth floor)", m.quantile(0.99), "ms", "",
                    String.format(Locale.ROOT, "p50 %.2f ms, %d errors", m.quantile(0.5), m.errors())));
            rows.add(new BenchRow(GROUP, "predict-multi p99 / GET /me p99", p.quantile(0.99) / m.quantile(0.99), "x", "", "same run, same load"));
            rows.add(new BenchRow(GROUP, "predict-multi throughput, 16 callers", tp.achievedPerSecond(), "req/s", "",
                    String.format(Locale.ROOT, "closed loop, %d errors; GET /me %.0f req/s", tp.errors(), tpMe.achievedPerSecond())));
            rows.add(new BenchRow(GROUP, "policy evaluate in process (validate + encode 275 floats + forward), p50",
                    io.tradeloop.bench.Measure.quantile(us, 0.5), "us", "",
                    String.format(Locale.ROOT, "p99 %.1f us over %d calls, no HTTP", io.tradeloop.bench.Measure.quantile(us, 0.99), inProcess)));
        }
        return rows;
    }
}
