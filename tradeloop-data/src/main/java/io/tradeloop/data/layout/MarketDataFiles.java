package io.tradeloop.data.layout;

import io.tradeloop.data.bars.BinanceKlineReader;
import io.tradeloop.data.bars.OhlcJsonReader;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.RawBars;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.csv.TextFiles;
import io.tradeloop.data.funding.CrossExchangeFundingReader;
import io.tradeloop.data.funding.VenueFundingReader;
import io.tradeloop.data.trades.TradeCsvReader;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The single entry point for reading a market-data file: detects its {@link DataLayout} from the first
 * line (or takes it explicitly) and hands it to that layout's reader under a {@link ReadPolicy}.
 */
public final class MarketDataFiles {
    private MarketDataFiles() {
    }

    /** Reads {@code file}, detecting its layout. */
    public static ReadResult<MarketData> read(Path file, ReadPolicy policy) {
        return read(file, detect(file), policy);
    }

    /** Reads {@code file} in the given layout. */
    public static ReadResult<MarketData> read(Path file, DataLayout layout, ReadPolicy policy) {
        return switch (layout) {
            case OHLCV_CSV -> bars(layout, OhlcvCsvReader.read(file, policy));
            case BINANCE_KLINES -> bars(layout, BinanceKlineReader.read(file, policy));
            case OHLC_JSON -> bars(layout, OhlcJsonReader.read(file, policy));
            case TRADES_CSV -> {
                var r = TradeCsvReader.read(file, policy);
                yield new ReadResult<>(new MarketData.Trades(layout, r.value()), r.issues());
            }
            case VENUE_FUNDING_CSV -> {
                var r = VenueFundingReader.read(file, policy);
                yield new ReadResult<>(new MarketData.Funding(layout, r.value()), r.issues());
            }
            case CROSS_EXCHANGE_CSV -> {
                var r = CrossExchangeFundingReader.read(file, policy);
                yield new ReadResult<>(new MarketData.CrossExchange(layout, r.value()), r.issues());
            }
        };
    }

    /** The unchecked rows of a bar file (any bar layout), for inspection. */
    public static RawBars readRawBars(Path file, DataLayout layout) {
        return switch (layout) {
            case OHLCV_CSV -> OhlcvCsvReader.readRaw(file);
            case BINANCE_KLINES -> BinanceKlineReader.readRaw(file);
            case OHLC_JSON -> OhlcJsonReader.readRaw(file);
            default -> throw new IllegalArgumentException(file + " is " + layout + " (" + layout.kind() + "), not bars");
        };
    }

    /** Tells the layout from the file's first non-blank line (unzipped when the file is {@code .zip}/{@code .gz}). */
    public static DataLayout detect(Path file) {
        String first = TextFiles.firstLine(file).strip();
        if (first.isEmpty()) {
            throw new DataFormatException(file, 1, "row", "", "file is empty");
        }
        if (first.charAt(0) == '{' || first.charAt(0) == '[') {
            return DataLayout.OHLC_JSON;
        }
        String[] fields = CsvRows.split(first);
        if (Character.isDigit(first.charAt(0))) {
            if (fields.length == 12 || fields.length == 11) {
                return DataLayout.BINANCE_KLINES;
            }
            throw new DataFormatException(file, 1, "header", first,
                    "no header line and not Binance's 12-column kline layout (" + fields.length + " fields); supported layouts: " + supported());
        }
        Set<String> cols = new HashSet<>();
        for (String f : fields) cols.add(f.trim().toLowerCase(Locale.ROOT));
        if (cols.contains("open_time") && cols.contains("close_time") && cols.contains("quote_volume")) {
            return DataLayout.BINANCE_KLINES;
        }
        if (cols.contains("funding_rate")) {
            if (cols.contains("contract") && cols.contains("open")) return DataLayout.CROSS_EXCHANGE_CSV;
            if (cols.contains("exchange")) return DataLayout.VENUE_FUNDING_CSV;
        }
        if (cols.containsAll(Set.of("open", "high", "low", "close", "volume"))) {
            return DataLayout.OHLCV_CSV;
        }
        if (cols.contains("price") && (cols.contains("amount") || cols.contains("volume") || cols.contains("qty")
                || cols.contains("quantity") || cols.contains("size"))) {
            return DataLayout.TRADES_CSV;
        }
        throw new DataFormatException(file, 1, "header", first, "unknown layout; supported layouts: " + supported());
    }

    private static String supported() {
        StringBuilder sb = new StringBuilder();
        for (DataLayout l : DataLayout.values()) {
            if (!sb.isEmpty()) sb.append("; ");
            sb.append(l.name()).append(" (").append(l.columns()).append(')');
        }
        return sb.toString();
    }

    private static ReadResult<MarketData> bars(DataLayout layout, ReadResult<io.tradeloop.core.series.BarSeries> r) {
        return new ReadResult<>(new MarketData.Bars(layout, r.value()), r.issues());
    }
}
