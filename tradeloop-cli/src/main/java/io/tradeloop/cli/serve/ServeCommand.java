package io.tradeloop.cli.serve;

import io.tradeloop.server.Server;
import io.tradeloop.server.ServerConfig;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.store.DatabaseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tradeloop serve}: the agent service with its API and dashboard. By default an H2 database file in
 * the data directory (zero set-up); PostgreSQL with {@code --database-url jdbc:postgresql://...} (the
 * password comes from TRADELOOP_DATABASE_PASSWORD, never from the command line). With
 * {@code --demo-user} it also prints a key and starts a paper agent replaying the funding data.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the agent service: REST + SSE API, paper agents and the web dashboard. Ctrl-C stops it cleanly.")
public final class ServeCommand implements Callable<Integer> {
    /** The environment variable holding the database password. */
    public static final String PASSWORD_ENV = "TRADELOOP_DATABASE_PASSWORD";

    @Option(names = "--port", description = "TCP port (0 picks a free one; default ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "interface to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 exposes it)", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--data-dir", description = "the server's files, including the H2 database (default ${DEFAULT-VALUE})",
            defaultValue = ".tradeloop")
    Path dataDir;

    @Option(names = "--database-url", description = "JDBC URL: jdbc:h2:... or jdbc:postgresql://host:5432/db (default: H2 file in --data-dir)")
    String databaseUrl;

    @Option(names = "--database-user", description = "database user (default ${DEFAULT-VALUE})", defaultValue = "postgres")
    String databaseUser;

    @Option(names = "--funding-file", description = "funding replay in the cross_exchange_8h.csv layout (default: ../shared/data/funding/cross_exchange_8h.csv)")
    Path fundingFile;

    @Option(names = "--policy", description = "a funding-arb PPO checkpoint file or directory (tradeloop train funding-arb --checkpoint-dir): "
            + "served by /api/predict-multi and offered as the ppo-funding brain")
    Path policy;

    @Option(names = "--directional-model", paramLabel = "DIR",
            description = "a bundle written by 'tradeloop train directional --out DIR': offered as the directional-stack brain, whose agents "
                    + "trade one asset's 4h bars (BTC or ETH) from the bundle's test period through the full decision stack")
    Path directionalModel;

    @Option(names = "--demo-user", description = "print a new key for this user and start a paper agent for it")
    String demoUser;

    @Option(names = "--speed", description = "replay speed of the demo agent: simulated time per wall time (default ${DEFAULT-VALUE} = one 8 h step per second)",
            defaultValue = "28800")
    double speed;

    PrintStream out = System.out;

    @Override
    public Integer call() throws InterruptedException {
        Server server = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("tradeloop: stopping (agents resume on the next start) ...");
            server.close();
            stopped.countDown();
        }, "tradeloop-shutdown"));
        out.println("tradeloop: serving " + server.url() + "  (Ctrl-C stops)");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Starts the server (and the demo agent when asked) and prints where it is. */
    public Server start() {
        ServerConfig cfg = ServerConfig.defaults(dataDir.toAbsolutePath(), port).withHost(host);
        if (databaseUrl != null) {
            String password = System.getenv(PASSWORD_ENV);
            cfg = cfg.withDatabase(DatabaseConfig.of(databaseUrl, databaseUrl.startsWith("jdbc:h2:") ? "sa" : databaseUser, password));
        }
        if (fundingFile != null) {
            cfg = cfg.withFundingFile(fundingFile.toAbsolutePath());
        }
        if (policy != null) {
            cfg = cfg.withPolicy(policy.toAbsolutePath());
        }
        if (directionalModel != null) {
            cfg = cfg.withDirectionalModel(directionalModel.toAbsolutePath());
        }
        Server server = Server.start(cfg);
        if (demoUser != null) {
            var demo = server.startDemo(demoUser, AgentConfig.defaults("paper carry").withSpeed(speed));
            out.println("tradeloop: dashboard " + server.url());
            out.println("tradeloop: user " + demo.user().name() + ", API key (shown once): " + demo.user().apiKey());
            out.println("tradeloop: paper agent #" + demo.agentId() + " replaying funding data at " + speed + "x");
        }
        return server;
    }
}
