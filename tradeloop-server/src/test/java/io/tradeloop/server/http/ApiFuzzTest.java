package io.tradeloop.server.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.ConfigParam;
import io.tradeloop.server.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws malformed JSON, wrong types, NaN/Infinity, huge numbers, out-of-range settings, bad query and
 * path parameters and oversized bodies at every endpoint the OpenAPI document lists. Every answer must be
 * a JSON {@link ApiError} with a 4xx status (503 only for a valid predict-multi request, which has no model
 * to answer it), and the server must log no internal error.
 */
class ApiFuzzTest {
    static TestServer ts;
    static String key;
    static long agentId;
    static ListAppender<ILoggingEvent> logs;

    static final List<String> BAD_BODIES = List.of(
            "{", "}", "{\"a\":}", "[1,2", "nul", "{'single': 1}", "{\"a\":1,}", "{\"a\" 1}", "/* c */ {}",
            "{\"max_leverage\": NaN}", "{\"max_leverage\": Infinity}", "{\"max_leverage\": -Infinity}",
            "{\"max_leverage\": 1e400}", "{\"max_leverage\": -1e400}", "{\"max_positions\": 1e400}",
            "{\"max_positions\": 99999999999999999999999999}", "{\"max_positions\": 2.5}", "{\"max_leverage\": \"3\"}",
            "{\"max_leverage\": true}", "{\"max_leverage\": []}", "{\"max_leverage\": {}}", "{\"max_leverage\": -5}",
            "{\"unknown_field\": 1}", "{\"max_leverage\": 2, \"max_leverage\": 3}", "[]", "\"text\"", "42", "true", "null",
            "[".repeat(200) + "]".repeat(200), "{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}",
            "{\"name\": \"" + "x".repeat(70_000) + "\"}", "1".repeat(100) + "e5", "{\"speed\": " + "9".repeat(70) + "}",
            "\u0000\u0001\u0002", "{\"name\": \"\\ud800\"}", "{\"reset\": \"yes\"}", "{\"reset\": 1}",
            "{\"label\": 5}", "{\"rate_per_second\": -1}", "{\"api_key\": 1}", "{\"opportunities\": {}}",
            "{\"opportunities\": [null]}", "{\"opportunities\": [1,2,3]}", "{\"portfolio\": []}");

    @BeforeAll
    static void start() throws Exception {
        ts = new TestServer();
        ts.server.createUser("decoy"); // owns key 1 and agent 1: the fuzzer's DELETE /me/keys/1 must not find it
        key = ts.server.createUser("fuzz", 1_000_000).apiKey();
        ts.server.agents().create(1, AgentConfig.defaults("decoy-agent"));
        var r = ts.post("/agents", key, "{\"speed\": 100000}");
        agentId = Json.mapper().readTree(r.body()).get("agent_id").asLong();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ts.close();
    }

