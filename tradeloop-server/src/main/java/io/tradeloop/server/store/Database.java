package io.tradeloop.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: a HikariCP pool, the schema migrated by Flyway on open, and Jdbi on top.
 * The same migrations run on H2 and PostgreSQL (portable SQL only).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(DatabaseConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /** Opens the pool and migrates the schema to the latest version. */
    public static Database open(DatabaseConfig config) {
        var hc = new HikariConfig();
        hc.setJdbcUrl(config.url());
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setPoolName("tradeloop-db");
        hc.setConnectionTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot connect to " + config.redactedUrl() + ": " + rootMessage(e), e);
        }
        try {
            var result = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            log.info("database ready url={} migrations_applied={} schema_version={}", config.redactedUrl(),
                    result.migrationsExecuted, result.targetSchemaVersion);
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException("cannot migrate " + config.redactedUrl() + ": " + rootMessage(e), e);
        }
        return new Database(config, ds);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** True when a connection can be borrowed and answers a trivial query. */
    public boolean isHealthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            log.warn("database health check failed url={} error={}", config.redactedUrl(), rootMessage(e));
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
