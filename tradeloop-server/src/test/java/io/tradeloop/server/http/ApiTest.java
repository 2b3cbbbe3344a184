package io.tradeloop.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.ModelInfo;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.predict.FundingPolicy;
import io.tradeloop.server.predict.NormalizedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

public class ApiTest {
    static TestServer ts;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() throws Exception {
        ts = new TestServer();
        alice = ts.server.createUser("alice").apiKey();
        bob = ts.server.createUser("bob").apiKey();
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (status " + r.statusCode() + "): " + r.body(), e);
        }
    }

    static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void publicEndpointsAndAuth() {
        var h = ts.get("/health", null);
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(json(h).get("database").asText()).isEqualTo("ok");
        assertThat(json(h).get("market").asText()).contains("funding.csv").contains("400 ticks");

        var noKey = ts.get("/agents", null);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey).get("field").asText()).isEqualTo("Authorization");
        assertThat(ts.get("/agents", "tl_AAAAAAAA_" + "B".repeat(32)).statusCode()).isEqualTo(401);
        assertThat(ts.get("/agents", "garbage").statusCode()).isEqualTo(401);
        var me = json(ts.get("/me", alice));
        assertThat(me.get("name").asText()).isEqualTo("alice");
        assertThat(me.get("key_prefix").asText()).startsWith("tl_").hasSize(11);

        var notFound = ts.get("/nope", alice);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(json(notFound).get("error").asText()).isEqualTo("not_found");
        assertThat(ts.send("DELETE", "/agents", alice, null).statusCode()).isEqualTo(405);

        var doc = json(ts.get("/openapi.json", null));
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        for (String p : List.of("/agent/start", "/agent/stop", "/agent/pause", "/agent/resume", "/agent/status", "/agent/config",
                "/agent/decisions", "/api/predict-multi", "/health", "/metrics", "/openapi.json", "/events")) {
            assertThat(doc.get("paths").has(p)).as(p).isTrue();
        }
        var lev = doc.at("/components/schemas/AgentConfigPatch/properties/max_leverage");
        assertThat(lev.get("minimum").asDouble()).isEqualTo(1.0);
        assertThat(lev.get("maximum").asDouble()).isEqualTo(10.0);
        assertThat(doc.at("/components/schemas/Opportunity/properties").has("fund_profit_8h_24h_proj")).isTrue();
        assertThat(doc.at("/components/schemas/PredictMultiRequest/properties").has("active_positions")).isTrue();
    }

    @Test
    void agentLifecycleOverHttpWithIsolation() throws Exception {
        var created = ts.post("/agents", alice, "{\"name\":\"carry\",\"speed\":100000000,\"entry_apr_pct\":5,\"exit_apr_pct\":1}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).get("agent_id").asLong();
        String q = "?agent_id=" + id;
        // bob sees nothing of alice's agent
        assertThat(ts.get("/agent/status" + q, bob).statusCode()).isEqualTo(404);
        assertThat(ts.post("/agent/start" + q, bob, null).statusCode()).isEqualTo(404);
        assertThat(json(ts.get("/agents", bob))).isEmpty();

        var started = ts.post("/agent/start" + q, alice, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(started).get("state").asText()).isEqualTo("RUNNING");
        await(() -> json(ts.get("/agent/status" + q, alice)).get("predictions").asLong() >= 20, "decisions");
        var busy = ts.send("PUT", "/agent/config" + q, alice, "{\"max_leverage\":2}");
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(json(busy).get("message").asText()).contains("pause or stop");
        assertThat(ts.post("/agent/pause" + q, alice, null).statusCode()).isEqualTo(200);
        var cfg = ts.send("PUT", "/agent/config" + q, alice, "{\"max_leverage\":2,\"target_utilization\":0.5}");
        assertThat(cfg.statusCode()).as(cfg.body()).isEqualTo(200);
        assertThat(json(cfg).at("/config/max_leverage").asDouble()).isEqualTo(2.0);
        var bad = ts.send("PUT", "/agent/config" + q, alice, "{\"max_leverage\":12}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("max_leverage");
        assertThat(json(bad).get("allowed").asText()).isEqualTo("[1.0, 10.0]");
        assertThat(ts.post("/agent/resume" + q, alice, null).statusCode()).isEqualTo(200);

        var page = json(ts.get("/agent/decisions" + q + "&limit=5", alice));
        assertThat(page.get("decisions")).hasSize(5);
        JsonNode d0 = page.get("decisions").get(0);
        assertThat(d0.get("seq").asInt()).isGreaterThan(page.get("decisions").get(1).get("seq").asInt());
        for (String f : List.of("action", "confidence", "votes", "gates", "risk", "orders", "reasoning", "equity_usd")) {
            assertThat(d0.has(f)).as(f).isTrue();
        }
        int next = page.get("next_before").asInt();
        var page2 = json(ts.get("/agent/decisions" + q + "&limit=5&before=" + next, alice));
        assertThat(page2.get("decisions").get(0).get("seq").asInt()).isEqualTo(next - 1);
        assertThat(ts.get("/agent/decisions" + q + "&limit=0", alice).statusCode()).isEqualTo(400);

        var chart = json(ts.get("/agent/chart" + q + "&points=50", alice));
        assertThat(chart.get("times_ms").size()).isEqualTo(chart.get("equity_usd").size()).isLessThanOrEqualTo(50);
        assertThat(chart.at("/prices_usd/BTC").size()).isEqualTo(chart.get("times_ms").size());

        assertThat(ts.post("/agent/stop" + q, alice, null).statusCode()).isEqualTo(200);
        var st = json(ts.get("/agent/status" + q, alice));
        assertThat(st.get("state").asText()).isEqualTo("STOPPED");
        for (String f : List.of("uptime_seconds", "predictions", "pnl_total_usd", "pnl_today_usd", "win_rate", "trades", "open_positions",
                "model_version", "model_age_seconds")) {
            assertThat(st.has(f)).as(f).isTrue();
        }
        assertThat(st.get("model_version").asText()).isEqualTo("greedy-carry-1");
        assertThat(ts.post("/agent/stop" + q, alice, null).statusCode()).isEqualTo(409);
    }

    @Test
    void eventsReachOnlyTheOwner() throws Exception {
        String carol = ts.server.createUser("carol").apiKey();
        String dave = ts.server.createUser("dave").apiKey();
        long id = json(ts.post("/agents", carol, "{\"speed\":1000000}")).get("agent_id").asLong();
        List<String> carolEvents = new CopyOnWriteArrayList<>();
        List<String> daveEvents = new CopyOnWriteArrayList<>();
        var c = listen(carol, carolEvents);
        var d = listen(dave, daveEvents);
        await(() -> carolEvents.contains("event: hello") && daveEvents.contains("event: hello"), "hello");
        ts.post("/agent/start?agent_id=" + id, carol, null);
        await(() -> carolEvents.contains("event: decision"), "a decision event");
        assertThat(carolEvents).contains("event: status", "event: stats");
        ts.post("/agent/stop?agent_id=" + id, carol, null);
        Thread.sleep(100);
        assertThat(daveEvents).containsExactly("event: hello");
        c.close();
        d.close();
        assertThat(ts.get("/events", null).statusCode()).isEqualTo(401);
    }

    private static InputStream listen(String key, List<String> events) throws Exception {
        var req = HttpRequest.newBuilder(ts.uri("/events")).header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        InputStream in = ts.http.send(req, HttpResponse.BodyHandlers.ofInputStream()).body();
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("event:")) events.add(line);
                }
            } catch (Exception ignored) {
                // the test closed the stream
            }
        });
        return in;
    }

    public static final String PREDICT = """
            {"opportunities":[
               {"symbol":"BTCUSDT","long_exchange":"binance","short_exchange":"bybit","long_funding_rate":0.0001,
                "short_funding_rate":0.0004,"volume_24h":5000000,"long_price":20000,"short_price":20010}],
             "active_positions":[],
             "portfolio":{"total_capital":10000,"available_capital":6000},
             "config":{"max_leverage":2.0,"target_utilization":0.6,"max_positions":3,"stop_loss_threshold":-0.02,"liquidation_buffer":0.15}}""";

    @Test
    void predictMultiRefusesWithoutAModelAndValidatesFirst() {
        var r = ts.post("/api/predict-multi", alice, PREDICT);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).isEqualTo("model_unavailable");
        assertThat(json(r).get("message").asText()).contains("no funding-arbitrage policy is loaded");
        var bad = ts.post("/api/predict-multi", alice, PREDICT.replace("\"long_funding_rate\":0.0001", "\"long_funding_rate\":0.5"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("opportunities[0].long_funding_rate");
        assertThat(json(bad).get("allowed").asText()).isEqualTo("[-0.05, 0.05]");
    }

    /** A stand-in policy for testing the response assembly only: prefers ENTER_OPP_0_MEDIUM among allowed actions. */
    record PreferMedium() implements FundingPolicy {
        @Override
        public ModelInfo model() {
            return new ModelInfo("test-policy", 0L, "test");
        }

        @Override
        public PolicyOutput evaluate(NormalizedRequest req) {
            double[] p = new double[FundingAction.COUNT];
            boolean[] mask = new boolean[FundingAction.COUNT];
            mask[0] = true;
            for (int i = 0; i < req.opportunities().size(); i++) {
                mask[1 + i] = mask[11 + i] = mask[21 + i] = true;
            }
            p[0] = 0.25;
            p[11] = 0.65;
            p[1] = 0.05;
            p[21] = 0.05;
            return new PolicyOutput(p, mask, 1.25, PolicyOutput.identity(req.opportunities().size()));
        }
    }

    @Test
    void predictMultiAnswerFollowsThePlanContract() throws Exception {
        var service = new io.tradeloop.server.predict.PredictService("test");
        service.load(new PreferMedium());
        var req = Json.mapper().readValue(PREDICT, io.tradeloop.server.predict.PredictMultiRequest.class);
        var res = Json.mapper().readTree(Json.mapper().writeValueAsString(service.predict(req)));
        assertThat(res.get("action").asText()).isEqualTo("ENTER_OPP_0_MEDIUM");
        assertThat(res.get("action_index").asInt()).isEqualTo(11);
        assertThat(res.get("opportunity_idx").asInt()).isZero();
        assertThat(res.get("position_idx").isNull()).isTrue();
        // 6000 × 0.6 / 3 × 0.20 = 240 USD
        assertThat(res.get("position_size_usd").asDouble()).isCloseTo(240, within(1e-9));
        assertThat(res.get("confidence").asText()).isEqualTo("HIGH"); // p = 0.65 ≥ 0.6
        assertThat(res.get("state_value").asDouble()).isEqualTo(1.25);
        assertThat(res.get("action_probabilities")).hasSize(36);
        assertThat(res.at("/action_probabilities/ENTER_OPP_0_MEDIUM").asDouble()).isEqualTo(0.65);
        assertThat(res.at("/reasoning/top_opportunity").asText()).isEqualTo("BTCUSDT (binance/bybit)");
        // fund_profit_8h = (0.0004 − 0.0001) × 100 = 0.03 %; the 24 h projection defaults to it; APR = 0.03 × 1095 = 32.85 %
        assertThat(res.at("/reasoning/expected_apr").asDouble()).isCloseTo(32.85, within(1e-9));
        assertThat(res.at("/reasoning/risk_level").asText()).isEqualTo("LOW"); // leverage 2 < 3, no positions
        List<String> derived = new ArrayList<>();
        res.at("/reasoning/derived_fields").forEach(n -> derived.add(n.asText()));
        assertThat(derived).contains("opportunities[0].fund_profit_8h = (short rate 8h - long rate 8h) x 100",
                "portfolio.initial_capital = total_capital");
        assertThat(res.get("model_version").asText()).isEqualTo("test-policy");
    }

    @Test
    void perKeyRateLimitAndBodyLimit() {
        var issued = ts.post("/me/keys", alice, "{\"label\":\"slow\",\"rate_per_second\":2}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String slow = json(issued).get("key").asText();
        int limited = 0;
        String retry = null;
        for (int i = 0; i < 12; i++) {
            var r = ts.get("/me", slow);
            if (r.statusCode() == 429) {
                limited++;
                retry = r.headers().firstValue("Retry-After").orElse(null);
                assertThat(json(r).get("error").asText()).isEqualTo("rate_limited");
            }
        }
        assertThat(limited).isGreaterThan(0);
        assertThat(retry).isNotNull();
        assertThat(ts.get("/me", alice).statusCode()).as("other keys are unaffected").isEqualTo(200);
        assertThat(ts.post("/me/keys", alice, "{\"rate_per_second\":1000000}").statusCode()).isEqualTo(400);

        var big = ts.post("/api/predict-multi", alice, "{\"opportunities\":[" + "1,".repeat(60_000) + "1]}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big).get("error").asText()).isEqualTo("payload_too_large");
        var text = ts.send("POST", "/api/predict-multi", alice, "hello", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void metricsExposeRequestsAndAgents() {
        ts.get("/health", null);
        String m = ts.get("/metrics", null).body();
        assertThat(m).contains("tradeloop_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}");
        assertThat(m).contains("tradeloop_agents{state=\"RUNNING\"}");
        assertThat(m).contains("jvm_memory_used_bytes");
        assertThat(m).doesNotContain("tl_");
    }
}
