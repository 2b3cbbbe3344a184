package io.tradeloop.data.bars;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.csv.CsvRows;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.csv.TextFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON bar layout of ta4j's examples ({@code ETH-USD-PT5M-2023-3-13_2023-3-15.json}):
 * {@code {"name": "ETH/USD_PT5M@BinanceUS", "ohlc": [{"endTime": 1678730699999, "openPrice": …,
 * "highPrice": …, "lowPrice": …, "closePrice": …, "volume": …, "amount": …}, …]}}. {@code endTime} is the
 * bar's last millisecond (or its close time when it is a whole second); the interval is the ISO-8601
 * duration in the name ({@code PT5M}) or else the most common spacing. {@code amount} (quote value, 0.0
 * in ta4j's file) is ignored. Errors name the line of the bar's object.
 */
public final class OhlcJsonReader {
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]+)/([A-Za-z0-9]+)_(P[A-Za-z0-9]+)@([A-Za-z0-9._-]+)");
    private static final String[] FIELDS = {"endTime", "openPrice", "highPrice", "lowPrice", "closePrice", "volume"};

    private OhlcJsonReader() {
    }

    public static ReadResult<BarSeries> read(Path file, ReadPolicy policy) {
        return BarSanitizer.sanitize(readRaw(file), policy, null);
    }

    /** The file's bars as parsed, unchecked. */
    public static RawBars readRaw(Path file) {
        String name = null;
        int cap = 1024;
        long[] line = new long[cap];
        long[] close = new long[cap];
        double[][] v = new double[5][cap];
        int n = 0;
        java.util.List<Bad> malformed = new java.util.ArrayList<>();
        try (Reader in = TextFiles.open(file); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DataFormatException(file, p.currentLocation().getLineNr(), "json", String.valueOf(p.currentToken()), "expected an object {\"name\": …, \"ohlc\": [...]}");
            }
            boolean sawBars = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("name".equals(field) && t == JsonToken.VALUE_STRING) {
                    name = p.getText();
                } else if ("ohlc".equals(field) && t == JsonToken.START_ARRAY) {
                    sawBars = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long lineNr = p.currentTokenLocation().getLineNr();
                        Map<String, String> obj = new HashMap<>(12);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            JsonToken vt = p.nextToken();
                            if (vt.isScalarValue()) {
                                obj.put(key, p.getText());
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (n == close.length) {
                            int nc = n * 2;
                            line = Arrays.copyOf(line, nc);
                            close = Arrays.copyOf(close, nc);
                            for (int k = 0; k < 5; k++) v[k] = Arrays.copyOf(v[k], nc);
                        }
                        String bad = null;
                        for (int k = 0; k < FIELDS.length && bad == null; k++) {
                            String txt = obj.get(FIELDS[k]);
                            if (txt == null) {
                                bad = FIELDS[k];
                                malformed.add(new Bad(lineNr, FIELDS[k], "", "missing field"));
                                break;
                            }
                            try {
                                if (k == 0) {
                                    long end = Long.parseLong(txt.trim());
                                    close[n] = Math.floorMod(end, 1000L) == 999 ? end + 1 : end;
                                } else {
                                    v[k - 1][n] = CsvRows.parseNumber(txt);
                                }
                            } catch (NumberFormatException e) {
                                bad = FIELDS[k];
                                malformed.add(new Bad(lineNr, FIELDS[k], txt, k == 0 ? "not an epoch time in ms" : "not a number"));
                            }
                        }
                        if (bad == null) {
                            line[n] = lineNr;
                            n++;
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawBars) {
                throw new DataFormatException(file, 0, "ohlc", "", "no \"ohlc\" array of bars in the JSON object");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Timeframe tf = timeframeOf(name);
        if (tf == null) {
            tf = mostCommonSpacing(file, close, n);
        }
        RawBars raw = new RawBars(file, datasetName(name, file), tf, n);
        for (Bad m : malformed) {
            raw.malformed(m.line(), m.field(), m.value(), m.problem());
        }
        for (int i = 0; i < n; i++) {
            raw.add(line[i], close[i] - tf.millis(), v[0][i], v[1][i], v[2][i], v[3][i], v[4][i]);
        }
        return raw;
    }

    private record Bad(long line, String field, String value, String problem) {
    }

    /** The interval in a name like {@code ETH/USD_PT5M@BinanceUS}, or null. */
    static Timeframe timeframeOf(String name) {
        if (name == null) return null;
        Matcher m = NAME.matcher(name);
        if (!m.matches()) return null;
        try {
            return new Timeframe(Duration.parse(m.group(3)).toMillis());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code binanceus_ETH-USD} for {@code ETH/USD_PT5M@BinanceUS}; else the file's base name. */
    static String datasetName(String name, Path file) {
        if (name != null) {
            Matcher m = NAME.matcher(name);
            if (m.matches()) {
                return m.group(4).toLowerCase(Locale.ROOT) + "_" + m.group(1) + "-" + m.group(2);
            }
        }
        return TextFiles.baseName(file);
    }

    private static Timeframe mostCommonSpacing(Path file, long[] close, int n) {
        long[] sorted = Arrays.copyOf(close, n);
        Arrays.sort(sorted);
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < n; i++) {
            long d = sorted[i] - sorted[i - 1];
            if (d > 0) counts.merge(d, 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(e -> new Timeframe(e.getKey()))
                .orElseThrow(() -> new DataFormatException(file, 0, "endTime", String.valueOf(n),
                        "cannot tell the bar interval: no ISO-8601 period in the name and fewer than 2 distinct end times"));
    }
}
