package io.tradeloop.server.runtime;

import io.tradeloop.core.time.Clock;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.server.agent.Brain;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentState;
import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.agent.AgentStatus;
import io.tradeloop.server.agent.PositionRecord;
import io.tradeloop.server.market.Replay;
import io.tradeloop.server.paper.Trader;
import io.tradeloop.server.paper.TickRecord;
import io.tradeloop.server.store.AgentStore;
import io.tradeloop.server.store.TickStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One agent: its state machine and, while RUNNING or PAUSED, its loop on a virtual thread (market tick →
 * brain → risk → paper venue (funding or directional, through {@link Trader}) → one committed transaction → events). A failing tick puts the agent in
 * ERROR with the reason and ends its loop; nothing escapes to the server. Commands come from request
 * threads and change the state under a lock; the loop notices at its next check and never holds the
 * lock while it trades.
 */
final class AgentRuntime {
    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    /** Decision events are published at most this often per agent, except ticks that trade (always published). */
    static final long EVENT_INTERVAL_NANOS = 50_000_000L;

    final long id;
    final long userId;
    private final AgentStore agents;
    private final TickStore ticks;
    private final AgentEvents events;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // guarded by lock
    private AgentConfig config;
    private AgentState state;
    private String reason;
    private int runNo;
    private Trader trader;
    private Brain brain;
    private Replay market;
    private Thread thread;
    private boolean shutdown;
    private boolean inTick; // the loop is between deciding to tick and publishing the committed result
    private long runningAccumMs;
    private long runningSinceMs = -1;
    private AgentStats stats;
    private List<PositionRecord> positions = List.of();

    private volatile AgentStatus snapshot;
    private long lastEventNanos;

    AgentRuntime(long id, long userId, AgentConfig config, AgentState state, String reason, int runNo, AgentStats stats,
                 List<PositionRecord> positions, Brain brain, AgentStore agents, TickStore ticks, AgentEvents events, Clock clock) {
        this.id = id;
        this.userId = userId;
        this.config = config;
        this.state = state;
        this.reason = reason;
        this.runNo = runNo;
        this.stats = stats;
        this.positions = positions;
        this.brain = brain;
        this.agents = agents;
        this.ticks = ticks;
        this.events = events;
        this.clock = clock;
        this.runningAccumMs = stats == null ? 0 : stats.runningMs();
        refreshSnapshot();
    }

    AgentStatus status() {
        if (state == AgentState.RUNNING) {
            lock.lock();
            try {
                refreshSnapshot(); // uptime moves while running
            } finally {
                lock.unlock();
            }
        }
        return snapshot;
    }

    AgentConfig config() {
        return config;
    }

    AgentState state() {
        return state;
    }

    int runNo() {
        return runNo;
    }

    /** Starts (or restarts after a recovery) the loop in {@code initial} state with a prepared trader. Caller holds no lock. */
    void launch(Trader prepared, Brain b, Replay m, AgentState initial, String why) {
        lock.lock();
        try {
            awaitOldLoop();
            this.trader = prepared;
            this.brain = b;
            this.market = m;
            this.runNo = prepared.stats().runNo();
            this.stats = prepared.stats();
            this.positions = prepared.positions();
            this.runningAccumMs = stats.runningMs();
            this.state = initial;
            this.reason = why;
            this.shutdown = false;
            this.runningSinceMs = initial == AgentState.RUNNING ? clock.nowMs() : -1;
            refreshSnapshot();
            thread = Thread.ofVirtual().name("agent-" + id).start(this::loop);
        } finally {
            lock.unlock();
        }
        events.status(userId, snapshot);
    }

