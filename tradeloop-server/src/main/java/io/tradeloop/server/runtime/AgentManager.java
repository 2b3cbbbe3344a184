package io.tradeloop.server.runtime;

import io.tradeloop.core.time.Clock;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.server.agent.AgentBrain;
import io.tradeloop.server.agent.Brain;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentConfigPatch;
import io.tradeloop.server.agent.AgentException;
import io.tradeloop.server.agent.AgentException.Kind;
import io.tradeloop.server.agent.AgentState;
import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.agent.AgentStatus;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.brain.DirectionalStackBrain;
import io.tradeloop.server.market.MarketReplay;
import io.tradeloop.server.market.Replay;
import io.tradeloop.server.paper.DirectionalPaperTrader;
import io.tradeloop.server.paper.PaperTrader;
import io.tradeloop.server.paper.Trader;
import io.tradeloop.server.store.AgentStore;
import io.tradeloop.server.store.TickStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's agents: creates them, carries out start/stop/pause/resume/config for their owner only,
 * brings active agents back after a restart (rebuilt from the journal, in the state they were in) and
 * ends all loops on shutdown without changing their persisted state.
 */
public final class AgentManager {
    private static final Logger log = LoggerFactory.getLogger(AgentManager.class);
    /** Most agents one user may have. */
    public static final int MAX_AGENTS_PER_USER = 20;

    private final AgentStore agents;
    private final TickStore ticks;
    private final BrainRegistry brains;
    private final MarketReplay market;
    private final String marketUnavailable;
    private final AgentEvents events;
    private final Clock clock;
    private final ConcurrentHashMap<Long, AgentRuntime> runtimes = new ConcurrentHashMap<>();

    /**
     * @param market            the replay agents trade on, or null when none could be loaded
     * @param marketUnavailable why there is no replay (shown when an agent is started), or null
     */
    public AgentManager(AgentStore agents, TickStore ticks, BrainRegistry brains, MarketReplay market, String marketUnavailable,
                        AgentEvents events, Clock clock) {
        this.agents = agents;
        this.ticks = ticks;
        this.brains = brains;
        this.market = market;
        this.marketUnavailable = marketUnavailable;
        this.events = events;
        this.clock = clock;
    }

    /** Loads every agent; those that were RUNNING or PAUSED resume in that state. Returns how many loops it restarted. */
    public int recover() {
        int restarted = 0;
        for (var row : agents.listAll()) {
            AgentStats stats = row.runNo() == 0 ? null : ticks.stats(row.id(), row.runNo()).orElse(null);
            var positions = row.runNo() == 0 ? List.<io.tradeloop.server.agent.PositionRecord>of() : ticks.positions(row.id(), row.runNo());
            Brain brain = brains.get(row.config().brain()).orElse(null);
            var rt = new AgentRuntime(row.id(), row.userId(), row.config(), row.state(), row.stateReason(), row.runNo(), stats, positions,
                    brain, agents, ticks, events, clock);
            rt.attach(replayOrNull(row.config(), brain), brain);
            runtimes.put(row.id(), rt);
            if (row.state().isActive()) {
                try {
                    Trader trader = restore(row.id(), row.config(), row.runNo(), brain);
                    agents.recordRecovery(row.id());
                    rt.launch(trader, brain, replay(row.config(), brain), row.state(), row.stateReason());
                    restarted++;
                    log.info("agent recovered agent_id={} user_id={} state={} next_tick={}", row.id(), row.userId(), row.state(),
                            trader.stats().nextTick());
                } catch (RuntimeException e) {
                    log.error("agent cannot be recovered agent_id={} error={}", row.id(), e.toString(), e);
                    rt.transition(AgentState.ERROR, "recovery after restart failed: " + e.getMessage());
                }
            }
        }
        return restarted;
    }

