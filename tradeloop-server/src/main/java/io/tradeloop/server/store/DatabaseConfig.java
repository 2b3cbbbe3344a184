package io.tradeloop.server.store;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;

import java.nio.file.Path;

/**
 * Where the server keeps its state: a JDBC URL (embedded H2 file by default, PostgreSQL by
 * configuration), credentials and the connection-pool size.
 *
 * @param url          {@code jdbc:h2:...} or {@code jdbc:postgresql://...}
 * @param user         database user (may be empty for H2)
 * @param password     database password (may be empty); never logged
 * @param maxPoolSize  connections in the pool, 2–64
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize) {
    /** H2 options: PostgreSQL dialect, lower-case names, and commits written at once (a killed server loses no committed tick). */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    public DatabaseConfig {
        Checks.notBlank("database_url", url);
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("database_url", "value '" + redact(url) + "' must start with jdbc:h2: or jdbc:postgresql:");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        Checks.inRange("database_pool_size", maxPoolSize, 2, 64);
    }

    /** The default: an H2 database file {@code tradeloop.mv.db} in {@code dataDir}, created on first start. */
    public static DatabaseConfig h2File(Path dataDir) {
        return new DatabaseConfig("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tradeloop") + H2_OPTIONS, "sa", "", 10);
    }

    /** A private in-memory H2 database that lives while the pool is open (tests, benchmarks). */
    public static DatabaseConfig h2Memory(String name) {
        return new DatabaseConfig("jdbc:h2:mem:" + name + H2_OPTIONS, "sa", "", 10);
    }

    /** A URL as given, or H2's options appended when it is an H2 URL without them. */
    public static DatabaseConfig of(String url, String user, String password) {
        String u = url.startsWith("jdbc:h2:") && !url.contains(";MODE=") ? url + H2_OPTIONS : url;
        return new DatabaseConfig(u, user, password, 10);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without any password parameter, for logs and status. */
    public String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + redactedUrl() + ", user=" + user + ", pool=" + maxPoolSize + "]";
    }
}
