package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the generic OHLCV layout {@code time,open,high,low,close,volume} ({@code time} = bar open, ISO-8601
 * UTC or epoch seconds/ms) into a {@link BarSeries}. Column order is free; {@code timestamp} and
 * {@code date} are accepted for {@code time}. Bad rows are refused or repaired by the {@link ReadPolicy};
 * zero-volume bars are kept and reported.
 */
public final class OhlcvCsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(OhlcvCsvReader.class);

    private OhlcvCsvReader() {
    }

    /** Reads with the timeframe inferred from the most common spacing of bar times. */
    public static ReadResult<BarSeries> read(Path file, ReadPolicy policy) {
        return read(file, policy, null);
    }

    /**
     * Reads {@code file}.
     *
     * @param timeframe the bar interval, or null to infer it from the data
     */
    public static ReadResult<BarSeries> read(Path file, ReadPolicy policy, Timeframe timeframe) {
        List<DataIssue> issues = new ArrayList<>();
        int cap = 4096;
        long[] rowNo = new long[cap];
        long[] t = new long[cap];
        double[] o = new double[cap];
        double[] h = new double[cap];
        double[] l = new double[cap];
        double[] c = new double[cap];
        double[] v = new double[cap];
        int n = 0;
        try (CsvRows rows = CsvRows.open(file)) {
            int it = rows.requireColumn("time", "timestamp", "date", "open_time");
            int io = rows.requireColumn("open");
            int ih = rows.requireColumn("high");
            int il = rows.requireColumn("low");
            int ic = rows.requireColumn("close");
            int iv = rows.requireColumn("volume");
            String[] names = {"open", "high", "low", "close"};
            int[] idx = {io, ih, il, ic};
            while (rows.next()) {
                DataIssue problem = null;
                long time = 0;
                double[] px = new double[4];
                double vol = 0;
                try {
                    time = TimeFormat.parse(rows.text(it));
                } catch (IllegalArgumentException e) {
                    problem = issue(file, rows.row(), "time", rows.text(it), "not an ISO-8601 time or epoch seconds/ms");
                }
                for (int k = 0; k < 4 && problem == null; k++) {
                    String txt = rows.text(idx[k]).trim();
                    double val = parse(txt);
                    if (!(val > 0) || Double.isInfinite(val)) {
                        problem = issue(file, rows.row(), names[k], txt, "price must be a finite number > 0");
                    }
                    px[k] = val;
                }
                if (problem == null) {
                    String txt = rows.text(iv).trim();
                    vol = parse(txt);
                    if (!(vol >= 0) || Double.isInfinite(vol)) {
                        problem = issue(file, rows.row(), "volume", txt, "volume must be a finite number >= 0");
                    }
                }
                if (problem == null) {
                    double lo = px[2];
                    double hi = px[1];
                    if (hi < lo) {
                        problem = issue(file, rows.row(), "high", rows.text(ih), "high < low (" + rows.text(il) + ")");
                    } else if (px[0] > hi || px[0] < lo || px[3] > hi || px[3] < lo) {
                        problem = issue(file, rows.row(), "open/close", rows.text(io) + "/" + rows.text(ic),
                                "outside the bar's range [low " + rows.text(il) + ", high " + rows.text(ih) + "]");
                    }
                }
                if (problem != null) {
                    if (policy == ReadPolicy.STRICT) {
                        throw new DataFormatException(problem);
                    }
                    issues.add(new DataIssue(problem.file(), problem.row(), problem.field(), problem.value(), problem.problem(), DataIssue.Action.DROPPED));
                    continue;
                }
                if (vol == 0) {
                    issues.add(new DataIssue(file, rows.row(), "volume", rows.text(iv), "zero volume", DataIssue.Action.WARNED));
                }
                if (n == t.length) {
                    int nc = n * 2;
                    rowNo = Arrays.copyOf(rowNo, nc);
                    t = Arrays.copyOf(t, nc);
                    o = Arrays.copyOf(o, nc);
                    h = Arrays.copyOf(h, nc);
                    l = Arrays.copyOf(l, nc);
                    c = Arrays.copyOf(c, nc);
                    v = Arrays.copyOf(v, nc);
                }
                rowNo[n] = rows.row();
                t[n] = time;
                o[n] = px[0];
                h[n] = px[1];
                l[n] = px[2];
                c[n] = px[3];
                v[n] = vol;
                n++;
            }
        }
        // Time order: refuse or re-sort (stable, so the first of duplicate times stays first).
        Integer[] order = null;
        for (int i = 1; i < n; i++) {
            if (t[i] < t[i - 1]) {
                if (policy == ReadPolicy.STRICT) {
                    throw new DataFormatException(file, rowNo[i], "time", TimeFormat.iso(t[i]),
                            "out of order: earlier than the previous row's " + TimeFormat.iso(t[i - 1]));
                }
                issues.add(new DataIssue(file, rowNo[i], "time", TimeFormat.iso(t[i]),
                        "out of order: earlier than the previous row's " + TimeFormat.iso(t[i - 1]) + "; re-sorted", DataIssue.Action.REPAIRED));
                if (order == null) {
                    order = new Integer[n];
                }
            }
        }
        int[] perm = new int[n];
        if (order != null) {
            for (int i = 0; i < n; i++) order[i] = i;
            final long[] tt = t;
            Arrays.sort(order, (a, b) -> Long.compare(tt[a], tt[b]));
            for (int i = 0; i < n; i++) perm[i] = order[i];
        } else {
            for (int i = 0; i < n; i++) perm[i] = i;
        }
        Timeframe tf = timeframe != null ? timeframe : inferTimeframe(file, t, perm, n);
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        BarSeries.Builder b = BarSeries.builder(name, tf, n);
        for (int k = 0; k < n; k++) {
            int i = perm[k];
            if (b.size() > 0 && t[i] == b.lastOpenTimeMs()) {
                DataIssue dup = new DataIssue(file, rowNo[i], "time", TimeFormat.iso(t[i]), "duplicate bar time; the first row is kept", DataIssue.Action.DROPPED);
                if (policy == ReadPolicy.STRICT) {
                    throw new DataFormatException(new DataIssue(file, rowNo[i], "time", TimeFormat.iso(t[i]), "duplicate bar time", DataIssue.Action.REFUSED));
                }
                issues.add(dup);
                continue;
            }
            b.add(t[i], o[i], h[i], l[i], c[i], v[i]);
        }
        long dropped = issues.stream().filter(x -> x.action() == DataIssue.Action.DROPPED).count();
        if (dropped > 0 || issues.stream().anyMatch(x -> x.action() == DataIssue.Action.REPAIRED)) {
            LOG.warn("repaired bars file={} dropped={} repaired={} policy={}", file, dropped,
                    issues.stream().filter(x -> x.action() == DataIssue.Action.REPAIRED).count(), policy);
        }
        return new ReadResult<>(b.build(), issues);
    }

    /** The most frequent positive spacing between consecutive bar times. */
    static Timeframe inferTimeframe(Path file, long[] t, int[] perm, int n) {
        if (n < 2) {
            throw new DataFormatException(file, 0, "time", String.valueOf(n), "need at least 2 bars to infer the timeframe; pass it explicitly");
        }
        Map<Long, Integer> counts = new HashMap<>();
        for (int k = 1; k < n; k++) {
            long d = t[perm[k]] - t[perm[k - 1]];
            if (d > 0) counts.merge(d, 1, Integer::sum);
        }
        long best = -1;
        int bestCount = 0;
        for (var e : counts.entrySet()) { // most frequent spacing; ties go to the smaller spacing
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        if (best <= 0) {
            throw new DataFormatException(file, 0, "time", "", "all bars share one time; cannot infer the timeframe");
        }
        return new Timeframe(best);
    }

    private static double parse(String txt) {
        try {
            return Double.parseDouble(txt);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static DataIssue issue(Path file, long row, String field, String value, String problem) {
        return new DataIssue(file, row, field, value, problem, DataIssue.Action.REFUSED);
    }
}