    /** Creates an agent (STOPPED) for {@code userId}. */
    public AgentStatus create(long userId, AgentConfig config) {
        Brain brain = requireBrain(config.brain());
        if (brain instanceof DirectionalStackBrain d) {
            d.replay(config.asset()); // an asset the bundle cannot trade is named (400) now, not at start
        }
        if (agents.listForUser(userId).size() >= MAX_AGENTS_PER_USER) {
            throw new AgentException(Kind.CONFLICT, null, "a user may have at most " + MAX_AGENTS_PER_USER + " agents");
        }
        long id = agents.insert(userId, config, clock.nowMs());
        var rt = new AgentRuntime(id, userId, config, AgentState.STOPPED, null, 0, null, List.of(),
                brain, agents, ticks, events, clock);
        rt.attach(replayOrNull(config, brain), null);
        runtimes.put(id, rt);
        log.info("agent created agent_id={} user_id={} brain={}", id, userId, config.brain());
        return rt.status();
    }

    /** The user's agents, oldest first. */
    public List<AgentStatus> list(long userId) {
        List<AgentStatus> out = new ArrayList<>();
        runtimes.values().stream().filter(r -> r.userId == userId).sorted(Comparator.comparingLong(r -> r.id))
                .forEach(r -> out.add(r.status()));
        return out;
    }

    /** The id of the user's only agent, for requests that name none. */
    public long soleAgent(long userId) {
        var mine = runtimes.values().stream().filter(r -> r.userId == userId).toList();
        if (mine.size() == 1) {
            return mine.get(0).id;
        }
        throw new AgentException(mine.isEmpty() ? Kind.NOT_FOUND : Kind.INVALID, "agent_id", mine.isEmpty()
                ? "you have no agent yet: POST /agents to create one"
                : "you have " + mine.size() + " agents: name one with agent_id (one of " + mine.stream().map(r -> r.id).sorted().toList() + ")");
    }

    public AgentStatus status(long userId, long agentId) {
        return runtime(userId, agentId).status();
    }

    /**
     * Starts the agent: continues its current run, or begins a new run when {@code reset} is true or it
     * never ran. A run whose replay finished can only be reset.
     */
    public AgentStatus start(long userId, long agentId, boolean reset) {
        AgentRuntime rt = runtime(userId, agentId);
        synchronized (rt) {
            if (rt.state().isActive()) {
                throw new AgentException(Kind.CONFLICT, null, "agent " + agentId + " is already " + rt.state());
            }
            AgentConfig cfg = rt.config();
            Brain brain = requireBrain(cfg.brain());
            Replay replay = replay(cfg, brain);
            int run = rt.runNo();
            Trader trader;
            AgentStats fresh = null;
            if (reset || run == 0 || !sameMarket(agentId, run, cfg, brain)) {
                run++;
                trader = startRun(agentId, run, cfg, brain);
                fresh = trader.stats();
            } else {
                var stats = ticks.stats(agentId, run).orElseThrow(() -> new IllegalStateException(
                        "agent " + agentId + " has no totals for run " + rt.runNo()));
                if (stats.finished()) {
                    throw new AgentException(Kind.CONFLICT, "reset", "the replay of run " + stats.runNo() + " finished at "
                            + TimeFormat.iso(stats.simTimeMs()) + "; start with {\"reset\": true} to begin a new run");
                }
                trader = restore(agentId, cfg, run, brain);
            }
            agents.startSession(agentId, run, fresh, clock.nowMs());
            rt.launch(trader, brain, replay, AgentState.RUNNING, null);
            log.info("agent started agent_id={} user_id={} run_no={} reset={} next_tick={}", agentId, userId, run, reset,
                    trader.stats().nextTick());
            return rt.status();
        }
    }

    public AgentStatus stop(long userId, long agentId) {
        AgentRuntime rt = runtime(userId, agentId);
        synchronized (rt) {
            if (!rt.state().isActive()) {
                throw new AgentException(Kind.CONFLICT, null, "agent " + agentId + " is " + rt.state() + ", not running or paused");
            }
            rt.transition(AgentState.STOPPED, "stopped by the user", EnumSet.of(AgentState.RUNNING, AgentState.PAUSED));
            return rt.status();
        }
    }

    public AgentStatus pause(long userId, long agentId) {
        AgentRuntime rt = runtime(userId, agentId);
        synchronized (rt) {
            if (rt.state() != AgentState.RUNNING) {
                throw new AgentException(Kind.CONFLICT, null, "agent " + agentId + " is " + rt.state() + "; only a RUNNING agent can be paused");
            }
            rt.transition(AgentState.PAUSED, "paused by the user", EnumSet.of(AgentState.RUNNING));
            return rt.status();
        }
    }

