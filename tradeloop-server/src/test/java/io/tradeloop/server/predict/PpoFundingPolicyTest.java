package io.tradeloop.server.predict;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeloop.core.random.Rng;
import io.tradeloop.rl.checkpoint.CheckpointStore;
import io.tradeloop.rl.checkpoint.TrainingCheckpoint;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.FundingSnapshots;
import io.tradeloop.rl.env.funding.Opportunity;
import io.tradeloop.rl.env.funding.TradingConfig;
import io.tradeloop.rl.funding.FundingTrainConfig;
import io.tradeloop.rl.funding.FundingTraining;
import io.tradeloop.rl.ppo.MaskedCategorical;
import io.tradeloop.rl.ppo.PpoConfig;
import io.tradeloop.rl.ppo.PpoConfigJson;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.ModelInfo;
import io.tradeloop.server.brain.PpoFundingBrain;
import io.tradeloop.server.http.ApiTest;
import io.tradeloop.server.http.TestServer;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.market.TestMarkets;
import io.tradeloop.server.paper.PaperTrader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The serving path of the PPO funding policy with seeded (untrained) weights: what matters here is the
 * wiring, so the test recomputes the observation, mask and probabilities through the environment's own
 * classes and compares. It says nothing about the quality of a trained policy.
 */
class PpoFundingPolicyTest {
    static final EnvConfig ENV = EnvConfig.defaults();

    static PpoFundingPolicy seeded(long seed) {
        var net = FundingTraining.network(ENV, new Rng(seed));
        return new PpoFundingPolicy(ENV, net.state(), new double[0], new double[0], 10, new ModelInfo("seeded-" + seed, 0L, "test"), 2);
    }

    static final String REQUEST = """
            {"opportunities":[
               {"symbol":"ETHUSDT","long_exchange":"okx","short_exchange":"bybit","long_funding_rate":0.0001,"short_funding_rate":0.0002,
                "volume_24h":500000,"long_price":1800,"short_price":1801},
               {"symbol":"BTCUSDT","long_exchange":"binance","short_exchange":"bybit","long_funding_rate":0.0001,"short_funding_rate":0.0006,
                "volume_24h":5000000,"long_price":20000,"short_price":20010},
               {"symbol":"BTCUSDT","long_exchange":"okx","short_exchange":"binance","long_funding_rate":0.0003,"short_funding_rate":0.0001,
                "volume_24h":5000000}],
             "active_positions":[{"symbol":"ETHUSDT","long_exchange":"okx","short_exchange":"bybit","position_size_usd":500,
                  "hours_held":12,"long_entry_price":1800,"short_entry_price":1801,"long_current_price":1810,"short_current_price":1812,
                  "long_funding_rate":0.0001,"short_funding_rate":0.0003,"leverage":3}],
             "portfolio":{"total_capital":10000,"available_capital":6000},
             "config":{"max_leverage":2.0,"target_utilization":0.6,"max_positions":3,"stop_loss_threshold":-0.02,"liquidation_buffer":0.15}}""";

    @Test
    void probabilitiesComeFromTheEnvironmentsObservationAndMask() throws Exception {
        var req = Json.mapper().readValue(REQUEST, PredictMultiRequest.class).normalize();
        var policy = seeded(7);
        var out = policy.evaluate(req);

        // the same state built directly with the environment's classes
        var opp = req.opportunities();
        List<Opportunity> opps = opp.stream().map(o -> new Opportunity(o.symbol(), o.longExchange() + ":" + o.symbol(),
                o.shortExchange() + ":" + o.symbol(), o.longFundingRate(), o.shortFundingRate(), 8, 8, o.fundProfit8h24hProj() / 100,
                o.fundProfit8h3dProj() / 100, o.spread30SampleAvg() * 100, o.priceSpread24hAvg() * 100, o.priceSpread3dAvg() * 100, 0,
                o.volume24h(), 0.02, 0.02, o.volume24h() / 100, ENV.feeRatePerSide(), ENV.feeRatePerSide())).toList();
        var p = req.positions().get(0);
        var state = FundingSnapshots.state(ENV, new TradingConfig(2, 0.6, 3, -0.02, 0.15),
                new FundingSnapshots.PortfolioSnapshot(10_000, 6_000, 0, 0, ENV.maxEpisodeHours(), 0),
                List.of(new FundingSnapshots.PositionSnapshot(0, "okx:ETHUSDT", "bybit:ETHUSDT", 500, 3, 1800, 1801, 1810, 1812, 0.0001,
                        0.0003, 0, p.entryFeesUsd(), p.entryFeesUsd(), 12, 1.0 / 1800.5 * 100)), opps);
        float[] obs = new float[275];
        boolean[] mask = new boolean[36];
        state.writeObservation(obs, 0);
        state.writeMask(mask, 0);
        assertThat(out.mask()).containsExactly(mask);
        var net = FundingTraining.network(ENV, new Rng(7));
        float[] logits = new float[36];
        float[] value = new float[1];
        net.predict(obs, 1, logits, value);
        double[] logp = new double[36];
        MaskedCategorical.logSoftmax(logits, 0, mask, 0, 36, logp);
        for (int a = 0; a < 36; a++) {
            assertThat(out.probabilities()[a]).as("action " + a).isCloseTo(mask[a] ? Math.exp(logp[a]) : 0, within(1e-12));
        }
        assertThat(out.stateValue()).isEqualTo(value[0]);
        double sum = 0;
        for (double x : out.probabilities()) sum += x;
        assertThat(sum).isCloseTo(1, within(1e-9));
        // the environment ranks by its composite score and drops the pair whose short leg earns less (okx > binance)
        assertThat(out.opportunityOrder()[0]).isEqualTo(1); // BTC binance/bybit: highest APR and good volume
        assertThat(out.opportunityOrder()).containsOnlyOnce(0).doesNotContain(2);
        assertThat(mask[FundingAction.COUNT - 5]).as("EXIT_POS_0 allowed: a position is open").isTrue();
    }

