package io.tradeloop.server.store;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, migrated database for one test: in-memory H2, or a new PostgreSQL database on the server at
 * {@code 127.0.0.1:5432} (override with TRADELOOP_TEST_PG_URL), dropped afterwards. When PostgreSQL is
 * unreachable the test is skipped with a message saying so.
 */
public final class TestDb implements AutoCloseable {
    static final String PG_ADMIN_URL = System.getenv().getOrDefault("TRADELOOP_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3");

    public final Database db;
    private final String pgName;

    private TestDb(Database db, String pgName) {
        this.db = db;
        this.pgName = pgName;
    }

    /** {@code kind} is {@code h2} or {@code postgresql}. */
    public static TestDb open(String kind) {
        return switch (kind) {
            case "h2" -> new TestDb(Database.open(DatabaseConfig.h2Memory("t" + UUID.randomUUID().toString().replace("-", ""))), null);
            case "postgresql" -> {
                String name = "tradeloop_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
                try (Connection c = DriverManager.getConnection(PG_ADMIN_URL)) {
                    c.createStatement().execute("CREATE DATABASE " + name);
                } catch (SQLException e) {
                    Assumptions.abort("PostgreSQL repository tests skipped: " + PG_ADMIN_URL.replaceAll("\\?.*", "")
                            + " is not reachable (" + e.getMessage() + ")");
                }
                String url = PG_ADMIN_URL.replaceFirst("/test\\?.*", "/" + name);
                yield new TestDb(Database.open(new DatabaseConfig(url, "postgres", "", 8)), name);
            }
            default -> throw new IllegalArgumentException("unknown database kind " + kind);
        };
    }

    /** A URL for a second pool onto the same database (e.g. a restarted server). */
    public DatabaseConfig config() {
        return db.config();
    }

    @Override
    public void close() {
        db.close();
        if (pgName != null) {
            try (Connection c = DriverManager.getConnection(PG_ADMIN_URL)) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test database " + pgName + ": " + e.getMessage(), e);
            }
        }
    }
}
