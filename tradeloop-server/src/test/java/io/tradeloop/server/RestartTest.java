package io.tradeloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.brain.GreedyCarryBrain;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.market.FundingFileReplay;
import io.tradeloop.server.market.TestMarkets;
import io.tradeloop.server.paper.PaperTrader;
import io.tradeloop.server.store.AgentStore;
import io.tradeloop.server.store.Database;
import io.tradeloop.server.store.DatabaseConfig;
import io.tradeloop.server.store.TickStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the server process with SIGKILL while an agent trades, starts it again on the same H2 file and
 * checks that the agents come back in their state with their history: every tick's decision exactly
 * once, and the finished run identical to one that was never interrupted.
 */
class RestartTest {
    static final int TICKS = 400;
    final HttpClient http = HttpClient.newHttpClient();

    record Child(Process process, int port, String key) {
    }

    Child spawn(Path dir, Path csv, boolean createUser) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ServerProcessMain.class.getName(), dir.toString(), csv.toString()));
        if (createUser) cmd.add("--create-user");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String key = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) throw new AssertionError("the server process exited early (code " + p.waitFor() + ")");
            if (line.startsWith("KEY ")) key = line.substring(4);
            if (line.startsWith("PORT ")) return new Child(p, Integer.parseInt(line.substring(5)), key);
        }
        p.destroyForcibly();
        throw new AssertionError("the server process did not start in time");
    }

    JsonNode call(Child c, String key, String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port() + path)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(20));
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void killedMidRunTheServerBringsItsAgentsBackWithNothingLostOrDuplicated(@TempDir Path dir) throws Exception {
        Path csv = TestMarkets.writeCsv(dir.resolve("funding.csv"), 23, TICKS);
        double speed = 8 * 3_600_000 / 8.0; // 8 ms per tick: about 3 s for the replay
        Child first = spawn(dir, csv, true);
        String key = first.key();
        long running;
        long paused;
        long pausedAt;
        try {
            running = call(first, key, "POST", "/agents", "{\"name\":\"runner\",\"speed\":" + speed + ",\"entry_apr_pct\":5,\"exit_apr_pct\":1}")
                    .get("agent_id").asLong();
            // 40 ms per tick: far from the end of its replay when it is paused
            paused = call(first, key, "POST", "/agents", "{\"name\":\"sleeper\",\"speed\":" + speed / 5 + "}").get("agent_id").asLong();
            call(first, key, "POST", "/agent/start?agent_id=" + running, null);
            call(first, key, "POST", "/agent/start?agent_id=" + paused, null);
            awaitPredictions(first, key, paused, 30);
            pausedAt = call(first, key, "POST", "/agent/pause?agent_id=" + paused, null).get("predictions").asLong();
            awaitPredictions(first, key, running, 120);
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Child second = spawn(dir, csv, false);
        try {
            JsonNode sleeper = call(second, key, "GET", "/agent/status?agent_id=" + paused, null);
            assertThat(sleeper.get("state").asText()).isEqualTo("PAUSED");
            assertThat(sleeper.get("predictions").asLong()).isEqualTo(pausedAt);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!call(second, key, "GET", "/agent/status?agent_id=" + running, null).get("state").asText().equals("STOPPED")) {
                assertThat(System.nanoTime()).as("the recovered agent finishes its replay").isLessThan(deadline);
                Thread.sleep(50);
            }
            // every tick exactly once, read back through the API
            Set<Integer> seen = new HashSet<>();
            Integer before = null;
            while (true) {
                JsonNode page = call(second, key, "GET", "/agent/decisions?agent_id=" + running + "&limit=500"
                        + (before == null ? "" : "&before=" + before), null);
                for (JsonNode d : page.get("decisions")) {
                    assertThat(seen.add(d.get("seq").asInt())).as("tick " + d.get("seq") + " once").isTrue();
                }
                if (page.get("next_before").isNull()) break;
                before = page.get("next_before").asInt();
            }
            assertThat(seen).hasSize(TICKS);
            assertThat(seen).allMatch(s -> s >= 0 && s < TICKS);
        } finally {
            second.process().destroy(); // SIGTERM: clean shutdown
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (Database db = Database.open(DatabaseConfig.h2File(dir))) {
            var ticks = new TickStore(db);
            var stats = ticks.stats(running, 1).orElseThrow();
            var cfg = new AgentStore(db).listAll().stream().filter(a -> a.id() == running).findFirst().orElseThrow().config();
            var reference = PaperTrader.startRun(running, 1, cfg, FundingFileReplay.load(csv), new GreedyCarryBrain());
            while (!reference.finished()) reference.step(0, 0);
            assertThat(stats.equityUsd()).isEqualTo(reference.stats().equityUsd());
            assertThat(stats.trades()).isEqualTo(reference.stats().trades());
            assertThat(stats.ledgerSeq()).isEqualTo(reference.stats().ledgerSeq());
            assertThat(ticks.ledger(running, 1)).hasSize((int) reference.stats().ledgerSeq());
            assertThat(reference.stats().trades()).as("the run traded, so the comparison means something").isGreaterThan(3);
            var sessions = new AgentStore(db).sessions(running);
            assertThat(sessions).singleElement().satisfies(s -> {
                assertThat(s.recoveries()).isEqualTo(1);
                assertThat(s.endState()).isEqualTo("STOPPED");
            });
            assertThat(new AgentStore(db).sessions(paused)).as("sessions of the paused agent: " + new AgentStore(db).sessions(paused)
                            + " / " + new AgentStore(db).sessions(running) + " / " + new AgentStore(db).listAll()).singleElement()
                    .satisfies(s -> assertThat(s.recoveries()).isEqualTo(1));
            assertThat(cfg).isInstanceOf(AgentConfig.class);
        }
    }

    void awaitPredictions(Child c, String key, long agent, long n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (call(c, key, "GET", "/agent/status?agent_id=" + agent, null).get("predictions").asLong() < n) {
            assertThat(System.nanoTime()).as("agent " + agent + " reaches " + n + " decisions").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
