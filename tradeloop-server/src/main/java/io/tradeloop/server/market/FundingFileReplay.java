package io.tradeloop.server.market;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.funding.CrossExchangeFundingReader;
import io.tradeloop.data.funding.PerpMarket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Loads a replay of real funding data (through tradeloop-data's {@link CrossExchangeFundingReader}): the linear perpetuals of {@code funding/cross_exchange_8h.csv}
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

    /**
     * Loads the file with tradeloop-data's strict reader (a bad row is refused with its file, row, field and
     * value); every linear perpetual becomes an instrument with the venue-default 0.05% taker fee and its
     * funding interval.
     */
    public static ColumnarReplay load(Path file) {
        List<PerpMarket> perps = new ArrayList<>();
        for (PerpMarket m : CrossExchangeFundingReader.read(file, ReadPolicy.STRICT).value()) {
            if (m.kind() == InstrumentKind.LINEAR_PERPETUAL) {
                perps.add(m);
            }
        }
        if (perps.isEmpty()) {
            throw new IllegalArgumentException(file + ": no linear perpetual rows (contract 'perpetual')");
        }
        perps.sort(Comparator.comparing(m -> m.venue() + ":" + m.base()));
        TreeSet<Long> timeSet = new TreeSet<>();
        for (PerpMarket m : perps) {
            for (int i = 0; i < m.bars().size(); i++) {
                timeSet.add(m.bars().openTimeMs(i));
            }
        }
        long[] times = timeSet.stream().mapToLong(Long::longValue).toArray();
        int n = times.length;
        int s = perps.size();
        List<Instrument> instruments = new ArrayList<>();
        double[][] price = new double[s][n];
        double[][] rate = new double[s][n];
        double[][] vol = new double[s][n];
        boolean[][] stale = new boolean[s][n];
        for (int j = 0; j < s; j++) {
            PerpMarket m = perps.get(j);
            BarSeries bars = m.bars();
            FundingSeries funding = m.funding();
            instruments.add(Instrument.linearPerp(m.venue(), m.base()).withFundingIntervalHours(funding.intervalHours()));
            double[] closeValue = new double[n];
            long[] closeTime = new long[n];
            Arrays.fill(price[j], Double.NaN);
            Arrays.fill(rate[j], Double.NaN);
            Arrays.fill(closeValue, Double.NaN);
            for (int i = 0; i < bars.size(); i++) {
                int k = Arrays.binarySearch(times, bars.openTimeMs(i));
                price[j][k] = bars.open(i);
                closeValue[k] = bars.volume(i) * bars.close(i);
                closeTime[k] = bars.closeTimeMs(i);
            }
            for (int i = 0; i < funding.size(); i++) {
                int k = Arrays.binarySearch(times, funding.timeMs(i));
                if (k >= 0) {
                    rate[j][k] = funding.rate(i);
                }
            }
            // Carry the last price over ticks with no row (flagged stale).
            double last = Double.NaN;
            for (int k = 0; k < n; k++) {
                if (Double.isNaN(price[j][k])) {
                    price[j][k] = last;
                    stale[j][k] = !Double.isNaN(last);
                } else {
                    last = price[j][k];
                }
            }
            // 24 h volume at tick k: bars that started in [t_k - 24 h, t_k) and closed by t_k.
            for (int k = 0; k < n; k++) {
                long t = times[k];
                if (t - times[0] < DAY_MS) {
                    vol[j][k] = Double.NaN;
                    continue;
                }
                double sum = 0;
                for (int i = k - 1; i >= 0 && times[i] >= t - DAY_MS; i--) {
                    if (!Double.isNaN(closeValue[i]) && closeTime[i] <= t) {
                        sum += closeValue[i];
                    }
                }
                vol[j][k] = sum;
            }
        }
        String desc = String.format("%s: %d perpetuals (%s), %d ticks %s .. %s", file.getFileName(), instruments.size(),
                String.join(", ", instruments.stream().map(Instrument::id).toList()), n, TimeFormat.iso(times[0]),
                TimeFormat.iso(times[n - 1]));
        return new ColumnarReplay(desc, times, instruments, price, rate, vol, stale);
    }
}
