package io.tradeloop.server.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader of the linear-perpetual rows of {@code funding/cross_exchange_8h.csv}
 * ({@code time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate}).
 *
 * <p>Interim: the server needs real funding data before tradeloop-data's readers land; when they do,
 * {@link FundingFileReplay} switches to them and this class goes. It refuses bad rows with the file,
 * row, field and value rather than repairing them.
 */
final class CrossExchangeFundingFile {
    /** One perpetual bar with the funding rate settled at its open time. */
    record Row(long timeMs, String venue, String base, String symbol, double open, double close, double volumeBase,
               double fundingRate) {
    }

    private static final String HEADER = "time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate";

    private CrossExchangeFundingFile() {
    }

    /** The rows whose contract is {@code perpetual} (USDT-margined), in file order. */
    static List<Row> readLinearPerpetuals(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.trim().equals(HEADER)) {
                throw new IllegalArgumentException(file + ": row 1: header is '" + header + "', expected '" + HEADER + "'");
            }
            String line;
            int rowNo = 1;
            while ((line = in.readLine()) != null) {
                rowNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 11) {
                    throw new IllegalArgumentException(file + ": row " + rowNo + ": " + f.length + " fields, expected 11");
                }
                if (!f[4].equals("perpetual")) {
                    continue;
                }
                long time = parseTime(file, rowNo, f[0]);
                double open = positive(file, rowNo, "open", f[5]);
                double close = positive(file, rowNo, "close", f[8]);
                double volume = number(file, rowNo, "volume", f[9]);
                if (volume < 0) {
                    throw new IllegalArgumentException(file + ": row " + rowNo + ": field volume: value " + volume + " must be >= 0");
                }
                double rate = number(file, rowNo, "funding_rate", f[10]);
                if (Math.abs(rate) > 0.05) {
                    throw new IllegalArgumentException(file + ": row " + rowNo + ": field funding_rate: value " + rate
                            + " is outside the plausible range [-0.05, 0.05] per interval");
                }
                rows.add(new Row(time, f[1], f[2], f[3], open, close, volume, rate));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static long parseTime(Path file, int row, String text) {
        try {
            return java.time.Instant.parse(text).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": row " + row + ": field time: '" + text + "' is not an ISO-8601 UTC time", e);
        }
    }

    private static double number(Path file, int row, String field, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": row " + row + ": field " + field + ": '" + text + "' is not a number", e);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(file + ": row " + row + ": field " + field + ": value " + text + " must be finite");
        }
        return v;
    }

    private static double positive(Path file, int row, String field, String text) {
        double v = number(file, row, field, text);
        if (!(v > 0)) {
            throw new IllegalArgumentException(file + ": row " + row + ": field " + field + ": value " + v + " must be > 0");
        }
        return v;
    }
}
