package io.tradeloop.engine.strategy.ensemble;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.decide.adapt.ClosedTrade;
import io.tradeloop.decide.adapt.MarketState;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.pipeline.BarInputs;
import io.tradeloop.decide.pipeline.DecisionPipeline;
import io.tradeloop.decide.pipeline.DirectionalModels;
import io.tradeloop.decide.pipeline.StackConfig;
import io.tradeloop.decide.pipeline.StackLevel;
import io.tradeloop.decide.record.Action;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.decide.record.RiskCheck;
import io.tradeloop.decide.record.Sizing;
import io.tradeloop.decide.vote.Direction;
import io.tradeloop.engine.strategy.BarView;
import io.tradeloop.engine.strategy.OrderRequest;
import io.tradeloop.engine.strategy.Strategy;
import io.tradeloop.engine.strategy.StrategyContext;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.risk.RecordedMarket;
import io.tradeloop.risk.RiskDecision;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradingActivity;
import io.tradeloop.risk.exit.ExitEngine;
import io.tradeloop.risk.exit.ExitVerdict;
import io.tradeloop.risk.exit.StopLoss;
import io.tradeloop.risk.exit.TradeWatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The directional decision stack as a {@link Strategy}: each closed bar goes through the same feature
 * stream and scaler the models were trained with, then the {@link DecisionPipeline}; entries and exits
 * go through {@link StrategyContext#submit} (the risk engine) and execute at the next bar's open.
 * Protective exits (stop-loss and take-profit at every level; tiered trailing stop, profit lock and
 * liquidation guard from the risk level on) are checked on each bar's close. The strategy records what
 * the stateful risk rules read (returns, data time, entries, exits, slippage, equity) into the
 * {@link RecordedMarket} and {@link TradingActivity} the backtest's risk context shares, and keeps
 * every {@link Decision} for the report.
 */
public final class EnsembleStrategy implements Strategy {

    /**
     * @param feed          the feed traded
     * @param level         which layers run
     * @param stack         thresholds and sizes
     * @param features      the feature set the models were trained on
     * @param history       bars before the backtest (warm-up of features, volatility and regime), may be empty
     * @param daily         daily bars for the multi-timeframe features (the stream folds one in only after it closes)
     */
    public record Config(int feed, StackLevel level, StackConfig stack, FeatureSetDefinition features, BarSeries history, BarSeries daily) {
        public Config {
            Checks.inRange("feed", feed, 0, 10_000);
            Checks.notNull("level", level);
            Checks.notNull("stack", stack);
            Checks.notNull("features", features);
            Checks.notNull("daily", daily);
        }
    }

    private final DirectionalModels models;
    private final FittedScaler scaler;
    private final Config config;
    private final QLearningParameterAdapter adapter;
    private final RecordedMarket market;
    private final TradingActivity activity;
    private final List<Decision> decisions = new ArrayList<>();

    private BarInputs inputs;
    private DecisionPipeline pipeline;
    private ExitEngine exits;
    // the open trade
    private int side;
    private TradeWatch watch;
    private int barsHeld;
    private double entryEquity;
    private double minEquity;
    private double decisionPrice;
    private double pendingStop = Double.NaN;
    private double pendingTake = Double.NaN;
    private boolean awaitingEntry;
    private double peakEquity;

    public EnsembleStrategy(DirectionalModels models, FittedScaler scaler, Config config, QLearningParameterAdapter adapter,
                            RecordedMarket market, TradingActivity activity) {
        this.models = models;
        this.scaler = scaler;
        this.config = config;
        this.adapter = adapter;
        this.market = market;
        this.activity = activity;
        if (!scaler.columns().equals(models.featureNames())) {
            throw new IllegalArgumentException("the scaler's columns " + scaler.columns() + " differ from the models' " + models.featureNames());
        }
    }

    @Override
    public String name() {
        return "ensemble:" + config.level().label();
    }

    /** Every decision taken, in time order. */
    public List<Decision> decisions() {
        return decisions;
    }

    @Override
    public void onStart(StrategyContext ctx) {
        decisions.clear();
        Timeframe tf = config.history() != null && config.history().size() > 0 ? config.history().timeframe() : Timeframe.H4;
        inputs = new BarInputs(models, scaler, config.features(), tf, config.daily());
        pipeline = new DecisionPipeline(models, config.level(), config.stack(), ctx.instrument(config.feed()).id(), adapter);
        exits = config.level().has(StackLevel.RISK) ? ExitEngine.standard() : new ExitEngine(List.of(new StopLoss()));
        side = 0;
        watch = null;
        awaitingEntry = false;
        peakEquity = Double.NaN;
        BarSeries h = config.history();
        if (h != null) {
            String id = ctx.instrument(config.feed()).id();
            for (int i = 0; i < h.size(); i++) {
                long t = h.closeTimeMs(i);
                inputs.update(t, h.open(i), h.high(i), h.low(i), h.close(i), h.volume(i));
                market.onClose(id, h.close(i), t);
                if (inputs.ready()) pipeline.observe(inputs.input(0, 0, 0));
            }
        }
    }

    @Override
    public void onBar(StrategyContext ctx, int feed) {
        if (feed != config.feed()) return;
        BarView bars = ctx.bars(feed);
        int i = bars.last();
        long t = bars.closeTimeMs(i);
        double c = bars.close(i);
        inputs.update(t, bars.open(i), bars.high(i), bars.low(i), c, bars.volume(i));
        String id = ctx.instrument(feed).id();
        market.onClose(id, c, t);
        double equity = ctx.account().equityUsd();
        activity.recordEquity(t, equity);
        peakEquity = Double.isNaN(peakEquity) ? equity : Math.max(peakEquity, equity);
        double drawdown = peakEquity > 0 ? Math.max(0, (peakEquity - equity) / peakEquity) : 0;

        // What happened to the orders sent at the last close (they filled at this bar's open).
        double pos = ctx.account().position(feed);
        int nowSide = pos > 0 ? 1 : pos < 0 ? -1 : 0;
        if (side == 0 && nowSide != 0) {
            double entry = ctx.account().entryPrice(feed);
            activity.recordEntry(t);
            activity.recordSlippage(t, nowSide * (entry / decisionPrice - 1) * 1e4);
            watch = new TradeWatch(nowSide, entry, t, config.stack().leverage(), pendingStop, pendingTake);
            entryEquity = equityBefore(ctx, feed, equity);
            minEquity = equity;
            barsHeld = 0;
            awaitingEntry = false;
        } else if (side != 0 && nowSide == 0) {
            double pnl = equity - entryEquity;
            activity.recordExit(t, pnl);
            if (adapter != null && adapter.awaitingOutcome()) {
                double adverse = Math.max(0, (entryEquity - minEquity) / entryEquity * 100);
                adapter.onTradeClosed(new ClosedTrade(pnl / entryEquity * 100, barsHeld, adverse), state(t, c, drawdown));
            }
            watch = null;
        } else if (awaitingEntry && nowSide == 0 && ctx.pendingOrders(feed) == 0) {
            awaitingEntry = false; // the approved order did not fill (e.g. rejected at the venue)
            if (adapter != null) adapter.onNoTrade(state(t, c, drawdown));
        }
        side = nowSide;
        if (side != 0) {
            barsHeld++;
            minEquity = Math.min(minEquity, equity);
        }
        if (ctx.pendingOrders(feed) > 0 || !inputs.ready()) {
            if (inputs.ready()) pipeline.observe(inputs.input(drawdown, side, barsHeld));
            return;
        }

        // Protective exits first, on the bar's close.
        if (side != 0 && watch != null) {
            ExitVerdict ev = exits.onBar(watch, c, c, c, c);
            if (ev instanceof ExitVerdict.Exit ex) {
                pipeline.observe(inputs.input(drawdown, side, barsHeld));
                submitExit(ctx, feed, pos, t, c, ex.rule() + ": " + ex.reason());
                return;
            }
        }
        Decision d = pipeline.decide(inputs.input(drawdown, side, barsHeld));
        switch (d.action()) {
            case Action.Enter e -> {
                double qty = e.equityFraction() * equity / c;
                decisionPrice = c;
                pendingStop = e.stopLossPct();
                pendingTake = e.takeProfitPct();
                RiskDecision rd = ctx.submit(OrderRequest.market(feed, e.side() == Direction.LONG ? Side.BUY : Side.SELL, qty,
                        config.stack().leverage()));
                List<RiskCheck> checks = rd.trail().stream().map(RiskCheck::of).toList();
                if (rd.isRefused()) {
                    if (adapter != null) adapter.onNoTrade(state(t, c, drawdown));
                    d = d.withRisk(withFinal(checks, rd.finalVerdict()), d.sizing(), new Action.Hold("refused by " + rd.finalVerdict().rule()
                            + ": " + ((RiskVerdict.Refused) rd.finalVerdict()).reason()));
                } else {
                    double scale = rd.approved().legs().get(0).qty() / qty;
                    Sizing s = d.sizing();
                    Sizing after = new Sizing(s.baseFraction(), s.confidenceWeight(), s.adapterMultiplier(), s.fuzzyMultiplier(),
                            s.riskBudgetCap(), scale, s.finalFraction() * scale);
                    d = d.withRisk(checks, after, new Action.Enter(e.side(), after.finalFraction(), e.stopLossPct(), e.takeProfitPct(), e.maxBars()));
                    awaitingEntry = true;
                }
            }
            case Action.Exit x -> {
                RiskDecision rd = ctx.submit(OrderRequest.close(feed, pos > 0 ? Side.SELL : Side.BUY, Math.abs(pos)));
                d = d.withRisk(rd.trail().stream().map(RiskCheck::of).toList(), null, x);
            }
            case Action.Hold ignored -> {
            }
        }
        decisions.add(d);
    }

    private static List<RiskCheck> withFinal(List<RiskCheck> trail, RiskVerdict finalVerdict) {
        if (!trail.isEmpty()) return trail;
        return List.of(RiskCheck.of(finalVerdict)); // refused before any rule ran (e.g. below the lot size)
    }

    /** Equity just before the entry: this bar's equity less the position's unrealised P&amp;L since the fill. */
    private static double equityBefore(StrategyContext ctx, int feed, double equity) {
        return equity - ctx.account().unrealisedPnlUsd(feed);
    }

    private MarketState state(long t, double c, double drawdown) {
        return pipeline.marketState(inputs.input(drawdown, side, barsHeld));
    }

    private void submitExit(StrategyContext ctx, int feed, double pos, long t, double c, String reason) {
        RiskDecision rd = ctx.submit(OrderRequest.close(feed, pos > 0 ? Side.SELL : Side.BUY, Math.abs(pos)));
        var d = new Decision(t, ctx.instrument(feed).id(), config.level().label(), models.featureSetVersion(), c, List.of(), null, null, null,
                null, List.of(), adapter == null ? null : adapter.parameters(), null, rd.trail().stream().map(RiskCheck::of).toList(),
                new Action.Exit(reason));
        decisions.add(d);
    }
}