    public AgentStatus resume(long userId, long agentId) {
        AgentRuntime rt = runtime(userId, agentId);
        synchronized (rt) {
            if (rt.state() != AgentState.PAUSED) {
                throw new AgentException(Kind.CONFLICT, null, "agent " + agentId + " is " + rt.state() + "; only a PAUSED agent can be resumed");
            }
            rt.transition(AgentState.RUNNING, null, EnumSet.of(AgentState.PAUSED));
            return rt.status();
        }
    }

    /** Changes settings; refused while RUNNING (pause or stop first). A paused agent uses them from its next tick. */
    public AgentStatus configure(long userId, long agentId, AgentConfigPatch patch) {
        AgentRuntime rt = runtime(userId, agentId);
        synchronized (rt) {
            AgentConfig next = patch.applyTo(rt.config()); // invalid values are named (400) before the state is judged
            Brain brain = requireBrain(next.brain());
            if (brain instanceof DirectionalStackBrain d) {
                d.replay(next.asset());
            }
            if (rt.state() == AgentState.RUNNING) {
                throw new AgentException(Kind.CONFLICT, null, "agent " + agentId + " is RUNNING: pause or stop it before changing its config");
            }
            if (rt.state() == AgentState.PAUSED && !next.brain().equals(rt.config().brain())) {
                throw new AgentException(Kind.CONFLICT, "brain", "the brain of a paused agent cannot change; stop it first");
            }
            if (rt.state() == AgentState.PAUSED && !next.asset().equals(rt.config().asset())) {
                throw new AgentException(Kind.CONFLICT, "asset", "the asset of a paused agent cannot change; stop it first");
            }
            agents.updateConfig(agentId, next, clock.nowMs());
            rt.setConfig(next, brain);
            rt.attach(replayOrNull(next, brain), brain);
            log.info("agent configured agent_id={} user_id={} config={}", agentId, userId, next);
            return rt.status();
        }
    }

    /** Decisions newest first (paged by {@code beforeSeq}) of the agent's current run. */
    public List<DecisionRecord> decisions(long userId, long agentId, Integer beforeSeq, int limit) {
        AgentRuntime rt = runtime(userId, agentId);
        return rt.runNo() == 0 ? List.of() : ticks.decisions(agentId, rt.runNo(), beforeSeq, limit);
    }

    /** The equity curve and trade markers of the agent's current run. */
    public Chart chart(long userId, long agentId, int maxPoints) {
        AgentRuntime rt = runtime(userId, agentId);
        if (rt.runNo() == 0) {
            return new Chart(List.of(), List.of());
        }
        return new Chart(ticks.equityCurve(agentId, rt.runNo(), maxPoints), ticks.tradeDecisions(agentId, rt.runNo(), 200));
    }

    /** Chart data: equity and reference price per tick, and the decisions that traded. */
    public record Chart(List<TickStore.EquityPoint> points, List<DecisionRecord> trades) {
    }

    /** The replay agents trade on (null when none is loaded). */
    public MarketReplay market() {
        return market;
    }

    /** Counts of agents per state (for metrics). */
    public java.util.Map<AgentState, Long> countByState() {
        var m = new java.util.EnumMap<AgentState, Long>(AgentState.class);
        for (AgentState s : AgentState.values()) m.put(s, 0L);
        runtimes.values().forEach(r -> m.merge(r.state(), 1L, Long::sum));
        return m;
    }

