package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.csv.TextFiles;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads kline CSVs exactly as Binance's public data archive (data.binance.vision) publishes them, plain
 * or still zipped: 12 columns {@code open_time, open, high, low, close, volume, close_time, quote_volume,
 * count, taker_buy_volume, taker_buy_quote_volume, ignore}, no header in spot files, a header line in
 * futures files. Times are epoch milliseconds, or microseconds in spot files from 2025 on; the unit is
 * detected per row from the digit count. The interval comes from the rows themselves
 * ({@code close_time − open_time + 1}); a row whose interval differs from the file's is refused (or dropped).
 */
public final class BinanceKlineReader {
    /** The archive's column names, as its futures files spell them in their header. */
    public static final String[] COLUMNS = {"open_time", "open", "high", "low", "close", "volume", "close_time",
            "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore"};

    private BinanceKlineReader() {
    }

    /** Reads the bars only. */
    public static ReadResult<BarSeries> read(Path file, ReadPolicy policy) {
        ReadResult<BinanceKlines> r = readKlines(file, policy);
        return new ReadResult<>(r.value().bars(), r.issues());
    }

    /** Reads bars and the extra columns, aligned. */
    public static ReadResult<BinanceKlines> readKlines(Path file, ReadPolicy policy) {
        Parsed p = parse(file);
        BarSanitizer.Sanitized s = BarSanitizer.sanitizeIndexed(p.raw, policy, null);
        int[] ix = s.rawIndex();
        int n = ix.length;
        double[] qv = new double[n];
        long[] count = new long[n];
        double[] tbb = new double[n];
        double[] tbq = new double[n];
        for (int k = 0; k < n; k++) {
            int i = ix[k];
            qv[k] = p.quoteVolume[i];
            count[k] = p.count[i];
            tbb[k] = p.takerBase[i];
            tbq[k] = p.takerQuote[i];
        }
        BarSeries bars = s.result().value();
        return new ReadResult<>(new BinanceKlines(bars, qv, count, tbb, tbq), s.result().issues());
    }

    /** The file's rows as parsed, unchecked, with the interval the close times declare. */
    public static RawBars readRaw(Path file) {
        return parse(file).raw;
    }

    private static final class Parsed {
        RawBars raw;
        double[] quoteVolume = new double[0];
        long[] count = new long[0];
        double[] takerBase = new double[0];
        double[] takerQuote = new double[0];
    }

    private static Parsed parse(Path file) {
        // Pass 1 finds the file's interval (the most common close − open + 1), so every row can be checked against it.
        Timeframe tf = fileInterval(file);
        Parsed p = new Parsed();
        p.raw = new RawBars(file, TextFiles.baseName(file), tf, 4096);
        int cap = 4096;
        p.quoteVolume = new double[cap];
        p.count = new long[cap];
        p.takerBase = new double[cap];
        p.takerQuote = new double[cap];
        double[] v = new double[5];
        try (CsvRows rows = CsvRows.openMaybeHeaderless(file, COLUMNS)) {
            int iot = rows.requireColumn("open_time");
            int[] idx = {rows.requireColumn("open"), rows.requireColumn("high"), rows.requireColumn("low"),
                    rows.requireColumn("close"), rows.requireColumn("volume")};
            int ict = rows.requireColumn("close_time");
            int iqv = rows.requireColumn("quote_volume");
            int icn = rows.requireColumn("count");
            int itb = rows.requireColumn("taker_buy_volume");
            int itq = rows.requireColumn("taker_buy_quote_volume");
            rows:
            while (rows.next()) {
                if (rows.fieldCount() < 11) {
                    p.raw.malformed(rows.row(), "row", rows.rowText(), "a kline row has 12 fields, this one " + rows.fieldCount());
                    continue;
                }
                long open;
                long close;
                try {
                    open = epochMs(rows.text(iot));
                    close = epochMs(rows.text(ict));
                } catch (IllegalArgumentException e) {
                    p.raw.malformed(rows.row(), "open_time/close_time", rows.text(iot) + "/" + rows.text(ict), "not an epoch time in ms or µs");
                    continue;
                }
                if (close + 1 - open != tf.millis()) {
                    p.raw.malformed(rows.row(), "close_time", rows.text(ict),
                            "interval " + (close + 1 - open) + " ms differs from the file's " + tf + " (close_time must be open_time + interval − 1)");
                    continue;
                }
                for (int k = 0; k < 5; k++) {
                    try {
                        v[k] = CsvRows.parseNumber(rows.text(idx[k]));
                    } catch (NumberFormatException e) {
                        p.raw.malformed(rows.row(), COLUMNS[k + 1], rows.text(idx[k]), "not a number");
                        continue rows;
                    }
                }
                double qv;
                double tbb;
                double tbq;
                long cnt;
                try {
                    qv = CsvRows.parseNumber(rows.text(iqv));
                    tbb = CsvRows.parseNumber(rows.text(itb));
                    tbq = CsvRows.parseNumber(rows.text(itq));
                    cnt = Long.parseLong(rows.text(icn).trim());
                } catch (NumberFormatException e) {
                    p.raw.malformed(rows.row(), "quote_volume/count/taker_buy_*",
                            rows.text(iqv) + "/" + rows.text(icn) + "/" + rows.text(itb) + "/" + rows.text(itq), "not a number");
                    continue;
                }
                int i = p.raw.size();
                if (i == p.quoteVolume.length) {
                    int nc = i * 2;
                    p.quoteVolume = Arrays.copyOf(p.quoteVolume, nc);
                    p.count = Arrays.copyOf(p.count, nc);
                    p.takerBase = Arrays.copyOf(p.takerBase, nc);
                    p.takerQuote = Arrays.copyOf(p.takerQuote, nc);
                }
                p.quoteVolume[i] = qv;
                p.count[i] = cnt;
                p.takerBase[i] = tbb;
                p.takerQuote[i] = tbq;
                p.raw.add(rows.row(), open, v[0], v[1], v[2], v[3], v[4]);
            }
        }
        return p;
    }

    private static Timeframe fileInterval(Path file) {
        Map<Long, Integer> counts = new HashMap<>();
        try (CsvRows rows = CsvRows.openMaybeHeaderless(file, COLUMNS)) {
            int iot = rows.requireColumn("open_time");
            int ict = rows.requireColumn("close_time");
            while (rows.next()) {
                try {
                    long d = epochMs(rows.text(ict)) + 1 - epochMs(rows.text(iot));
                    if (d > 0) counts.merge(d, 1, Integer::sum);
                } catch (IllegalArgumentException e) {
                    // an unreadable row: pass 2 reports it with its line number
                }
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(e -> new Timeframe(e.getKey()))
                .orElseThrow(() -> new DataFormatException(file, 0, "close_time", "", "no row with a readable open_time < close_time; is this a Binance kline file?"));
    }

    /** An epoch time in ms or µs (by digit count) as ms; µs close times like ...999999 floor to ...999 ms. */
    static long epochMs(String text) {
        String t = text.trim();
        long v = Long.parseLong(t);
        if (v < 0) {
            throw new NumberFormatException("negative epoch time " + t);
        }
        return TimeFormat.epochDigitsToMillis(v, TimeFormat.digits(v));
    }
}
