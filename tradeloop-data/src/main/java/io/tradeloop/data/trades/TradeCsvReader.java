package io.tradeloop.data.trades;

import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.BarSanitizer;
import io.tradeloop.data.bars.IndexSort;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.csv.TextFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads trade prints {@code timestamp,price,amount} (ta4j's {@code bitstamp_trades_from_20131125_usd.csv}
 * layout; {@code time}/{@code date} and {@code volume}/{@code qty}/{@code quantity}/{@code size} are
 * accepted too) into a {@link TradeSeries}. Times are ISO-8601 or epoch s/ms/µs/ns. STRICT refuses the first
 * bad print or the first print out of time order; REPAIR drops bad prints and re-sorts (stable). Prints
 * sharing a time are normal and kept in file order; zero-amount prints are kept and reported.
 */
public final class TradeCsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(TradeCsvReader.class);

    private TradeCsvReader() {
    }

    public static ReadResult<TradeSeries> read(Path file, ReadPolicy policy) {
        return sanitize(readRaw(file), policy);
    }

    /** The file's prints as parsed, unchecked. */
    public static RawTrades readRaw(Path file) {
        RawTrades raw = new RawTrades(file, TextFiles.baseName(file));
        try (CsvRows rows = CsvRows.open(file)) {
            int it = rows.requireColumn("timestamp", "time", "date", "datetime");
            int ip = rows.requireColumn("price");
            int ia = rows.requireColumn("amount", "volume", "qty", "quantity", "size");
            while (rows.next()) {
                long t;
                try {
                    t = TimeFormat.parse(rows.text(it));
                } catch (IllegalArgumentException e) {
                    raw.malformed(rows.row(), "timestamp", rows.text(it), "not an ISO-8601 time or epoch s/ms/µs");
                    continue;
                }
                double p;
                double a;
                try {
                    p = CsvRows.parseNumber(rows.text(ip));
                } catch (NumberFormatException e) {
                    raw.malformed(rows.row(), "price", rows.text(ip), "not a number");
                    continue;
                }
                try {
                    a = CsvRows.parseNumber(rows.text(ia));
                } catch (NumberFormatException e) {
                    raw.malformed(rows.row(), "amount", rows.text(ia), "not a number");
                    continue;
                }
                raw.add(rows.row(), t, p, a);
            }
        }
        return raw;
    }

    /** Applies the policy to raw prints (see the class comment). */
    public static ReadResult<TradeSeries> sanitize(RawTrades raw, ReadPolicy policy) {
        List<DataIssue> issues = new ArrayList<>();
        int n = raw.size();
        boolean[] keep = new boolean[n];
        int firstBad = -1;
        for (int i = 0; i < n; i++) {
            int mask = raw.problems(i);
            keep[i] = !TradeProblem.refused(mask);
            if (!keep[i] && firstBad < 0) firstBad = i;
            if (keep[i] && TradeProblem.ZERO_AMOUNT.in(mask)) {
                issues.add(new DataIssue(raw.file(), raw.row(i), "amount", "0", "zero amount", DataIssue.Action.WARNED));
            }
        }
        List<DataIssue> malformed = raw.malformed();
        if (policy == ReadPolicy.STRICT) {
            DataIssue first = malformed.isEmpty() ? null : malformed.getFirst();
            if (firstBad >= 0 && (first == null || raw.row(firstBad) < first.row())) {
                first = describe(raw, firstBad, DataIssue.Action.REFUSED);
            }
            if (first != null) throw new DataFormatException(first);
        } else {
            for (DataIssue m : malformed) {
                issues.add(new DataIssue(m.file(), m.row(), m.field(), m.value(), m.problem(), DataIssue.Action.DROPPED));
            }
            for (int i = 0; i < n; i++) {
                if (!keep[i]) issues.add(describe(raw, i, DataIssue.Action.DROPPED));
            }
        }
        int[] idx = new int[n];
        long[] times = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                idx[m] = i;
                times[m++] = raw.timeMs(i);
            }
        }
        boolean sorted = true;
        for (int k = 1; k < m; k++) {
            if (times[k] < times[k - 1]) {
                String msg = "out of order: earlier than the previous print's " + TimeFormat.iso(times[k - 1]);
                if (policy == ReadPolicy.STRICT) {
                    throw new DataFormatException(raw.file(), raw.row(idx[k]), "timestamp", TimeFormat.iso(times[k]), msg);
                }
                issues.add(new DataIssue(raw.file(), raw.row(idx[k]), "timestamp", TimeFormat.iso(times[k]), msg + "; re-sorted", DataIssue.Action.REPAIRED));
                sorted = false;
            }
        }
        TradeSeries.Builder b = TradeSeries.builder(raw.name(), m);
        int[] order = sorted ? null : IndexSort.byTime(times, m);
        for (int k = 0; k < m; k++) {
            int i = idx[order == null ? k : order[k]];
            b.add(raw.timeMs(i), raw.price(i), raw.amount(i));
        }
        issues.sort(Comparator.comparingLong(DataIssue::row));
        long dropped = issues.stream().filter(x -> x.action() == DataIssue.Action.DROPPED).count();
        if (dropped > 0 || !sorted) {
            LOG.warn("repaired trades file={} dropped={} resorted={} policy={}", raw.file(), dropped, !sorted, policy);
        }
        return new ReadResult<>(b.build(), issues);
    }

    private static DataIssue describe(RawTrades raw, int i, DataIssue.Action action) {
        double p = raw.price(i);
        double a = raw.amount(i);
        if (!(p > 0) || Double.isInfinite(p)) {
            return new DataIssue(raw.file(), raw.row(i), "price", BarSanitizer.num(p), "price must be a finite number > 0", action);
        }
        return new DataIssue(raw.file(), raw.row(i), "amount", BarSanitizer.num(a), "amount must be a finite number >= 0", action);
    }
}
