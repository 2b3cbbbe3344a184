package io.tradeloop.server.market;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.random.Rng;

import java.util.Arrays;
import java.util.List;

/** Hand-made markets for tests: BTC perpetuals on binance and okx (and bybit), one tick every 8 hours. */
public final class TestMarkets {
    /** 2023-01-01T00:00:00Z. */
    public static final long T0 = 1_672_531_200_000L;
    public static final long H8 = 8 * 3_600_000L;

    private TestMarkets() {
    }

    /**
     * Two venues (binance = instrument 0, okx = instrument 1), prices and per-8h rates given per tick
     * as {pA, pB, rA, rB}; 24 h volume 5M USD everywhere.
     */
    public static ColumnarReplay twoVenues(double[]... ticks) {
        int n = ticks.length;
        long[] times = new long[n];
        double[][] price = new double[2][n];
        double[][] rate = new double[2][n];
        double[][] vol = new double[2][n];
        for (int k = 0; k < n; k++) {
            times[k] = T0 + k * H8;
            price[0][k] = ticks[k][0];
            price[1][k] = ticks[k][1];
            rate[0][k] = ticks[k][2];
            rate[1][k] = ticks[k][3];
            vol[0][k] = 5e6;
            vol[1][k] = 5e6;
        }
        return new ColumnarReplay("two venues", times,
                List.of(Instrument.linearPerp("binance", "BTC"), Instrument.linearPerp("okx", "BTC")), price, rate, vol,
                new boolean[2][n]);
    }

    /**
     * A seeded random market: BTC on three venues, a common random walk (0.8% per 8 h) plus a small
     * per-venue basis (0.4%), funding rates around 1e-4 with per-venue noise.
     */
    public static ColumnarReplay random(long seed, int ticks) {
        Rng rng = new Rng(seed);
        int m = 3;
        long[] times = new long[ticks];
        double[][] price = new double[m][ticks];
        double[][] rate = new double[m][ticks];
        double[][] vol = new double[m][ticks];
        double p = 20_000;
        for (int k = 0; k < ticks; k++) {
            times[k] = T0 + k * H8;
            p *= Math.exp(0.008 * rng.nextGaussian());
            for (int i = 0; i < m; i++) {
                price[i][k] = p * (1 + 0.004 * rng.nextGaussian());
                rate[i][k] = 1e-4 + 2e-4 * rng.nextGaussian();
                vol[i][k] = 2e6 + 1e6 * rng.nextDouble();
            }
        }
        return new ColumnarReplay("random " + seed, times, List.of(Instrument.linearPerp("binance", "BTC"),
                Instrument.linearPerp("bybit", "BTC"), Instrument.linearPerp("okx", "BTC")), price, rate, vol, new boolean[m][ticks]);
    }

    /**
     * Writes {@link #random(long, int)}'s market (BTC perpetuals on binance, bybit, okx) in the layout of
     * {@code funding/cross_exchange_8h.csv}, so a server can load it like the real file.
     */
    public static java.nio.file.Path writeCsv(java.nio.file.Path file, long seed, int ticks) throws java.io.IOException {
        ColumnarReplay m = random(seed, ticks);
        StringBuilder sb = new StringBuilder("time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate\n");
        for (int k = 0; k < ticks; k++) {
            for (int i = 0; i < m.instruments().size(); i++) {
                var inst = m.instruments().get(i);
                double open = m.price(i, k);
                double close = k + 1 < ticks ? m.price(i, k + 1) : open;
                sb.append(java.time.Instant.ofEpochMilli(m.timeMs(k))).append(',').append(inst.venue()).append(",BTC,BTCUSDT,perpetual,")
                        .append(open).append(',').append(Math.max(open, close) * 1.001).append(',').append(Math.min(open, close) * 0.999)
                        .append(',').append(close).append(",100,").append(m.fundingRate8h(i, k)).append('\n');
            }
        }
        java.nio.file.Files.writeString(file, sb);
        return file;
    }

    public static double[] tick(double priceA, double priceB, double rateA, double rateB) {
        return new double[] {priceA, priceB, rateA, rateB};
    }

    static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
