package io.tradeloop.data.inspect;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.BarProblem;
import io.tradeloop.data.bars.BarSanitizer;
import io.tradeloop.data.bars.RawBars;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.funding.CrossExchangeFundingReader;
import io.tradeloop.data.funding.VenueFundingReader;
import io.tradeloop.data.layout.DataLayout;
import io.tradeloop.data.layout.MarketDataFiles;
import io.tradeloop.data.trades.RawTrades;
import io.tradeloop.data.trades.TradeCsvReader;
import io.tradeloop.data.trades.TradeProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Inspects a market-data file ({@code tradeloop data inspect}): counts, span, interval, gaps and every kind
 * of bad row, on the rows as the file holds them, plus what the readers would do with it under STRICT and
 * REPAIR (it runs them: the verdict is the readers' own, not a second opinion).
 */
public final class DataInspector {
    private DataInspector() {
    }

    public static DataReport inspect(Path file) {
        return inspect(file, InspectOptions.defaults());
    }

    public static DataReport inspect(Path file, InspectOptions options) {
        DataLayout layout = options.layout() != null ? options.layout() : MarketDataFiles.detect(file);
        return switch (layout) {
            case OHLCV_CSV, BINANCE_KLINES, OHLC_JSON -> bars(file, layout, options);
            case TRADES_CSV -> trades(file, layout, options);
            case VENUE_FUNDING_CSV -> venueFunding(file, layout, options);
            case CROSS_EXCHANGE_CSV -> crossExchange(file, layout, options);
        };
    }

    // ---- bars ----

    private static DataReport bars(Path file, DataLayout layout, InspectOptions o) {
        RawBars raw = MarketDataFiles.readRawBars(file, layout);
        BarStats stats = barStats(raw, o.timeframe(), o.largestGaps());
        Timeframe tf = stats.interval();
        Verdict v = verdict(() -> BarSanitizer.sanitize(raw, ReadPolicy.STRICT, tf), () -> BarSanitizer.sanitize(raw, ReadPolicy.REPAIR, tf), o.samples());
        return new DataReport.Bars(file, layout, raw.name(), stats, v.verdict, v.samples);
    }

    /** Bar statistics of raw rows; {@code timeframe} overrides the stated or inferred interval when not null. */
    public static BarStats barStats(RawBars raw, Timeframe timeframe, int largestGaps) {
        int n = raw.size();
        long[] t = new long[n];
        long outOfOrder = 0;
        long[] problems = new long[BarProblem.values().length];
        for (int i = 0; i < n; i++) {
            t[i] = raw.openTimeMs(i);
            if (i > 0 && t[i] < t[i - 1]) outOfOrder++;
            int mask = raw.problems(i);
            for (BarProblem p : BarProblem.values()) {
                if (p.in(mask)) problems[p.ordinal()]++;
            }
        }
        long[] sorted = t.clone();
        Arrays.sort(sorted);
        int m = 0;
        long duplicates = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && sorted[i] == sorted[m - 1]) {
                duplicates++;
            } else {
                sorted[m++] = sorted[i];
            }
        }
        boolean stated = timeframe != null || raw.declaredTimeframe().isPresent();
        Timeframe tf = timeframe != null ? timeframe
                : raw.declaredTimeframe().orElse(m >= 2 ? BarSanitizer.inferTimeframe(raw, sorted, m) : null);
        long misaligned = 0;
        long offGrid = 0;
        if (tf != null) {
            for (int i = 0; i < m; i++) {
                if (Math.floorMod(sorted[i], tf.millis()) != 0) misaligned++;
                if (i > 0) {
                    double slots = (double) (sorted[i] - sorted[i - 1]) / tf.millis();
                    if (Math.abs(slots - Math.rint(slots)) > 0.01 || Math.rint(slots) == 0) offGrid++;
                }
            }
        }
        GapSummary gaps = tf == null ? GapSummary.none() : GapSummary.of(sorted, m, tf.millis(), largestGaps);
        long expected = tf == null || m == 0 ? m : Math.round((double) (sorted[m - 1] - sorted[0]) / tf.millis()) + 1;
        long malformed = raw.malformed().size();
        return new BarStats(n + malformed, malformed, m == 0 ? Long.MIN_VALUE : sorted[0], m == 0 ? Long.MIN_VALUE : sorted[m - 1],
                tf, stated, expected, gaps, duplicates, outOfOrder, misaligned, offGrid,
                problems[BarProblem.NON_FINITE.ordinal()], problems[BarProblem.NON_POSITIVE_PRICE.ordinal()],
                problems[BarProblem.HIGH_BELOW_LOW.ordinal()], problems[BarProblem.OPEN_CLOSE_OUTSIDE_RANGE.ordinal()],
                problems[BarProblem.NEGATIVE_VOLUME.ordinal()], problems[BarProblem.ZERO_VOLUME.ordinal()]);
    }

    // ---- trades ----

    private static DataReport trades(Path file, DataLayout layout, InspectOptions o) {
        RawTrades raw = TradeCsvReader.readRaw(file);
        int n = raw.size();
        long[] t = new long[n];
        long outOfOrder = 0;
        long sameTime = 0;
        long nonFinite = 0;
        long nonPositive = 0;
        long negative = 0;
        long zero = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            t[i] = raw.timeMs(i);
            if (i > 0 && t[i] < t[i - 1]) outOfOrder++;
            if (i > 0 && t[i] == t[i - 1]) sameTime++;
            int mask = raw.problems(i);
            if (TradeProblem.NON_FINITE.in(mask)) nonFinite++;
            if (TradeProblem.NON_POSITIVE_PRICE.in(mask)) nonPositive++;
            if (TradeProblem.NEGATIVE_AMOUNT.in(mask)) negative++;
            if (TradeProblem.ZERO_AMOUNT.in(mask)) zero++;
            if (!TradeProblem.refused(mask)) total += raw.amount(i);
        }
        Timeframe barTf = o.timeframe() != null ? o.timeframe() : Timeframe.M5;
        long[] buckets = new long[n];
        for (int i = 0; i < n; i++) buckets[i] = barTf.floor(t[i]);
        Arrays.sort(buckets);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || buckets[i] != buckets[m - 1]) buckets[m++] = buckets[i];
        }
        GapSummary gaps = GapSummary.of(buckets, m, barTf.millis(), o.largestGaps());
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long x : t) {
            first = Math.min(first, x);
            last = Math.max(last, x);
        }
        Verdict v = verdict(() -> TradeCsvReader.sanitize(raw, ReadPolicy.STRICT), () -> TradeCsvReader.sanitize(raw, ReadPolicy.REPAIR), o.samples());
        long malformed = raw.malformed().size();
        return new DataReport.Trades(file, layout, raw.name(), n + malformed, malformed, n == 0 ? Long.MIN_VALUE : first,
                last, outOfOrder, sameTime, nonFinite, nonPositive, negative, zero, total, barTf, gaps, v.verdict, v.samples);
    }

    // ---- funding ----

    /** Funding rows as a file holds them. */
    private static final class FundingRows {
        long[] row = new long[1024];
        long[] time = new long[1024];
        double[] rate = new double[1024];
        int n;
        long malformed;

        void add(long r, long t, double x) {
            if (n == time.length) {
                row = Arrays.copyOf(row, n * 2);
                time = Arrays.copyOf(time, n * 2);
                rate = Arrays.copyOf(rate, n * 2);
            }
            row[n] = r;
            time[n] = t;
            rate[n] = x;
            n++;
        }
    }

    private static DataReport venueFunding(Path file, DataLayout layout, InspectOptions o) {
        FundingRows f = new FundingRows();
        String venue = "";
        String base = "";
        try (CsvRows rows = CsvRows.open(file)) {
            int it = rows.requireColumn("time");
            int ie = rows.requireColumn("exchange");
            int ib = rows.requireColumn("base");
            int ir = rows.requireColumn("funding_rate");
            while (rows.next()) {
                try {
                    long time = TimeFormat.parse(rows.text(it));
                    double rate = CsvRows.parseNumber(rows.text(ir));
                    if (f.n == 0) {
                        venue = rows.text(ie).trim().toLowerCase(Locale.ROOT);
                        base = rows.text(ib).trim().toUpperCase(Locale.ROOT);
                    }
                    f.add(rows.row(), time, rate);
                } catch (IllegalArgumentException e) {
                    f.malformed++;
                }
            }
        }
        FundingStats stats = fundingStats(f, o);
        Verdict v = verdict(() -> VenueFundingReader.read(file, ReadPolicy.STRICT), () -> VenueFundingReader.read(file, ReadPolicy.REPAIR), o.samples());
        return new DataReport.Funding(file, layout, venue, base, stats, v.verdict, v.samples);
    }

    private static FundingStats fundingStats(FundingRows f, InspectOptions o) {
        int n = f.n;
        long outOfOrder = 0;
        long nonFinite = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && f.time[i] < f.time[i - 1]) outOfOrder++;
            if (!Double.isFinite(f.rate[i])) nonFinite++;
        }
        long[] sorted = Arrays.copyOf(f.time, n);
        Arrays.sort(sorted);
        int m = 0;
        long duplicates = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && sorted[i] == sorted[m - 1]) duplicates++;
            else sorted[m++] = sorted[i];
        }
        double interval = m >= 2 ? VenueFundingReader.medianIntervalHours(sorted, m) : 8;
        GapSummary gaps = GapSummary.of(sorted, m, (long) (interval * 3_600_000L), o.largestGaps());
        double min = Double.NaN;
        double max = Double.NaN;
        double sum = 0;
        long finite = 0;
        long extreme = 0;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double r8 = f.rate[i] * 8 / interval;
            if (!Double.isFinite(r8)) continue;
            min = finite == 0 ? r8 : Math.min(min, r8);
            max = finite == 0 ? r8 : Math.max(max, r8);
            sum += r8;
            finite++;
            if (Math.abs(r8) > o.extremeRate8h()) extreme++;
            idx.add(i);
        }
        idx.sort((a, b) -> {
            int c = Double.compare(Math.abs(f.rate[b]), Math.abs(f.rate[a]));
            return c != 0 ? c : Long.compare(f.time[a], f.time[b]);
        });
        List<FundingStats.Rate> top = new ArrayList<>();
        for (int k = 0; k < Math.min(o.largestGaps(), idx.size()); k++) {
            int i = idx.get(k);
            top.add(new FundingStats.Rate(f.time[i], f.rate[i], f.rate[i] * 8 / interval));
        }
        return new FundingStats(n, f.malformed, m == 0 ? Long.MIN_VALUE : sorted[0], m == 0 ? Long.MIN_VALUE : sorted[m - 1], interval,
                gaps, duplicates, outOfOrder, nonFinite, extreme, o.extremeRate8h(), min, max, finite == 0 ? Double.NaN : sum / finite, top);
    }

    private static DataReport crossExchange(Path file, DataLayout layout, InspectOptions o) {
        Map<String, RawBars> bars = new LinkedHashMap<>();
        Map<String, FundingRows> funding = new LinkedHashMap<>();
        Map<String, InstrumentKind> kinds = new LinkedHashMap<>();
        long rowsTotal = 0;
        long malformed = 0;
        try (CsvRows rows = CsvRows.open(file)) {
            int it = rows.requireColumn("time");
            int ie = rows.requireColumn("exchange");
            int ip = rows.requireColumn("pair");
            int ik = rows.requireColumn("contract");
            int[] px = {rows.requireColumn("open"), rows.requireColumn("high"), rows.requireColumn("low"),
                    rows.requireColumn("close"), rows.requireColumn("volume")};
            int ifr = rows.requireColumn("funding_rate");
            double[] v = new double[5];
            while (rows.next()) {
                rowsTotal++;
                try {
                    long time = TimeFormat.parse(rows.text(it));
                    InstrumentKind kind = InstrumentKind.parse(rows.text(ik));
                    for (int k = 0; k < 5; k++) v[k] = CsvRows.parseNumber(rows.text(px[k]));
                    String key = rows.text(ie).trim().toLowerCase(Locale.ROOT) + ":" + rows.text(ip).trim();
                    kinds.putIfAbsent(key, kind);
                    bars.computeIfAbsent(key, x -> new RawBars(file, x, Timeframe.H8, 2048)).add(rows.row(), time, v[0], v[1], v[2], v[3], v[4]);
                    String rate = rows.text(ifr).trim();
                    if (kind.isPerpetual()) {
                        funding.computeIfAbsent(key, x -> new FundingRows()).add(rows.row(), time, rate.isEmpty() ? Double.NaN : CsvRows.parseNumber(rate));
                    }
                } catch (IllegalArgumentException e) {
                    malformed++;
                }
            }
        }
        List<DataReport.Market> markets = new ArrayList<>();
        for (var e : bars.entrySet()) {
            FundingRows f = funding.get(e.getKey());
            markets.add(new DataReport.Market(e.getKey(), kinds.get(e.getKey()), barStats(e.getValue(), Timeframe.H8, o.largestGaps()),
                    f == null ? null : fundingStats(f, o)));
        }
        Verdict v = verdict(() -> CrossExchangeFundingReader.read(file, ReadPolicy.STRICT), () -> CrossExchangeFundingReader.read(file, ReadPolicy.REPAIR), o.samples());
        List<VenueAlignment.Result> alignment;
        try {
            alignment = VenueAlignment.check(CrossExchangeFundingReader.read(file, ReadPolicy.REPAIR).value());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            alignment = List.of(); // the verdict above already says why the file cannot be read
        }
        return new DataReport.CrossExchange(file, layout, rowsTotal, malformed, markets, alignment, v.verdict, v.samples);
    }

    // ---- verdicts ----

    private record Verdict(DataReport.Verdict verdict, List<DataIssue> samples) {
    }

    private static Verdict verdict(Supplier<? extends ReadResult<?>> strict, Supplier<? extends ReadResult<?>> repair, int samples) {
        String strictError = null;
        try {
            strict.get();
        } catch (DataFormatException e) {
            strictError = e.getMessage();
        }
        try {
            ReadResult<?> r = repair.get();
            List<DataIssue> s = r.issues().subList(0, Math.min(samples, r.issues().size()));
            return new Verdict(new DataReport.Verdict(strictError, r.count(DataIssue.Action.DROPPED), r.count(DataIssue.Action.REPAIRED),
                    r.count(DataIssue.Action.WARNED)), s);
        } catch (DataFormatException e) {
            // even REPAIR cannot read it (e.g. too few rows to tell the interval): say so as the strict error too
            return new Verdict(new DataReport.Verdict(strictError == null ? e.getMessage() : strictError, -1, -1, -1), List.of(e.issue()));
        }
    }
}
