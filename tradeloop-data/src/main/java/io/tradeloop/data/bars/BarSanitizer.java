package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link RawBars} into a {@link BarSeries} under a {@link ReadPolicy}: the one place that decides
 * what a bar reader refuses, drops, re-sorts or merely reports, for every layout.
 *
 * <p>STRICT refuses the first bad row in file order (malformed text, a {@link BarProblem} that refuses),
 * then the first row out of time order, then the first duplicate time. REPAIR drops bad rows, re-sorts
 * out-of-order rows (stable), keeps the first row of each duplicated time, and reports each as a
 * {@link DataIssue}. Zero-volume bars are kept under both and reported as warnings. Nothing is invented:
 * gaps stay gaps.
 */
public final class BarSanitizer {
    private static final Logger LOG = LoggerFactory.getLogger(BarSanitizer.class);

    private BarSanitizer() {
    }

    /**
     * The series and, for each of its bars, the index of the raw row it came from (so readers with extra
     * columns, such as Binance klines, can keep them aligned).
     */
    public record Sanitized(ReadResult<BarSeries> result, int[] rawIndex) {
    }

    /**
     * @param timeframe the bar interval, or null for the raw bars' declared one, else inferred from the data
     */
    public static ReadResult<BarSeries> sanitize(RawBars raw, ReadPolicy policy, Timeframe timeframe) {
        return sanitizeIndexed(raw, policy, timeframe).result();
    }

