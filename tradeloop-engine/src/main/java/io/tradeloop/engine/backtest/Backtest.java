package io.tradeloop.engine.backtest;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Order;
import io.tradeloop.core.order.OrderType;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.time.SimulatedClock;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.metrics.EquityCurve;
import io.tradeloop.engine.metrics.PerformanceMetrics;
import io.tradeloop.engine.metrics.TradeLedger;
import io.tradeloop.engine.strategy.AccountView;
import io.tradeloop.engine.strategy.BarView;
import io.tradeloop.engine.strategy.FundingView;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;
import io.tradeloop.engine.venue.JournalEntry;
import io.tradeloop.engine.venue.OrderJournal;
import io.tradeloop.engine.venue.SimulatedVenue;
import io.tradeloop.risk.ActivityView;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.MarketView;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskDecision;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The backtest event loop: a simulated clock steps through the union of every feed's bar open and close
 * times and funding times; at each instant it closes bars (resting limits, liquidations, marks),
 * settles funding at the close prices, records equity, lets the strategy react, then opens the next
 * bars (market orders fill). Every order passes the one {@link RiskEngine} before it reaches the
 * {@link SimulatedVenue}, which books into the one {@link Portfolio}.
 *
 * <p>Per bar the loop allocates nothing: views, flags and the equity curve are preallocated, and
 * objects are made only when something happens (an order, a fill, a funding payment on a position).
 * Pass a reused {@link EquityCurve} to keep even the per-run storage.
 */
