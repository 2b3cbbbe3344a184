package io.tradeloop.data.funding;

import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads per-venue funding files {@code time,exchange,base,funding_rate} into a {@link FundingSeries}. The
 * funding interval is the median spacing of settlements in whole hours (8 on most venues, 1 on dYdX);
 * rates stay per interval (use {@code rate8h} to compare venues).
 */
public final class VenueFundingReader {
    private VenueFundingReader() {
    }

    public static ReadResult<FundingSeries> read(Path file, ReadPolicy policy) {
        List<DataIssue> issues = new ArrayList<>();
        long[] t = new long[4096];
        double[] r = new double[4096];
        int n = 0;
        String venue = null;
        String base = null;
        try (CsvRows rows = CsvRows.open(file)) {
            int it = rows.requireColumn("time");
            int ie = rows.requireColumn("exchange");
            int ib = rows.requireColumn("base");
            int ir = rows.requireColumn("funding_rate");
            while (rows.next()) {
                try {
                    long time = TimeFormat.parse(rows.text(it));
                    String v = rows.text(ie).trim().toLowerCase(java.util.Locale.ROOT);
                    String b = rows.text(ib).trim().toUpperCase(java.util.Locale.ROOT);
                    if (venue == null) {
                        venue = v;
                        base = b;
                    } else if (!venue.equals(v) || !base.equals(b)) {
                        throw new DataFormatException(file, rows.row(), "exchange/base", v + "/" + b,
                                "a venue file holds one market; expected " + venue + "/" + base);
                    }
                    double rate = rows.number(ir);
                    if (!(Math.abs(rate) < 0.1)) {
                        throw new DataFormatException(file, rows.row(), "funding_rate", rows.text(ir),
                                "funding rate per interval must be finite and within (-0.1, 0.1)");
                    }
                    if (n > 0 && time <= t[n - 1]) {
                        throw new DataFormatException(file, rows.row(), "time", rows.text(it),
                                time == t[n - 1] ? "duplicate settlement time" : "out of order: earlier than " + TimeFormat.iso(t[n - 1]));
                    }
                    if (n == t.length) {
                        t = Arrays.copyOf(t, n * 2);
                        r = Arrays.copyOf(r, n * 2);
                    }
                    t[n] = time;
                    r[n] = rate;
                    n++;
                } catch (DataFormatException e) {
                    if (policy == ReadPolicy.STRICT) {
                        throw e;
                    }
                    DataIssue is = e.issue();
                    issues.add(new DataIssue(is.file(), is.row(), is.field(), is.value(), is.problem(), DataIssue.Action.DROPPED));
                } catch (IllegalArgumentException e) {
                    DataIssue is = new DataIssue(file, rows.row(), "time", rows.text(0), e.getMessage(), DataIssue.Action.DROPPED);
                    if (policy == ReadPolicy.STRICT) {
                        throw new DataFormatException(is);
                    }
                    issues.add(is);
                }
            }
        }
        if (n < 2) {
            throw new DataFormatException(file, 0, "rows", String.valueOf(n), "need at least 2 funding settlements");
        }
        return new ReadResult<>(new FundingSeries(venue, base, medianIntervalHours(t, n), Arrays.copyOf(t, n), Arrays.copyOf(r, n)), issues);
    }

    /** Reads every {@code *.csv} in a folder, sorted by file name. */
    public static List<FundingSeries> readAll(Path dir, ReadPolicy policy) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".csv")).sorted().map(p -> read(p, policy).value()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The median spacing of the first {@code n} (sorted) settlement times in whole hours, at least 1. */
    public static double medianIntervalHours(long[] t, int n) {
        long[] d = new long[n - 1];
        for (int i = 1; i < n; i++) d[i - 1] = t[i] - t[i - 1];
        Arrays.sort(d);
        double hours = d[d.length / 2] / 3_600_000.0;
        return Math.max(1, Math.round(hours));
    }
}