    private void awaitOldLoop() {
        Thread old = thread;
        if (old != null && old.isAlive()) {
            lock.unlock();
            try {
                if (!old.join(java.time.Duration.ofSeconds(10))) {
                    throw new io.tradeloop.server.agent.AgentException(io.tradeloop.server.agent.AgentException.Kind.CONFLICT, null,
                            "agent " + id + " is still finishing its previous tick; try again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for agent " + id + " to stop", e);
            } finally {
                lock.lock();
            }
        }
    }

    /**
     * Moves between RUNNING, PAUSED and STOPPED as a user command asks; persisted before it returns. Leaving
     * RUNNING waits for a tick in flight to commit, so the answer's totals are final.
     */
    void transition(AgentState to, String why) {
        transition(to, why, java.util.EnumSet.allOf(AgentState.class));
    }

    /**
     * As {@link #transition(AgentState, String)}, refused (409) when, once the tick in flight has committed,
     * the agent is no longer in one of {@code from} (e.g. its replay finished while a pause waited).
     */
    void transition(AgentState to, String why, java.util.Set<AgentState> from) {
        lock.lock();
        try {
            long waitUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (inTick && to != AgentState.RUNNING && Thread.currentThread() != thread) {
                long left = waitUntil - System.nanoTime();
                if (left <= 0) {
                    log.warn("agent tick still in flight after 10 s agent_id={}", id);
                    break;
                }
                changed.awaitNanos(left);
            }
            if (!from.contains(state)) {
                throw new io.tradeloop.server.agent.AgentException(io.tradeloop.server.agent.AgentException.Kind.CONFLICT, null,
                        "agent " + id + " is " + state + (reason == null ? "" : " (" + reason + ")") + "; cannot move it to " + to);
            }
            long now = clock.nowMs();
            if (state == AgentState.RUNNING && to != AgentState.RUNNING) {
                runningAccumMs += now - runningSinceMs;
                runningSinceMs = -1;
                if (stats != null) {
                    ticks.saveRunningMs(id, runNo, runningAccumMs, now);
                }
            } else if (state != AgentState.RUNNING && to == AgentState.RUNNING) {
                runningSinceMs = now;
            }
            agents.updateState(id, to, why, now);
            state = to;
            reason = why;
            refreshSnapshot();
            changed.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while agent " + id + " finished its tick", e);
        } finally {
            lock.unlock();
        }
        log.info("agent state agent_id={} user_id={} state={} reason={}", id, userId, to, why);
        events.status(userId, snapshot);
    }

    void setConfig(AgentConfig newConfig, Brain newBrain) {
        lock.lock();
        try {
            this.config = newConfig;
            if (trader == null || state == AgentState.STOPPED || state == AgentState.ERROR) {
                this.brain = newBrain;
            }
            refreshSnapshot();
        } finally {
            lock.unlock();
        }
        events.status(userId, snapshot);
    }

    /** Ends the loop without changing the persisted state (server shutdown: the agent resumes on the next start). */
    Thread requestShutdown() {
        lock.lock();
        try {
            shutdown = true;
            if (state == AgentState.RUNNING && runningSinceMs >= 0 && stats != null) {
                ticks.saveRunningMs(id, runNo, runningAccumMs + clock.nowMs() - runningSinceMs, clock.nowMs());
            }
            changed.signalAll();
            return thread;
        } finally {
            lock.unlock();
        }
    }

    boolean loopAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    private void loop() {
        long nextDue = System.nanoTime();
        try {
            while (true) {
                AgentConfig cfg;
                long running;
                lock.lock();
                try {
                    while (state == AgentState.PAUSED && !shutdown) {
                        changed.await();
                    }
                    if (shutdown || state != AgentState.RUNNING) {
                        return;
                    }
                    long wait = nextDue - System.nanoTime();
                    if (wait > 0) {
                        changed.awaitNanos(wait);
                        continue; // re-check the state after waking
                    }
                    cfg = config;
                    running = runningAccumMs + (clock.nowMs() - runningSinceMs);
                    inTick = true;
                } finally {
                    lock.unlock();
                }
                if (cfg != trader.config()) {
                    trader.reconfigure(cfg);
                }
                long now = clock.nowMs();
                TickRecord r = trader.step(now, running);
                ticks.commitTick(id, r, now);
                boolean finished = r.stats().finished();
                lock.lock();
                try {
                    stats = r.stats();
                    positions = r.positions();
                    inTick = false;
                    refreshSnapshot();
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                long t = System.nanoTime();
                boolean traded = !r.decision().orders().isEmpty() || !r.decision().closed().isEmpty();
                if (traded || finished || t - lastEventNanos >= EVENT_INTERVAL_NANOS) {
                    lastEventNanos = t;
                    events.decision(userId, snapshot, r.decision());
                }
                if (finished) {
                    try {
                        transition(AgentState.STOPPED, "replay finished at " + TimeFormat.iso(r.stats().simTimeMs()),
                                java.util.EnumSet.of(AgentState.RUNNING, AgentState.PAUSED));
                    } catch (io.tradeloop.server.agent.AgentException stoppedMeanwhile) {
                        log.debug("replay finished after the agent was stopped agent_id={}", id); // the user's stop stands
                    }
                    return;
                }
                int k = r.decision().seq();
                long gapMs = market.timeMs(k + 1) - market.timeMs(k);
                long gapNanos = (long) (cfg.wallGapMs(gapMs) * 1e6);
                nextDue = Math.max(nextDue + gapNanos, System.nanoTime() - TimeUnit.SECONDS.toNanos(1)); // no burst after a stall
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        String why = e.getClass().getSimpleName() + ": " + (e.getMessage() == null ? "(no message)" : e.getMessage());
        if (why.length() > 1000) {
            why = why.substring(0, 997) + "...";
        }
        log.error("agent loop failed agent_id={} user_id={} run_no={} error={}", id, userId, runNo, why, e);
        try { // persisted first, so whoever sees ERROR in memory also finds it in the database
            agents.updateState(id, AgentState.ERROR, why, clock.nowMs());
        } catch (RuntimeException dbError) {
            log.error("cannot record the agent's error agent_id={} error={}", id, dbError.toString());
        }
        lock.lock();
        try {
            inTick = false;
            changed.signalAll();
            state = AgentState.ERROR;
            reason = why;
            if (runningSinceMs >= 0) {
                runningAccumMs += clock.nowMs() - runningSinceMs;
                runningSinceMs = -1;
            }
            trader = null; // its memory may be ahead of the database; a new start rebuilds from the journal
            refreshSnapshot();
        } finally {
            lock.unlock();
        }
        events.error(userId, id, why);
        events.status(userId, snapshot);
    }

    /** Rebuilds the status snapshot; caller holds the lock (or is the constructor). */
    private void refreshSnapshot() {
        AgentStats s = stats;
        var model = brain == null ? null : brain.model();
        long now = clock.nowMs();
        long runningMs = runningAccumMs + (state == AgentState.RUNNING && runningSinceMs >= 0 ? now - runningSinceMs : 0);
        int ticksTotal = market == null ? 0 : market.size();
        int openPositions = (int) positions.stream().mapToInt(PositionRecord::slot).distinct().count(); // a funding position is two legs in one slot
        snapshot = new AgentStatus(id, config.name(), state, reason, config.brain(), model == null ? null : model.version(),
                model == null || model.trainedMs() == null ? null : TimeFormat.iso(model.trainedMs()),
                model == null || model.trainedMs() == null ? null : (now - model.trainedMs()) / 1000, runNo, runningMs / 1000.0,
                s == null || s.predictions() == 0 ? null : TimeFormat.iso(s.simTimeMs()),
                s == null || ticksTotal == 0 ? 0 : Math.min(1, (double) s.nextTick() / ticksTotal),
                s == null ? 0 : s.predictions(), s == null ? config.initialCapitalUsd() : s.equityUsd(),
                s == null ? config.initialCapitalUsd() : s.equityUsd() - positions.stream().mapToDouble(p -> p.marginUsd() + p.unrealisedUsd()).sum(),
                s == null ? config.initialCapitalUsd() : s.initialCapitalUsd(), s == null ? 0 : s.pnlTotalUsd(),
                s == null ? 0 : s.pnlTodayUsd(), s == null || s.trades() == 0 ? null : s.winRate(), s == null ? 0 : s.trades(),
                s == null ? 0 : s.wins(), s == null ? 0 : s.maxDrawdownPct(), openPositions, positions, config,
                s != null && s.finished());
    }

    /** Attaches the replay and brain used for status of an agent that is not running (progress, model info). */
    void attach(Replay m, Brain b) {
        lock.lock();
        try {
            this.market = m;
            if (b != null) {
                this.brain = b;
            }
            refreshSnapshot();
        } finally {
            lock.unlock();
        }
    }
}
