package io.tradeloop.server;

import io.tradeloop.core.config.Checks;
import io.tradeloop.server.store.DatabaseConfig;

import java.nio.file.Path;

/**
 * How to run the server.
 *
 * @param host                     interface to listen on (127.0.0.1 by default: expose it deliberately)
 * @param port                     TCP port (0 picks a free one)
 * @param database                 where state lives (H2 file in the data directory by default)
 * @param dataDir                  the server's own files (the H2 database)
 * @param fundingFile              the funding replay agents trade on; null for the shared real data when present
 * @param maxBodyBytes             largest request body (413 above)
 * @param defaultKeyRatePerSecond  rate limit of keys issued by the server itself (demo and CLI users)
 * @param maxKeyRatePerSecond      the highest rate a key may be given through the API
 * @param policyPath               a funding-arb PPO checkpoint (file or directory) to serve and to offer as the
 *                                 {@code ppo-funding} brain; null for none (predict-multi then answers 503)
 * @param directionalModel         a bundle written by {@code tradeloop train directional --out DIR} to offer as the
 *                                 {@code directional-stack} brain; null for none (the brain is then not offered)
 * @param ohlcvFiles               asset → 4h OHLCV CSV the directional agents replay; empty for the shared
 *                                 coinbase BTC and ETH files
 */
public record ServerConfig(String host, int port, DatabaseConfig database, Path dataDir, Path fundingFile, int maxBodyBytes,
                           double defaultKeyRatePerSecond, double maxKeyRatePerSecond, Path policyPath, Path directionalModel,
                           java.util.Map<String, Path> ohlcvFiles) {
    public ServerConfig {
        Checks.notBlank("host", host);
        Checks.inRange("port", port, 0, 65_535);
        Checks.notNull("database", database);
        Checks.notNull("data_dir", dataDir);
        Checks.inRange("max_body_bytes", maxBodyBytes, 1024, 16 * 1024 * 1024);
        Checks.positive("default_key_rate_per_second", defaultKeyRatePerSecond);
        Checks.positive("max_key_rate_per_second", maxKeyRatePerSecond);
        ohlcvFiles = ohlcvFiles == null ? java.util.Map.of() : java.util.Map.copyOf(ohlcvFiles);
    }

    /** Loopback on {@code port}, an H2 file in {@code dataDir}, the shared funding data, 64 KiB bodies, 50 requests/s per key. */
    public static ServerConfig defaults(Path dataDir, int port) {
        return new ServerConfig("127.0.0.1", port, DatabaseConfig.h2File(dataDir), dataDir, null, 64 * 1024, 50, 10_000, null, null, java.util.Map.of());
    }

    public ServerConfig withDatabase(DatabaseConfig db) {
        return new ServerConfig(host, port, db, dataDir, fundingFile, maxBodyBytes, defaultKeyRatePerSecond, maxKeyRatePerSecond, policyPath, directionalModel, ohlcvFiles);
    }

    public ServerConfig withFundingFile(Path file) {
        return new ServerConfig(host, port, database, dataDir, file, maxBodyBytes, defaultKeyRatePerSecond, maxKeyRatePerSecond, policyPath, directionalModel, ohlcvFiles);
    }

    public ServerConfig withPolicy(Path checkpoint) {
        return new ServerConfig(host, port, database, dataDir, fundingFile, maxBodyBytes, defaultKeyRatePerSecond, maxKeyRatePerSecond, checkpoint, directionalModel, ohlcvFiles);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, database, dataDir, fundingFile, maxBodyBytes, defaultKeyRatePerSecond, maxKeyRatePerSecond, policyPath, directionalModel, ohlcvFiles);
    }

    public ServerConfig withDirectionalModel(Path bundle) {
        return new ServerConfig(host, port, database, dataDir, fundingFile, maxBodyBytes, defaultKeyRatePerSecond, maxKeyRatePerSecond, policyPath, bundle,
                ohlcvFiles);
    }

    public ServerConfig withOhlcvFiles(java.util.Map<String, Path> files) {
        return new ServerConfig(host, port, database, dataDir, fundingFile, maxBodyBytes, defaultKeyRatePerSecond, maxKeyRatePerSecond, policyPath,
                directionalModel, files);
    }
}
