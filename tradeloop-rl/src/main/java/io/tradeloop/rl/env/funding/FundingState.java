package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Margin;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RiskEngine;
import io.tradeloop.risk.TradeProposal;
import io.tradeloop.risk.rules.LiquidationBuffer;
import io.tradeloop.risk.rules.MarginUseLimit;
import io.tradeloop.risk.rules.MaxOpenPositions;
import io.tradeloop.risk.rules.SufficientCash;

import java.util.Arrays;
import java.util.List;

import static io.tradeloop.rl.env.funding.ObservationLayout.*;

/**
 * Everything the observation and the action mask are computed from: the trading config, the account (a core
 * {@link Portfolio} with two books per execution slot: long leg {@code 2k}, short leg {@code 2k + 1}), the
 * execution slots and the opportunity slots. The environment keeps one and moves it step by step; serving
 * builds one from plain records ({@link FundingSnapshots#state}) — both then call the same
 * {@link #writeObservation} and {@link #writeMask}, so what a policy sees in training and in production cannot drift.
 * Entries are checked by the same {@link RiskEngine} rules the backtester uses.
 */
public final class FundingState {
    final EnvConfig env;
    final EnvLayout layout;
    final int execSlots;
    final int oppSlots;

    TradingConfig config;
    double leverage;
    RiskEngine risk;
    Portfolio portfolio;

    double initialCapital;
    double peakEquity;
    /** Deepest drawdown of the episode as a fraction (0.1 = 10% below the peak). */
    double maxDrawdown;
    double hoursElapsed;
    double episodeHours;
    long timeMs;

    final boolean[] active;
    final double[] sizeUsd;
    final double[] entryFeesUsd;
    final double[] entrySpreadPct;
    final double[] entryHour;
    final double[] longRate8h;
    final double[] shortRate8h;
    final int[] longLeg;
    final int[] shortLeg;
    /** Liquidation prices of the legs of each open position (fixed at entry: entry price and leverage do not change). */
    final double[] longLiquidationPrice;
    final double[] shortLiquidationPrice;

    /** What the last {@link #writeObservation} measured (the environment's reward and statistics reuse them). */
    double lastMinLiquidationDistance = 1;
    double lastEquity;
    double lastCapitalUtilization;

    float[] oppSource;
    int oppSourceOffset;
    final boolean[] oppValid;
    final int[] oppClass;
    TradeProposal[] classUnit;
    private double[] classScale;
    // the mask's entry sizes of this step (scratch)
    private final double[] maskSizeUsd;
    private final boolean[] maskSizeAllowed;
    private int[] classStamp;
    private int stamp;

    public FundingState(EnvConfig env) {
        this.env = env;
        this.layout = env.layout();
        this.execSlots = layout.executionSlots();
        this.oppSlots = layout.opportunitySlots();
        active = new boolean[execSlots];
        sizeUsd = new double[execSlots];
        entryFeesUsd = new double[execSlots];
        entrySpreadPct = new double[execSlots];
        entryHour = new double[execSlots];
        longRate8h = new double[execSlots];
        shortRate8h = new double[execSlots];
        longLeg = new int[execSlots];
        shortLeg = new int[execSlots];
        longLiquidationPrice = new double[execSlots];
        shortLiquidationPrice = new double[execSlots];
        oppSource = new float[oppSlots * EnvLayout.OPPORTUNITY_FEATURES];
        oppValid = new boolean[oppSlots];
        oppClass = new int[oppSlots];
        maskSizeUsd = new double[layout.sizeCount()];
        maskSizeAllowed = new boolean[layout.sizeCount()];
        setRiskClasses(1);
    }

    /** Starts an episode: fresh account of the configured capital, no positions, no opportunities. */
    void beginEpisode(TradingConfig tradingConfig, long startMs, double hours) {
        beginEpisode(tradingConfig, startMs, hours, new Portfolio(env.initialCapitalUsd(), 2 * execSlots), env.initialCapitalUsd());
    }

    void beginEpisode(TradingConfig tradingConfig, long startMs, double hours, Portfolio account, double initialCapitalUsd) {
        boolean newRules = config == null || !config.equals(tradingConfig);
        config = tradingConfig;
        leverage = tradingConfig.entryLeverage(env.entryLeverage());
        if (newRules) {
            // The rules the contract needs, in the backtester's order; one position = two books.
            risk = new RiskEngine(List.of(new MaxOpenPositions(Math.min(config.maxPositions(), execSlots), 2),
                    new LiquidationBuffer(config.liquidationBuffer()), MarginUseLimit.refuseAbove(env.maxMarginUse()),
                    new SufficientCash()));
        }
        portfolio = account;
        initialCapital = initialCapitalUsd;
        peakEquity = account.equityUsd();
        maxDrawdown = 0;
        hoursElapsed = 0;
        episodeHours = hours;
        timeMs = startMs;
        Arrays.fill(active, false);
        Arrays.fill(oppValid, false);
    }

    void setRiskClasses(int classes) {
        classUnit = new TradeProposal[classes];
        classScale = new double[classes];
        classStamp = new int[classes];
    }

