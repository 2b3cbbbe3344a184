package io.tradeloop.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.sse.SseClient;
import io.tradeloop.server.agent.AgentStatus;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.runtime.AgentEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-sent events per caller: each subscriber receives the {@code status}, {@code stats},
 * {@code decision} and {@code error} events of its own user's agents only. Each subscriber has a bounded
 * queue drained by its own virtual thread, so a slow client never blocks an agent; when its queue is full
 * the oldest events are dropped and the client is told with an {@code overflow} event (refetch then).
 */
public final class EventHub implements AgentEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    /** Events one subscriber may have waiting. */
    public static final int QUEUE = 512;
    /** A comment is sent this often so dead connections are noticed and proxies keep the stream open. */
    public static final long HEARTBEAT_MS = 15_000;

    private record Event(String name, String json) {
    }

    private final class Subscriber {
        final long userId;
        final SseClient client;
        final ArrayBlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
        final AtomicLong dropped = new AtomicLong();
        volatile boolean closed;
        Thread writer;

        Subscriber(long userId, SseClient client) {
            this.userId = userId;
            this.client = client;
        }

        void offer(Event e) {
            while (!queue.offer(e)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        }

        void drain() {
            long id = 0;
            try {
                while (!closed && !client.terminated()) {
                    Event e = queue.poll(HEARTBEAT_MS, TimeUnit.MILLISECONDS);
                    long lost = dropped.getAndSet(0);
                    if (lost > 0) {
                        client.sendEvent("overflow", "{\"dropped\":" + lost + "}", Long.toString(++id));
                    }
                    if (e == null) {
                        client.sendComment("keep-alive");
                    } else {
                        client.sendEvent(e.name(), e.json(), Long.toString(++id));
                        sent.incrementAndGet();
                    }
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException io) {
                log.debug("sse client gone user_id={} error={}", userId, io.toString());
            } finally {
                remove(this);
            }
        }
    }

    private final ConcurrentHashMap<Long, Set<Subscriber>> byUser = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong subscribers = new AtomicLong();

    /** Attaches a client for {@code userId}, sends it {@code hello} (its agents now) and keeps the stream open. */
    public void subscribe(long userId, SseClient client, Object hello) {
        Subscriber s = new Subscriber(userId, client);
        byUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(s);
        subscribers.incrementAndGet();
        client.onClose(() -> {
            s.closed = true;
            Thread w = s.writer;
            if (w != null) w.interrupt();
        });
        s.offer(new Event("hello", encode(hello)));
        s.writer = Thread.ofVirtual().name("sse-" + userId).start(s::drain);
        client.keepAlive();
    }

    private void remove(Subscriber s) {
        Set<Subscriber> set = byUser.get(s.userId);
        if (set != null && set.remove(s)) {
            subscribers.decrementAndGet();
        }
        s.closed = true;
        if (!s.client.terminated()) { // a stream the client already ended has no response left to close
            try {
                s.client.close();
            } catch (RuntimeException e) {
                log.debug("sse close failed user_id={} error={}", s.userId, e.toString());
            }
        }
    }

    /** Subscribers connected now. */
    public long subscriberCount() {
        return subscribers.get();
    }

    /** Events written to clients since start. */
    public long eventsSent() {
        return sent.get();
    }

    @Override
    public void status(long userId, AgentStatus status) {
        publish(userId, "status", status);
    }

    @Override
    public void decision(long userId, AgentStatus status, DecisionRecord decision) {
        Set<Subscriber> set = byUser.get(userId);
        if (set == null || set.isEmpty()) {
            return; // nobody listens: skip the encoding
        }
        publish(userId, "stats", status);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("agent_id", status.agentId());
        d.put("decision", decision);
        publish(userId, "decision", d);
    }

    @Override
    public void error(long userId, long agentId, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("agent_id", agentId);
        e.put("message", message);
        publish(userId, "error", e);
    }

    private void publish(long userId, String name, Object payload) {
        Set<Subscriber> set = byUser.get(userId);
        if (set == null || set.isEmpty()) {
            return;
        }
        Event e = new Event(name, encode(payload));
        for (Subscriber s : set) {
            s.offer(e);
        }
    }

    private static String encode(Object payload) {
        try {
            return Json.mapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an event: " + e.getOriginalMessage(), e);
        }
    }

    /** Closes every stream (server shutdown). */
    @Override
    public void close() {
        for (Set<Subscriber> set : byUser.values()) {
            for (Subscriber s : set) {
                s.closed = true;
                if (s.writer != null) s.writer.interrupt();
            }
        }
    }
}
