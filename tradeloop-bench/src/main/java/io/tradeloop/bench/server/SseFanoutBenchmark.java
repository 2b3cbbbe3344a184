package io.tradeloop.bench.server;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.Benchmark;
import io.tradeloop.core.SharedData;
import io.tradeloop.server.Server;
import io.tradeloop.server.ServerConfig;
import io.tradeloop.server.agent.AgentConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 200 concurrent {@code GET /events} streams while paper agents trade the real funding replay: 10 users
 * with one agent each (20 market steps per second) and 20 streams each. Measures the decision events
 * delivered, the delivery lag (client receive time − the decision's wall time), streams that failed, and
 * the heap after a full GC at the start and the end of the window (memory flat = small delta).
 */
public final class SseFanoutBenchmark implements Benchmark {
    static final int USERS = 10;
    static final int STREAMS_PER_USER = 20;
    private static final Pattern WALL = Pattern.compile("\"wall_ms\":(\\d+)");

    @Override
    public String group() {
        return PredictMultiBenchmark.GROUP;
    }

    @Override
    public List<BenchRow> run(BenchOptions options) throws Exception {
        var data = SharedData.file("funding/cross_exchange_8h.csv");
        if (data.isEmpty()) {
            return List.of(BenchRow.skipped(group(), "200 SSE clients", SharedData.ABSENT));
        }
        int seconds = options.quick() ? 10 : 44; // the replay (1,095 steps at 20/s) must outlast the window
        var dir = Files.createTempDirectory("tradeloop-bench-sse");
        var cfg = ServerConfig.defaults(dir, 0).withFundingFile(data.get()); // H2 file: in-memory H2 would keep the journal on the heap
        int clients = USERS * STREAMS_PER_USER;
        AtomicLongArray decisionsPerClient = new AtomicLongArray(clients);
        AtomicLong events = new AtomicLong();
        AtomicLong overflows = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLongArray lagMs = new AtomicLongArray(LAG_BUCKETS); // a histogram, so measuring does not grow the heap
        List<BenchRow> rows = new ArrayList<>();
        try (Server server = Server.start(cfg, Map.of())) {
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            List<Thread> readers = new ArrayList<>();
            List<Long> userIds = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                var user = server.createUser("sse" + u, 1e6);
                userIds.add(user.userId());
                for (int s = 0; s < STREAMS_PER_USER; s++) {
                    int client = u * STREAMS_PER_USER + s;
                    var req = HttpRequest.newBuilder(URI.create(server.url() + "events")).header("Authorization", "Bearer " + user.apiKey())
                            .header("Accept", "text/event-stream").build();
                    readers.add(Thread.ofVirtual().start(() -> {
                        try {
                            var res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                            if (res.statusCode() != 200) {
                                failed.incrementAndGet();
                                return;
                            }
                            try (var in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                                String line;
                                boolean decision = false;
                                while ((line = in.readLine()) != null) {
                                    if (line.startsWith("event:")) {
                                        events.incrementAndGet();
                                        decision = line.equals("event: decision");
                                        if (line.equals("event: overflow")) overflows.incrementAndGet();
                                    } else if (decision && line.startsWith("data:")) {
                                        Matcher m = WALL.matcher(line);
                                        if (m.find()) {
                                            long lag = System.currentTimeMillis() - Long.parseLong(m.group(1));
                                            lagMs.incrementAndGet((int) Math.max(0, Math.min(LAG_BUCKETS - 1, lag)));
                                        }
                                        decisionsPerClient.incrementAndGet(client);
                                        decision = false;
                                    }
                                }
                            }
                            if (!Thread.currentThread().isInterrupted()) failed.incrementAndGet(); // the server ended the stream early
                        } catch (java.io.IOException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (server.events().subscriberCount() < clients && System.nanoTime() < deadline) Thread.sleep(20);
            long connected = server.events().subscriberCount();
            // 20 market steps per second per agent
            for (long u : userIds) {
                var a = server.agents().create(u, AgentConfig.defaults("sse").withSpeed(20 * 8 * 3_600.0));
                server.agents().start(u, a.agentId(), false);
            }
            Thread.sleep(2_000);
            long heapStart = heapAfterGc();
            long ev0 = events.get();
            long[] lagAtStart = snapshot(lagMs);
            long t0 = System.nanoTime();
            long[] heap = new long[5];
            heap[0] = heapStart;
            for (int q = 1; q <= 4; q++) {
                Thread.sleep(seconds * 250L);
                heap[q] = heapAfterGc();
            }
            double window = (System.nanoTime() - t0) / 1e9;
            long delivered = events.get() - ev0;
            long predictions = 0;
            for (long u : userIds) {
                predictions += server.agents().list(u).get(0).predictions();
            }
            long minDecisions = Long.MAX_VALUE;
            for (int c = 0; c < clients; c++) minDecisions = Math.min(minDecisions, decisionsPerClient.get(c));
            long[] lag = snapshot(lagMs);
            for (int i = 0; i < lag.length; i++) lag[i] -= lagAtStart[i];
            rows.add(new BenchRow(group(), "SSE streams connected", connected, "clients", "200",
                    USERS + " users x " + STREAMS_PER_USER + " streams, each user's agent at 20 steps/s on the real funding replay"));
            rows.add(new BenchRow(group(), "SSE events delivered", delivered / window, "events/s", "",
                    String.format(Locale.ROOT, "%.0f s window; %d decisions made; fewest decision events at one client: %d", window, predictions, minDecisions)));
            rows.add(new BenchRow(group(), "SSE decision delivery lag p50", quantile(lag, 0.5), "ms", "",
                    "client receive time - decision wall time"));
            rows.add(new BenchRow(group(), "SSE decision delivery lag p99", quantile(lag, 0.99), "ms", "",
                    java.util.Arrays.stream(lag).sum() + " decision events"));
            rows.add(new BenchRow(group(), "SSE failed streams + overflows", failed.get() + overflows.get(), "count", "0",
                    failed.get() + " failed, " + overflows.get() + " overflow notices"));
            long highest = java.util.Arrays.stream(heap).max().orElse(0);
            rows.add(new BenchRow(group(), "heap after full GC, highest of 5 samples in the window", highest / 1048576.0, "MiB",
                    "bounded", String.format(Locale.ROOT, "samples at 0, 1/4, 1/2, 3/4, end: %.0f, %.0f, %.0f, %.0f, %.0f MiB (H2 page cache included)",
                    heap[0] / 1048576.0, heap[1] / 1048576.0, heap[2] / 1048576.0, heap[3] / 1048576.0, heap[4] / 1048576.0)));
            for (Thread t : readers) t.interrupt();
        }
        return rows;
    }

    /** Lag histogram buckets: 1 ms each, the last one holds everything at or above 10 s. */
    static final int LAG_BUCKETS = 10_001;

    private static long[] snapshot(AtomicLongArray a) {
        long[] out = new long[a.length()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i);
        return out;
    }

    /** The q-quantile (ms) of a 1 ms histogram, NaN when empty. */
    static double quantile(long[] hist, double q) {
        long total = 0;
        for (long c : hist) total += c;
        if (total == 0) return Double.NaN;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < hist.length; i++) {
            seen += hist[i];
            if (seen >= rank) return i;
        }
        return hist.length - 1;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
