package io.tradeloop.server;

import io.javalin.Javalin;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.time.Clock;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentState;
import io.tradeloop.server.agent.AgentStatus;
import io.tradeloop.server.auth.Authenticator;
import io.tradeloop.server.auth.CredentialCipher;
import io.tradeloop.server.brain.DirectionalStackBrain;
import io.tradeloop.server.brain.GreedyCarryBrain;
import io.tradeloop.server.brain.PpoFundingBrain;
import io.tradeloop.server.predict.PpoFundingPolicy;
import io.tradeloop.server.http.EventHub;
import io.tradeloop.server.http.HttpApi;
import io.tradeloop.server.http.ServerMetrics;
import io.tradeloop.server.market.FundingFileReplay;
import io.tradeloop.server.market.MarketReplay;
import io.tradeloop.server.predict.PredictService;
import io.tradeloop.server.runtime.AgentManager;
import io.tradeloop.server.runtime.BrainRegistry;
import io.tradeloop.server.store.AgentStore;
import io.tradeloop.server.store.Database;
import io.tradeloop.server.store.TickStore;
import io.tradeloop.server.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * The composition root of the agent service: database, market replay, brains, agent manager, HTTP API,
 * events, metrics and the dashboard, wired explicitly. {@code tradeloop serve} and {@code tradeloop demo}
 * start one; {@link #close()} stops it cleanly (agents keep their persisted state and resume on the
 * next start).
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** What predict-multi says until a trained funding policy is built into the server. */
    public static final String NO_POLICY = "no funding-arbitrage policy is loaded: start the server with a trained checkpoint "
            + "(tradeloop serve --policy DIR, from tradeloop train funding-arb --checkpoint-dir DIR)";

    /** A user and a freshly issued key (the only time the key is visible). */
    public record IssuedUser(long userId, String name, String apiKey) {
        @Override
        public String toString() {
            return "IssuedUser[" + userId + ", " + name + ", key=***]";
        }
    }

    private final ServerConfig config;
    private final Database db;
    private final UserStore users;
    private final Authenticator auth;
    private final AgentManager agents;
    private final EventHub hub;
    private final PredictService predict;
    private final Javalin app;
    private final Clock clock;

    private Server(ServerConfig config, Database db, UserStore users, Authenticator auth, AgentManager agents, EventHub hub,
                   PredictService predict, Javalin app, Clock clock) {
        this.config = config;
        this.db = db;
        this.users = users;
        this.auth = auth;
        this.agents = agents;
        this.hub = hub;
        this.predict = predict;
        this.app = app;
        this.clock = clock;
    }

    /** Opens the database (migrating it), loads the replay, recovers agents and starts listening. */
    public static Server start(ServerConfig config) {
        return start(config, System.getenv());
    }

    /** As {@link #start(ServerConfig)}, reading {@code TRADELOOP_*} settings from {@code env} instead of the process environment. */
    public static Server start(ServerConfig config, java.util.Map<String, String> env) {
        Clock clock = Clock.system();
        try {
            Files.createDirectories(config.dataDir());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        Database db = Database.open(config.database());
        try {
            MarketReplay market = null;
            String unavailable = null;
            Path file = config.fundingFile() != null ? config.fundingFile()
                    : SharedData.file("funding/cross_exchange_8h.csv").orElse(null);
            if (file == null) {
                unavailable = "no funding data: pass a funding file (cross_exchange_8h.csv layout) or put ../shared/data beside the project";
            } else {
                market = FundingFileReplay.load(file);
                log.info("market replay loaded {}", market.describe());
            }
            var users = new UserStore(db);
            var auth = new Authenticator(users, clock, new SecureRandom());
            var hub = new EventHub();
            var brains = new BrainRegistry().register(new GreedyCarryBrain());
            var predict = new PredictService(NO_POLICY);
            if (config.policyPath() != null) {
                var policy = PpoFundingPolicy.fromCheckpoint(config.policyPath());
                predict.load(policy);
                brains.register(new PpoFundingBrain(policy));
                log.info("funding policy loaded model={} path={}", policy.model().version(), config.policyPath());
            }
            if (config.directionalModel() != null) {
                var stack = DirectionalStackBrain.load(config.directionalModel(), ohlcvFiles(config));
                brains.register(stack);
                log.info("directional stack loaded model={} path={} assets={}", stack.model().version(), config.directionalModel(), stack.assets());
            }
            var agents = new AgentManager(new AgentStore(db), new TickStore(db), brains, market, unavailable, hub, clock);
            Optional<CredentialCipher> cipher = CredentialCipher.fromEnvironment(env);
            var metrics = new ServerMetrics(agents, hub);
            var api = new HttpApi(agents, predict, auth, users, cipher, hub, metrics, db,
                    new HttpApi.Limits(config.maxBodyBytes(), config.maxKeyRatePerSecond()), clock, version());
            int recovered = agents.recover();
            Javalin app = api.create().start(config.host(), config.port());
            log.info("server started url=http://{}:{} database={} agents_recovered={} credentials_encryption={}", config.host(), app.port(),
                    config.database().redactedUrl(), recovered, cipher.isPresent() ? "on" : "off (" + CredentialCipher.ENV + " unset)");
            return new Server(config, db, users, auth, agents, hub, predict, app, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The 4h bar files directional agents replay: the configured ones, else the shared coinbase BTC and ETH files. */
    private static java.util.Map<String, Path> ohlcvFiles(ServerConfig config) {
        if (!config.ohlcvFiles().isEmpty()) {
            return config.ohlcvFiles();
        }
        var out = new java.util.LinkedHashMap<String, Path>();
        for (String asset : io.tradeloop.server.agent.AgentConfig.ASSETS) {
            SharedData.file("ohlcv/coinbase_" + asset + "-USD_4h.csv").ifPresent(p -> out.put(asset, p));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--directional-model needs the 4h OHLCV files ohlcv/coinbase_{BTC,ETH}-USD_4h.csv: " + SharedData.ABSENT);
        }
        return out;
    }

    static String version() {
        String v = Server.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public int port() {
        return app.port();
    }

    /** The dashboard's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port() + "/";
    }

    public AgentManager agents() {
        return agents;
    }

    public PredictService predictions() {
        return predict;
    }

    public EventHub events() {
        return hub;
    }

    public Database database() {
        return db;
    }

    /** Creates a user with one key at the server's default rate; refuses a taken name. */
    public IssuedUser createUser(String name) {
        return createUser(name, config.defaultKeyRatePerSecond());
    }

    /** Creates a user with one key limited to {@code ratePerSecond} (benchmarks use a high one). */
    public IssuedUser createUser(String name, double ratePerSecond) {
        var u = users.createUser(name, clock.nowMs()).orElseThrow(() -> new IllegalArgumentException("user '" + name + "' exists already"));
        return new IssuedUser(u.id(), u.name(), auth.issue(u.id(), "initial", ratePerSecond).key());
    }

    /** The user {@code name} (created when absent) with a new key. */
    public IssuedUser userWithNewKey(String name) {
        var u = users.findUserByName(name).orElseGet(() -> users.createUser(name, clock.nowMs()).orElseThrow());
        return new IssuedUser(u.id(), u.name(), auth.issue(u.id(), "cli", config.defaultKeyRatePerSecond()).key());
    }

    /**
     * The demo: a user {@code name} with a new key, one paper agent (created with {@code agentConfig} when the
     * user has none) started — a finished replay starts a new run. Returns the user and the running agent.
     */
    public Demo startDemo(String name, AgentConfig agentConfig) {
        IssuedUser user = userWithNewKey(name);
        AgentStatus agent = ensureRunning(user.userId(), agentConfig);
        log.info("demo ready url={} user={} agent_id={} state={}", url(), name, agent.agentId(), agent.state());
        return new Demo(user, agent.agentId());
    }

    /**
     * The user's first agent with {@code config}'s brain, created with {@code config} when there is none, and
     * started unless it is already running or paused (a finished run starts a new one).
     */
    public AgentStatus ensureRunning(long userId, AgentConfig config) {
        AgentStatus agent = agents.list(userId).stream().filter(a -> a.config().brain().equals(config.brain())).findFirst()
                .orElseGet(() -> agents.create(userId, config));
        return agent.state().isActive() ? agent : agents.start(userId, agent.agentId(), agent.finished());
    }

    /** A running demo: its user (with the key to log in) and its agent. */
    public record Demo(IssuedUser user, long agentId) {
    }

    /** True while any agent loop runs (for callers that wait on a demo). */
    public boolean anyAgentRunning() {
        return agents.countByState().get(AgentState.RUNNING) > 0;
    }

    /** Stops listening, ends the agent loops after their current tick, closes event streams and the database. */
    @Override
    public void close() {
        log.info("server stopping");
        hub.close();
        app.stop();
        agents.shutdown(Duration.ofSeconds(10));
        db.close();
        log.info("server stopped");
    }
}