    /** Every documented (method, path), with path parameters filled. */
    static List<String[]> endpoints() throws Exception {
        JsonNode doc = Json.mapper().readTree(ts.get("/openapi.json", null).body());
        List<String[]> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            var e = it.next();
            for (Iterator<String> m = e.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next().toUpperCase();
                String path = e.getKey();
                if (path.equals("/events")) continue; // a stream: fuzzed separately below
                for (String filled : fill(path)) {
                    out.add(new String[] {method, filled});
                }
            }
        }
        return out;
    }

    static List<String> fill(String path) {
        if (path.contains("{id}")) {
            return List.of(path.replace("{id}", "1"), path.replace("{id}", "abc"), path.replace("{id}", "-5"),
                    path.replace("{id}", "99999999999999999999999"));
        }
        if (path.contains("{exchange}")) {
            return List.of(path.replace("{exchange}", "binance"), path.replace("{exchange}", "BAD%21NAME"),
                    path.replace("{exchange}", "x".repeat(80)));
        }
        return List.of(path);
    }

    static void check(String what, HttpResponse<String> r, boolean allow2xx, boolean allow503) {
        int s = r.statusCode();
        assertThat(s).as(what + " -> " + s + " " + abbreviate(r.body())).isLessThan(500 + (allow503 ? 4 : 0));
        if (s == 503) {
            assertThat(r.body()).as(what).contains("model_unavailable");
        }
        if (!allow2xx) {
            assertThat(s).as(what + " -> " + abbreviate(r.body())).isGreaterThanOrEqualTo(400);
        }
        if (s >= 400) {
            JsonNode err;
            try {
                err = Json.mapper().readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError(what + ": error body is not JSON: " + abbreviate(r.body()));
            }
            assertThat(err.get("error").asText()).as(what).isNotBlank();
            assertThat(err.get("status").asInt()).as(what).isEqualTo(s);
            assertThat(err.get("message").asText()).as(what).isNotBlank();
            if (s == 400 && err.get("error").asText().equals("invalid_field")) {
                assertThat(err.get("field").isNull()).as(what + ": a field must be named: " + r.body()).isFalse();
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Test
    void everyEndpointAnswersBadBodiesWithA4xxNamingTheProblem() throws Exception {
        int sent = 0;
        for (String[] ep : endpoints()) {
            String method = ep[0];
            String path = ep[1].contains("/agent/") ? ep[1] + "?agent_id=" + agentId : ep[1];
            for (String body : BAD_BODIES) {
                var r = ts.send(method, path, key, body);
                // GET ignores bodies; DELETE and the body-less POSTs may act (200/204/404/409) on what the path names
                boolean bodyIgnored = method.equals("GET") || method.equals("DELETE") || path.startsWith("/agent/stop")
                        || path.startsWith("/agent/pause") || path.startsWith("/agent/resume");
                check(method + " " + path + " body=" + abbreviate(body), r, bodyIgnored, false);
                sent++;
            }
            // the same with a non-JSON content type and without a key
            check(method + " " + path + " text/plain", ts.send(method, path, key, "{\"a\":1}", "text/plain"),
                    method.equals("GET") || method.equals("DELETE") || !path.contains("config") && !path.contains("predict")
                            && !path.contains("keys") && !path.contains("credentials") && !path.equals("/agents") && !path.contains("start"),
                    false);
            if (!path.startsWith("/health") && !path.startsWith("/metrics") && !path.startsWith("/openapi")) {
                assertThat(ts.send(method, path, null, "{}").statusCode()).as(method + " " + path + " without key").isEqualTo(401);
            }
        }
        assertThat(sent).isGreaterThan(700);
        assertNoInternalErrors();
    }

    @Test
    void oversizedBodiesAre413OnEveryWriteEndpoint() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(200_000) + "\"}";
        for (String[] ep : endpoints()) {
            if (ep[0].equals("GET")) continue;
            var r = ts.send(ep[0], ep[1], key, huge);
            if (ep[0].equals("DELETE") || ep[1].contains("stop") || ep[1].contains("pause") || ep[1].contains("resume")) {
                check(ep[0] + " " + ep[1] + " huge", r, true, false);
            } else {
                assertThat(r.statusCode()).as(ep[0] + " " + ep[1] + ": " + abbreviate(r.body())).isIn(400, 404, 413);
            }
        }
        // chunked (no Content-Length): the limit holds while reading
        var req = HttpRequest.newBuilder(ts.uri("/api/predict-multi")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()))).build();
        var r = ts.http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertNoInternalErrors();
    }

    @Test
    void queryParametersAreRangeChecked() {
        for (String path : List.of("/agent/status", "/agent/decisions", "/agent/chart", "/agent/start", "/agent/config")) {
            for (String q : List.of("agent_id=abc", "agent_id=-1", "agent_id=0", "agent_id=1e400", "agent_id=99999999999999999999999",
                    "agent_id=", "agent_id=%00", "agent_id=" + agentId + "&limit=-1", "agent_id=" + agentId + "&limit=100000",
                    "agent_id=" + agentId + "&before=x", "agent_id=" + agentId + "&points=1", "agent_id=" + agentId + "&points=99999")) {
                String method = path.equals("/agent/start") ? "POST" : path.equals("/agent/config") ? "PUT" : "GET";
                var r = ts.send(method, path + "?" + q, key, method.equals("PUT") ? "{\"max_leverage\":2}" : null);
                boolean validQuery = q.startsWith("agent_id=" + agentId) && !(path.equals("/agent/decisions") && (q.contains("limit") || q.contains("before")))
                        && !(path.equals("/agent/chart") && q.contains("points"));
                check(method + " " + path + "?" + q, r, validQuery, false);
                if (!validQuery && r.statusCode() == 400) {
                    assertThat(r.body()).contains("\"field\"");
                }
            }
        }
        assertNoInternalErrors();
    }

    @Test
    void everyAgentSettingOutOfRangeIsRefusedNamingItAndItsRange() throws Exception {
        for (ConfigParam p : AgentConfig.PARAMS) {
            for (double bad : new double[] {p.min() - 1, p.max() + 1, -1e300, 1e300}) {
                String body = "{\"" + p.name() + "\": " + (p.integer() ? Long.toString((long) Math.max(-1e15, Math.min(1e15, bad))) : Double.toString(bad)) + "}";
                for (String[] ep : new String[][] {{"POST", "/agents"}, {"PUT", "/agent/config?agent_id=" + agentId}}) {
                    var r = ts.send(ep[0], ep[1], key, body);
                    check(ep[0] + " " + ep[1] + " " + body, r, false, false);
                    JsonNode err = Json.mapper().readTree(r.body());
                    assertThat(err.get("field").asText()).as(body + " -> " + r.body()).isEqualTo(p.name());
                    if (!p.name().equals("exit_apr_pct") || bad > p.max()) {
                        assertThat(err.get("message").asText() + " " + err.get("allowed").asText()).as(body).contains(p.range().substring(1, 4));
                    }
                }
            }
        }
        var r = ts.send("PUT", "/agent/config?agent_id=" + agentId, key, "{\"exit_apr_pct\": 50, \"entry_apr_pct\": 10}");
        assertThat(Json.mapper().readTree(r.body()).get("message").asText()).contains("must be <= entry_apr_pct");
        assertThat(ts.send("PUT", "/agent/config?agent_id=" + agentId, key, "{}").statusCode()).isEqualTo(400);
        assertThat(ts.send("PUT", "/agent/config?agent_id=" + agentId, key, "{\"brain\":\"nope\"}").statusCode()).isEqualTo(400);
        assertThat(ts.send("PUT", "/agent/config?agent_id=" + agentId, key, "{\"name\":\"<script>\"}").statusCode()).isEqualTo(400);
        assertNoInternalErrors();
    }

    @Test
    void everyPredictMultiFieldRejectsBadValuesWithItsPath() throws Exception {
        JsonNode valid = Json.mapper().readTree(ApiTest.PREDICT.replace("\"active_positions\":[]", """
                "active_positions":[{"symbol":"ETHUSDT","long_exchange":"okx","short_exchange":"bybit","position_size_usd":500,
                  "hours_held":12,"long_entry_price":1800,"short_entry_price":1801,"long_current_price":1810,"short_current_price":1812,
                  "long_funding_rate":0.0001,"short_funding_rate":0.0003,"leverage":3}]"""));
        assertThat(ts.post("/api/predict-multi", key, valid.toString()).statusCode()).as("the base request is valid").isEqualTo(503);
        List<String[]> leaves = new ArrayList<>();
        collect(valid, "", leaves);
        assertThat(leaves.size()).isGreaterThan(20);
        String[] badValues = {"NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e300", "-1e300", "\"str\"", "true", "[]", "{}"};
        for (String[] leaf : leaves) {
            for (String bad : badValues) {
                if (leaf[1].equals("text") && (bad.equals("\"str\""))) continue; // a string is a valid type for text fields
                String body = replace(valid, leaf[0], bad);
                var r = ts.post("/api/predict-multi", key, body);
                check("predict " + leaf[0] + "=" + bad, r, false, false);
                JsonNode err = Json.mapper().readTree(r.body());
                String field = err.get("field").asText();
                assertThat(field).as(leaf[0] + "=" + bad + " -> " + r.body()).isIn(leaf[0], "body", parentOf(leaf[0]));
            }
            var nulled = ts.post("/api/predict-multi", key, replace(valid, leaf[0], "null"));
            check("predict " + leaf[0] + "=null", nulled, false, true); // optional fields may be absent (then 503: no model)
        }
        assertNoInternalErrors();
    }

    /** Every scalar leaf: {json path, "number"|"text"}. */
    static void collect(JsonNode n, String path, List<String[]> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) collect(n.get(i), path + "[" + i + "]", out);
        } else {
            out.add(new String[] {path, n.isNumber() ? "number" : "text"});
        }
    }

    static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The request with the leaf at {@code path} replaced by the raw JSON text {@code raw} (which may itself be invalid JSON). */
    static String replace(JsonNode valid, String path, String raw) {
        JsonNode copy = valid.deepCopy();
        String marker = "\"@@FUZZ@@\"";
        String[] parts = path.split("\\.");
        JsonNode cur = copy;
        for (int i = 0; i < parts.length - 1; i++) cur = step(cur, parts[i]);
        String last = parts[parts.length - 1];
        if (last.contains("[")) {
            cur = step(cur, last.substring(0, last.indexOf('[')));
            int idx = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.indexOf(']')));
            ((com.fasterxml.jackson.databind.node.ArrayNode) cur).set(idx, "@@FUZZ@@");
        } else {
            ((ObjectNode) cur).put(last, "@@FUZZ@@");
        }
        return copy.toString().replace(marker, raw);
    }

    static JsonNode step(JsonNode n, String part) {
        if (part.contains("[")) {
            JsonNode arr = n.get(part.substring(0, part.indexOf('[')));
            return arr.get(Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']'))));
        }
        return n.get(part);
    }

    @Test
    void eventStreamRefusesWrongAcceptAndBadKeys() {
        var r = ts.send("GET", "/events", key, null);
        check("events without Accept", r, false, false);
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(ts.send("POST", "/events", key, "{}").statusCode()).isEqualTo(405);
        assertNoInternalErrors();
    }

    static void assertNoInternalErrors() {
        assertThat(logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).map(ILoggingEvent::getFormattedMessage).toList())
                .as("internal errors logged").isEmpty();
        assertThat(ts.get("/health", null).statusCode()).isEqualTo(200);
    }
}
