package io.tradeloop.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.time.Clock;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentConfigPatch;
import io.tradeloop.server.agent.AgentException;
import io.tradeloop.server.agent.AgentStatus;
import io.tradeloop.server.agent.ClosedTrade;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.auth.Authenticator;
import io.tradeloop.server.auth.CredentialCipher;
import io.tradeloop.server.auth.Principal;
import io.tradeloop.server.auth.RateLimiter;
import io.tradeloop.server.json.InvalidField;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.market.MarketReplay;
import io.tradeloop.server.predict.PredictMultiRequest;
import io.tradeloop.server.predict.PredictMultiResponse;
import io.tradeloop.server.predict.PredictService;
import io.tradeloop.server.runtime.AgentManager;
import io.tradeloop.server.store.Database;
import io.tradeloop.server.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/**
 * The HTTP API and the dashboard: every endpoint is declared once in {@link #routes()} (registered and
 * documented from there), handlers are plain methods, and every failure becomes an {@link ApiError} JSON
 * with a 4xx status naming the field and the allowed range (5xx only for the server's own faults).
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String PRINCIPAL = "tradeloop.principal";
    private static final Pattern EXCHANGE = Pattern.compile("[a-z0-9_\\-]{1,32}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9 _.\\-]{1,64}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");
    /** The dashboard's content policy: scripts, styles and data only from this server. */
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * Request limits.
     *
     * @param maxBodyBytes       largest request body accepted (413 above)
     * @param maxKeyRatePerSecond the highest rate a key created through the API may have
     */
    public record Limits(int maxBodyBytes, double maxKeyRatePerSecond) {
        public Limits {
            io.tradeloop.core.config.Checks.inRange("max_body_bytes", maxBodyBytes, 1024, 16 * 1024 * 1024);
            io.tradeloop.core.config.Checks.positive("max_key_rate_per_second", maxKeyRatePerSecond);
        }
    }

    // ---- request and answer bodies ----

    /** Body of {@code POST /agent/start}. @param reset begin a new run (fresh account, replay from its start) */
    /**
     * A brain agents may name: {@code market} is {@code funding} (the funding replay, every instrument) or
     * {@code bars} (one asset's 4h bars, chosen with the agent's {@code asset}); {@code assets} lists those it trades.
     */
    public record BrainInfo(String id, String market, String modelVersion, String summary, List<String> assets) {
    }

    public record StartRequest(Boolean reset) {
    }

    /** A page of decisions, newest first; pass {@code next_before} as {@code before} for the next page. */
    public record DecisionsPage(long agentId, int runNo, List<DecisionRecord> decisions, Integer nextBefore) {
    }

    /** A trade marker for the price chart. */
    public record TradeMarker(int seq, long simTimeMs, String action, String base, String label, String kind, Double netPnlUsd) {
    }

    /** Chart data of the current run: equity and prices at the same ticks, and the trades. */
    public record ChartData(long agentId, int runNo, List<Long> timesMs, List<Double> equityUsd, Map<String, List<Double>> pricesUsd,
                            List<TradeMarker> trades) {
    }

    /** {@code GET /health}. */
    public record Health(String status, String database, String market, String policy, Map<String, Long> agents, String version,
                         double uptimeSeconds) {
    }

    /** {@code GET /me}. */
    public record Me(long userId, String name, String keyPrefix, double ratePerSecond, boolean credentialsEnabled) {
    }

    /** One of the caller's API keys (never the key itself). */
    public record KeyInfo(long id, String prefix, String label, double ratePerSecond, String createdAt, String revokedAt) {
    }

    /** Body of {@code POST /me/keys}. */
    public record KeyRequest(String label, Double ratePerSecond) {
    }

    /** A new key: the only answer that ever contains one. */
    public record NewKey(String key, String prefix, String label, double ratePerSecond) {
    }

    /** Body of {@code PUT /me/credentials/{exchange}}. */
    public record CredentialRequest(String apiKey, String apiSecret, String passphrase) {
        @Override
        public String toString() {
            return "CredentialRequest[***]";
        }
    }

    /** Stored credentials as listed: exchange and a hint, never the secret. */
    public record CredentialInfo(String exchange, String keyHint, String updatedAt) {
    }

    private final AgentManager agents;
    private final PredictService predict;
    private final Authenticator auth;
    private final UserStore users;
    private final Optional<CredentialCipher> cipher;
    private final EventHub hub;
    private final ServerMetrics metrics;
    private final Database db;
    private final RateLimiter limiter;
    private final Limits limits;
    private final Clock clock;
    private final String version;
    private final long startedMs;
    private final List<Route> routes;

    public HttpApi(AgentManager agents, PredictService predict, Authenticator auth, UserStore users, Optional<CredentialCipher> cipher,
                   EventHub hub, ServerMetrics metrics, Database db, Limits limits, Clock clock, String version) {
        this.agents = agents;
        this.predict = predict;
        this.auth = auth;
        this.users = users;
        this.cipher = cipher;
        this.hub = hub;
        this.metrics = metrics;
        this.db = db;
        this.limits = limits;
        this.clock = clock;
        this.version = version;
        this.startedMs = clock.nowMs();
        this.limiter = new RateLimiter(2.0);
        this.routes = buildRoutes();
    }

    /** Every endpoint, in the order the reference lists them. */
    public List<Route> routes() {
        return routes;
    }

    private List<Route> buildRoutes() {
        List<Integer> agentCodes = List.of(200, 400, 404, 409, 503);
        return List.of(
                new Route(GET, "/health", "liveness and readiness: database, market data, policy, agents per state", false,
                        List.of(), null, Health.class, List.of(200, 503), this::health),
                new Route(GET, "/metrics", "Prometheus metrics (text exposition)", false, List.of(), null, String.class, List.of(200),
                        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())),
                new Route(GET, "/openapi.json", "this API as an OpenAPI 3.1 document", false, List.of(), null, Map.class, List.of(200),
                        ctx -> ctx.contentType("application/json").result(OpenApiDocument.json(this))),
                new Route(GET, "/me", "who the key belongs to", true, List.of(), null, Me.class, List.of(200), this::me),
                new Route(GET, "/me/keys", "the caller's API keys (prefixes only)", true, List.of(), null, KeyInfo.class, List.of(200), this::listKeys),
                new Route(POST, "/me/keys", "issue another key for the caller (shown once)", true, List.of(), KeyRequest.class, NewKey.class,
                        List.of(201, 400), this::createKey),
                new Route(DELETE, "/me/keys/{id}", "revoke one of the caller's keys", true, List.of(), null, null, List.of(204, 400, 404),
                        this::revokeKey),
                new Route(GET, "/me/credentials", "exchanges with stored credentials (hints only)", true, List.of(), null,
                        CredentialInfo.class, List.of(200), this::listCredentials),
                new Route(PUT, "/me/credentials/{exchange}", "store exchange credentials, AES-GCM encrypted at rest", true, List.of(),
                        CredentialRequest.class, null, List.of(204, 400, 503), this::putCredential),
                new Route(DELETE, "/me/credentials/{exchange}", "delete stored exchange credentials", true, List.of(), null, null,
                        List.of(204, 400, 404), this::deleteCredential),
                new Route(GET, "/agents", "the caller's agents with their status", true, List.of(), null, AgentStatus.class, List.of(200),
                        ctx -> ctx.json(agents.list(principal(ctx).userId()))),
                new Route(GET, "/brains", "the brains agents may name in their config, with their market and tradable assets", true,
                        List.of(), null, BrainInfo.class, List.of(200), ctx -> ctx.json(brainInfos())),
                new Route(POST, "/agents", "create an agent (STOPPED); absent settings take their defaults", true, List.of(),
                        AgentConfigPatch.class, AgentStatus.class, List.of(201, 400, 409), this::createAgent),
                new Route(POST, "/agent/start", "start the agent (continue its run, or a new run with reset)", true, agentQuery(),
                        StartRequest.class, AgentStatus.class, agentCodes, ctx -> {
                    StartRequest body = Bodies.read(ctx, StartRequest.class, false, limits.maxBodyBytes());
                    boolean reset = body != null && Boolean.TRUE.equals(body.reset());
                    ctx.json(agents.start(principal(ctx).userId(), agentId(ctx), reset));
                }),
                new Route(POST, "/agent/stop", "stop the agent (finishes its current tick)", true, agentQuery(), null, AgentStatus.class,
                        agentCodes, ctx -> ctx.json(agents.stop(principal(ctx).userId(), agentId(ctx)))),
                new Route(POST, "/agent/pause", "pause a running agent", true, agentQuery(), null, AgentStatus.class, agentCodes,
                        ctx -> ctx.json(agents.pause(principal(ctx).userId(), agentId(ctx)))),
                new Route(POST, "/agent/resume", "resume a paused agent", true, agentQuery(), null, AgentStatus.class, agentCodes,
                        ctx -> ctx.json(agents.resume(principal(ctx).userId(), agentId(ctx)))),
                new Route(GET, "/agent/status", "state, uptime, predictions, P&L total and today, win rate, trades, positions, model",
                        true, agentQuery(), null, AgentStatus.class, agentCodes, ctx -> ctx.json(agents.status(principal(ctx).userId(), agentId(ctx)))),
                new Route(PUT, "/agent/config", "change settings (refused while RUNNING; validated)", true, agentQuery(),
                        AgentConfigPatch.class, AgentStatus.class, agentCodes, this::configure),
                new Route(GET, "/agent/decisions", "decisions newest first with votes, gates, risk verdicts, orders and reasoning", true,
                        List.of("agent_id: the agent (optional when the caller has one)", "limit: 1-500, default 50",
                                "before: only decisions with seq below this (paging)"),
                        null, DecisionsPage.class, agentCodes, this::decisions),
                new Route(GET, "/agent/chart", "equity curve, prices and trade markers of the current run", true,
                        List.of("agent_id: the agent (optional when the caller has one)", "points: 2-5000, default 1000"),
                        null, ChartData.class, agentCodes, this::chart),
                new Route(POST, "/api/predict-multi", "funding-arbitrage policy: the action for opportunities, positions, portfolio, config",
                        true, List.of(), PredictMultiRequest.class, PredictMultiResponse.class, List.of(200, 400, 413, 415, 503), this::predict),
                new Route(GET, "/events", "server-sent events for the caller's agents: hello, status, stats, decision, error, overflow (send Accept: text/event-stream)",
                        true, List.of(), null, String.class, List.of(200, 406), sse(new SseHandler(client -> {
                    Principal p = client.ctx().attribute(PRINCIPAL);
                    Map<String, Object> hello = new LinkedHashMap<>();
                    hello.put("user", p.userName());
                    hello.put("agents", agents.list(p.userId()));
                    hub.subscribe(p.userId(), client, hello);
                }))));
    }

    /** Event streams need {@code Accept: text/event-stream} (browsers' EventSource and the dashboard send it). */
    private static Handler sse(SseHandler h) {
        return ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new ApiException(406, "not_acceptable", "Accept", "this endpoint streams server-sent events", "text/event-stream");
            }
            h.handle(ctx);
        };
    }

    private static List<String> agentQuery() {
        return List.of("agent_id: the agent (optional when the caller has exactly one)");
    }

    /** A configured, not yet started Javalin instance serving the API and the dashboard. */
    public Javalin create() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = limits.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/dashboard";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
            });
            cfg.staticFiles.enableWebjars();
            cfg.requestLogger.http((ctx, ms) -> {
                String route = routeOf(ctx);
                metrics.request(ctx.method().name(), route, ctx.statusCode(), ms);
                if (log.isDebugEnabled()) {
                    Principal p = ctx.attribute(PRINCIPAL);
                    log.debug("http method={} path={} status={} ms={} key={}", ctx.method(), ctx.path(), ctx.statusCode(),
                            String.format(Locale.ROOT, "%.2f", ms), p == null ? "-" : p.keyPrefix());
                }
            });
            for (Route r : routes) {
                Handler inner = r.auth() ? authenticated(r.handler()) : r.handler();
                Handler h = r.method() == GET ? inner : ctx -> {
                    Bodies.readUpFront(ctx, limits.maxBodyBytes());
                    inner.handle(ctx);
                };
                cfg.routes.addHttpHandler(r.method(), r.path(), h);
            }
            cfg.routes.exception(Exception.class, this::onException);
            cfg.routes.error(404, ctx -> {
                String ct = ctx.res().getContentType();
                if (ct == null || !ct.contains("json")) { // Javalin's own "not found" text, not one of our JSON 404s
                    ctx.json(new ApiError("not_found", 404, null, "no endpoint " + ctx.method() + " " + Params.abbreviate(ctx.path())
                            + " (see /openapi.json)", null));
                }
            });
            cfg.routes.error(405, ctx -> ctx.json(new ApiError("method_not_allowed", 405, null,
                    ctx.method() + " is not allowed on " + Params.abbreviate(ctx.path()), null)));
        });
    }

    /** The route template that served a request (for metric labels: never the raw path), or "unmatched". */
    private static String routeOf(Context ctx) {
        List<io.javalin.router.Endpoint> matched = ctx.endpoints().list();
        for (int i = matched.size() - 1; i >= 0; i--) {
            if (matched.get(i).method.isHttpMethod()) {
                return matched.get(i).path;
            }
        }
        return "unmatched";
    }

    private Handler authenticated(Handler h) {
        return ctx -> {
            String presented = presentedKey(ctx);
            if (presented == null) {
                throw new ApiException(401, "unauthorized", "Authorization", "an API key is required",
                        "Authorization: Bearer <key> or X-API-Key: <key>");
            }
            Principal p = auth.authenticate(presented).orElseThrow(() -> new ApiException(401, "unauthorized", "Authorization",
                    "the API key is not valid (unknown, revoked or malformed)", "a key issued by this server"));
            double wait = limiter.acquire(p.keyPrefix(), p.ratePerSecond(), System.nanoTime());
            if (wait > 0) {
                metrics.rateLimited();
                throw new ApiException(new ApiError("rate_limited", 429, null, String.format(Locale.ROOT,
                        "this key may make %.0f requests per second; retry in %.2f s", p.ratePerSecond(), wait),
                        p.ratePerSecond() + " requests per second"), wait);
            }
            ctx.attribute(PRINCIPAL, p);
            h.handle(ctx);
        };
    }

    private static String presentedKey(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        String x = ctx.header("X-API-Key");
        return x == null ? null : x.trim();
    }

    private static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    private long agentId(Context ctx) {
        Long id = Params.optLong(ctx, "agent_id", 1, Long.MAX_VALUE);
        return id != null ? id : agents.soleAgent(principal(ctx).userId());
    }

    // ---- handlers ----

    private void health(Context ctx) {
        boolean dbOk = db.isHealthy();
        MarketReplay m = agents.market();
        Map<String, Long> counts = new LinkedHashMap<>();
        agents.countByState().forEach((s, n) -> counts.put(s.name(), n));
        var h = new Health(dbOk ? "ok" : "degraded", dbOk ? "ok" : "unreachable", m == null ? "none" : m.describe(),
                predict.policy().map(p -> p.model().version()).orElse("none: " + predict.unavailableReason()), counts, version,
                (clock.nowMs() - startedMs) / 1000.0);
        ctx.status(dbOk ? 200 : 503).json(h);
    }

    private void me(Context ctx) {
        Principal p = principal(ctx);
        ctx.json(new Me(p.userId(), p.userName(), p.keyPrefix(), p.ratePerSecond(), cipher.isPresent()));
    }

    private void listKeys(Context ctx) {
        ctx.json(users.listKeys(principal(ctx).userId()).stream().map(k -> new KeyInfo(k.id(), k.prefix(), k.label(), k.ratePerSecond(),
                TimeFormat.iso(k.createdMs()), k.revokedMs() == null ? null : TimeFormat.iso(k.revokedMs()))).toList());
    }

    private void createKey(Context ctx) {
        Principal p = principal(ctx);
        KeyRequest req = Bodies.read(ctx, KeyRequest.class, false, limits.maxBodyBytes());
        String label = req == null || req.label() == null ? "api" : req.label();
        if (!LABEL.matcher(label).matches()) {
            throw ApiException.badParam("label", "value '" + Params.abbreviate(label) + "' is not allowed", "1-64 of letters, digits, space, _ . -");
        }
        double max = Math.min(p.ratePerSecond(), limits.maxKeyRatePerSecond());
        double rate = req == null || req.ratePerSecond() == null ? p.ratePerSecond() : req.ratePerSecond();
        if (!(rate > 0 && rate <= max)) {
            throw ApiException.badParam("rate_per_second", "value " + rate + " is outside the allowed range", "(0, " + max + "]");
        }
        var issued = auth.issue(p.userId(), label, rate);
        ctx.status(201).json(new NewKey(issued.key(), issued.prefix(), label, rate));
    }

    private void revokeKey(Context ctx) {
        long id = pathLong(ctx, "id");
        if (!auth.revoke(principal(ctx).userId(), id)) {
            throw new ApiException(404, "not_found", "id", "you have no active key " + id, null);
        }
        ctx.status(204);
    }

    private void listCredentials(Context ctx) {
        ctx.json(users.listCredentials(principal(ctx).userId()).stream()
                .map(c -> new CredentialInfo(c.exchange(), c.keyHint(), TimeFormat.iso(c.updatedMs()))).toList());
    }

    private void putCredential(Context ctx) {
        String exchange = exchange(ctx);
        CredentialRequest req = Bodies.read(ctx, CredentialRequest.class, true, limits.maxBodyBytes());
        String apiKey = secretField("api_key", req.apiKey(), 8, 256, true);
        String apiSecret = secretField("api_secret", req.apiSecret(), 8, 512, true);
        String passphrase = secretField("passphrase", req.passphrase(), 1, 256, false);
        CredentialCipher c = cipher.orElseThrow(() -> new ApiException(503, "credentials_disabled", null,
                "credential storage is off: start the server with " + CredentialCipher.ENV + " set (32 bytes, base64)", null));
        long userId = principal(ctx).userId();
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("api_key", apiKey);
        plain.put("api_secret", apiSecret);
        if (passphrase != null) plain.put("passphrase", passphrase);
        String text;
        try {
            text = Json.mapper().writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode credentials", e);
        }
        String ct = c.encrypt(text, credentialAad(userId, exchange));
        users.putCredential(new UserStore.StoredCredential(userId, exchange, "..." + apiKey.substring(apiKey.length() - 4), ct,
                c.version(), clock.nowMs()));
        log.info("exchange credentials stored user_id={} exchange={}", userId, exchange);
        ctx.status(204);
    }

    /** Binds a ciphertext to its row: a copy in another user's or exchange's row does not decrypt. */
    public static String credentialAad(long userId, String exchange) {
        return "tradeloop/credentials/v1/" + userId + "/" + exchange;
    }

    private void deleteCredential(Context ctx) {
        String exchange = exchange(ctx);
        if (!users.deleteCredential(principal(ctx).userId(), exchange)) {
            throw new ApiException(404, "not_found", "exchange", "you have no credentials for " + exchange, null);
        }
        ctx.status(204);
    }

    private void createAgent(Context ctx) {
        Principal p = principal(ctx);
        AgentConfigPatch patch = Bodies.read(ctx, AgentConfigPatch.class, false, limits.maxBodyBytes());
        String name = "agent-" + (agents.list(p.userId()).size() + 1);
        AgentConfig cfg = patch == null ? AgentConfig.defaults(name) : patch.applyTo(AgentConfig.defaults(name));
        ctx.status(201).json(agents.create(p.userId(), cfg));
    }

    private void configure(Context ctx) {
        long id = agentId(ctx);
        AgentConfigPatch patch = Bodies.read(ctx, AgentConfigPatch.class, true, limits.maxBodyBytes());
        if (patch.isEmpty()) {
            throw ApiException.badParam("body", "names no setting", "any of " + String.join(", ",
                    AgentConfig.PARAMS.stream().map(io.tradeloop.server.agent.ConfigParam::name).toList()) + ", name, brain");
        }
        ctx.json(agents.configure(principal(ctx).userId(), id, patch));
    }

    private void decisions(Context ctx) {
        long id = agentId(ctx);
        int limit = Params.intParam(ctx, "limit", 1, 500, 50);
        Long before = Params.optLong(ctx, "before", 0, Integer.MAX_VALUE);
        long userId = principal(ctx).userId();
        List<DecisionRecord> page = agents.decisions(userId, id, before == null ? null : before.intValue(), limit);
        Integer next = page.size() == limit ? page.get(page.size() - 1).seq() : null;
        ctx.json(new DecisionsPage(id, agents.status(userId, id).runNo(), page, next));
    }

    private List<BrainInfo> brainInfos() {
        return agents.brains().stream().map(b -> b instanceof io.tradeloop.server.brain.DirectionalStackBrain d
                ? new BrainInfo(d.id(), "bars", d.model().version(), d.model().summary(), d.assets())
                : new BrainInfo(b.id(), "funding", b.model().version(), b.model().summary(), agents.market() == null ? List.of()
                        : agents.market().instruments().stream().map(Instrument::base).distinct().toList())).toList();
    }

    private void chart(Context ctx) {
        long id = agentId(ctx);
        int points = Params.intParam(ctx, "points", 2, 5000, 1000);
        long userId = principal(ctx).userId();
        var chart = agents.chart(userId, id, points);
        // a directional agent's chart shows the instrument it trades, at the closes its decisions saw
        boolean directional = agents.isDirectional(userId, id);
        MarketReplay m = directional ? null : agents.market();
        String ownAsset = directional ? agents.status(userId, id).config().asset() : null;
        List<Long> times = new ArrayList<>();
        List<Double> equity = new ArrayList<>();
        Map<String, List<Double>> prices = new LinkedHashMap<>();
        Map<String, Integer> firstOfBase = new LinkedHashMap<>();
        if (m != null) {
            for (int i = 0; i < m.instruments().size(); i++) {
                Instrument inst = m.instruments().get(i);
                firstOfBase.putIfAbsent(inst.base(), i);
            }
            firstOfBase.keySet().forEach(b -> prices.put(b, new ArrayList<>()));
        }
        if (ownAsset != null) {
            prices.put(ownAsset, new ArrayList<>());
        }
        for (var pt : chart.points()) {
            times.add(pt.simTimeMs());
            equity.add(pt.equityUsd());
            if (ownAsset != null) {
                prices.get(ownAsset).add(pt.priceUsd());
            }
            if (m != null && pt.seq() < m.size()) {
                firstOfBase.forEach((b, idx) -> prices.get(b).add(m.price(idx, pt.seq())));
            }
        }
        List<TradeMarker> trades = new ArrayList<>();
        for (DecisionRecord d : chart.trades()) {
            for (ClosedTrade c : d.closed()) {
                trades.add(new TradeMarker(d.seq(), d.simTimeMs(), d.action(), c.label().split(" ")[0], c.label(),
                        c.reason().equals("brain") ? "EXIT" : c.reason().toUpperCase(Locale.ROOT), c.netPnlUsd()));
            }
            if (d.action().startsWith("ENTER") && d.orders().stream().anyMatch(o -> o.status().equals("FILLED") && !o.reduceOnly())) {
                trades.add(new TradeMarker(d.seq(), d.simTimeMs(), d.action(), d.target().split(" ")[0], d.target(), "ENTER", null));
            }
        }
        ctx.json(new ChartData(id, agents.status(userId, id).runNo(), times, equity, prices, trades));
    }

    private void predict(Context ctx) {
        PredictMultiRequest req = Bodies.read(ctx, PredictMultiRequest.class, true, limits.maxBodyBytes());
        long t0 = System.nanoTime();
        PredictMultiResponse res = predict.predict(req);
        metrics.predictTimer().record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        ctx.json(res);
    }

    // ---- helpers ----

    private static long pathLong(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            long x = Long.parseLong(v);
            if (x < 1) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw ApiException.badParam(name, "'" + Params.abbreviate(v) + "' is not a positive whole number", "[1, " + Long.MAX_VALUE + "]");
        }
    }

    private static String exchange(Context ctx) {
        String e = ctx.pathParam("exchange");
        if (!EXCHANGE.matcher(e).matches()) {
            throw ApiException.badParam("exchange", "'" + Params.abbreviate(e) + "' is not an exchange name", "1-32 of a-z 0-9 _ -");
        }
        return e;
    }

    /** Validates a credential field without ever echoing its value. */
    private static String secretField(String name, String v, int min, int max, boolean required) {
        if (v == null) {
            if (required) throw ApiException.badParam(name, "is required", min + "-" + max + " printable ASCII characters");
            return null;
        }
        if (v.length() < min || v.length() > max || !PRINTABLE.matcher(v).matches()) {
            throw ApiException.badParam(name, "has " + v.length() + " characters or characters outside printable ASCII (value not shown)",
                    min + "-" + max + " printable ASCII characters");
        }
        return v;
    }

    private void onException(Exception e, Context ctx) {
        if (responseGone(ctx)) {
            // An event stream whose client left: Jetty recycled the response before Javalin finished the request.
            log.debug("exception after the response was recycled (client gone) error={}", e.toString());
            return;
        }
        ApiError err;
        switch (e) {
            case ApiException a -> {
                err = a.error();
                if (a.retryAfterSeconds() != null) {
                    ctx.header("Retry-After", Long.toString((long) Math.ceil(a.retryAfterSeconds())));
                }
            }
            case AgentException a -> {
                int status = switch (a.kind()) {
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                    case UNAVAILABLE -> 503;
                    case INVALID -> 400;
                };
                err = new ApiError(a.kind().name().toLowerCase(Locale.ROOT), status, a.field(), a.getMessage(), null);
            }
            case InvalidField f -> err = new ApiError("invalid_field", 400, f.field(), f.detail(), f.allowed());
            case ConfigException c -> err = new ApiError("invalid_field", 400, c.parameter(), withoutPrefix(c.getMessage(), c.parameter()),
                    rangeOf(c.parameter()));
            case PredictService.NoPolicyLoaded n -> err = new ApiError("model_unavailable", 503, null, n.getMessage(), null);
            case HttpResponseException h -> err = new ApiError(h.getStatus() == 413 ? "payload_too_large" : "http_" + h.getStatus(),
                    h.getStatus(), null, h.getMessage(), null);
            default -> {
                String ref = UUID.randomUUID().toString();
                log.error("request failed reference={} request={} error={}", ref, describe(ctx), e.toString(), e);
                err = new ApiError("internal_error", 500, null, "internal error (reference " + ref + ")", null);
            }
        }
        ctx.status(err.status()).json(err);
    }

    private static boolean responseGone(Context ctx) {
        try {
            ctx.res().getStatus();
            return false;
        } catch (IllegalStateException | NullPointerException recycled) {
            return true;
        }
    }

    /** Method and path for a log line; a recycled request (an ended stream) has neither. */
    private static String describe(Context ctx) {
        try {
            return ctx.method() + " " + ctx.path();
        } catch (RuntimeException recycled) {
            return "(request already completed)";
        }
    }

    private static String withoutPrefix(String message, String field) {
        return message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
    }

    private static String rangeOf(String parameter) {
        if ("asset".equals(parameter)) {
            return "one of " + String.join(", ", AgentConfig.ASSETS);
        }
        return AgentConfig.PARAMS.stream().filter(p -> p.name().equals(parameter)).findFirst().map(io.tradeloop.server.agent.ConfigParam::range)
                .orElse(null);
    }
}
