package io.tradeloop.data.bars;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.csv.TextFiles;

import java.nio.file.Path;

/**
 * Reads the generic OHLCV layout {@code time,open,high,low,close,volume} ({@code time} = bar open, ISO-8601
 * UTC or epoch seconds/ms) into a {@link BarSeries}. Column order is free; {@code timestamp}, {@code date}
 * and {@code open_time} are accepted for {@code time}. Bad rows are refused or repaired by the
 * {@link ReadPolicy} (see {@link BarSanitizer}); zero-volume bars are kept and reported.
 */
public final class OhlcvCsvReader {
    private static final String[] PRICE_NAMES = {"open", "high", "low", "close", "volume"};

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
        return BarSanitizer.sanitize(readRaw(file), policy, timeframe);
    }

    /** The file's rows as parsed, unchecked (for {@link BarSanitizer} and the inspector). */
    public static RawBars readRaw(Path file) {
        RawBars raw = new RawBars(file, TextFiles.baseName(file), null, 4096);
        try (CsvRows rows = CsvRows.open(file)) {
            int it = rows.requireColumn("time", "timestamp", "date", "open_time");
            int[] idx = {rows.requireColumn("open"), rows.requireColumn("high"), rows.requireColumn("low"),
                    rows.requireColumn("close"), rows.requireColumn("volume")};
            double[] v = new double[5];
            rows:
            while (rows.next()) {
                long time;
                try {
                    time = TimeFormat.parse(rows.text(it));
                } catch (IllegalArgumentException e) {
                    raw.malformed(rows.row(), "time", rows.text(it), "not an ISO-8601 time or epoch seconds/ms");
                    continue;
                }
                for (int k = 0; k < 5; k++) {
                    String txt = rows.text(idx[k]);
                    try {
                        v[k] = CsvRows.parseNumber(txt);
                    } catch (NumberFormatException e) {
                        raw.malformed(rows.row(), PRICE_NAMES[k], txt, txt.isEmpty() ? "missing value" : "not a number");
                        continue rows;
                    }
                }
                raw.add(rows.row(), time, v[0], v[1], v[2], v[3], v[4]);
            }
        }
        return raw;
    }
}
