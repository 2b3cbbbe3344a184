package io.tradeloop.cli.directional;

import io.tradeloop.core.SharedData;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code NAME=FILE} data options of the directional commands, defaulting to the real 4h BTC and ETH files. */
final class DataFiles {
    private DataFiles() {
    }

    static Map<String, Path> parse(List<String> specs) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (specs == null || specs.isEmpty()) {
            for (String base : List.of("BTC", "ETH")) {
                String rel = "ohlcv/coinbase_" + base + "-USD_4h.csv";
                out.put(base, SharedData.file(rel).orElseThrow(() -> new IllegalArgumentException(
                        "no --data given and the default " + rel + " is missing (" + SharedData.ABSENT + ")")));
            }
            return out;
        }
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("--data must look like NAME=FILE (e.g. BTC=coinbase_BTC-USD_4h.csv), got '" + s + "'");
            }
            Path p = Path.of(s.substring(eq + 1));
            if (!p.toFile().isFile()) {
                throw new IllegalArgumentException("--data " + s + ": no such file " + p.toAbsolutePath());
            }
            out.put(s.substring(0, eq), p);
        }
        return out;
    }
}
