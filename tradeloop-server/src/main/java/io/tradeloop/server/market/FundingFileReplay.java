package io.tradeloop.server.market;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.time.TimeFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads a replay of real funding data: the linear perpetuals of {@code funding/cross_exchange_8h.csv}
 * (Binance, Bybit, OKX; BTC and ETH) on the union of their settlement times.
 *
 * <p>No look-ahead: at tick {@code k} the price is the opening price of the bar that starts at the
 * tick, the funding rate is the one settled at the tick, and the 24-hour volume sums only bars that
 * closed at or before the tick. A venue with no row at a tick keeps its last price, flagged stale,
 * and settles nothing.
 */
public final class FundingFileReplay {
    private static final long DAY_MS = 86_400_000L;

    private FundingFileReplay() {
    }

    /** Loads the file; every linear perpetual becomes an instrument with the venue-default 0.05% taker fee and 8 h funding. */
    public static ColumnarReplay load(Path file) {
        List<CrossExchangeFundingFile.Row> rows = CrossExchangeFundingFile.readLinearPerpetuals(file);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no perpetual rows");
        }
        TreeSet<Long> timeSet = new TreeSet<>();
        Map<String, List<CrossExchangeFundingFile.Row>> bySeries = new LinkedHashMap<>();
        for (var r : rows) {
            timeSet.add(r.timeMs());
            bySeries.computeIfAbsent(r.venue() + ":" + r.base(), k -> new ArrayList<>()).add(r);
        }
        long[] times = timeSet.stream().mapToLong(Long::longValue).toArray();
        List<String> keys = new ArrayList<>(bySeries.keySet());
        keys.sort(null);
        int n = times.length;
        List<Instrument> instruments = new ArrayList<>();
        double[][] price = new double[keys.size()][n];
        double[][] rate = new double[keys.size()][n];
        double[][] vol = new double[keys.size()][n];
        boolean[][] stale = new boolean[keys.size()][n];
        for (int s = 0; s < keys.size(); s++) {
            List<CrossExchangeFundingFile.Row> series = bySeries.get(keys.get(s));
            var first = series.get(0);
            instruments.add(Instrument.linearPerp(first.venue(), first.base()));
            double[] closeAt = new double[n];
            double[] volAt = new double[n];
            Arrays.fill(price[s], Double.NaN);
            Arrays.fill(rate[s], Double.NaN);
            Arrays.fill(closeAt, Double.NaN);
            long prev = Long.MIN_VALUE;
            for (var r : series) {
                if (r.timeMs() <= prev) {
                    throw new IllegalArgumentException(file + ": " + keys.get(s) + ": row at " + TimeFormat.iso(r.timeMs())
                            + " is not after the previous row at " + TimeFormat.iso(prev));
                }
                prev = r.timeMs();
                int k = Arrays.binarySearch(times, r.timeMs());
                price[s][k] = r.open();
                rate[s][k] = r.fundingRate();
                closeAt[k] = r.close();
                volAt[k] = r.volumeBase() * r.close();
            }
            // Carry the last price over ticks with no row (flagged stale).
            double last = Double.NaN;
            for (int k = 0; k < n; k++) {
                if (Double.isNaN(price[s][k])) {
                    price[s][k] = last;
                    stale[s][k] = !Double.isNaN(last);
                } else {
                    last = price[s][k];
                }
            }
            // 24 h volume at tick k: bars that started in [t_k - 24 h, t_k) and closed by t_k (8 h bars).
            for (int k = 0; k < n; k++) {
                long t = times[k];
                if (t - times[0] < DAY_MS) {
                    vol[s][k] = Double.NaN;
                    continue;
                }
                double sum = 0;
                for (int j = k - 1; j >= 0 && times[j] >= t - DAY_MS; j--) {
                    if (!Double.isNaN(closeAt[j]) && times[j] + 8 * 3_600_000L <= t) {
                        sum += volAt[j];
                    }
                }
                vol[s][k] = sum;
            }
        }
        String desc = String.format("%s: %d perpetuals (%s), %d ticks %s .. %s", file.getFileName(), instruments.size(),
                String.join(", ", instruments.stream().map(Instrument::id).toList()), n, TimeFormat.iso(times[0]),
                TimeFormat.iso(times[n - 1]));
        return new ColumnarReplay(desc, times, instruments, price, rate, vol, stale);
    }

}
