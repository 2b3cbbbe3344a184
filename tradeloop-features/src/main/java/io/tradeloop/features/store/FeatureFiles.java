package io.tradeloop.features.store;

import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.features.set.FeatureMatrix;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a feature matrix as CSV ({@code close_time} in ISO-8601 UTC, then one column per feature, an
 * empty cell for NaN) or as Parquet (the same table through DuckDB), so research tools and later runs
 * can load it without recomputing. The file holds the sanitised values; which cells were filled is in
 * the report.
 */
public final class FeatureFiles {
    private FeatureFiles() {
    }

    /** Writes CSV or Parquet by the file's extension ({@code .csv}, {@code .parquet}). */
    public static void write(FeatureMatrix m, Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) {
            writeCsv(m, file);
        } else if (name.endsWith(".parquet")) {
            writeParquet(m, file);
        } else {
            throw new IllegalArgumentException("output " + file + ": extension must be .csv or .parquet");
        }
    }

    public static void writeCsv(FeatureMatrix m, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("close_time");
            for (String c : m.columns()) {
                w.write(',');
                w.write(c);
            }
            w.newLine();
            StringBuilder line = new StringBuilder(512);
            for (int i = 0; i < m.rows(); i++) {
                line.setLength(0);
                line.append(TimeFormat.iso(m.closeTimeMs(i)));
                for (int k = 0; k < m.columnCount(); k++) {
                    line.append(',');
                    double v = m.value(k, i);
                    if (!Double.isNaN(v)) line.append(v);
                }
                w.write(line.toString());
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write features to " + file, e);
        }
    }

    public static void writeParquet(FeatureMatrix m, Path file) {
        Path csv = null;
        try {
            csv = Files.createTempFile("tradeloop-features-", ".csv");
            writeCsv(m, csv);
            Files.deleteIfExists(file);
            StringBuilder types = new StringBuilder("{'close_time': 'TIMESTAMPTZ'");
            for (String c : m.columns()) types.append(", '").append(c).append("': 'DOUBLE'");
            types.append('}');
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
                st.execute("COPY (SELECT * FROM read_csv(" + quote(csv) + ", header = true, columns = " + types
                        + ")) TO " + quote(file) + " (FORMAT PARQUET)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write features to " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not write " + file + ": " + e.getMessage(), e);
        } finally {
            if (csv != null) {
                try {
                    Files.deleteIfExists(csv);
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(FeatureFiles.class).warn("temp file not deleted file={} error={}", csv, e.toString());
                }
            }
        }
    }

    private static String quote(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
