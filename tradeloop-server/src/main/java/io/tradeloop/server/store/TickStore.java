package io.tradeloop.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tradeloop.core.order.Side;
import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.agent.OrderRecord;
import io.tradeloop.server.agent.PositionRecord;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.paper.LedgerEvent;
import io.tradeloop.server.paper.TickRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The agents' journal: each tick's decision, orders, fills, funding payments, open legs and totals are
 * committed in one transaction, so after a crash the database holds whole ticks only. The primary key of
 * a decision (agent, run, tick) makes committing a tick twice impossible.
 */
public final class TickStore {
    /** One point of the equity curve and the reference price. */
    public record EquityPoint(int seq, long simTimeMs, double equityUsd, double priceUsd) {
    }

    private final Jdbi jdbi;

    public TickStore(Database db) {
        this.jdbi = db.jdbi();
    }

    /** Inserts the totals row of a new run (called inside the session-start transaction). */
    static void insertStats(Handle h, long agentId, AgentStats s, long nowMs) {
        h.createUpdate("""
                        INSERT INTO agent_stats (agent_id, run_no, initial_capital_usd, next_tick, sim_time_ms, ledger_seq, predictions,
                            trades, wins, losses, equity_usd, peak_equity_usd, max_drawdown_pct, day_start_ms, day_start_equity_usd,
                            running_ms, finished, updated_ms)
                        VALUES (:a, :run, :cap, :next, :sim, :ledger, :pred, :trades, :wins, :losses, :eq, :peak, :dd, :day, :dayeq,
                            :running, :fin, :t)""")
                .bind("a", agentId).bind("run", s.runNo()).bind("cap", s.initialCapitalUsd()).bind("t", nowMs)
                .bindMap(statsParams(s)).execute();
    }

    private static java.util.Map<String, Object> statsParams(AgentStats s) {
        var m = new java.util.HashMap<String, Object>();
        m.put("next", s.nextTick());
        m.put("sim", s.simTimeMs());
        m.put("ledger", s.ledgerSeq());
        m.put("pred", s.predictions());
        m.put("trades", s.trades());
        m.put("wins", s.wins());
        m.put("losses", s.losses());
        m.put("eq", s.equityUsd());
        m.put("peak", s.peakEquityUsd());
        m.put("dd", s.maxDrawdownPct());
        m.put("day", s.dayStartMs());
        m.put("dayeq", s.dayStartEquityUsd());
        m.put("running", s.runningMs());
        m.put("fin", s.finished());
        return m;
    }