    /**
     * A proposal of one US dollar of notional per leg at the entry leverage: the risk engine's
     * {@code maxApprovedScale} of it is the largest position size (USD per leg) the rules accept.
     */
    static TradeProposal unitProposal(Instrument longInst, Instrument shortInst, double leverage, long timeMs) {
        return new TradeProposal(List.of(new Leg(longInst, Side.BUY, 1, 1, leverage, false),
                new Leg(shortInst, Side.SELL, 1, 1, leverage, false)), timeMs, "funding-arb-mask");
    }

    public EnvLayout layout() {
        return layout;
    }

    public TradingConfig config() {
        return config;
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    /** The leverage entries use under this config. */
    public double entryLeverage() {
        return leverage;
    }

    public int activePositions() {
        int n = 0;
        for (boolean a : active) {
            if (a) n++;
        }
        return n;
    }

    public boolean isActive(int slot) {
        return active[slot];
    }

    /** Position size of a slot in USD per leg (0 when empty). */
    public double positionSizeUsd(int slot) {
        return active[slot] ? sizeUsd[slot] : 0;
    }

    /** max_size = available capital × target utilisation / max positions (DESIGN.md; available = free cash). */
    public double maxPositionSizeUsd() {
        return portfolio.cashUsd() * config.targetUtilization() / config.maxPositions();
    }

    /** Size in USD per leg that an ENTER action would open now (0 for other actions). */
    public double entrySizeUsd(int action) {
        return layout.isEnter(action) ? layout.sizeFraction(layout.enterSize(action)) * maxPositionSizeUsd() : 0;
    }

    /** Net P&amp;L of a position in USD: both legs' price P&amp;L + funding − fees. */
    public double netPnlUsd(int slot) {
        int bl = 2 * slot;
        int bs = bl + 1;
        return portfolio.unrealisedPnlUsd(bl) + portfolio.unrealisedPnlUsd(bs) + portfolio.realisedPnlUsd(bl)
                + portfolio.realisedPnlUsd(bs) + portfolio.fundingUsd(bl) + portfolio.fundingUsd(bs)
                - portfolio.feesUsd(bl) - portfolio.feesUsd(bs);
    }

    /**
     * Records the liquidation prices of slot k's legs once both are filled; {@link #liquidationDistance} and the
     * environment's liquidation check read them instead of recomputing them every step.
     */
    void positionOpened(int slot) {
        longLiquidationPrice[slot] = portfolio.liquidationPrice(2 * slot);
        shortLiquidationPrice[slot] = portfolio.liquidationPrice(2 * slot + 1);
    }

    /**
     * Closest leg of an open position to liquidation, as a fraction of the mark: the portfolio's
     * {@code liquidationDistance} of both books (the same formula, with the liquidation prices recorded at entry).
     */
    public double liquidationDistance(int slot) {
        return Math.min(Margin.liquidationDistance(portfolio.markPrice(2 * slot), longLiquidationPrice[slot], true),
                Margin.liquidationDistance(portfolio.markPrice(2 * slot + 1), shortLiquidationPrice[slot], false));
    }

    /** min over active positions of the liquidation distance, 1 when flat (capped at 1). */
    public double minLiquidationDistance() {
        double m = 1;
        for (int k = 0; k < execSlots; k++) {
            if (active[k]) {
                m = Math.min(m, liquidationDistance(k));
            }
        }
        return m;
    }

    /** Writes the observation (layout order: config, portfolio, execution slots, opportunity slots). */
    public void writeObservation(float[] out, int off) {
        writeObservation(out, off, portfolio.equityUsd());
    }

    /** The same, with the account's equity already at hand (the environment has just computed it). */
    void writeObservation(float[] out, int off, double equity) {
        config.write(out, off);
        Portfolio p = portfolio;
        int n = 0;
        double pnlPctSum = 0;
        double minLiq = 1;
        double sizeSum = 0;
        int eo = off + layout.executionOffset();
        for (int k = 0; k < execSlots; k++) {
            int o = eo + k * EnvLayout.EXECUTION_FEATURES;
            if (!active[k]) {
                for (int i = o; i < o + EnvLayout.EXECUTION_FEATURES; i++) { // a plain loop: cheaper than Arrays.fill for 12 floats
                    out[i] = 0f;
                }
                continue;
            }
            int bl = 2 * k;
            int bs = bl + 1;
            double size = sizeUsd[k];
            double pl = p.markPrice(bl);
            double ps = p.markPrice(bs);
            double el = p.entryPrice(bl);
            double es = p.entryPrice(bs);
            double funding = p.fundingUsd(bl) + p.fundingUsd(bs);
            double netPct = netPnlUsd(k) / size * 100;
            double liq = liquidationDistance(k);
            out[o + E_IS_ACTIVE] = 1f;
            out[o + E_NET_PNL_PCT] = (float) netPct;
            out[o + E_HOURS_HELD] = (float) ((hoursElapsed - entryHour[k]) / EnvConfig.HOLDING_NORM_HOURS);
            out[o + E_NET_FUNDING_RATIO] = (float) (funding / size);
            out[o + E_NET_FUNDING_RATE] = (float) ((shortRate8h[k] - longRate8h[k]) * Opportunity.BP);
            out[o + E_CURRENT_SPREAD_PCT] = (float) spreadPct(pl, ps);
            out[o + E_ENTRY_SPREAD_PCT] = (float) entrySpreadPct[k];
            out[o + E_VALUE_TO_CAPITAL] = (float) ((Math.abs(p.qty(bl)) * pl + Math.abs(p.qty(bs)) * ps) / 2 / equity);
            out[o + E_FUNDING_EFFICIENCY] = (float) (entryFeesUsd[k] > 0 ? funding / entryFeesUsd[k] : 0);
            out[o + E_LONG_PNL_PCT] = (float) ((pl - el) / el * 100);
            out[o + E_SHORT_PNL_PCT] = (float) ((es - ps) / es * 100);
            out[o + E_LIQUIDATION_DISTANCE] = (float) liq;
            n++;
            pnlPctSum += netPct;
            minLiq = Math.min(minLiq, liq);
            sizeSum += size;
        }
        int po = off + layout.portfolioOffset();
        out[po + P_CAPITAL_RATIO] = (float) (equity / initialCapital);
        out[po + P_AVAILABLE_RATIO] = (float) (p.cashUsd() / equity);
        out[po + P_USED_MARGIN_RATIO] = (float) (p.usedMarginUsd() / equity);
        out[po + P_NUM_POSITIONS_RATIO] = (float) ((double) n / config.maxPositions());
        out[po + P_AVG_POSITION_PNL_PCT] = (float) (n == 0 ? 0 : pnlPctSum / n);
        out[po + P_TOTAL_PNL_PCT] = (float) ((equity - initialCapital) / initialCapital * 100);
        out[po + P_MAX_DRAWDOWN_PCT] = (float) (-maxDrawdown * 100);
        out[po + P_EPISODE_PROGRESS] = (float) (hoursElapsed / episodeHours);
        out[po + P_MIN_LIQUIDATION_DISTANCE] = (float) minLiq;
        out[po + P_CAPITAL_UTILIZATION] = (float) (sizeSum / equity);
        lastMinLiquidationDistance = minLiq;
        lastEquity = equity;
        lastCapitalUtilization = sizeSum / equity;
        System.arraycopy(oppSource, oppSourceOffset, out, off + layout.opportunityOffset(), oppSlots * EnvLayout.OPPORTUNITY_FEATURES);
    }

    /** |a − b| / mean(a, b) × 100. */
    static double spreadPct(double a, double b) {
        return Math.abs(a - b) / ((a + b) / 2) * 100;
    }

    /**
     * Writes the action mask: HOLD always; ENTER slot i size s when the opportunity is valid, a position slot
     * is free (fewer than min(max_positions, execution slots) open), the size is at least the minimum order and
     * the risk engine approves that size unchanged (position limit, liquidation buffer, 95% margin use, cash
     * for margin and fees); EXIT slot k when it holds a position. Allocates nothing.
     */
    public void writeMask(boolean[] out, int off) {
        out[off] = true;
        int cap = Math.min(config.maxPositions(), execSlots);
        boolean free = activePositions() < cap;
        double maxSize = maxPositionSizeUsd();
        double minOrder = env.minOrderUsd();
        int sizes = maskSizeUsd.length;
        for (int s = 0; s < sizes; s++) {   // the entry sizes are the same for every opportunity
            double size = layout.sizeFraction(s) * maxSize;
            maskSizeUsd[s] = size;
            maskSizeAllowed[s] = size >= minOrder && size > 0;
        }
        stamp++;
        for (int i = 0; i < oppSlots; i++) {
            if (!(free && oppValid[i])) {
                for (int s = 0; s < sizes; s++) {
                    out[off + layout.enterAction(i, s)] = false;
                }
                continue;
            }
            int k = oppClass[i];
            if (classStamp[k] != stamp) {
                classScale[k] = risk.maxApprovedScale(classUnit[k], portfolio, timeMs);
                classStamp[k] = stamp;
            }
            double scale = classScale[k];
            for (int s = 0; s < sizes; s++) {
                out[off + layout.enterAction(i, s)] = maskSizeAllowed[s] && maskSizeUsd[s] <= scale;
            }
        }
        for (int k = 0; k < execSlots; k++) {
            out[off + layout.exitAction(k)] = active[k];
        }
    }

    /** Equity, peak and drawdown after the marks moved; returns equity. */
    double updateDrawdown() {
        double eq = portfolio.equityUsd();
        if (eq > peakEquity) {
            peakEquity = eq;
        } else {
            double dd = (peakEquity - eq) / peakEquity;
            if (dd > maxDrawdown) {
                maxDrawdown = dd;
            }
        }
        return eq;
    }

    /** Current drawdown from the episode's peak, as a fraction. */
    public double drawdown() {
        double eq = portfolio.equityUsd();
        return eq >= peakEquity ? 0 : (peakEquity - eq) / peakEquity;
    }
}
