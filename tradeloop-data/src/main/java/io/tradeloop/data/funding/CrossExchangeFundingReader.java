package io.tradeloop.data.funding;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the cross-exchange layout
 * {@code time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate}: one 8-hour candle per
 * contract per funding time, with the rate settled at {@code time} (empty for spot). Rows must be in
 * time order per contract; a bad row is refused or dropped by the {@link ReadPolicy}.
 */
public final class CrossExchangeFundingReader {
    private CrossExchangeFundingReader() {
    }

    public static ReadResult<List<PerpMarket>> read(Path file, ReadPolicy policy) {
        List<DataIssue> issues = new ArrayList<>();
        Map<String, Acc> byKey = new LinkedHashMap<>();
        try (CsvRows rows = CsvRows.open(file)) {
            int it = rows.requireColumn("time");
            int ie = rows.requireColumn("exchange");
            int ib = rows.requireColumn("base");
            int ip = rows.requireColumn("pair");
            int ik = rows.requireColumn("contract");
            int io = rows.requireColumn("open");
            int ih = rows.requireColumn("high");
            int il = rows.requireColumn("low");
            int ic = rows.requireColumn("close");
            int iv = rows.requireColumn("volume");
            int ifr = rows.requireColumn("funding_rate");
            while (rows.next()) {
                try {
                    long time = TimeFormat.parse(rows.text(it));
                    String venue = rows.text(ie).trim().toLowerCase(java.util.Locale.ROOT);
                    String base = rows.text(ib).trim().toUpperCase(java.util.Locale.ROOT);
                    String pair = rows.text(ip).trim();
                    InstrumentKind kind;
                    try {
                        kind = InstrumentKind.parse(rows.text(ik));
                    } catch (IllegalArgumentException e) {
                        throw new DataFormatException(file, rows.row(), "contract", rows.text(ik), e.getMessage());
                    }
                    double o = positive(rows, io, "open");
                    double h = positive(rows, ih, "high");
                    double l = positive(rows, il, "low");
                    double c = positive(rows, ic, "close");
                    double v = rows.number(iv);
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new DataFormatException(file, rows.row(), "volume", rows.text(iv), "volume must be a finite number >= 0");
                    }
                    if (h < l) {
                        throw new DataFormatException(file, rows.row(), "high", rows.text(ih), "high < low (" + rows.text(il) + ")");
                    }
                    String rateText = rows.text(ifr).trim();
                    double rate = Double.NaN;
                    if (kind.isPerpetual()) {
                        if (rateText.isEmpty()) {
                            throw new DataFormatException(file, rows.row(), "funding_rate", "", "a perpetual row needs a funding rate");
                        }
                        rate = rows.number(ifr);
                        if (!(Math.abs(rate) < 0.1)) {
                            throw new DataFormatException(file, rows.row(), "funding_rate", rateText, "funding rate per interval must be finite and within (-0.1, 0.1)");
                        }
                    }
                    Acc acc = byKey.computeIfAbsent(venue + ":" + pair, k -> new Acc(venue, base, pair, kind));
                    if (acc.n > 0 && time <= acc.t[acc.n - 1]) {
                        throw new DataFormatException(file, rows.row(), "time", rows.text(it),
                                (time == acc.t[acc.n - 1] ? "duplicate time" : "out of order") + " for " + venue + " " + pair);
                    }
                    acc.add(time, o, h, l, c, v, rate);
                } catch (DataFormatException e) {
                    if (policy == ReadPolicy.STRICT) {
                        throw e;
                    }
                    DataIssue is = e.issue();
                    issues.add(new DataIssue(is.file(), is.row(), is.field(), is.value(), is.problem(), DataIssue.Action.DROPPED));
                }
            }
        }
        List<PerpMarket> markets = new ArrayList<>();
        for (Acc a : byKey.values()) {
            markets.add(a.build());
        }
        return new ReadResult<>(markets, issues);
    }

    private static double positive(CsvRows rows, int i, String field) {
        double v = rows.number(i);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new DataFormatException(rows.file(), rows.row(), field, rows.text(i), "price must be a finite number > 0");
        }
        return v;
    }

    private static final class Acc {
        final String venue;
        final String base;
        final String pair;
        final InstrumentKind kind;
        long[] t = new long[1024];
        double[] o = new double[1024];
        double[] h = new double[1024];
        double[] l = new double[1024];
        double[] c = new double[1024];
        double[] v = new double[1024];
        double[] r = new double[1024];
        int n;

        Acc(String venue, String base, String pair, InstrumentKind kind) {
            this.venue = venue;
            this.base = base;
            this.pair = pair;
            this.kind = kind;
        }

        void add(long time, double op, double hi, double lo, double cl, double vol, double rate) {
            if (n == t.length) {
                int cap = n * 2;
                t = Arrays.copyOf(t, cap);
                o = Arrays.copyOf(o, cap);
                h = Arrays.copyOf(h, cap);
                l = Arrays.copyOf(l, cap);
                c = Arrays.copyOf(c, cap);
                v = Arrays.copyOf(v, cap);
                r = Arrays.copyOf(r, cap);
            }
            t[n] = time;
            o[n] = op;
            h[n] = hi;
            l[n] = lo;
            c[n] = cl;
            v[n] = vol;
            r[n] = rate;
            n++;
        }

        PerpMarket build() {
            BarSeries.Builder b = BarSeries.builder(venue + " " + pair, Timeframe.H8, n);
            for (int i = 0; i < n; i++) {
                b.add(t[i], o[i], Math.max(h[i], Math.max(o[i], c[i])), Math.min(l[i], Math.min(o[i], c[i])), c[i], v[i]);
            }
            FundingSeries f = kind.isPerpetual()
                    ? new FundingSeries(venue, base, 8, Arrays.copyOf(t, n), Arrays.copyOf(r, n))
                    : new FundingSeries(venue, base, 8, new long[0], new double[0]);
            return new PerpMarket(venue, base, pair, kind, b.build(), f);
        }
    }
}
