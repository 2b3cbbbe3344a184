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
                    if (acc.bars.size() > 0 && time <= acc.lastTime()) {
                        throw new DataFormatException(file, rows.row(), "time", rows.text(it),
                                (time == acc.lastTime() ? "duplicate time" : "out of order") + " for " + venue + " " + pair);
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

    /** One contract's rows: bars straight into a builder, funding into two growing columns. */
    private static final class Acc {
        final String venue;
        final String base;
        final String pair;
        final InstrumentKind kind;
        final BarSeries.Builder bars;
        long[] fundingTime = new long[1024];
        double[] fundingRate = new double[1024];
        int n;

        Acc(String venue, String base, String pair, InstrumentKind kind) {
            this.venue = venue;
            this.base = base;
            this.pair = pair;
            this.kind = kind;
            this.bars = BarSeries.builder(venue + " " + pair, Timeframe.H8, 1024);
        }

        long lastTime() {
            return bars.lastOpenTimeMs();
        }

        void add(long time, double op, double hi, double lo, double cl, double vol, double rate) {
            // Candle extremes are widened to hold open and close (a few source rows round them inside).
            bars.add(time, op, Math.max(hi, Math.max(op, cl)), Math.min(lo, Math.min(op, cl)), cl, vol);
            if (kind.isPerpetual()) {
                if (n == fundingTime.length) {
                    fundingTime = Arrays.copyOf(fundingTime, n * 2);
                    fundingRate = Arrays.copyOf(fundingRate, n * 2);
                }
                fundingTime[n] = time;
                fundingRate[n] = rate;
                n++;
            }
        }

        PerpMarket build() {
            return new PerpMarket(venue, base, pair, kind, bars.build(),
                    new FundingSeries(venue, base, 8, Arrays.copyOf(fundingTime, n), Arrays.copyOf(fundingRate, n)));
        }
    }
}
