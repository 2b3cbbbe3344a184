package io.tradeloop.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the real market data that sits beside the project at {@code ../shared/data}. Tests and
 * benchmarks use it and skip with {@link #ABSENT} when it is missing; it is never copied into the repository.
 */
public final class SharedData {
    /** The message a test or benchmark gives when it skips for want of the data. */
    public static final String ABSENT = "skipped: ../shared/data is absent (set -Dtradeloop.shared or TRADELOOP_SHARED to the folder holding data/)";

    private SharedData() {
    }

    /**
     * The {@code shared} folder: the system property {@code tradeloop.shared}, else the environment
     * variable {@code TRADELOOP_SHARED}, else the first {@code ../shared} found walking up from the
     * working directory.
     */
    public static Optional<Path> root() {
        for (String candidate : new String[] {System.getProperty("tradeloop.shared"), System.getenv("TRADELOOP_SHARED")}) {
            if (candidate != null && !candidate.isBlank()) {
                Path p = Path.of(candidate).toAbsolutePath().normalize();
                if (Files.isDirectory(p.resolve("data"))) {
                    return Optional.of(p);
                }
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path sibling = dir.resolveSibling("shared");
            if (sibling != null && Files.isDirectory(sibling.resolve("data"))) {
                return Optional.of(sibling.normalize());
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** {@code shared/data}, when present. */
    public static Optional<Path> data() {
        return root().map(r -> r.resolve("data"));
    }

    /** A file under {@code shared/data} when it exists, e.g. {@code file("ohlcv/coinbase_BTC-USD_4h.csv")}. */
    public static Optional<Path> file(String relative) {
        return data().map(d -> d.resolve(relative)).filter(Files::exists);
    }

    public static boolean available() {
        return data().isPresent();
    }
}
