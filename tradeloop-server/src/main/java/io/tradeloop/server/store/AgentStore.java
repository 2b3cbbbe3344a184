package io.tradeloop.server.store;

import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentState;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Agents (configuration, lifecycle state, current run) and their sessions. Every query that serves a
 * caller filters by the caller's user id, so isolation holds at the query, not only in the handlers.
 */
public final class AgentStore {
    /** An agent as stored. */
    public record AgentRow(long id, long userId, AgentConfig config, AgentState state, String stateReason, int runNo,
                           int configVersion, long createdMs, long updatedMs) {
    }

    /** One start..stop of an agent. */
    public record SessionRow(long id, long agentId, int runNo, long startedMs, Long stoppedMs, String endState, String error,
                             int recoveries) {
    }

    private static final String SELECT = """
            SELECT id, user_id, name, brain, initial_capital_usd, max_leverage, target_utilization, max_positions,
                   stop_loss_threshold, liquidation_buffer, entry_apr_pct, exit_apr_pct, slippage_bps, speed,
                   state, state_reason, run_no, config_version, created_ms, updated_ms, asset
            FROM agent_configs""";

    private final Jdbi jdbi;

    public AgentStore(Database db) {
        this.jdbi = db.jdbi();
    }

    /** Stores a new agent in state STOPPED with no run yet; returns its id. */
    public long insert(long userId, AgentConfig c, long nowMs) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO agent_configs (user_id, name, brain, initial_capital_usd, max_leverage, target_utilization,
                            max_positions, stop_loss_threshold, liquidation_buffer, entry_apr_pct, exit_apr_pct, slippage_bps, speed,
                            state, state_reason, run_no, config_version, created_ms, updated_ms, asset)
                        VALUES (:u, :name, :brain, :cap, :lev, :util, :pos, :sl, :buf, :entry, :exit, :slip, :speed,
                            'STOPPED', NULL, 0, 1, :t, :t, :asset)""").bind("asset", c.asset())
                .bind("u", userId).bind("name", c.name()).bind("brain", c.brain()).bind("cap", c.initialCapitalUsd())
                .bind("lev", c.maxLeverage()).bind("util", c.targetUtilization()).bind("pos", c.maxPositions())
                .bind("sl", c.stopLossThreshold()).bind("buf", c.liquidationBuffer()).bind("entry", c.entryAprPct())
                .bind("exit", c.exitAprPct()).bind("slip", c.slippageBps()).bind("speed", c.speed()).bind("t", nowMs)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** The agent when it belongs to {@code userId}. */
    public Optional<AgentRow> find(long userId, long agentId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id AND user_id = :u").bind("id", agentId).bind("u", userId)
                .map(AgentStore::row).findOne());
    }

    public List<AgentRow> listForUser(long userId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE user_id = :u ORDER BY id").bind("u", userId).map(AgentStore::row).list());
    }

    /** Every agent of every user (the restart path). */
    public List<AgentRow> listAll() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY id").map(AgentStore::row).list());
    }

    public void updateConfig(long agentId, AgentConfig c, long nowMs) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE agent_configs SET name = :name, brain = :brain, initial_capital_usd = :cap, max_leverage = :lev,
                            target_utilization = :util, max_positions = :pos, stop_loss_threshold = :sl, liquidation_buffer = :buf,
                            entry_apr_pct = :entry, exit_apr_pct = :exit, slippage_bps = :slip, speed = :speed,
                            asset = :asset, config_version = config_version + 1, updated_ms = :t
                        WHERE id = :id""")
                .bind("name", c.name()).bind("brain", c.brain()).bind("cap", c.initialCapitalUsd())
                .bind("lev", c.maxLeverage()).bind("util", c.targetUtilization()).bind("pos", c.maxPositions())
                .bind("sl", c.stopLossThreshold()).bind("buf", c.liquidationBuffer()).bind("entry", c.entryAprPct())
                .bind("exit", c.exitAprPct()).bind("slip", c.slippageBps()).bind("speed", c.speed()).bind("t", nowMs)
                .bind("asset", c.asset()).bind("id", agentId).execute());
    }

    /** Sets the lifecycle state (and closes the open session when the state is STOPPED or ERROR). */
    public void updateState(long agentId, AgentState state, String reason, long nowMs) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE agent_configs SET state = :s, state_reason = :r, updated_ms = :t WHERE id = :id")
                    .bind("s", state.name()).bind("r", reason).bind("t", nowMs).bind("id", agentId).execute();
            if (!state.isActive()) {
                h.createUpdate("""
                                UPDATE agent_sessions SET stopped_ms = :t, end_state = :s, error = :r
                                WHERE agent_id = :id AND stopped_ms IS NULL""")
                        .bind("t", nowMs).bind("s", state.name()).bind("r", reason).bind("id", agentId).execute();
            }
        });
    }

    /**
     * Starts a session of run {@code runNo} in state RUNNING; {@code freshRun} (the totals of a new run)
     * is inserted in the same transaction, or null to continue the agent's current run.
     */
    public void startSession(long agentId, int runNo, io.tradeloop.server.agent.AgentStats freshRun, long nowMs) {
        jdbi.useTransaction(h -> {
            if (freshRun != null) {
                TickStore.insertStats(h, agentId, freshRun, nowMs);
            }
            h.createUpdate("""
                            UPDATE agent_sessions SET stopped_ms = :t, end_state = 'STOPPED', error = 'superseded by a new session'
                            WHERE agent_id = :id AND stopped_ms IS NULL""").bind("t", nowMs).bind("id", agentId).execute();
            h.createUpdate("INSERT INTO agent_sessions (agent_id, run_no, started_ms, recoveries) VALUES (:id, :r, :t, 0)")
                    .bind("id", agentId).bind("r", runNo).bind("t", nowMs).execute();
            h.createUpdate("UPDATE agent_configs SET state = 'RUNNING', state_reason = NULL, run_no = :r, updated_ms = :t WHERE id = :id")
                    .bind("r", runNo).bind("t", nowMs).bind("id", agentId).execute();
        });
    }

    /** Counts a server restart inside the agent's open session. */
    public void recordRecovery(long agentId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE agent_sessions SET recoveries = recoveries + 1 WHERE agent_id = :id AND stopped_ms IS NULL")
                .bind("id", agentId).execute());
    }

    public List<SessionRow> sessions(long agentId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, agent_id, run_no, started_ms, stopped_ms, end_state, error, recoveries
                        FROM agent_sessions WHERE agent_id = :id ORDER BY id""").bind("id", agentId)
                .map((rs, ctx) -> {
                    long stopped = rs.getLong(5);
                    Long stoppedMs = rs.wasNull() ? null : stopped;
                    return new SessionRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), stoppedMs, rs.getString(6),
                            rs.getString(7), rs.getInt(8));
                }).list());
    }

    private static AgentRow row(ResultSet rs, StatementContext ctx) throws SQLException {
        var cfg = new AgentConfig(rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getInt(8),
                rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getDouble(14), rs.getString(21));
        return new AgentRow(rs.getLong(1), rs.getLong(2), cfg, AgentState.valueOf(rs.getString(15)), rs.getString(16), rs.getInt(17),
                rs.getInt(18), rs.getLong(19), rs.getLong(20));
    }
}
