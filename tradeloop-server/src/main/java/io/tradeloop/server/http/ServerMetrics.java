package io.tradeloop.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradeloop.server.agent.AgentState;
import io.tradeloop.server.runtime.AgentManager;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Prometheus metrics: request latency per route and status, agents per state, SSE
 * subscribers and events, predictions, and the JVM's own. Labels never carry user ids or keys.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter rateLimited;
    private final Timer predict;

    public ServerMetrics(AgentManager agents, EventHub hub) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (AgentState s : AgentState.values()) {
            Gauge.builder("tradeloop_agents", agents, a -> a.countByState().get(s)).tag("state", s.name())
                    .description("agents in each state").register(registry);
        }
        Gauge.builder("tradeloop_sse_subscribers", hub, EventHub::subscriberCount).description("open event streams").register(registry);
        Gauge.builder("tradeloop_sse_events_sent", hub, EventHub::eventsSent).description("events written to streams since start")
                .register(registry);
        rateLimited = Counter.builder("tradeloop_rate_limited").description("requests refused by a key's rate limit").register(registry);
        predict = Timer.builder("tradeloop_predict_seconds").description("policy evaluation time of predict-multi")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void request(String method, String route, int status, double millis) {
        String key = method + " " + route + " " + status;
        timers.computeIfAbsent(key, k -> Timer.builder("tradeloop_http_requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).description("HTTP requests by route and status").register(registry))
                .record(Duration.ofNanos((long) (millis * 1e6)));
    }

    void rateLimited() {
        rateLimited.increment();
    }

    Timer predictTimer() {
        return predict;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