    @Test
    void aCheckpointServesPredictMultiAndDrivesAnAgent(@TempDir Path dir) throws Exception {
        // a checkpoint as tradeloop train funding-arb writes it (seeded weights: this tests loading, not training)
        var net = FundingTraining.network(ENV, new Rng(3));
        var ck = new TrainingCheckpoint("masked-ppo", PpoConfigJson.write(PpoConfig.DEFAULT), 4096, 2, net.state(), new Rng(1).state(),
                new double[0], new double[0], 0, new byte[0], "", Map.of("fundingConfig", FundingTrainConfig.defaults().toJson(),
                "dataHash", "test", "seed", "3"));
        new CheckpointStore(dir.resolve("ck"), 2).save(ck);
        var loaded = PpoFundingPolicy.fromCheckpoint(dir.resolve("ck"));
        assertThat(loaded.model().version()).startsWith("ppo-funding step 4096");
        assertThat(loaded.model().trainedMs()).isPositive();

        var cfg = io.tradeloop.server.ServerConfig.defaults(dir, 0)
                .withDatabase(io.tradeloop.server.store.DatabaseConfig.h2Memory("ppo" + System.nanoTime()))
                .withFundingFile(TestMarkets.writeCsv(dir.resolve("f.csv"), 5, 120)).withPolicy(dir.resolve("ck"));
        try (var server = io.tradeloop.server.Server.start(cfg, Map.of())) {
            var ts = TestServer.wrap(server);
            String key = server.createUser("p").apiKey();
            var r = ts.post("/api/predict-multi", key, REQUEST);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode res = Json.mapper().readTree(r.body());
            assertThat(res.get("action_probabilities")).hasSize(36);
            assertThat(res.get("model_version").asText()).startsWith("ppo-funding step 4096");
            assertThat(res.at("/reasoning/opportunity_order/0").asInt()).isEqualTo(1);
            String action = res.get("action").asText();
            if (action.startsWith("ENTER")) {
                assertThat(res.get("opportunity_idx").asInt()).isIn(0, 1);
                assertThat(res.get("position_size_usd").asDouble()).isPositive();
            }
            assertThat(ts.post("/api/predict-multi", key, ApiTest.PREDICT).statusCode()).isEqualTo(200);

            // the same policy trades a paper agent as the ppo-funding brain, through the API
            var created = ts.post("/agents", key, "{\"brain\":\"ppo-funding\",\"speed\":1000000000}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = Json.mapper().readTree(created.body()).get("agent_id").asLong();
            assertThat(ts.post("/agent/start?agent_id=" + id, key, null).statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Json.mapper().readTree(ts.get("/agent/status?agent_id=" + id, key).body()).get("state").asText().equals("STOPPED")) {
                assertThat(System.nanoTime()).as("the ppo agent finishes its 120 ticks").isLessThan(deadline);
                Thread.sleep(20);
            }
            JsonNode st = Json.mapper().readTree(ts.get("/agent/status?agent_id=" + id, key).body());
            assertThat(st.get("predictions").asLong()).isEqualTo(120);
            assertThat(st.get("model_version").asText()).startsWith("ppo-funding step 4096");
            JsonNode d = Json.mapper().readTree(ts.get("/agent/decisions?limit=1&agent_id=" + id, key).body()).at("/decisions/0");
            assertThat(d.get("brain").asText()).isEqualTo("ppo-funding");
            assertThat(d.get("reasoning").asText()).startsWith("PPO policy chose");
        }
        var brain = new PpoFundingBrain(loaded);
        var market = TestMarkets.random(9, 60);
        var trader = PaperTrader.startRun(1, 1, AgentConfig.defaults("ppo").withSpeed(1e9), market, brain);
        while (!trader.finished()) {
            var rec = trader.step(0, 0);
            assertThat(rec.decision().brain()).isEqualTo("ppo-funding");
            assertThat(rec.decision().votes()).isNotEmpty().allSatisfy(v -> assertThat(v.voter()).isEqualTo("ppo-policy"));
            // the policy's choice is one its mask allowed, so the paper account never meets an impossible action
            assertThat(rec.decision().risk()).noneSatisfy(c -> assertThat(c.rule()).isEqualTo("action-mask"));
        }
        assertThat(trader.stats().predictions()).isEqualTo(60);
    }
}