    /** Ends every loop (finishing its current tick) without changing persisted states, so they resume on the next start. */
    public void shutdown(Duration wait) {
        List<Thread> threads = new ArrayList<>();
        for (AgentRuntime rt : runtimes.values()) {
            Thread t = rt.requestShutdown();
            if (t != null) threads.add(t);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : threads) {
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (!t.join(Duration.ofMillis(left))) {
                    log.warn("agent loop did not end in time thread={}", t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private AgentRuntime runtime(long userId, long agentId) {
        AgentRuntime rt = runtimes.get(agentId);
        if (rt == null || rt.userId != userId) {
            throw new AgentException(Kind.NOT_FOUND, "agent_id", "you have no agent " + agentId);
        }
        return rt;
    }

    /** The directional-stack brain when one is registered (for the chart and the brain list). */
    public java.util.Optional<DirectionalStackBrain> directional() {
        return brains.get(DirectionalStackBrain.ID).filter(DirectionalStackBrain.class::isInstance).map(DirectionalStackBrain.class::cast);
    }

    /** The registered brains, sorted by id. */
    public List<Brain> brains() {
        return brains.ids().stream().map(id -> brains.get(id).orElseThrow()).toList();
    }

    /** True when the agent trades bars through the directional stack (its chart shows its own instrument). */
    public boolean isDirectional(long userId, long agentId) {
        return DirectionalStackBrain.ID.equals(runtime(userId, agentId).config().brain());
    }

    /** The market an agent with {@code cfg} and {@code brain} trades: its asset's bars for the directional stack, else the funding replay. */
    private Replay replay(AgentConfig cfg, Brain brain) {
        if (brain instanceof DirectionalStackBrain d) {
            return d.replay(cfg.asset());
        }
        if (market == null) {
            throw new AgentException(Kind.UNAVAILABLE, null, "no market data is loaded: " + marketUnavailable);
        }
        return market;
    }

    /** Where a config trades: the funding replay, or one asset's bars. */
    private static String marketKey(AgentConfig cfg, Brain brain) {
        return brain instanceof DirectionalStackBrain ? "bars:" + cfg.asset() : "funding";
    }

    /**
     * True when run {@code run} was traded on the market {@code cfg} trades now (read from its latest decision, so
     * it holds across restarts); a brain or asset changed to another market makes the next start begin a new run.
     */
    private boolean sameMarket(long agentId, int run, AgentConfig cfg, Brain brain) {
        var last = ticks.decisions(agentId, run, null, 1);
        if (last.isEmpty()) {
            return true;
        }
        var d = last.get(0);
        String was = DirectionalStackBrain.ID.equals(d.brain()) ? "bars:" + d.target().split(" ")[0] : "funding";
        boolean same = was.equals(marketKey(cfg, brain));
        if (!same) {
            log.info("agent market changed agent_id={} run_no={} from={} to={}; starting a new run", agentId, run, was, marketKey(cfg, brain));
        }
        return same;
    }

    private Replay replayOrNull(AgentConfig cfg, Brain brain) {
        try {
            return brain == null ? market : replay(cfg, brain);
        } catch (AgentException e) {
            return null;
        }
    }

    private Trader startRun(long agentId, int run, AgentConfig cfg, Brain brain) {
        return switch (brain) {
            case DirectionalStackBrain d -> DirectionalPaperTrader.startRun(agentId, run, cfg, d.replay(cfg.asset()), d);
            case AgentBrain f -> PaperTrader.startRun(agentId, run, cfg, (MarketReplay) replay(cfg, f), f);
            default -> throw new IllegalStateException("brain " + brain.id() + " is of no kind this server can trade: " + brain.getClass());
        };
    }

    private Brain requireBrain(String id) {
        return brains.get(id).orElseThrow(() -> new AgentException(Kind.INVALID, "brain",
                "brain '" + id + "' is not available (available: " + String.join(", ", brains.ids()) + ")"));
    }

    private Trader restore(long agentId, AgentConfig cfg, int run, Brain brain) {
        if (brain == null) {
            throw new AgentException(Kind.UNAVAILABLE, "brain", "brain '" + cfg.brain() + "' is not available");
        }
        Replay replay = replay(cfg, brain);
        var stats = ticks.stats(agentId, run).orElseThrow(() -> new IllegalStateException("agent " + agentId + " has no totals for run " + run));
        return switch (brain) {
            case DirectionalStackBrain d -> DirectionalPaperTrader.restore(agentId, cfg, (io.tradeloop.server.market.BarReplay) replay, d, stats,
                    ticks.ledger(agentId, run), ticks.positions(agentId, run));
            case AgentBrain f -> PaperTrader.restore(agentId, cfg, (MarketReplay) replay, f, stats, ticks.ledger(agentId, run),
                    ticks.positions(agentId, run));
            default -> throw new IllegalStateException("brain " + brain.id() + " is of no kind this server can trade: " + brain.getClass());
        };
    }
}
