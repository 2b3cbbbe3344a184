package io.tradeloop.data.catalog;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.trades.TradeSeries;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads and writes the catalog's Parquet files through an in-memory DuckDB (the JDBC jar carries its native
 * library and the Parquet extension; extension auto-install is switched off so nothing is ever downloaded).
 * Bars: {@code open_time_ms BIGINT, open, high, low, close, volume DOUBLE}, sorted by time. Trades:
 * {@code time_ms BIGINT, price, amount DOUBLE}, in print order.
 *
 * <p>Files are written without general-purpose compression (Parquet's own dictionary and run-length
 * encodings still apply): on 100k bars that loads 2-3x faster than zstd for about twice the size
 * (48 vs 23 bytes a bar), and load time is what the catalog is for.
 */
final class ParquetStore implements AutoCloseable {
    private final Connection conn;

    ParquetStore() {
        try {
            conn = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = conn.createStatement()) {
                s.execute("SET autoinstall_known_extensions = false");
                s.execute("SET autoload_known_extensions = false");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB (in-memory): " + e.getMessage(), e);
        }
    }

    void writeBars(BarSeries s, Path target) {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE bars_out (open_time_ms BIGINT, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)");
            try (DuckDBAppender a = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "bars_out")) {
                for (int i = 0; i < s.size(); i++) {
                    a.beginRow();
                    a.append(s.openTimeMs(i));
                    a.append(s.open(i));
                    a.append(s.high(i));
                    a.append(s.low(i));
                    a.append(s.close(i));
                    a.append(s.volume(i));
                    a.endRow();
                }
            }
            copyOut(st, "bars_out", target);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot write " + target + ": " + e.getMessage(), e));
        }
    }

    void writeTrades(TradeSeries t, Path target) {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE trades_out (time_ms BIGINT, price DOUBLE, amount DOUBLE)");
            try (DuckDBAppender a = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "trades_out")) {
                for (int i = 0; i < t.size(); i++) {
                    a.beginRow();
                    a.append(t.timeMs(i));
                    a.append(t.price(i));
                    a.append(t.amount(i));
                    a.endRow();
                }
            }
            copyOut(st, "trades_out", target);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot write " + target + ": " + e.getMessage(), e));
        }
    }

    /** Bars with open time in [fromMs, toMs) from a bars file. */
    BarSeries readBars(Path file, String name, Timeframe tf, long expectedRows, long fromMs, long toMs) {
        BarSeries.Builder b = BarSeries.builder(name, tf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, expectedRows)));
        String sql = "SELECT open_time_ms, open, high, low, close, volume FROM read_parquet(?)"
                + (fromMs == Long.MIN_VALUE && toMs == Long.MAX_VALUE ? "" : " WHERE open_time_ms >= ? AND open_time_ms < ?");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, file.toString());
            if (fromMs != Long.MIN_VALUE || toMs != Long.MAX_VALUE) {
                ps.setLong(2, fromMs);
                ps.setLong(3, toMs);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    b.add(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6));
                }
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getMessage(), e));
        }
        return b.build();
    }

    TradeSeries readTrades(Path file, String name, long expectedRows) {
        TradeSeries.Builder b = TradeSeries.builder(name, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, expectedRows)));
        try (PreparedStatement ps = conn.prepareStatement("SELECT time_ms, price, amount FROM read_parquet(?)")) {
            ps.setString(1, file.toString());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    b.add(r.getLong(1), r.getDouble(2), r.getDouble(3));
                }
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getMessage(), e));
        }
        return b.build();
    }

    private static void copyOut(Statement st, String table, Path target) throws SQLException {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            st.execute("COPY " + table + " TO '" + tmp.toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION uncompressed)");
            st.execute("DROP TABLE " + table);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
