package io.tradeloop.bench.server;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback HTTP load generator in the benchmark's own JVM ({@link RawHttp}: keep-alive sockets, requests
 * encoded once).
 * Open loop: request i is due at t0 + i / rate and its latency is measured from that due time, so a slow
 * server cannot hide its queueing (no coordinated omission). Closed loop: a fixed number of callers send
 * back to back, for throughput.
 */
final class LoadGenerator {
    /** Latencies in ms (by request), responses that were not the expected status, and the achieved request rate. */
    record Result(double[] latencyMs, long errors, double achievedPerSecond) {
        double quantile(double q) {
            double[] v = latencyMs.clone();
            Arrays.sort(v);
            return v[Math.max(0, Math.min(v.length - 1, (int) Math.ceil(q * v.length) - 1))];
        }
    }

    private final RawHttp client;

    LoadGenerator(URI server, int maxConnections) {
        this.client = new RawHttp(server, maxConnections);
    }

    /** Sends {@code n} requests at {@code rate} per second. */
    Result openLoop(byte[] request, int expectedStatus, double rate, int n) throws InterruptedException {
        double[] lat = new double[n];
        AtomicLong errors = new AtomicLong();
        long t0 = System.nanoTime() + 20_000_000L;
        long end;
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long due = t0 + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int idx = i;
                exec.submit(() -> {
                    int status = send(request);
                    lat[idx] = (System.nanoTime() - due) / 1e6;
                    if (status != expectedStatus) errors.incrementAndGet();
                });
            }
        }
        end = System.nanoTime();
        return new Result(lat, errors.get(), n / ((end - t0) / 1e9));
    }

    /** {@code callers} send back to back for {@code seconds}; returns completed requests per second. */
    Result closedLoop(byte[] request, int expectedStatus, int callers, double seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long stop = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                exec.submit(() -> {
                    while (System.nanoTime() < stop) {
                        if (send(request) != expectedStatus) errors.incrementAndGet();
                        done.incrementAndGet();
                    }
                });
            }
        }
        return new Result(new double[] {0}, errors.get(), done.get() / ((System.nanoTime() - t0) / 1e9));
    }

    private int send(byte[] request) {
        return client.exchange(request);
    }
}