    public static Sanitized sanitizeIndexed(RawBars raw, ReadPolicy policy, Timeframe timeframe) {
        List<DataIssue> issues = new ArrayList<>();
        List<DataIssue> malformed = raw.malformed();
        int n = raw.size();
        boolean[] keep = new boolean[n];
        int firstBad = -1;
        for (int i = 0; i < n; i++) {
            int mask = raw.problems(i);
            keep[i] = !BarProblem.refused(mask);
            if (!keep[i] && firstBad < 0) {
                firstBad = i;
            }
            if (BarProblem.ZERO_VOLUME.in(mask) && keep[i]) {
                issues.add(new DataIssue(raw.file(), raw.row(i), "volume", "0", "zero volume", DataIssue.Action.WARNED));
            }
        }
        if (policy == ReadPolicy.STRICT) {
            DataIssue first = malformed.isEmpty() ? null : malformed.getFirst();
            if (firstBad >= 0 && (first == null || raw.row(firstBad) < first.row())) {
                first = describe(raw, firstBad, DataIssue.Action.REFUSED);
            }
            if (first != null) {
                throw new DataFormatException(first);
            }
        } else {
            for (DataIssue m : malformed) {
                issues.add(as(m, DataIssue.Action.DROPPED));
            }
            for (int i = 0; i < n; i++) {
                if (!keep[i]) {
                    issues.add(describe(raw, i, DataIssue.Action.DROPPED));
                }
            }
        }
        // Kept rows in file order, then time order (refuse or stable re-sort).
        long[] times = new long[n];
        int[] idx = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                idx[kept] = i;
                times[kept] = raw.openTimeMs(i);
                kept++;
            }
        }
        final int m = kept;
        boolean sorted = true;
        for (int k = 1; k < m; k++) {
            if (times[k] < times[k - 1]) {
                String msg = "out of order: earlier than the previous row's " + TimeFormat.iso(times[k - 1]);
                if (policy == ReadPolicy.STRICT) {
                    throw new DataFormatException(raw.file(), raw.row(idx[k]), "time", TimeFormat.iso(times[k]), msg);
                }
                issues.add(new DataIssue(raw.file(), raw.row(idx[k]), "time", TimeFormat.iso(times[k]), msg + "; re-sorted", DataIssue.Action.REPAIRED));
                sorted = false;
            }
        }
        int[] order = sorted ? identity(m) : IndexSort.byTime(times, m);
        long[] sortedTimes = new long[m];
        for (int k = 0; k < m; k++) sortedTimes[k] = times[order[k]];
        Timeframe tf = timeframe != null ? timeframe : raw.declaredTimeframe().orElseGet(() -> inferTimeframe(raw, sortedTimes, m));
        BarSeries.Builder b = BarSeries.builder(raw.name(), tf, m);
        int[] rawIndex = new int[m];
        int out = 0;
        for (int k = 0; k < m; k++) {
            int i = idx[order[k]];
            long t = raw.openTimeMs(i);
            if (b.size() > 0 && t == b.lastOpenTimeMs()) {
                if (policy == ReadPolicy.STRICT) {
                    throw new DataFormatException(raw.file(), raw.row(i), "time", TimeFormat.iso(t), "duplicate bar time");
                }
                issues.add(new DataIssue(raw.file(), raw.row(i), "time", TimeFormat.iso(t), "duplicate bar time; the first row is kept", DataIssue.Action.DROPPED));
                continue;
            }
            b.add(t, raw.open(i), raw.high(i), raw.low(i), raw.close(i), raw.volume(i));
            rawIndex[out++] = i;
        }
        issues.sort(Comparator.comparingLong(DataIssue::row));
        long dropped = issues.stream().filter(x -> x.action() == DataIssue.Action.DROPPED).count();
        long repaired = issues.stream().filter(x -> x.action() == DataIssue.Action.REPAIRED).count();
        if (dropped > 0 || repaired > 0) {
            LOG.warn("repaired bars file={} dropped={} repaired={} policy={}", raw.file(), dropped, repaired, policy);
        }
        return new Sanitized(new ReadResult<>(b.build(), issues), java.util.Arrays.copyOf(rawIndex, out));
    }

    /** The most frequent positive spacing between consecutive (sorted) bar times; ties go to the smaller spacing. */
    public static Timeframe inferTimeframe(RawBars raw, long[] sortedTimes, int n) {
        if (n < 2) {
            throw new DataFormatException(raw.file(), 0, "time", String.valueOf(n), "need at least 2 bars to infer the timeframe; pass it explicitly");
        }
        Map<Long, Integer> counts = new HashMap<>();
        for (int k = 1; k < n; k++) {
            long d = sortedTimes[k] - sortedTimes[k - 1];
            if (d > 0) counts.merge(d, 1, Integer::sum);
        }
        long best = -1;
        int bestCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        if (best <= 0) {
            throw new DataFormatException(raw.file(), 0, "time", "", "all bars share one time; cannot infer the timeframe");
        }
        return new Timeframe(best);
    }

    /** The issue for row {@code i}'s first refusing problem, naming field and value (prices in O, H, L, C order first). */
    static DataIssue describe(RawBars raw, int i, DataIssue.Action action) {
        String[] names = {"open", "high", "low", "close"};
        double[] px = {raw.open(i), raw.high(i), raw.low(i), raw.close(i)};
        for (int k = 0; k < 4; k++) {
            if (!(px[k] > 0) || Double.isInfinite(px[k])) {
                return new DataIssue(raw.file(), raw.row(i), names[k], num(px[k]), "price must be a finite number > 0", action);
            }
        }
        double v = raw.volume(i);
        if (!(v >= 0) || Double.isInfinite(v)) {
            return new DataIssue(raw.file(), raw.row(i), "volume", num(v), "volume must be a finite number >= 0", action);
        }
        if (px[1] < px[2]) {
            return new DataIssue(raw.file(), raw.row(i), "high", num(px[1]), "high < low (" + num(px[2]) + ")", action);
        }
        return new DataIssue(raw.file(), raw.row(i), "open/close", num(px[0]) + "/" + num(px[3]),
                "outside the bar's range [low " + num(px[2]) + ", high " + num(px[1]) + "]", action);
    }

    /** A number as the file would likely have written it: whole values without a trailing {@code .0}. */
    public static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static DataIssue as(DataIssue i, DataIssue.Action action) {
        return new DataIssue(i.file(), i.row(), i.field(), i.value(), i.problem(), action);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
