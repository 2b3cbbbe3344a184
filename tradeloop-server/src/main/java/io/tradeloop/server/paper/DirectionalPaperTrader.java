package io.tradeloop.server.paper;

import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Side;
import io.tradeloop.decide.pipeline.BarInputs;
import io.tradeloop.decide.pipeline.DecisionPipeline;
import io.tradeloop.decide.record.Action;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.decide.vote.Direction;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RecordedMarket;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskDecision;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.RiskLayers;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import io.tradeloop.risk.TradingActivity;
import io.tradeloop.risk.exit.ExitEngine;
import io.tradeloop.risk.exit.ExitVerdict;
import io.tradeloop.risk.exit.TradeWatch;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.agent.ClosedTrade;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.agent.OrderRecord;
import io.tradeloop.server.agent.PositionRecord;
import io.tradeloop.server.agent.RiskCheck;
import io.tradeloop.server.brain.DirectionalStackBrain;
import io.tradeloop.server.market.BarReplay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A paper agent trading one instrument through the full directional decision stack, bar by bar: the
 * loop of {@code tradeloop ablation} (EnsembleStrategy at the risk level) on a paper account. Each tick:
 * fold the closed bar into {@link BarInputs} → protective exits on the close (stop-loss, take-profit,
 * tiered trailing stop, profit lock, liquidation guard) → {@link DecisionPipeline#decide} → the directional
 * risk layer ({@link RiskLayers#directional()}, with the same recorded returns and activity the backtest
 * feeds it) → one long, flat or short {@link DirectionalPosition} → a {@link TickRecord} whose votes, gates,
 * risk verdicts and reasoning come from the {@link Decision}.
 *
 * <p>Sizing: notional = the decision's final equity fraction × equity, capped at target_utilization ×
 * leverage × equity; leverage = min(max_leverage, the stack's leverage). Unlike the backtester, which fills
 * at the next bar's open, paper orders fill at the decision bar's close moved by slippage_bps (as the
 * funding agents' paper venue does); fees are the bundle's taker fee per side.
 *
 * <p>Restart: {@link #restore} warms up again and replays ticks 0..next−1 through the same stateful layers
 * (features, regime detector, trade watch, risk activity), booking the journaled fills instead of sending
 * orders, and checks the result against the committed position. Not thread-safe: one agent loop owns it.
 */
public final class DirectionalPaperTrader implements Trader {
    /** Action names and ids of directional decision records. */
    public static final List<String> ACTIONS = List.of("HOLD", "ENTER_LONG", "ENTER_SHORT", "EXIT");
    private static final double HOUR_MS = 3_600_000.0;

    private final long agentId;
    private final BarReplay market;
    private final DirectionalStackBrain brain;
    private final String instrumentId;
    private final BarInputs inputs;
    private final DecisionPipeline pipeline;
    private final ExitEngine exits = ExitEngine.standard();
    private final RiskEngine risk = RiskLayers.directional();
    private final RecordedMarket recorded = new RecordedMarket(2000);
    private final TradingActivity activity = TradingActivity.standard();
    private final DirectionalPosition position;
    private AgentConfig config;
    private AgentStats stats;
    private long ledgerSeq;
    private double peakEquity;
    // the open trade
    private TradeWatch watch;
    private int barsHeld;
    private int openedSeq;
    private long openedMs;
    private double sizeUsd;

    private DirectionalPaperTrader(long agentId, AgentConfig config, BarReplay market, DirectionalStackBrain brain, AgentStats stats) {
        this.agentId = agentId;
        this.market = market;
        this.brain = brain;
        this.config = config;
        this.stats = stats;
        this.instrumentId = market.instrument().id();
        this.position = new DirectionalPosition(stats.initialCapitalUsd(), market.instrument(), config.slippageBps());
        this.peakEquity = stats.initialCapitalUsd();
        var history = market.history();
        this.inputs = new BarInputs(brain.models(), brain.scaler(market.asset()), brain.features(), history.timeframe(), market.daily());
        this.pipeline = new DecisionPipeline(brain.models(), DirectionalStackBrain.LEVEL, brain.stack(), instrumentId, null);
        // warm-up: every bar before the first tick, as the ablation's strategy does at its start
        for (int i = 0; i < history.size(); i++) {
            long t = history.closeTimeMs(i);
            inputs.update(t, history.open(i), history.high(i), history.low(i), history.close(i), history.volume(i));
            recorded.onClose(instrumentId, history.close(i), t);
            if (inputs.ready()) pipeline.observe(inputs.input(0, 0, 0));
        }
    }

    /** A new run with the config's initial capital, starting at the replay's first tick. */
    public static DirectionalPaperTrader startRun(long agentId, int runNo, AgentConfig config, BarReplay market, DirectionalStackBrain brain) {
        return new DirectionalPaperTrader(agentId, config, market, brain, AgentStats.fresh(runNo, config.initialCapitalUsd(), market.timeMs(0)));
    }

    /**
     * Rebuilds a run from its committed journal: the stateful layers see ticks 0..next−1 again and the
     * journaled fills are booked at their ticks.
     *
     * @throws IllegalStateException when the journal has a gap, is not this agent's kind, or disagrees with the committed position
     */
    public static DirectionalPaperTrader restore(long agentId, AgentConfig config, BarReplay market, DirectionalStackBrain brain, AgentStats stats,
                                                 List<LedgerEvent> ledger, List<PositionRecord> positions) {
        var t = new DirectionalPaperTrader(agentId, config, market, brain, AgentStats.fresh(stats.runNo(), stats.initialCapitalUsd(),
                market.timeMs(0)));
        List<LedgerEvent.FillEntry> fills = new ArrayList<>();
        long expected = 1;
        List<LedgerEvent> sorted = new ArrayList<>(ledger);
        sorted.sort(Comparator.comparingLong(LedgerEvent::ledgerSeq));
        for (LedgerEvent e : sorted) {
            if (e.ledgerSeq() != expected++) {
                throw new IllegalStateException("agent " + agentId + " run " + stats.runNo() + ": journal entry " + (expected - 1)
                        + " is missing (found " + e.ledgerSeq() + ")");
            }
            if (!(e instanceof LedgerEvent.FillEntry f) || !f.base().equals(market.asset())) {
                throw new IllegalStateException("agent " + agentId + " journal entry " + e.ledgerSeq() + " is not a " + market.asset()
                        + " fill of a directional agent: " + e);
            }
            fills.add(f);
        }
        if (expected - 1 != stats.ledgerSeq()) {
            throw new IllegalStateException("agent " + agentId + " run " + stats.runNo() + ": journal ends at entry " + (expected - 1)
                    + " but the committed totals say " + stats.ledgerSeq());
        }
        int next = 0;
        for (int k = 0; k < stats.nextTick(); k++) {
            double c = market.close(k);
            long time = market.timeMs(k);
            double dd = t.advance(k);
            t.checkExit(c);
            Decision d = t.inputs.ready() ? t.pipeline.decide(t.inputs.input(dd, t.position.side(), t.barsHeld)) : null;
            while (next < fills.size() && fills.get(next).tick() == k) {
                var f = fills.get(next++);
                boolean opening = t.position.side() == 0;
                t.position.replay(f.side(), f.qty(), f.price(), f.feeUsd(), f.leverage());
                if (opening) {
                    t.opened(k, time, f.side().sign(), f.qty(), f.price(), f.leverage(), c, d);
                } else {
                    t.closed(time);
                }
            }
            t.ledgerSeq = next;
        }
        if (next != fills.size()) {
            throw new IllegalStateException("agent " + agentId + ": journal entry " + fills.get(next).ledgerSeq() + " is at tick "
                    + fills.get(next).tick() + ", at or after the next tick " + stats.nextTick());
        }
        double committed = positions.stream().mapToDouble(PositionRecord::qty).sum();
        if (Math.abs(committed - t.position.qty()) > 1e-9 * Math.max(1, Math.abs(committed))) {
            throw new IllegalStateException("agent " + agentId + ": the journal replays to " + t.position.qty() + " " + market.asset()
                    + " but the committed position is " + committed);
        }
        t.stats = stats;
        t.peakEquity = stats.peakEquityUsd();
        return t;
    }

    @Override
    public void reconfigure(AgentConfig newConfig) {
        this.config = newConfig;
        position.setSlippageBps(newConfig.slippageBps());
    }

    @Override
    public AgentStats stats() {
        return stats;
    }

    @Override
    public AgentConfig config() {
        return config;
    }

    /** The account (read-only use: tests). */
    public DirectionalPosition position() {
        return position;
    }

    @Override
    public TickRecord step(long wallMs, long runningMs) {
        int k = stats.nextTick();
        if (k >= market.size()) {
            throw new IllegalStateException("agent " + agentId + ": the replay has no tick " + k + " (" + market.size() + " ticks)");
        }
        long t = market.timeMs(k);
        double c = market.close(k);
        Tick tick = new Tick(k, t);
        double drawdown = advance(k);
        int sideBefore = position.side();
        ExitVerdict.Exit forced = checkExit(c);
        Decision d = inputs.ready() ? pipeline.decide(inputs.input(drawdown, sideBefore, barsHeld)) : null;
        String action = "HOLD";
        if (forced != null) {
            // a protective exit on this close wins over the stack; the stack's view is still recorded
            tick.risk.add(RiskCheck.exit(forced.rule(), forced.reason()));
            closeTrade(tick, c, forced.rule(), "risk " + forced.rule());
            action = "EXIT";
        } else if (d != null) {
            switch (d.action()) {
                case Action.Enter e -> {
                    action = e.side() == Direction.LONG ? "ENTER_LONG" : "ENTER_SHORT";
                    enter(tick, d, e, c);
                }
                case Action.Exit x -> {
                    action = "EXIT";
                    tick.risk.addAll(checkClose(tick, c));
                    closeTrade(tick, c, "brain", x.reason());
                }
                case Action.Hold ignored -> {
                }
            }
        }
        double equity = position.equityUsd();
        stats = stats.afterTick(k, t, ledgerSeq, tick.closed.size(), tick.wins, equity, runningMs, k + 1 >= market.size());
        String reasoning = DirectionalExplanation.reasoning(d, forced, tick.sizeNote, tick.risk, tick.closed);
        var record = new DecisionRecord(k, t, wallMs, action, ACTIONS.indexOf(action), d == null ? 0 : DirectionalExplanation.confidence(d),
                brain.id(), brain.model().version(), market.asset() + (position.side() > 0 ? " long" : position.side() < 0 ? " short" : ""),
                DirectionalExplanation.votes(d), DirectionalExplanation.gates(d), tick.risk, tick.orders, tick.closed,
                DirectionalExplanation.truncate(reasoning, 2000), equity, c, List.of());
        return new TickRecord(record, tick.ledger, positions(), stats);
    }

    /** Per-tick scratch (one small object per 4h bar; not a hot path). */
    private static final class Tick {
        final int k;
        final long t;
        final List<LedgerEvent> ledger = new ArrayList<>();
        final List<OrderRecord> orders = new ArrayList<>();
        final List<RiskCheck> risk = new ArrayList<>();
        final List<ClosedTrade> closed = new ArrayList<>();
        String sizeNote = "";
        int wins;
        int orderNo;

        Tick(int k, long t) {
            this.k = k;
            this.t = t;
        }
    }

    /** Folds bar {@code k} into the stateful layers and the account; returns the drawdown from the peak. */
    private double advance(int k) {
        long t = market.timeMs(k);
        double c = market.close(k);
        inputs.update(t, market.open(k), market.high(k), market.low(k), c, market.volume(k));
        recorded.onClose(instrumentId, c, t);
        position.mark(c);
        double equity = position.equityUsd();
        activity.recordEquity(t, equity);
        peakEquity = Math.max(peakEquity, equity);
        if (position.side() != 0) {
            barsHeld++;
        }
        return peakEquity > 0 ? Math.max(0, (peakEquity - equity) / peakEquity) : 0;
    }

    /** Protective exits on the bar's close, as the ablation's strategy checks them (advances the trade's trailing state). */
    private ExitVerdict.Exit checkExit(double close) {
        return position.side() != 0 && watch != null ? exits.checkExit(watch, close, close, close, close) : null;
    }

    private void enter(Tick tick, Decision d, Action.Enter e, double price) {
        double equity = position.equityUsd();
        double lev = Math.min(config.maxLeverage(), brain.stack().leverage());
        double fraction = e.equityFraction();
        double cap = config.targetUtilization() * lev;
        if (fraction > cap) {
            tick.risk.add(new RiskCheck("max-position", "ADJUSTED", cap / fraction, String.format(Locale.ROOT,
                    "notional %.1f%% of equity capped at target_utilization %.2f x leverage %.2f", 100 * fraction, config.targetUtilization(), lev)));
            fraction = cap;
        }
        tick.sizeNote = String.format(Locale.ROOT, "%.1f%% of equity at %.2fx", 100 * fraction, lev);
        Side side = e.side() == Direction.LONG ? Side.BUY : Side.SELL;
        double qty = fraction * equity / price;
        var inst = market.instrument();
        var proposal = new TradeProposal(List.of(new Leg(inst, side, qty, price, lev, false)), tick.t, brain.id());
        RiskDecision rd = risk.check(proposal, new RiskContext(position.portfolio(), tick.t, recorded, activity));
        rd.trail().forEach(v -> tick.risk.add(RiskCheck.of(v)));
        if (rd.isRefused()) {
            String why = ((RiskVerdict.Refused) rd.finalVerdict()).reason();
            if (rd.trail().isEmpty()) tick.risk.add(RiskCheck.of(rd.finalVerdict()));
            tick.orders.add(new OrderRecord(orderId(tick), inst.venue(), inst.symbol(), side.name(), qty, lev, false, "REFUSED", Double.NaN, 0,
                    DirectionalExplanation.truncate(why, 500)));
            return;
        }
        double approved = inst.roundQtyDown(rd.approved().legs().get(0).qty());
        if (!(approved > 0)) {
            tick.risk.add(new RiskCheck("lot-size", "REFUSED", 0, "the risk-adjusted size is below one lot of " + inst.base()));
            return;
        }
        String id = orderId(tick);
        Fill f = position.open(id, side, approved, price, lev, tick.t);
        journal(tick, f, false, "enter " + e.side() + " " + inst.base());
        opened(tick.k, tick.t, side.sign(), approved, f.price(), lev, price, d);
    }

    /** The risk trail of the reducing proposal that closes the position (rules approve exits; kept for the record). */
    private List<RiskCheck> checkClose(Tick tick, double price) {
        if (position.side() == 0) return List.of();
        var leg = new Leg(market.instrument(), position.side() > 0 ? Side.SELL : Side.BUY, Math.abs(position.qty()), price,
                position.portfolio().leverage(DirectionalPosition.BOOK), true);
        return risk.check(new TradeProposal(List.of(leg), tick.t, brain.id()), new RiskContext(position.portfolio(), tick.t, recorded, activity))
                .trail().stream().map(RiskCheck::of).toList();
    }

    private void closeTrade(Tick tick, double price, String reason, String why) {
        if (position.side() == 0) return;
        String label = market.asset() + (position.side() > 0 ? " long" : " short");
        Fill f = position.close(orderId(tick), price, tick.t);
        journal(tick, f, true, why);
        double held = sizeUsd;
        double net = closed(tick.t);
        tick.closed.add(new ClosedTrade(0, label, reason, held, net, net / held * 100, (tick.t - openedMs) / HOUR_MS));
        if (net > 0) tick.wins++;
    }

    /** Bookkeeping of a new position, live or replayed: the trade watch with the entry's barriers, and the risk layer's activity. */
    private void opened(int k, long t, int sign, double qty, double fillPrice, double lev, double decisionPrice, Decision d) {
        double stop = Double.NaN;
        double take = Double.NaN;
        if (d != null && d.action() instanceof Action.Enter e && e.side().sign() == sign) {
            stop = e.stopLossPct();
            take = e.takeProfitPct();
        }
        watch = new TradeWatch(sign, fillPrice, t, lev, stop, take);
        activity.recordEntry(t);
        activity.recordSlippage(t, sign * (fillPrice / decisionPrice - 1) * 1e4);
        barsHeld = 0;
        openedSeq = k;
        openedMs = t;
        sizeUsd = qty * fillPrice;
    }

    /** Bookkeeping of a closed position, live or replayed; returns its net P&amp;L. */
    private double closed(long t) {
        double net = position.tradeNetUsd();
        activity.recordExit(t, net);
        position.resetTrade();
        watch = null;
        barsHeld = 0;
        return net;
    }

    private void journal(Tick tick, Fill f, boolean reduce, String why) {
        var inst = f.instrument();
        tick.ledger.add(new LedgerEvent.FillEntry(++ledgerSeq, tick.k, f.clientOrderId(), DirectionalPosition.BOOK, inst.venue(), inst.base(),
                inst.symbol(), f.side(), f.qty(), f.price(), f.feeUsd(), f.leverage(), tick.t));
        tick.orders.add(new OrderRecord(f.clientOrderId(), inst.venue(), inst.symbol(), f.side().name(), f.qty(), f.leverage(), reduce, "FILLED",
                f.price(), f.feeUsd(), DirectionalExplanation.truncate(why, 500)));
    }

    private String orderId(Tick tick) {
        return "a" + agentId + "-r" + stats.runNo() + "-t" + tick.k + "-" + (tick.orderNo++);
    }

    @Override
    public List<PositionRecord> positions() {
        if (position.side() == 0) return List.of();
        var p = position.portfolio();
        int b = DirectionalPosition.BOOK;
        var inst = market.instrument();
        return List.of(new PositionRecord(b, 0, inst.venue(), inst.base(), inst.symbol(), p.qty(b), p.entryPrice(b), p.markPrice(b), p.leverage(b),
                p.marginUsd(b), p.unrealisedPnlUsd(b), p.fundingUsd(b), p.feesUsd(b), p.liquidationPrice(b), openedSeq, openedMs, sizeUsd, 0));
    }
}
