package io.tradeloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeloop.core.SharedData;
import io.tradeloop.server.brain.SmallDirectionalBundle;
import io.tradeloop.server.http.TestServer;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.market.TestMarkets;
import io.tradeloop.server.store.DatabaseConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end over REST: a server started with a (small, freshly trained) directional bundle offers the
 * directional-stack brain, refuses assets it cannot trade with a 400 naming the field, runs a BTC agent
 * whose decisions carry the stack's votes and gates, and after restarts on the same database still has
 * every decision: a stopped agent continues its run from the journal, a running one is recovered running.
 */
class DirectionalAgentServerTest {
    /** About 5 ms per 4-hour bar. */
    static final double SPEED = 4 * 3_600_000 / 5.0;

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return json(r);
    }

    @Test
    void aDirectionalAgentTradesExplainsItselfAndSurvivesARestart(@TempDir Path dir) throws Exception {
        var bundle = SmallDirectionalBundle.get();
        Assumptions.assumeTrue(bundle.isPresent(), SharedData.ABSENT);
        var cfg = ServerConfig.defaults(dir, 0).withDatabase(DatabaseConfig.h2File(dir))
                .withFundingFile(TestMarkets.writeCsv(dir.resolve("funding.csv"), 5, 100))
                .withDirectionalModel(bundle.get()).withOhlcvFiles(Map.of("BTC", SmallDirectionalBundle.btcFile().orElseThrow()));
        String key;
        long id;
        long stoppedAt;
        List<String> firstDecisions;
        try (var ts = TestServer.wrap(Server.start(cfg))) {
            key = ts.server.createUser("dana").apiKey();
            var brains = ok(ts.get("/brains", key));
            assertThat(brains.findValuesAsText("id")).contains("directional-stack", "greedy-carry");
            JsonNode dirBrain = null;
            for (JsonNode b : brains) if (b.get("id").asText().equals("directional-stack")) dirBrain = b;
            assertThat(dirBrain.get("market").asText()).isEqualTo("bars");
            assertThat(dirBrain.get("assets").toString()).isEqualTo("[\"BTC\"]");

            // an asset outside the allowed set, and one this bundle has no scaler or bars for: 400 naming the field
            var bad = ts.post("/agents", key, "{\"name\":\"d\",\"brain\":\"directional-stack\",\"asset\":\"XRP\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).get("field").asText()).isEqualTo("asset");
            assertThat(json(bad).get("allowed").asText()).isEqualTo("one of BTC, ETH");
            var noEth = ts.post("/agents", key, "{\"name\":\"d\",\"brain\":\"directional-stack\",\"asset\":\"ETH\"}");
            assertThat(noEth.statusCode()).isEqualTo(400);
            assertThat(json(noEth).get("field").asText()).isEqualTo("asset");
            assertThat(json(noEth).get("message").asText()).contains("allowed: BTC");

            id = ok(ts.post("/agents", key, "{\"name\":\"btc stack\",\"brain\":\"directional-stack\",\"asset\":\"BTC\",\"speed\":" + SPEED + "}"))
                    .get("agent_id").asLong();
            List<String> events = new CopyOnWriteArrayList<>();
            InputStream stream = listen(ts, key, events);
            long helloBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!events.contains("event: hello")) {
                assertThat(System.nanoTime()).as("the event stream says hello").isLessThan(helloBy);
                Thread.sleep(10);
            }
            var started = ok(ts.post("/agent/start?agent_id=" + id, key, null));
            assertThat(started.get("state").asText()).isEqualTo("RUNNING");
            assertThat(started.get("brain").asText()).isEqualTo("directional-stack");
            awaitPredictions(ts, key, id, 60);
            var stopped = ok(ts.post("/agent/stop?agent_id=" + id, key, null));
            // the agent's decisions and stats reached its owner over SSE, as a funding agent's do
            assertThat(events).contains("event: status", "event: stats", "event: decision");
            assertThat(events).anySatisfy(e -> assertThat(e).startsWith("data:").contains("\"brain\":\"directional-stack\"")
                    .contains("\"voter\":\"gbm\""));
            stream.close();
            assertThat(stopped.get("state").asText()).isEqualTo("STOPPED");
            stoppedAt = stopped.get("predictions").asLong();
            assertThat(stopped.get("pnl_total_usd").asDouble()).isCloseTo(stopped.get("equity_usd").asDouble() - 10_000,
                    org.assertj.core.api.Assertions.within(1e-6));

            var page = ok(ts.get("/agent/decisions?agent_id=" + id + "&limit=500", key));
            var ds = page.get("decisions");
            assertThat(ds.size()).isEqualTo((int) stoppedAt);
            boolean someGated = false;
            for (JsonNode d : ds) {
                assertThat(d.get("brain").asText()).isEqualTo("directional-stack");
                assertThat(d.get("votes").size()).as("votes of tick %s", d.get("seq")).isGreaterThan(2);
                assertThat(d.get("votes").get(0).get("voter").asText()).isEqualTo("gbm");
                assertThat(d.get("reasoning").asText()).startsWith("Stack (");
                if (d.get("gates").size() > 0) {
                    someGated = true;
                    assertThat(d.get("gates").findValuesAsText("name")).containsExactly("meta", "confidence", "regime", "fuzzy");
                }
            }
            assertThat(someGated).as("some bar had a side with support, so its gates were recorded").isTrue();
            var chart = ok(ts.get("/agent/chart?agent_id=" + id, key));
            assertThat(chart.get("prices_usd").has("BTC")).isTrue();
            assertThat(chart.get("prices_usd").get("BTC").size()).isEqualTo(chart.get("times_ms").size());
            firstDecisions = decisionsText(ts, key, id);
        }

        try (var ts = TestServer.wrap(Server.start(cfg))) {
            var st = ok(ts.get("/agent/status?agent_id=" + id, key));
            assertThat(st.get("state").asText()).isEqualTo("STOPPED");
            assertThat(st.get("predictions").asLong()).isEqualTo(stoppedAt);
            assertThat(st.get("config").get("asset").asText()).isEqualTo("BTC");
            assertThat(decisionsText(ts, key, id)).as("the decisions survive the restart").isEqualTo(firstDecisions);

            // continue the same run: the trader is rebuilt from the journal and goes on from the next bar
            var again = ok(ts.post("/agent/start?agent_id=" + id, key, null));
            assertThat(again.get("run_no").asInt()).isEqualTo(1);
            awaitPredictions(ts, key, id, stoppedAt + 20);
            // then the server shuts down while the agent runs: it stays RUNNING in the database
        }

        try (var ts = TestServer.wrap(Server.start(cfg))) {
            var st = ok(ts.get("/agent/status?agent_id=" + id, key));
            assertThat(st.get("state").asText()).as("recovered in the state it was in").isEqualTo("RUNNING");
            long recoveredAt = st.get("predictions").asLong();
            awaitPredictions(ts, key, id, recoveredAt + 20);
            var stopped = ok(ts.post("/agent/stop?agent_id=" + id, key, null));
            assertThat(stopped.get("run_no").asInt()).isEqualTo(1);
            long total = stopped.get("predictions").asLong();
            List<String> all = decisionsText(ts, key, id);
            assertThat(all).hasSize((int) total);
            assertThat(all.subList(all.size() - firstDecisions.size(), all.size())).as("the first decisions, unchanged").isEqualTo(firstDecisions);
            Set<Integer> seqs = new HashSet<>();
            for (JsonNode d : ok(ts.get("/agent/decisions?agent_id=" + id + "&limit=500", key)).get("decisions")) {
                assertThat(seqs.add(d.get("seq").asInt())).as("tick %s once", d.get("seq")).isTrue();
            }
            assertThat(seqs).hasSize((int) total);
            assertThat(seqs).allMatch(s -> s >= 0 && s < total);

            // another market (a funding brain) cannot continue a run of bars: the next start begins a new run
            ok(ts.send("PUT", "/agent/config?agent_id=" + id, key, "{\"brain\":\"greedy-carry\"}"));
            var funding = ok(ts.post("/agent/start?agent_id=" + id, key, null));
            assertThat(funding.get("run_no").asInt()).isEqualTo(2);
            ok(ts.post("/agent/stop?agent_id=" + id, key, null));
        }
    }

    static void awaitPredictions(TestServer ts, String key, long id, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ok(ts.get("/agent/status?agent_id=" + id, key)).get("predictions").asLong() < n) {
            assertThat(System.nanoTime()).as("agent %d reaches %d decisions within 20 s", id, n).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void withoutABundleTheBrainIsNotOffered() throws Exception {
        try (var ts = new TestServer()) {
            String key = ts.server.createUser("erin").apiKey();
            assertThat(ok(ts.get("/brains", key)).findValuesAsText("id")).doesNotContain("directional-stack");
            var r = ts.post("/agents", key, "{\"name\":\"d\",\"brain\":\"directional-stack\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).isEqualTo("brain");
            assertThat(json(r).get("message").asText()).contains("not available").contains("greedy-carry");
        }
    }

    /** Collects the {@code event:} and {@code data:} lines of the caller's event stream. */
    static InputStream listen(TestServer ts, String key, List<String> lines) throws Exception {
        var req = HttpRequest.newBuilder(ts.uri("/events")).header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        InputStream in = ts.http.send(req, HttpResponse.BodyHandlers.ofInputStream()).body();
        Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("event:") || line.startsWith("data:")) lines.add(line);
                }
            } catch (Exception ignored) {
                // the test closed the stream
            }
        });
        return in;
    }

    static List<String> decisionsText(TestServer ts, String key, long id) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode d : ok(ts.get("/agent/decisions?agent_id=" + id + "&limit=500", key)).get("decisions")) out.add(d.toString());
        return out;
    }
}