    /** Commits one tick atomically. */
    public void commitTick(long agentId, TickRecord r, long nowMs) {
        DecisionRecord d = r.decision();
        AgentStats s = r.stats();
        String json;
        try {
            json = Json.storage().writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the decision record of agent " + agentId + " tick " + d.seq(), e);
        }
        int filled = (int) d.orders().stream().filter(o -> o.status().equals("FILLED")).count();
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO decisions (agent_id, run_no, seq, sim_time_ms, wall_ms, action, fills, confidence, equity_usd,
                                price_usd, reasoning, record_json)
                            VALUES (:a, :run, :seq, :sim, :wall, :action, :fills, :conf, :eq, :px, :why, :json)""")
                    .bind("a", agentId).bind("run", s.runNo()).bind("seq", d.seq()).bind("sim", d.simTimeMs()).bind("wall", d.wallMs())
                    .bind("action", d.action()).bind("fills", filled).bind("conf", d.confidence()).bind("eq", d.equityUsd())
                    .bind("px", d.priceUsd()).bind("why", d.reasoning()).bind("json", json).execute();
            if (!d.orders().isEmpty()) {
                PreparedBatch b = h.prepareBatch("""
                        INSERT INTO orders (agent_id, client_order_id, run_no, seq, venue, symbol, side, qty, leverage, reduce_only,
                            status, reason, created_ms)
                        VALUES (:a, :id, :run, :seq, :venue, :symbol, :side, :qty, :lev, :reduce, :status, :reason, :t)""");
                for (OrderRecord o : d.orders()) {
                    b.bind("a", agentId).bind("id", o.clientOrderId()).bind("run", s.runNo()).bind("seq", d.seq())
                            .bind("venue", o.venue()).bind("symbol", o.symbol()).bind("side", o.side()).bind("qty", o.qty())
                            .bind("lev", o.leverage()).bind("reduce", o.reduceOnly()).bind("status", o.status())
                            .bind("reason", o.reason()).bind("t", d.simTimeMs()).add();
                }
                b.execute();
            }
            PreparedBatch fills = h.prepareBatch("""
                    INSERT INTO fills (agent_id, run_no, ledger_seq, seq, client_order_id, book, venue, base, symbol, side, qty, price,
                        fee_usd, leverage, sim_time_ms)
                    VALUES (:a, :run, :ls, :seq, :id, :book, :venue, :base, :symbol, :side, :qty, :px, :fee, :lev, :t)""");
            PreparedBatch funding = h.prepareBatch("""
                    INSERT INTO funding_payments (agent_id, run_no, ledger_seq, seq, book, venue, base, rate, mark_price, amount_usd,
                        sim_time_ms)
                    VALUES (:a, :run, :ls, :seq, :book, :venue, :base, :rate, :mark, :amount, :t)""");
            for (LedgerEvent e : r.ledger()) {
                switch (e) {
                    case LedgerEvent.FillEntry f -> fills.bind("a", agentId).bind("run", s.runNo()).bind("ls", f.ledgerSeq())
                            .bind("seq", f.tick()).bind("id", f.clientOrderId()).bind("book", f.book()).bind("venue", f.venue())
                            .bind("base", f.base()).bind("symbol", f.symbol()).bind("side", f.side().name()).bind("qty", f.qty())
                            .bind("px", f.price()).bind("fee", f.feeUsd()).bind("lev", f.leverage()).bind("t", f.timeMs()).add();
                    case LedgerEvent.FundingEntry p -> funding.bind("a", agentId).bind("run", s.runNo()).bind("ls", p.ledgerSeq())
                            .bind("seq", p.tick()).bind("book", p.book()).bind("venue", p.venue()).bind("base", p.base())
                            .bind("rate", p.rate()).bind("mark", p.markPrice()).bind("amount", p.amountUsd()).bind("t", p.timeMs()).add();
                }
            }
            if (fills.size() > 0) fills.execute();
            if (funding.size() > 0) funding.execute();
            h.createUpdate("DELETE FROM positions WHERE agent_id = :a AND run_no = :run").bind("a", agentId).bind("run", s.runNo()).execute();
            if (!r.positions().isEmpty()) {
                PreparedBatch b = h.prepareBatch("""
                        INSERT INTO positions (agent_id, run_no, book, slot, venue, base, symbol, qty, entry_price, mark_price, leverage,
                            margin_usd, unrealised_usd, funding_usd, fees_usd, liquidation_price, opened_seq, opened_ms, size_usd,
                            entry_spread_pct)
                        VALUES (:a, :run, :book, :slot, :venue, :base, :symbol, :qty, :entry, :mark, :lev, :margin, :upnl, :funding,
                            :fees, :liq, :oseq, :oms, :size, :spread)""");
                for (PositionRecord p : r.positions()) {
                    b.bind("a", agentId).bind("run", s.runNo()).bind("book", p.book()).bind("slot", p.slot()).bind("venue", p.venue())
                            .bind("base", p.base()).bind("symbol", p.symbol()).bind("qty", p.qty()).bind("entry", p.entryPrice())
                            .bind("mark", p.markPrice()).bind("lev", p.leverage()).bind("margin", p.marginUsd())
                            .bind("upnl", p.unrealisedUsd()).bind("funding", p.fundingUsd()).bind("fees", p.feesUsd())
                            .bind("liq", p.liquidationPrice()).bind("oseq", p.openedSeq()).bind("oms", p.openedMs())
                            .bind("size", p.sizeUsd()).bind("spread", p.entrySpreadPct()).add();
                }
                b.execute();
            }
            int n = h.createUpdate("""
                            UPDATE agent_stats SET next_tick = :next, sim_time_ms = :sim, ledger_seq = :ledger, predictions = :pred,
                                trades = :trades, wins = :wins, losses = :losses, equity_usd = :eq, peak_equity_usd = :peak,
                                max_drawdown_pct = :dd, day_start_ms = :day, day_start_equity_usd = :dayeq, running_ms = :running,
                                finished = :fin, updated_ms = :t
                            WHERE agent_id = :a AND run_no = :run AND next_tick = :expected""")
                    .bindMap(statsParams(s)).bind("t", nowMs).bind("a", agentId).bind("run", s.runNo()).bind("expected", d.seq())
                    .execute();
            if (n != 1) {
                throw new IllegalStateException("agent " + agentId + " run " + s.runNo() + ": the committed totals do not end at tick "
                        + d.seq() + "; refusing to commit it");
            }
        });
    }

    /** Saves the running time of a run without a tick (on pause and stop). */
    public void saveRunningMs(long agentId, int runNo, long runningMs, long nowMs) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE agent_stats SET running_ms = :r, updated_ms = :t WHERE agent_id = :a AND run_no = :run")
                .bind("r", runningMs).bind("t", nowMs).bind("a", agentId).bind("run", runNo).execute());
    }

    public Optional<AgentStats> stats(long agentId, int runNo) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT run_no, initial_capital_usd, next_tick, sim_time_ms, ledger_seq, predictions, trades, wins, losses,
                            equity_usd, peak_equity_usd, max_drawdown_pct, day_start_ms, day_start_equity_usd, running_ms, finished
                        FROM agent_stats WHERE agent_id = :a AND run_no = :run""").bind("a", agentId).bind("run", runNo)
                .map((rs, ctx) -> new AgentStats(rs.getInt(1), rs.getDouble(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getLong(13),
                        rs.getDouble(14), rs.getLong(15), rs.getBoolean(16))).findOne());
    }

    /** The run's journal in ledger order. */
    public List<LedgerEvent> ledger(long agentId, int runNo) {
        return jdbi.withHandle(h -> {
            List<LedgerEvent> out = new ArrayList<>(h.createQuery("""
                            SELECT ledger_seq, seq, client_order_id, book, venue, base, symbol, side, qty, price, fee_usd, leverage, sim_time_ms
                            FROM fills WHERE agent_id = :a AND run_no = :run""").bind("a", agentId).bind("run", runNo)
                    .map((rs, ctx) -> (LedgerEvent) new LedgerEvent.FillEntry(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), Side.valueOf(rs.getString(8)), rs.getDouble(9),
                            rs.getDouble(10), rs.getDouble(11), rs.getDouble(12), rs.getLong(13))).list());
            out.addAll(h.createQuery("""
                            SELECT ledger_seq, seq, book, venue, base, rate, mark_price, amount_usd, sim_time_ms
                            FROM funding_payments WHERE agent_id = :a AND run_no = :run""").bind("a", agentId).bind("run", runNo)
                    .map((rs, ctx) -> (LedgerEvent) new LedgerEvent.FundingEntry(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                            rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getLong(9))).list());
            out.sort(Comparator.comparingLong(LedgerEvent::ledgerSeq));
            return out;
        });
    }

    public List<PositionRecord> positions(long agentId, int runNo) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT book, slot, venue, base, symbol, qty, entry_price, mark_price, leverage, margin_usd, unrealised_usd,
                            funding_usd, fees_usd, liquidation_price, opened_seq, opened_ms, size_usd, entry_spread_pct
                        FROM positions WHERE agent_id = :a AND run_no = :run ORDER BY book""").bind("a", agentId).bind("run", runNo)
                .map((rs, ctx) -> new PositionRecord(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11),
                        rs.getDouble(12), rs.getDouble(13), rs.getDouble(14), rs.getInt(15), rs.getLong(16), rs.getDouble(17),
                        rs.getDouble(18))).list());
    }

    /** Decisions newest first: at most {@code limit}, with seq &lt; {@code beforeSeq} when given. */
    public List<DecisionRecord> decisions(long agentId, int runNo, Integer beforeSeq, int limit) {
        int before = beforeSeq == null ? Integer.MAX_VALUE : beforeSeq;
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT record_json FROM decisions WHERE agent_id = :a AND run_no = :run AND seq < :before
                        ORDER BY seq DESC LIMIT :lim""")
                .bind("a", agentId).bind("run", runNo).bind("before", before).bind("lim", limit)
                .map((rs, ctx) -> decode(rs.getString(1))).list());
    }

    /** The newest decisions that filled at least one order (trade markers), newest first. */
    public List<DecisionRecord> tradeDecisions(long agentId, int runNo, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT record_json FROM decisions WHERE agent_id = :a AND run_no = :run AND fills > 0
                        ORDER BY seq DESC LIMIT :lim""").bind("a", agentId).bind("run", runNo).bind("lim", limit)
                .map((rs, ctx) -> decode(rs.getString(1))).list());
    }

    public long decisionCount(long agentId, int runNo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM decisions WHERE agent_id = :a AND run_no = :run")
                .bind("a", agentId).bind("run", runNo).mapTo(Long.class).one());
    }

    /** The equity curve of a run, at most {@code maxPoints} evenly spaced points (the latest always included). */
    public List<EquityPoint> equityCurve(long agentId, int runNo, int maxPoints) {
        List<EquityPoint> all = jdbi.withHandle(h -> h.createQuery("""
                        SELECT seq, sim_time_ms, equity_usd, price_usd FROM decisions WHERE agent_id = :a AND run_no = :run ORDER BY seq""")
                .bind("a", agentId).bind("run", runNo)
                .map((rs, ctx) -> new EquityPoint(rs.getInt(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4))).list());
        if (all.size() <= maxPoints) {
            return all;
        }
        List<EquityPoint> out = new ArrayList<>(maxPoints);
        double stride = (all.size() - 1) / (double) (maxPoints - 1);
        for (int i = 0; i < maxPoints; i++) {
            out.add(all.get((int) Math.round(i * stride)));
        }
        return out;
    }

    private static DecisionRecord decode(String json) {
        try {
            return Json.storage().readValue(json, DecisionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision record cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
