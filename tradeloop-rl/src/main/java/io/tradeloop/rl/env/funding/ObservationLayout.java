package io.tradeloop.rl.env.funding;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every observation feature sits, what it means and how it is computed: the index constants the
 * writers ({@link FundingState#writeObservation}, {@link Opportunity#encode}, {@link TradingConfig#write}) use,
 * and the table {@code tradeloop env describe funding-arb} prints. Tests fill a hand-worked scenario and read
 * each feature back by its name from this table, so the table and the writers cannot disagree.
 */
public final class ObservationLayout {
    private ObservationLayout() {
    }

    /** One feature: position inside its block, name, formula and unit. */
    public record FeatureDef(int index, String name, String formula, String unit) {
    }

    /** One feature at its absolute index in the observation. */
    public record Feature(int index, String block, int slot, String name, String formula, String unit, boolean modelled) {
        /** {@code portfolio.capital_ratio}, {@code executions[2].net_pnl_pct}, ... */
        public String qualifiedName() {
            return slot < 0 ? block + "." + name : block + "[" + slot + "]." + name;
        }
    }

    /** One action: index, name and what it does. */
    public record ActionDef(int index, String name, String kind, int slot, double sizeFraction, String description) {
    }

    // config block
    public static final int C_MAX_LEVERAGE = 0;
    public static final int C_TARGET_UTILIZATION = 1;
    public static final int C_MAX_POSITIONS = 2;
    public static final int C_STOP_LOSS = 3;
    public static final int C_LIQUIDATION_BUFFER = 4;

    // portfolio block
    public static final int P_CAPITAL_RATIO = 0;
    public static final int P_AVAILABLE_RATIO = 1;
    public static final int P_USED_MARGIN_RATIO = 2;
    public static final int P_NUM_POSITIONS_RATIO = 3;
    public static final int P_AVG_POSITION_PNL_PCT = 4;
    public static final int P_TOTAL_PNL_PCT = 5;
    public static final int P_MAX_DRAWDOWN_PCT = 6;
    public static final int P_EPISODE_PROGRESS = 7;
    public static final int P_MIN_LIQUIDATION_DISTANCE = 8;
    public static final int P_CAPITAL_UTILIZATION = 9;

    // execution slot block
    public static final int E_IS_ACTIVE = 0;
    public static final int E_NET_PNL_PCT = 1;
    public static final int E_HOURS_HELD = 2;
    public static final int E_NET_FUNDING_RATIO = 3;
    public static final int E_NET_FUNDING_RATE = 4;
    public static final int E_CURRENT_SPREAD_PCT = 5;
    public static final int E_ENTRY_SPREAD_PCT = 6;
    public static final int E_VALUE_TO_CAPITAL = 7;
    public static final int E_FUNDING_EFFICIENCY = 8;
    public static final int E_LONG_PNL_PCT = 9;
    public static final int E_SHORT_PNL_PCT = 10;
    public static final int E_LIQUIDATION_DISTANCE = 11;

    // opportunity slot block
    public static final int O_IS_VALID = 0;
    public static final int O_LONG_RATE = 1;
    public static final int O_SHORT_RATE = 2;
    public static final int O_LONG_INTERVAL = 3;
    public static final int O_SHORT_INTERVAL = 4;
    public static final int O_PROFIT_8H = 5;
    public static final int O_PROFIT_8H_24H = 6;
    public static final int O_PROFIT_8H_3D = 7;
    public static final int O_APR = 8;
    public static final int O_APR_24H = 9;
    public static final int O_APR_3D = 10;
    public static final int O_SPREAD_30 = 11;
    public static final int O_SPREAD_24H = 12;
    public static final int O_SPREAD_3D = 13;
    public static final int O_SPREAD_STD = 14;
    public static final int O_VOLUME_LOG = 15;
    public static final int O_BID_ASK_PCT = 16;
    public static final int O_DEPTH_LOG = 17;
    public static final int O_EST_PROFIT_PCT = 18;
    public static final int O_POSITION_COST_PCT = 19;

    public static final List<FeatureDef> CONFIG = List.of(
            new FeatureDef(C_MAX_LEVERAGE, "max_leverage", "config.max_leverage", "x, 1-10"),
            new FeatureDef(C_TARGET_UTILIZATION, "target_utilization", "config.target_utilization", "fraction, 0-1"),
            new FeatureDef(C_MAX_POSITIONS, "max_positions", "config.max_positions", "count, 1-5"),
            new FeatureDef(C_STOP_LOSS, "stop_loss_threshold", "config.stop_loss_threshold", "fraction, -0.05..-0.01"),
            new FeatureDef(C_LIQUIDATION_BUFFER, "liquidation_buffer", "config.liquidation_buffer", "fraction, 0.1-0.3"));

    public static final List<FeatureDef> PORTFOLIO = List.of(
            new FeatureDef(P_CAPITAL_RATIO, "capital_ratio", "equity / initial_capital (equity = cash + margin + unrealised P&L)", "ratio"),
            new FeatureDef(P_AVAILABLE_RATIO, "available_ratio", "available_capital / equity (available = free cash)", "ratio"),
            new FeatureDef(P_USED_MARGIN_RATIO, "used_margin_ratio", "sum of leg margins / equity", "ratio"),
            new FeatureDef(P_NUM_POSITIONS_RATIO, "num_positions_ratio", "active positions / max_positions", "ratio"),
            new FeatureDef(P_AVG_POSITION_PNL_PCT, "avg_position_pnl_pct", "mean net_pnl_pct of active positions (0 when none)", "%"),
            new FeatureDef(P_TOTAL_PNL_PCT, "portfolio_total_pnl_pct", "(equity - initial_capital) / initial_capital x 100", "%"),
            new FeatureDef(P_MAX_DRAWDOWN_PCT, "max_drawdown_pct", "min over the episode of (equity / peak_equity - 1) x 100", "% (<= 0)"),
            new FeatureDef(P_EPISODE_PROGRESS, "episode_progress", "hours elapsed / episode length in hours", "fraction"),
            new FeatureDef(P_MIN_LIQUIDATION_DISTANCE, "min_liquidation_distance", "min over active legs of abs(mark - liquidation price) / mark (1 when flat, capped at 1)", "fraction"),
            new FeatureDef(P_CAPITAL_UTILIZATION, "capital_utilization", "sum of active position sizes / equity", "ratio"));

    public static final List<FeatureDef> EXECUTION = List.of(
            new FeatureDef(E_IS_ACTIVE, "is_active", "1 when the slot holds a position", "0/1"),
            new FeatureDef(E_NET_PNL_PCT, "net_pnl_pct", "(long P&L + short P&L + funding - fees) / size x 100", "%"),
            new FeatureDef(E_HOURS_HELD, "hours_held_norm", "hours held / 72", "ratio"),
            new FeatureDef(E_NET_FUNDING_RATIO, "net_funding_ratio", "funding received by both legs / size", "fraction"),
            new FeatureDef(E_NET_FUNDING_RATE, "net_funding_rate", "short leg rate - long leg rate, latest settled, per 8 h", "bp / 8 h"),
            new FeatureDef(E_CURRENT_SPREAD_PCT, "current_spread_pct", "abs(long mark - short mark) / mean of the marks x 100", "%"),
            new FeatureDef(E_ENTRY_SPREAD_PCT, "entry_spread_pct", "current_spread_pct at entry (marks, before costs)", "%"),
            new FeatureDef(E_VALUE_TO_CAPITAL, "value_to_capital_ratio", "mean notional of the two legs at marks / equity", "ratio"),
            new FeatureDef(E_FUNDING_EFFICIENCY, "funding_efficiency", "funding received / entry fees", "ratio"),
            new FeatureDef(E_LONG_PNL_PCT, "long_pnl_pct", "(long mark - long entry) / long entry x 100 (entry includes half the bid-ask)", "%"),
            new FeatureDef(E_SHORT_PNL_PCT, "short_pnl_pct", "(short entry - short mark) / short entry x 100", "%"),
            new FeatureDef(E_LIQUIDATION_DISTANCE, "liquidation_distance_pct", "min over the legs of abs(mark - liquidation price) / mark; liquidation = entry x (1 -/+ 0.9 / leverage)", "fraction"));

    public static final List<FeatureDef> OPPORTUNITY = List.of(
            new FeatureDef(O_IS_VALID, "is_valid", "1 when the slot holds an opportunity (short rate per 8 h above long rate per 8 h, statistics complete)", "0/1"),
            new FeatureDef(O_LONG_RATE, "long_funding_rate", "latest settled long-leg rate per its own interval x 1e4", "bp"),
            new FeatureDef(O_SHORT_RATE, "short_funding_rate", "latest settled short-leg rate per its own interval x 1e4", "bp"),
            new FeatureDef(O_LONG_INTERVAL, "long_funding_interval_norm", "long funding interval hours / 8", "ratio"),
            new FeatureDef(O_SHORT_INTERVAL, "short_funding_interval_norm", "short funding interval hours / 8", "ratio"),
            new FeatureDef(O_PROFIT_8H, "fund_profit_8h", "(short rate x 8 / short interval - long rate x 8 / long interval) x 1e4", "bp / 8 h"),
            new FeatureDef(O_PROFIT_8H_24H, "fund_profit_8h_24h_proj", "mean of fund_profit_8h over the steps of the last 24 h", "bp / 8 h"),
            new FeatureDef(O_PROFIT_8H_3D, "fund_profit_8h_3d_proj", "mean of fund_profit_8h over the steps of the last 72 h", "bp / 8 h"),
            new FeatureDef(O_APR, "fund_apr", "fund_profit_8h (fraction) x 3 x 365", "fraction / year"),
            new FeatureDef(O_APR_24H, "fund_apr_24h_proj", "fund_profit_8h_24h_proj (fraction) x 3 x 365", "fraction / year"),
            new FeatureDef(O_APR_3D, "fund_apr_3d_proj", "fund_profit_8h_3d_proj (fraction) x 3 x 365", "fraction / year"),
            new FeatureDef(O_SPREAD_30, "spread_30_sample_avg", "mean of the last 30 step samples of (short mark - long mark) / mid x 1e4", "bp"),
            new FeatureDef(O_SPREAD_24H, "price_spread_24h_avg", "mean of that spread over the last 24 h", "bp"),
            new FeatureDef(O_SPREAD_3D, "price_spread_3d_avg", "mean of that spread over the last 72 h", "bp"),
            new FeatureDef(O_SPREAD_STD, "spread_volatility_stddev", "population standard deviation of the last 30 spread samples", "bp"),
            new FeatureDef(O_VOLUME_LOG, "volume_24h_log", "log10(24 h volume of the thinner leg in USD); venues without volume data: the liquidity model", "log10 USD"),
            new FeatureDef(O_BID_ASK_PCT, "bid_ask_spread_pct", "worse leg's bid-ask spread (liquidity model: 100 x 0.063 x sigma_1h / sqrt(volume / 1e6))", "%"),
            new FeatureDef(O_DEPTH_LOG, "orderbook_depth_log", "log10 of the thinner leg's book depth (liquidity model: 0.01 x volume x 0.005 / sigma_1h)", "log10 USD"),
            new FeatureDef(O_EST_PROFIT_PCT, "estimated_profit_pct", "3 x fund_profit_8h_24h_proj (fraction) x 100 - position_cost_pct: next 24 h of funding net of a round trip", "%"),
            new FeatureDef(O_POSITION_COST_PCT, "position_cost_pct", "2 x (long fee + short fee) x 100 + long bid-ask % + short bid-ask %: fees in and out plus half the bid-ask each way", "%"));

    /** Features whose values (partly) come from a documented model rather than data. */
    private static final List<String> MODELLED = List.of("volume_24h_log", "bid_ask_spread_pct", "orderbook_depth_log",
            "estimated_profit_pct", "position_cost_pct");

    /** Every feature of the observation with its absolute index. */
    public static List<Feature> features(EnvLayout layout) {
        List<Feature> out = new ArrayList<>(layout.observationSize());
        for (FeatureDef f : CONFIG) {
            out.add(new Feature(f.index(), "config", -1, f.name(), f.formula(), f.unit(), false));
        }
        for (FeatureDef f : PORTFOLIO) {
            out.add(new Feature(layout.portfolioOffset() + f.index(), "portfolio", -1, f.name(), f.formula(), f.unit(), false));
        }
        for (int s = 0; s < layout.executionSlots(); s++) {
            for (FeatureDef f : EXECUTION) {
                out.add(new Feature(layout.executionOffset() + s * EnvLayout.EXECUTION_FEATURES + f.index(), "executions", s,
                        f.name(), f.formula(), f.unit(), false));
            }
        }
        for (int s = 0; s < layout.opportunitySlots(); s++) {
            for (FeatureDef f : OPPORTUNITY) {
                out.add(new Feature(layout.opportunityOffset() + s * EnvLayout.OPPORTUNITY_FEATURES + f.index(), "opportunities", s,
                        f.name(), f.formula(), f.unit(), MODELLED.contains(f.name())));
            }
        }
        return out;
    }

    /** The index of a feature by its qualified name, e.g. {@code executions[1].net_pnl_pct}. */
    public static int indexOf(EnvLayout layout, String qualifiedName) {
        for (Feature f : features(layout)) {
            if (f.qualifiedName().equals(qualifiedName)) {
                return f.index();
            }
        }
        throw new IllegalArgumentException("no observation feature named '" + qualifiedName + "'");
    }

    /** The action table. */
    public static List<ActionDef> actions(EnvLayout layout) {
        List<String> names = layout.actionNames();
        List<ActionDef> out = new ArrayList<>(names.size());
        for (int a = 0; a < names.size(); a++) {
            if (a == 0) {
                out.add(new ActionDef(0, names.get(0), "HOLD", -1, 0, "do nothing (always allowed)"));
            } else if (layout.isEnter(a)) {
                int slot = layout.enterSlot(a);
                double f = layout.sizeFraction(layout.enterSize(a));
                out.add(new ActionDef(a, names.get(a), "ENTER", slot, f, String.format(java.util.Locale.ROOT,
                        "open opportunity slot %d with %.0f%% of max_size = available_capital x target_utilization / max_positions per leg",
                        slot, 100 * f)));
            } else {
                int slot = layout.exitSlot(a);
                out.add(new ActionDef(a, names.get(a), "EXIT", slot, 0, "close the position in execution slot " + slot + " (both legs)"));
            }
        }
        return out;
    }
}
