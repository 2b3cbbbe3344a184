package io.tradeloop.data.catalog;

import io.tradeloop.data.csv.TextFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dataset names: what is allowed, and the name a file gets when none is given. The file's base name loses
 * its timeframe and date tokens, so monthly archive files of one market land in one dataset:
 * {@code coinbase_BTC-USD_4h.csv} → {@code coinbase_BTC-USD}, {@code BTCUSDT-5m-2024-01.zip} → {@code BTCUSDT}.
 */
public final class DatasetNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern TIMEFRAME = Pattern.compile("(?i)\\d+[smhdw]|pt\\d+[smh]|p\\d+[dw]");
    private static final Pattern DATE_PART = Pattern.compile("\\d+");
    private static final Set<String> NOISE = Set.of("trades", "from", "to", "klines", "bars", "ohlcv");

    private DatasetNames() {
    }

    /** Returns {@code name} when it is a valid dataset name (letters, digits, {@code . _ -}; up to 100). */
    public static String check(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("dataset name '" + name + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /**
     * The name for a file's data: {@code seriesName} when the reader found a better one than the file name
     * (ta4j's JSON names its market), else the file's base name without timeframe, date and noise tokens.
     */
    public static String fromFile(Path file, String seriesName) {
        String base = TextFiles.baseName(file);
        if (seriesName != null && !seriesName.equals(base) && VALID.matcher(seriesName).matches()) {
            return seriesName;
        }
        List<String> kept = new ArrayList<>();
        for (String part : base.split("_")) {
            List<String> sub = new ArrayList<>();
            for (String t : part.split("-")) {
                if (t.isEmpty() || TIMEFRAME.matcher(t).matches() || DATE_PART.matcher(t).matches()
                        || NOISE.contains(t.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                sub.add(t);
            }
            if (!sub.isEmpty()) {
                kept.add(String.join("-", sub));
            }
        }
        String name = String.join("_", kept).replaceAll("[^A-Za-z0-9._-]", "-");
        if (name.isEmpty() || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("cannot derive a dataset name from '" + file.getFileName() + "'; pass one (--name)");
        }
        return name;
    }
}
