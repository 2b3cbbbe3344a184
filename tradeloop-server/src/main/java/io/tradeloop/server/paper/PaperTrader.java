package io.tradeloop.server.paper;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Fill;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskDecision;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.TradeProposal;
import io.tradeloop.risk.rules.LiquidationBuffer;
import io.tradeloop.risk.rules.MarginUseLimit;
import io.tradeloop.risk.rules.MaxOpenPositions;
import io.tradeloop.risk.rules.SufficientCash;
import io.tradeloop.server.agent.AccountView;
import io.tradeloop.server.agent.AgentBrain;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.AgentStats;
import io.tradeloop.server.agent.BrainDecision;
import io.tradeloop.server.agent.BrainInput;
import io.tradeloop.server.agent.ClosedTrade;
import io.tradeloop.server.agent.DecisionRecord;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.OrderRecord;
import io.tradeloop.server.agent.PositionRecord;
import io.tradeloop.server.agent.RiskCheck;
import io.tradeloop.server.agent.SizeClass;
import io.tradeloop.server.agent.SlotView;
import io.tradeloop.server.market.CarryOpportunity;
import io.tradeloop.server.market.MarketReplay;
import io.tradeloop.server.market.OpportunityScanner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One agent's paper account stepped tick by tick over a market replay: mark → funding → forced exits
 * (liquidation, stop-loss) → brain → risk → paper venue → totals. Each {@link #step} returns a
 * {@link TickRecord} for the caller to commit atomically; {@link #restore} rebuilds the same account from
 * the committed journal, so a restarted agent continues exactly where the last committed tick left it.
 *
 * <p>Positions: execution slot {@code s} holds its long leg in book {@code 2s} and its short leg in book
 * {@code 2s + 1}; both legs trade the same base quantity so the pair is price-neutral. Position size is
 * the USD notional of each leg (as in the funding environment: size = fraction × cash × utilisation /
 * max positions); each leg locks size / leverage of margin.
 * Not thread-safe: one agent loop owns it.
 */
public final class PaperTrader implements Trader {
    /** Margin use above which entries are refused (DESIGN.md: "no entry that would breach ... 95% margin use"). */
    public static final double MAX_MARGIN_USE = 0.95;
    private static final int SLOTS = FundingAction.EXECUTION_SLOTS;
    private static final double HOUR_MS = 3_600_000.0;

    private final long agentId;
    private final MarketReplay market;
    private final AgentBrain brain;
    private final Map<Instrument, Integer> instrumentIndex = new HashMap<>();
    private final Portfolio portfolio;
    private final OpenSlot[] slots = new OpenSlot[SLOTS];
    private AgentConfig config;
    private RiskEngine risk;
    private PaperVenue venue;
    private AgentStats stats;
    private long ledgerSeq;

    private PaperTrader(long agentId, AgentConfig config, MarketReplay market, AgentBrain brain, AgentStats stats) {
        this.agentId = agentId;
        this.market = market;
        this.brain = brain;
        this.stats = stats;
        this.ledgerSeq = stats.ledgerSeq();
        this.portfolio = new Portfolio(stats.initialCapitalUsd(), 2 * SLOTS);
        for (int i = 0; i < market.instruments().size(); i++) {
            instrumentIndex.put(market.instruments().get(i), i);
        }
        reconfigure(config);
    }

    /** A new run with the config's initial capital, starting at the replay's first tick. */
    public static PaperTrader startRun(long agentId, int runNo, AgentConfig config, MarketReplay market, AgentBrain brain) {
        return new PaperTrader(agentId, config, market, brain, AgentStats.fresh(runNo, config.initialCapitalUsd(), market.timeMs(0)));
    }

    /**
     * Rebuilds a run from its committed state: replays the journal into a fresh portfolio, then checks
     * the result against the committed open legs and restores their marks and slot data.
     *
     * @throws IllegalStateException when the journal has a gap or disagrees with the committed positions
     */
    public static PaperTrader restore(long agentId, AgentConfig config, MarketReplay market, AgentBrain brain, AgentStats stats,
                                      List<LedgerEvent> ledger, List<PositionRecord> positions) {
        PaperTrader t = new PaperTrader(agentId, config, market, brain, stats);
        List<LedgerEvent> sorted = new ArrayList<>(ledger);
        sorted.sort(Comparator.comparingLong(LedgerEvent::ledgerSeq));
        long expected = 1;
        for (LedgerEvent e : sorted) {
            if (e.ledgerSeq() != expected) {
                throw new IllegalStateException("agent " + agentId + " run " + stats.runNo() + ": journal entry " + expected
                        + " is missing (found " + e.ledgerSeq() + ")");
            }
            expected++;
            switch (e) {
                case LedgerEvent.FillEntry f -> {
                    Instrument inst = t.instrumentOf(f.venue(), f.base());
                    t.portfolio.fill(f.book(), inst, f.side().sign() * f.qty(), f.price(), f.feeUsd(), f.leverage());
                    if (!t.portfolio.isOpen(f.book())) {
                        t.portfolio.resetBookHistory(f.book());
                    }
                }
                case LedgerEvent.FundingEntry fe -> {
                    double amount = t.portfolio.settleFunding(fe.book(), fe.rate(), fe.markPrice());
                    if (Math.abs(amount - fe.amountUsd()) > 1e-9 * Math.max(1, Math.abs(amount))) {
                        throw new IllegalStateException("agent " + agentId + " journal entry " + fe.ledgerSeq() + ": funding of book "
                                + fe.book() + " replays to " + amount + " USD but " + fe.amountUsd() + " was recorded");
                    }
                }
            }
        }
        if (expected - 1 != stats.ledgerSeq()) {
            throw new IllegalStateException("agent " + agentId + " run " + stats.runNo() + ": journal ends at entry " + (expected - 1)
                    + " but the committed totals say " + stats.ledgerSeq());
        }
        Map<Integer, PositionRecord> byBook = new HashMap<>();
        for (PositionRecord p : positions) {
            byBook.put(p.book(), p);
        }
        for (int b = 0; b < 2 * SLOTS; b++) {
            PositionRecord p = byBook.get(b);
            double q = t.portfolio.qty(b);
            double recorded = p == null ? 0 : p.qty();
            if (Math.abs(q - recorded) > 1e-9 * Math.max(1, Math.abs(q))) {
                throw new IllegalStateException("agent " + agentId + ": book " + b + " replays to qty " + q + " but the committed position is " + recorded);
            }
            if (p != null) {
                t.portfolio.mark(b, p.markPrice());
            }
        }
        for (int s = 0; s < SLOTS; s++) {
            PositionRecord l = byBook.get(2 * s);
            PositionRecord sh = byBook.get(2 * s + 1);
            if (l == null && sh == null) {
                continue;
            }
            if (l == null || sh == null) {
                throw new IllegalStateException("agent " + agentId + ": slot " + s + " has only one committed leg");
            }
            t.slots[s] = new OpenSlot(s, t.instrumentOf(l.venue(), l.base()), t.instrumentOf(sh.venue(), sh.base()), l.openedSeq(),
                    l.openedMs(), l.sizeUsd(), l.entrySpreadPct());
        }
        return t;
    }

    /** The risk rules of a paper agent: position count, liquidation buffer, cash, 95% margin use. */
    public static RiskEngine riskEngineFor(AgentConfig config) {
        return new RiskEngine(List.of(
                new MaxOpenPositions(config.maxPositions(), 2),
                new LiquidationBuffer(config.liquidationBuffer()),
                new SufficientCash(),
                MarginUseLimit.refuseAbove(MAX_MARGIN_USE)));
    }

    /** Applies new settings from the next tick on (the run's initial capital never changes mid-run). */
    @Override
    public void reconfigure(AgentConfig newConfig) {
        this.config = newConfig;
        this.risk = riskEngineFor(newConfig);
        this.venue = new PaperVenue(newConfig.slippageBps());
    }

    @Override
    public AgentStats stats() {
        return stats;
    }

    @Override
    public AgentConfig config() {
        return config;
    }

    public boolean finished() {
        return stats.nextTick() >= market.size();
    }

    /** The account (read-only use: tests and status). */
    public Portfolio portfolio() {
        return portfolio;
    }

    /** Processes the next tick of the replay. */
    @Override
    public TickRecord step(long wallMs, long runningMs) {
        int k = stats.nextTick();
        if (k >= market.size()) {
            throw new IllegalStateException("agent " + agentId + ": the replay has no tick " + k + " (" + market.size() + " ticks)");
        }
        long t = market.timeMs(k);
        Tick tick = new Tick(k, t);

        // 1. Mark every open leg; 2. settle funding that settled at this tick.
        for (OpenSlot s : slots) {
            if (s == null) continue;
            markLeg(k, s.longBook(), s.longLeg());
            markLeg(k, s.shortBook(), s.shortLeg());
        }
        for (OpenSlot s : slots) {
            if (s == null) continue;
            settleLeg(tick, s.longBook(), s.longLeg());
            settleLeg(tick, s.shortBook(), s.shortLeg());
        }
        // 3. Post-trade exits the risk layer forces: liquidation, then stop-loss.
        for (int i = 0; i < SLOTS; i++) {
            OpenSlot s = slots[i];
            if (s == null) continue;
            boolean longLiq = portfolio.liquidationDistance(s.longBook()) <= 0;
            boolean shortLiq = portfolio.liquidationDistance(s.shortBook()) <= 0;
            if (longLiq || shortLiq) {
                String why = String.format(Locale.ROOT, "%s: %s leg reached its liquidation price", s.label(), longLiq ? "long" : "short");
                tick.risk.add(RiskCheck.exit("liquidation", why));
                closeSlot(tick, i, "liquidation", longLiq, shortLiq);
                continue;
            }
            double netPct = netPnlUsd(s) / s.sizeUsd();
            if (netPct < config.stopLossThreshold()) {
                String why = String.format(Locale.ROOT, "%s: net P&L %.2f%% is below the stop-loss %.2f%%", s.label(), 100 * netPct,
                        100 * config.stopLossThreshold());
                tick.risk.add(RiskCheck.exit("stop-loss", why));
                closeSlot(tick, i, "stop-loss", false, false);
            }
        }
        // 4. The brain decides on what is known now.
        List<CarryOpportunity> opps = OpportunityScanner.scan(market, k, FundingAction.OPPORTUNITY_SLOTS);
        BrainDecision d = brain.decide(new BrainInput(t, opps, accountView(k, t), config));
        String target = "";
        switch (d.action()) {
            case FundingAction.Hold ignored -> {
            }
            case FundingAction.Enter e -> {
                if (e.opportunity() >= opps.size()) {
                    tick.refuse("action-mask", d.action().name() + " refers to opportunity " + e.opportunity() + " but only "
                            + opps.size() + " are quoted");
                } else {
                    target = opps.get(e.opportunity()).label();
                    enter(tick, opps.get(e.opportunity()), e.size());
                }
            }
            case FundingAction.Exit x -> {
                if (slots[x.slot()] == null) {
                    tick.refuse("action-mask", d.action().name() + " refers to execution slot " + x.slot() + ", which is empty");
                } else {
                    target = slots[x.slot()].label();
                    tick.risk.addAll(checkExit(tick, x.slot()));
                    closeSlot(tick, x.slot(), "brain", false, false);
                }
            }
        }
        // 5. Totals.
        double equity = portfolio.equityUsd();
        stats = stats.afterTick(k, t, ledgerSeq, tick.closed.size(), tick.wins, equity, runningMs, k + 1 >= market.size());

        StringBuilder reasoning = new StringBuilder(d.reasoning());
        for (ClosedTrade c : tick.closed) {
            if (!c.reason().equals("brain")) {
                reasoning.append(String.format(Locale.ROOT, " Risk %s closed %s (net %.2f%%).", c.reason(), c.label(), c.netPnlPct()));
            }
        }
        for (RiskCheck r : tick.risk) {
            if (r.verdict().equals("REFUSED")) {
                reasoning.append(" Refused by ").append(r.rule()).append(": ").append(r.reason()).append('.');
            } else if (r.verdict().equals("ADJUSTED")) {
                reasoning.append(String.format(Locale.ROOT, " Scaled to %.0f%% by %s.", 100 * r.scale(), r.rule()));
            }
        }
        var decision = new DecisionRecord(k, t, wallMs, d.action().name(), d.action().index(), d.confidence(), brain.id(),
                brain.model().version(), target, d.votes(), d.gates(), tick.risk, tick.orders, tick.closed,
                truncate(reasoning.toString(), 2000), equity, market.price(0, k), opps.subList(0, Math.min(3, opps.size())));
        return new TickRecord(decision, tick.ledger, positions(), stats);
    }

    /** Per-tick scratch lists (one small object per tick; ticks are not the backtest hot path). */
    private static final class Tick {
        final int k;
        final long t;
        final List<LedgerEvent> ledger = new ArrayList<>();
        final List<OrderRecord> orders = new ArrayList<>();
        final List<RiskCheck> risk = new ArrayList<>();
        final List<ClosedTrade> closed = new ArrayList<>();
        int wins;
        int orderNo;

        Tick(int k, long t) {
            this.k = k;
            this.t = t;
        }

        void refuse(String rule, String reason) {
            risk.add(new RiskCheck(rule, "REFUSED", 0, reason));
        }
    }

    private void markLeg(int k, int book, Instrument inst) {
        double p = market.price(instrumentIndex.get(inst), k);
        if (!Double.isNaN(p)) {
            portfolio.mark(book, p);
        }
    }

    private void settleLeg(Tick tick, int book, Instrument inst) {
        int idx = instrumentIndex.get(inst);
        double p = market.price(idx, tick.k);
        double rate8h = market.fundingRate8h(idx, tick.k);
        if (Double.isNaN(p) || Double.isNaN(rate8h)) {
            return;
        }
        double rate = rate8h * inst.fundingIntervalHours() / 8.0; // back to the venue's per-interval rate
        double amount = portfolio.settleFunding(book, rate, p);
        tick.ledger.add(new LedgerEvent.FundingEntry(++ledgerSeq, tick.k, book, inst.venue(), inst.base(), rate, p, amount, tick.t));
    }

    private void enter(Tick tick, CarryOpportunity opp, SizeClass size) {
        int slot = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i] == null) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            tick.refuse("action-mask", "all " + SLOTS + " execution slots are in use");
            return;
        }
        Instrument li = instrumentOf(opp.longVenue(), opp.base());
        Instrument si = instrumentOf(opp.shortVenue(), opp.base());
        double pl = market.price(instrumentIndex.get(li), tick.k);
        double ps = market.price(instrumentIndex.get(si), tick.k);
        double lev = config.entryLeverage();
        double sizeUsd = size.sizeUsd(portfolio.cashUsd(), config.targetUtilization(), config.maxPositions());
        double qty = roundDownLots(sizeUsd / ((pl + ps) / 2), li, si);
        if (!(qty > 0)) {
            tick.refuse("lot-size", String.format(Locale.ROOT, "%.2f USD buys less than one lot of %s", sizeUsd, opp.base()));
            return;
        }
        var proposal = new TradeProposal(List.of(new Leg(li, Side.BUY, qty, pl, lev, false), new Leg(si, Side.SELL, qty, ps, lev, false)),
                tick.t, brain.id());
        RiskDecision rd = risk.check(proposal, new RiskContext(portfolio, tick.t));
        rd.trail().forEach(v -> tick.risk.add(RiskCheck.of(v)));
        if (rd.isRefused()) {
            String why = ((io.tradeloop.risk.RiskVerdict.Refused) rd.finalVerdict()).reason();
            tick.orders.add(refusedOrder(tick, li, Side.BUY, qty, lev, false, why));
            tick.orders.add(refusedOrder(tick, si, Side.SELL, qty, lev, false, why));
            return;
        }
        double approvedQty = roundDownLots(rd.approved().legs().get(0).qty(), li, si);
        if (!(approvedQty > 0)) {
            tick.refuse("lot-size", "the risk-adjusted size is below one lot");
            return;
        }
        Fill fl = send(tick, li, Side.BUY, approvedQty, pl, lev, 2 * slot, "enter " + opp.label());
        Fill fs = send(tick, si, Side.SELL, approvedQty, ps, lev, 2 * slot + 1, "enter " + opp.label());
        double notionalPerLeg = approvedQty * (fl.price() + fs.price()) / 2;
        double spreadPct = Math.abs(fl.price() - fs.price()) / ((fl.price() + fs.price()) / 2) * 100;
        slots[slot] = new OpenSlot(slot, li, si, tick.k, tick.t, notionalPerLeg, spreadPct);
    }

    /** The risk trail of a reducing proposal for slot {@code i} (rules approve exits; kept for the record). */
    private List<RiskCheck> checkExit(Tick tick, int i) {
        OpenSlot s = slots[i];
        var proposal = new TradeProposal(List.of(
                new Leg(s.longLeg(), Side.SELL, Math.abs(portfolio.qty(s.longBook())), portfolio.markPrice(s.longBook()),
                        portfolio.leverage(s.longBook()), true),
                new Leg(s.shortLeg(), Side.BUY, Math.abs(portfolio.qty(s.shortBook())), portfolio.markPrice(s.shortBook()),
                        portfolio.leverage(s.shortBook()), true)), tick.t, brain.id());
        return risk.check(proposal, new RiskContext(portfolio, tick.t)).trail().stream().map(RiskCheck::of).toList();
    }

    private void closeSlot(Tick tick, int i, String reason, boolean longAtLiquidation, boolean shortAtLiquidation) {
        OpenSlot s = slots[i];
        closeLeg(tick, s.longBook(), s.longLeg(), longAtLiquidation, reason + " " + s.label());
        closeLeg(tick, s.shortBook(), s.shortLeg(), shortAtLiquidation, reason + " " + s.label());
        double net = netPnlUsd(s);
        tick.closed.add(new ClosedTrade(i, s.label(), reason, s.sizeUsd(), net, net / s.sizeUsd() * 100,
                (tick.t - s.openedMs()) / HOUR_MS));
        if (net > 0) {
            tick.wins++;
        }
        portfolio.resetBookHistory(s.longBook());
        portfolio.resetBookHistory(s.shortBook());
        slots[i] = null;
    }

    private void closeLeg(Tick tick, int book, Instrument inst, boolean atLiquidation, String why) {
        double q = portfolio.qty(book);
        if (q == 0) {
            return;
        }
        double price = atLiquidation ? portfolio.liquidationPrice(book) : portfolio.markPrice(book);
        send(tick, inst, q > 0 ? Side.SELL : Side.BUY, Math.abs(q), price, portfolio.leverage(book), book, why);
    }

    private Fill send(Tick tick, Instrument inst, Side side, double qty, double price, double lev, int book, String why) {
        String id = clientOrderId(tick);
        boolean reduce = portfolio.qty(book) != 0;
        Fill f = venue.executeMarket(id, inst, side, qty, price, lev, book, tick.t);
        portfolio.apply(f);
        tick.ledger.add(new LedgerEvent.FillEntry(++ledgerSeq, tick.k, id, book, inst.venue(), inst.base(), inst.symbol(), side, qty,
                f.price(), f.feeUsd(), lev, tick.t));
        tick.orders.add(new OrderRecord(id, inst.venue(), inst.symbol(), side.name(), qty, lev, reduce, "FILLED", f.price(), f.feeUsd(),
                truncate(why, 500)));
        return f;
    }

    private OrderRecord refusedOrder(Tick tick, Instrument inst, Side side, double qty, double lev, boolean reduce, String why) {
        return new OrderRecord(clientOrderId(tick), inst.venue(), inst.symbol(), side.name(), qty, lev, reduce, "REFUSED", Double.NaN, 0,
                truncate(why, 500));
    }

    private String clientOrderId(Tick tick) {
        return "a" + agentId + "-r" + stats.runNo() + "-t" + tick.k + "-" + (tick.orderNo++);
    }

    private double netPnlUsd(OpenSlot s) {
        return bookNet(s.longBook()) + bookNet(s.shortBook());
    }

    private double bookNet(int b) {
        return portfolio.unrealisedPnlUsd(b) + portfolio.realisedPnlUsd(b) + portfolio.fundingUsd(b) - portfolio.feesUsd(b);
    }

    private AccountView accountView(int k, long t) {
        List<SlotView> views = new ArrayList<>();
        for (OpenSlot s : slots) {
            if (s == null) continue;
            int li = instrumentIndex.get(s.longLeg());
            int si = instrumentIndex.get(s.shortLeg());
            double apr = (market.fundingRate8h(si, k) - market.fundingRate8h(li, k)) * 100 * OpportunityScanner.PERIODS_PER_YEAR;
            double net = netPnlUsd(s);
            double pl = portfolio.markPrice(s.longBook());
            double ps = portfolio.markPrice(s.shortBook());
            views.add(new SlotView(s.slot(), s.key(), s.label(), s.sizeUsd(), (t - s.openedMs()) / HOUR_MS, net, net / s.sizeUsd() * 100,
                    apr, Math.min(portfolio.liquidationDistance(s.longBook()), portfolio.liquidationDistance(s.shortBook())),
                    s.entrySpreadPct(), Math.abs(pl - ps) / ((pl + ps) / 2) * 100,
                    new SlotView.Legs(s.longLeg().symbol(), s.longLeg().venue(), s.shortLeg().venue(), portfolio.entryPrice(s.longBook()),
                            portfolio.entryPrice(s.shortBook()), pl, ps, portfolio.leverage(s.longBook()), lastRate8h(li, k),
                            lastRate8h(si, k), portfolio.fundingUsd(s.longBook()) + portfolio.fundingUsd(s.shortBook()),
                            portfolio.feesUsd(s.longBook()) + portfolio.feesUsd(s.shortBook()))));
        }
        return new AccountView(stats.initialCapitalUsd(), portfolio.equityUsd(), portfolio.cashUsd(), portfolio.usedMarginUsd(),
                stats.maxDrawdownPct(), views);
    }

    /** The latest 8-hour rate settled at or before tick {@code k} (NaN before the first settlement). */
    private double lastRate8h(int instrument, int k) {
        for (int j = k; j >= 0; j--) {
            double r = market.fundingRate8h(instrument, j);
            if (!Double.isNaN(r)) {
                return r;
            }
        }
        return Double.NaN;
    }

    /** The open legs now. */
    @Override
    public List<PositionRecord> positions() {
        List<PositionRecord> out = new ArrayList<>();
        for (OpenSlot s : slots) {
            if (s == null) continue;
            out.add(position(s, s.longBook(), s.longLeg()));
            out.add(position(s, s.shortBook(), s.shortLeg()));
        }
        return out;
    }

    private PositionRecord position(OpenSlot s, int b, Instrument inst) {
        return new PositionRecord(b, s.slot(), inst.venue(), inst.base(), inst.symbol(), portfolio.qty(b), portfolio.entryPrice(b),
                portfolio.markPrice(b), portfolio.leverage(b), portfolio.marginUsd(b), portfolio.unrealisedPnlUsd(b),
                portfolio.fundingUsd(b), portfolio.feesUsd(b), portfolio.liquidationPrice(b), s.openedSeq(), s.openedMs(), s.sizeUsd(),
                s.entrySpreadPct());
    }

    private Instrument instrumentOf(String venue, String base) {
        Instrument i = market.instrument(venue, base);
        if (i == null) {
            throw new IllegalStateException("the replay quotes no " + base + " perpetual on " + venue);
        }
        return i;
    }

    private static double roundDownLots(double qty, Instrument a, Instrument b) {
        Instrument coarser = a.lotSize() >= b.lotSize() ? a : b;
        return coarser.roundQtyDown(qty);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