public final class Backtest {
    private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);

    private final List<MarketFeed> feeds;
    private final Strategy strategy;
    private final RiskEngine risk;
    private final BacktestConfig config;
    private final EquityCurve curve;
    private final MarketView riskMarket;
    private final ActivityView riskActivity;

    public Backtest(List<MarketFeed> feeds, Strategy strategy, RiskEngine risk, BacktestConfig config) {
        this(feeds, strategy, risk, config, null);
    }

    /** @param reusableCurve storage for the equity curve, reset and reused (null: a new one) */
    public Backtest(List<MarketFeed> feeds, Strategy strategy, RiskEngine risk, BacktestConfig config, EquityCurve reusableCurve) {
        this(feeds, strategy, risk, config, reusableCurve, MarketView.NONE, ActivityView.NONE);
    }

    /**
     * A run whose risk rules also see market inputs (return histories, data freshness) and the
     * account's recorded activity, as the stateful rules (VaR, caps, cooldowns, drawdown halt, circuit
     * breaker) need; the strategy or the loop that owns them keeps them up to date.
     */
    public Backtest(List<MarketFeed> feeds, Strategy strategy, RiskEngine risk, BacktestConfig config, EquityCurve reusableCurve,
                    MarketView riskMarket, ActivityView riskActivity) {
        this.riskMarket = riskMarket;
        this.riskActivity = riskActivity;
        if (feeds.isEmpty()) {
            throw new ConfigException("feeds", "a backtest needs at least one feed");
        }
        for (int f = 0; f < feeds.size(); f++) {
            checkNoOverlap(feeds.get(f).bars());
        }
        this.feeds = List.copyOf(feeds);
        this.strategy = strategy;
        this.risk = risk;
        this.config = config;
        this.curve = reusableCurve != null ? reusableCurve : new EquityCurve(capacity(feeds));
    }

    private static int capacity(List<MarketFeed> feeds) {
        long c = 1;
        for (MarketFeed f : feeds) {
            c += f.bars().size() + f.funding().size();
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, c);
    }

    private static void checkNoOverlap(BarSeries s) {
        long tf = s.timeframe().millis();
        for (int i = 1; i < s.size(); i++) {
            if (s.openTimeMs(i) < s.openTimeMs(i - 1) + tf) {
                throw new IllegalArgumentException(s.name() + ": bar " + i + " opens at " + TimeFormat.iso(s.openTimeMs(i))
                        + ", before bar " + (i - 1) + " (" + TimeFormat.iso(s.openTimeMs(i - 1)) + ") has closed (timeframe "
                        + s.timeframe() + ")");
            }
        }
    }

    /** Runs the strategy over the feeds from the first bar to the last. */
    public BacktestResult run() {
        long wallStart = System.nanoTime();
        final int k = feeds.size();
        Portfolio portfolio = new Portfolio(config.initialCashUsd(), k);
        OrderJournal journal = new OrderJournal();
        TradeLedger ledger = new TradeLedger(portfolio);
        SimulatedVenue venue = new SimulatedVenue(feeds, portfolio, config.slippage(), journal, ledger::onFill);

        long[][] openT = new long[k][];
        long[] tfMs = new long[k];
        int[] size = new int[k];
        long[][] fundT = new long[k][];
        double[][] fundR = new double[k][];
        int[] fundSize = new int[k];
        SeriesBarView[] barViews = new SeriesBarView[k];
        SeriesFundingView[] fundingViews = new SeriesFundingView[k];
        long start = Long.MAX_VALUE;
        long minTf = Long.MAX_VALUE;
        for (int f = 0; f < k; f++) {
            MarketFeed feed = feeds.get(f);
            openT[f] = feed.bars().openTimes();
            tfMs[f] = feed.bars().timeframe().millis();
            size[f] = feed.bars().size();
            fundT[f] = feed.funding().times();
            fundR[f] = feed.funding().rates();
            fundSize[f] = feed.funding().size();
            barViews[f] = new SeriesBarView(feed.bars());
            fundingViews[f] = new SeriesFundingView(feed.funding());
            if (size[f] > 0) start = Math.min(start, openT[f][0]);
            if (fundSize[f] > 0) start = Math.min(start, fundT[f][0]);
            minTf = Math.min(minTf, tfMs[f]);
        }
        if (start == Long.MAX_VALUE) {
            throw new IllegalArgumentException("no bars and no funding in any feed: nothing to backtest");
        }
        SimulatedClock clock = new SimulatedClock(start);
        Context ctx = new Context(clock, portfolio, venue, journal, barViews, fundingViews);
        curve.reset();
        curve.append(start, portfolio.equityUsd(), 0);

        int[] nextOpen = new int[k];
        boolean[] inBar = new boolean[k];
        int[] nextFund = new int[k];
        boolean[] closedNow = new boolean[k];
        boolean[] fundedNow = new boolean[k];
        long events = 0;
        long lastT = start;

        strategy.onStart(ctx);
        while (true) {
            long t = Long.MAX_VALUE;
            for (int f = 0; f < k; f++) {
                long c;
                if (inBar[f]) c = openT[f][nextOpen[f] - 1] + tfMs[f];
                else if (nextOpen[f] < size[f]) c = openT[f][nextOpen[f]];
                else c = Long.MAX_VALUE;
                if (c < t) t = c;
                if (nextFund[f] < fundSize[f] && fundT[f][nextFund[f]] < t) t = fundT[f][nextFund[f]];
            }
            if (t == Long.MAX_VALUE) {
                break;
            }
            clock.advanceTo(t);
            lastT = t;
            boolean happened = false;
            // 1. Bars closing at t: resting limits, liquidations, marks; then the bar becomes visible.
            for (int f = 0; f < k; f++) {
                closedNow[f] = false;
                if (inBar[f] && openT[f][nextOpen[f] - 1] + tfMs[f] == t) {
                    int b = nextOpen[f] - 1;
                    venue.onBarClose(f, b, t);
                    barViews[f].visible = b + 1;
                    inBar[f] = false;
                    closedNow[f] = true;
                    happened = true;
                }
            }
            // 2. Funding settles on the positions held at t, marked at the close at t (before anything decided at t executes).
            for (int f = 0; f < k; f++) {
                fundedNow[f] = false;
                while (nextFund[f] < fundSize[f] && fundT[f][nextFund[f]] <= t) {
                    venue.settleFunding(f, fundR[f][nextFund[f]], t);
                    nextFund[f]++;
                    fundingViews[f].visible = nextFund[f];
                    fundedNow[f] = true;
                    happened = true;
                }
            }
            // 3. Record, 4. let the strategy react.
            if (happened) {
                events++;
                double eq = portfolio.updateDrawdown();
                double gross = 0;
                for (int b = 0; b < k; b++) {
                    gross += Math.abs(portfolio.qty(b) * portfolio.markPrice(b));
                }
                curve.append(t, eq, gross);
                for (int f = 0; f < k; f++) {
                    if (fundedNow[f]) strategy.onFunding(ctx, f);
                }
                for (int f = 0; f < k; f++) {
                    if (closedNow[f]) strategy.onBar(ctx, f);
                }
                strategy.onStepEnd(ctx);
            }
            // 5. Bars opening at t: what was decided until now executes at their open.
            for (int f = 0; f < k; f++) {
                if (!inBar[f] && nextOpen[f] < size[f] && openT[f][nextOpen[f]] == t) {
                    venue.onBarOpen(f, nextOpen[f], t);
                    nextOpen[f]++;
                    inBar[f] = true;
                }
            }
        }
        strategy.onEnd(ctx);
        venue.expireAll(lastT);

        double ppy = Double.isNaN(config.periodsPerYear()) ? PerformanceMetrics.periodsPerYear(minTf) : config.periodsPerYear();
        var totals = new PerformanceMetrics.Totals(ledger.tradedNotionalUsd(), portfolio.feesPaidUsd(), 0.0 - portfolio.fundingUsd(),
                ledger.openTrades(), journal.liquidations());
        var trades = ledger.closedTrades();
        var metrics = PerformanceMetrics.compute(curve, trades, totals, ppy);
        LOG.info("backtest strategy={} feeds={} events={} fills={} refused={} rejected={} trades={} finalEquityUsd={} totalReturn={} elapsedMs={}",
                strategy.name(), k, events, journal.fills().size(), journal.refusedProposals(), journal.rejectedOrders(),
                trades.size(), String.format(java.util.Locale.ROOT, "%.2f", metrics.finalEquityUsd()),
                String.format(java.util.Locale.ROOT, "%.4f", metrics.totalReturn()), (System.nanoTime() - wallStart) / 1_000_000);
        return new BacktestResult(strategy.name(), feeds, config, risk.rules().stream().map(PreTradeRule::name).toList(), curve,
                journal, trades, portfolio.openPositions(), metrics, events);
    }

    /** The bars of a feed up to the newest closed one. */
    static final class SeriesBarView implements BarView {
        private final BarSeries series;
        private final long tfMs;
        int visible;

        SeriesBarView(BarSeries series) {
            this.series = series;
            this.tfMs = series.timeframe().millis();
        }

        private int check(int i) {
            if (i < 0 || i >= visible) {
                throw new IndexOutOfBoundsException("bar " + i + " of " + series.name() + " is not visible: "
                        + visible + " bars have closed so far");
            }
            return i;
        }

        @Override
        public int size() {
            return visible;
        }

        @Override
        public long openTimeMs(int i) {
            return series.openTimeMs(check(i));
        }

        @Override
        public long closeTimeMs(int i) {
            return series.openTimeMs(check(i)) + tfMs;
        }

        @Override
        public double open(int i) {
            return series.open(check(i));
        }

        @Override
        public double high(int i) {
            return series.high(check(i));
        }

        @Override
        public double low(int i) {
            return series.low(check(i));
        }

        @Override
        public double close(int i) {
            return series.close(check(i));
        }

        @Override
        public double volume(int i) {
            return series.volume(check(i));
        }
    }

    /** The funding settlements of a feed up to now. */
    static final class SeriesFundingView implements FundingView {
        private final FundingSeries series;
        int visible;

        SeriesFundingView(FundingSeries series) {
            this.series = series;
        }

        private int check(int i) {
            if (i < 0 || i >= visible) {
                throw new IndexOutOfBoundsException("funding settlement " + i + " of " + series.venue() + " " + series.base()
                        + " has not happened: " + visible + " settlements so far");
            }
            return i;
        }

        @Override
        public int size() {
            return visible;
        }

        @Override
        public double intervalHours() {
            return series.intervalHours();
        }

        @Override
        public long timeMs(int i) {
            return series.timeMs(check(i));
        }

        @Override
        public double rate(int i) {
            return series.rate(check(i));
        }
    }

    /** The strategy's window on the run, and the order path: request → risk engine → venue. */
    private final class Context implements StrategyContext, AccountView {
        private final SimulatedClock clock;
        private final Portfolio portfolio;
        private final SimulatedVenue venue;
        private final OrderJournal journal;
        private final SeriesBarView[] bars;
        private final SeriesFundingView[] funding;
        private long proposalSeq;

        Context(SimulatedClock clock, Portfolio portfolio, SimulatedVenue venue, OrderJournal journal,
                SeriesBarView[] bars, SeriesFundingView[] funding) {
            this.clock = clock;
            this.portfolio = portfolio;
            this.venue = venue;
            this.journal = journal;
            this.bars = bars;
            this.funding = funding;
        }

        @Override
        public long nowMs() {
            return clock.nowMs();
        }

        @Override
        public int feeds() {
            return bars.length;
        }

        @Override
        public Instrument instrument(int feed) {
            return feeds.get(feed).instrument();
        }

        @Override
        public BarView bars(int feed) {
            return bars[feed];
        }

        @Override
        public FundingView funding(int feed) {
            return funding[feed];
        }

        @Override
        public AccountView account() {
            return this;
        }

        @Override
        public RiskDecision submit(OrderRequest... requests) {
            long id = ++proposalSeq;
            long now = clock.nowMs();
            if (requests.length == 0) {
                throw new IllegalArgumentException("submit needs at least one order request");
            }
            List<Leg> legs = new ArrayList<>(requests.length);
            String problem = null;
            for (OrderRequest r : requests) {
                if (r.feed() >= bars.length) {
                    throw new IllegalArgumentException("order request for feed " + r.feed() + ", the run has " + bars.length + " feeds");
                }
                Instrument inst = instrument(r.feed());
                double price = r.type() == OrderType.LIMIT ? r.limitPrice() : venue.lastClose(r.feed());
                double pos = portfolio.qty(r.feed());
                boolean opposite = pos != 0 && Math.signum(pos) != r.side().sign();
                double qty = r.reduceOnly() ? (opposite ? Math.min(r.qty(), Math.abs(pos)) : 0) : inst.roundQtyDown(r.qty());
                if (Double.isNaN(price)) {
                    problem = "no price for " + inst.id() + " yet: no bar has closed";
                } else if (!(qty > 0)) {
                    problem = r.reduceOnly() ? "reduce-only " + r.side() + " " + inst.id() + " has no opposite position to reduce"
                            : "quantity " + r.qty() + " of " + inst.id() + " is below the lot size " + inst.lotSize();
                }
                if (problem != null) {
                    break;
                }
                boolean reducing = r.reduceOnly() || (opposite && qty <= Math.abs(pos) * (1 + 1e-12));
                legs.add(new Leg(inst, r.side(), qty, price, r.leverage(), reducing));
            }
            if (problem != null) {
                RiskDecision refused = new RiskDecision(RiskVerdict.refused("order-request", problem), null, List.of());
                journal.append(new JournalEntry.RiskChecked(now, id, null, refused));
                return refused;
            }
            TradeProposal proposal = new TradeProposal(legs, now, strategy.name());
            RiskDecision decision = risk.check(proposal, new RiskContext(portfolio, now, riskMarket, riskActivity));
            if (!decision.isRefused() && decision.approved() != proposal) {
                // Scaled down: whole lots only, and a leg scaled to nothing sinks the whole proposal.
                List<Leg> scaled = decision.approved().legs();
                for (Leg l : scaled) {
                    if (!l.reducing() && !(l.instrument().roundQtyDown(l.qty()) > 0)) {
                        decision = new RiskDecision(RiskVerdict.refused("lot-size", "scaled " + l.side() + " " + l.instrument().id()
                                + " to " + l.qty() + ", below the lot size " + l.instrument().lotSize()), null, decision.trail());
                        break;
                    }
                }
            }
            journal.append(new JournalEntry.RiskChecked(now, id, proposal, decision));
            if (decision.isRefused()) {
                return decision;
            }
            List<Leg> approved = decision.approved().legs();
            for (int i = 0; i < requests.length; i++) {
                OrderRequest r = requests[i];
                Leg l = approved.get(i);
                double qty = l.reducing() ? l.qty() : l.instrument().roundQtyDown(l.qty());
                String coid = r.clientOrderId() != null ? r.clientOrderId() : "p" + id + "-" + i;
                Order order = new Order(coid, l.instrument(), r.side(), r.type(), qty, r.limitPrice(), r.leverage(), r.feed(),
                        r.reduceOnly(), now);
                venue.submit(order, id, now);
            }
            return decision;
        }

        @Override
        public boolean cancel(String clientOrderId) {
            return venue.cancel(clientOrderId, clock.nowMs());
        }

        @Override
        public int pendingOrders(int feed) {
            return venue.pendingOrders(feed);
        }

        // AccountView: read-only window on the portfolio.
        @Override
        public double equityUsd() {
            return portfolio.equityUsd();
        }

        @Override
        public double cashUsd() {
            return portfolio.cashUsd();
        }

        @Override
        public double initialCashUsd() {
            return portfolio.initialCashUsd();
        }

        @Override
        public double usedMarginUsd() {
            return portfolio.usedMarginUsd();
        }

        @Override
        public double position(int feed) {
            return portfolio.qty(feed);
        }

        @Override
        public double entryPrice(int feed) {
            return portfolio.entryPrice(feed);
        }

        @Override
        public double liquidationDistance(int feed) {
            return portfolio.liquidationDistance(feed);
        }

        @Override
        public double unrealisedPnlUsd(int feed) {
            return portfolio.unrealisedPnlUsd(feed);
        }
    }
}
