package io.tradeloop.server.predict;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.json.InvalidField;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/predict-multi} (the plan's §4.1 example and its observation tables):
 * up to 10 opportunities, up to 5 active positions, the portfolio and the five config values. Optional
 * fields left out are derived or defaulted by {@link #normalize()} as each field's documentation says,
 * and the response lists every field that was derived, so nothing is silently zero.
 */
public record PredictMultiRequest(List<Opportunity> opportunities, List<Position> activePositions, Portfolio portfolio,
                                  Config config) {
    /** Most opportunities one request may carry (the observation has 10 opportunity slots). */
    public static final int MAX_OPPORTUNITIES = FundingAction.OPPORTUNITY_SLOTS;
    /** Most active positions one request may carry (5 execution slots). */
    public static final int MAX_POSITIONS = FundingAction.EXECUTION_SLOTS;

    /**
     * One opportunity (rates are fractions per funding interval; percentages are percent).
     *
     * @param symbol                     e.g. BTCUSDT (required)
     * @param longExchange               venue of the long leg (required)
     * @param shortExchange              venue of the short leg (required)
     * @param longFundingRate            long leg's rate per its interval, [-0.05, 0.05] (required)
     * @param shortFundingRate           short leg's rate per its interval, [-0.05, 0.05] (required)
     * @param longFundingIntervalHours   [1, 24]; default 8
     * @param shortFundingIntervalHours  [1, 24]; default 8
     * @param fundProfit8h               percent per 8 h; default (short rate 8h − long rate 8h) × 100
     * @param fundProfit8h24hProj        default fund_profit_8h (no history: the projection is the current value)
     * @param fundProfit8h3dProj         default fund_profit_8h
     * @param fundApr                    percent per year; default fund_profit_8h × 1095
     * @param fundApr24hProj             default fund_profit_8h_24h_proj × 1095
     * @param fundApr3dProj              default fund_profit_8h_3d_proj × 1095
     * @param longPrice                  long leg's price; optional, needed to derive spreads
     * @param shortPrice                 short leg's price; optional
     * @param spread30SampleAvg          signed (short − long) / mid, percent, [-100, 100]; default the current spread from the prices, else 0
     * @param priceSpread24hAvg          default spread_30_sample_avg
     * @param priceSpread3dAvg           default spread_30_sample_avg
     * @param spreadVolatilityStddev     percent; default 0 (no history)
     * @param volume24h                  24 h traded value in USD of the thinner leg (required)
     * @param bidAskSpreadPct            percent, each leg; default 0.02 (typical BTC/ETH perpetual top-of-book)
     * @param orderbookDepthUsd          USD within 1% of mid; default volume_24h / 100
     * @param estimatedProfitPct         percent; default fund_profit_8h_24h_proj × 3 − position_cost_pct (one day of carry net of costs);
     *                                   the PPO policy's encoder recomputes it from the fees and the bid-ask, as in training
     * @param positionCostPct            percent; default 0.2 (0.05% taker × 2 legs × entry and exit); recomputed likewise
     */
    public record Opportunity(String symbol, String longExchange, String shortExchange, Double longFundingRate,
                              Double shortFundingRate, Double longFundingIntervalHours, Double shortFundingIntervalHours,
                              @JsonProperty("fund_profit_8h") Double fundProfit8h,
                              @JsonProperty("fund_profit_8h_24h_proj") Double fundProfit8h24hProj,
                              @JsonProperty("fund_profit_8h_3d_proj") Double fundProfit8h3dProj,
                              Double fundApr,
                              @JsonProperty("fund_apr_24h_proj") Double fundApr24hProj,
                              @JsonProperty("fund_apr_3d_proj") Double fundApr3dProj,
                              Double longPrice, Double shortPrice,
                              @JsonProperty("spread_30_sample_avg") Double spread30SampleAvg,
                              @JsonProperty("price_spread_24h_avg") Double priceSpread24hAvg,
                              @JsonProperty("price_spread_3d_avg") Double priceSpread3dAvg,
                              Double spreadVolatilityStddev,
                              @JsonProperty("volume_24h") Double volume24h,
                              Double bidAskSpreadPct, Double orderbookDepthUsd, Double estimatedProfitPct, Double positionCostPct) {
    }

    /**
     * One open arbitrage position.
     *
     * @param symbol             e.g. BTCUSDT (required)
     * @param longExchange       (required)
     * @param shortExchange      (required)
     * @param positionSizeUsd    USD notional of each leg at entry, (0, 1e12] (required)
     * @param hoursHeld          [0, 100000] (required)
     * @param longEntryPrice     (required)
     * @param shortEntryPrice    (required)
     * @param longCurrentPrice   (required)
     * @param shortCurrentPrice  (required)
     * @param longFundingRate    current long rate per 8 h (required)
     * @param shortFundingRate   current short rate per 8 h (required)
     * @param leverage           [1, 125] (required)
     * @param netFundingUsd      funding received so far; default 0 (reported as derived)
     * @param entryFeesUsd       fees paid at entry; default position_size_usd × 0.001 (0.05% taker × 2 legs)
     * @param netPnlPct          percent of size; default from prices, funding and fees
     */
    public record Position(String symbol, String longExchange, String shortExchange, Double positionSizeUsd, Double hoursHeld,
                           Double longEntryPrice, Double shortEntryPrice, Double longCurrentPrice, Double shortCurrentPrice,
                           Double longFundingRate, Double shortFundingRate, Double leverage, Double netFundingUsd,
                           Double entryFeesUsd, Double netPnlPct) {
    }

    /**
     * The account.
     *
     * @param totalCapital      equity in USD, (0, 1e12] (required)
     * @param availableCapital  free cash in USD, [0, total_capital] (required)
     * @param initialCapital    default total_capital
     * @param usedMargin        default total_capital − available_capital
     * @param maxDrawdownPct    percent, [0, 100]; default 0
     * @param episodeProgress   [0, 1]; default 0 (serving has no episode)
     */
    public record Portfolio(Double totalCapital, Double availableCapital, Double initialCapital, Double usedMargin,
                            Double maxDrawdownPct, Double episodeProgress) {
    }

    /** The five config values of the contract; each defaults to the agent default when absent. */
    public record Config(Double maxLeverage, Double targetUtilization, Integer maxPositions, Double stopLossThreshold,
                         Double liquidationBuffer) {
    }

    /**
     * Checks every field and fills the optional ones.
     *
     * @throws InvalidField naming the first offending field, its value and the allowed range
     */
    public NormalizedRequest normalize() {
        Derivations derived = new Derivations();
        if (opportunities == null) {
            throw new InvalidField("opportunities", "is required (may be empty)", "0 to " + MAX_OPPORTUNITIES + " items");
        }
        if (opportunities.size() > MAX_OPPORTUNITIES) {
            throw new InvalidField("opportunities", opportunities.size() + " items", "0 to " + MAX_OPPORTUNITIES + " items");
        }
        List<Position> positions = activePositions == null ? List.of() : activePositions;
        if (activePositions == null) {
            derived.add("active_positions", "absent: no open positions");
        }
        if (positions.size() > MAX_POSITIONS) {
            throw new InvalidField("active_positions", positions.size() + " items", "0 to " + MAX_POSITIONS + " items");
        }
        if (portfolio == null) {
            throw new InvalidField("portfolio", "is required", "an object with total_capital and available_capital");
        }
        NormalizedRequest.PortfolioState pf = portfolio(derived);
        NormalizedRequest.TradingConfig cfg = config(derived);
        List<NormalizedRequest.OpportunityState> opps = new ArrayList<>();
        for (int i = 0; i < opportunities.size(); i++) {
            if (opportunities.get(i) == null) {
                throw new InvalidField("opportunities[" + i + "]", "is null", "an object");
            }
            opps.add(opportunity(i, opportunities.get(i), derived));
        }
        List<NormalizedRequest.PositionState> pos = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            if (positions.get(i) == null) {
                throw new InvalidField("active_positions[" + i + "]", "is null", "an object");
            }
            pos.add(position(i, positions.get(i), derived));
        }
        return new NormalizedRequest(opps, pos, pf, cfg, derived.render());
    }

    private NormalizedRequest.PortfolioState portfolio(Derivations derived) {
        double total = Fields.required("portfolio.total_capital", portfolio.totalCapital(), 1e-6, 1e12);
        double available = Fields.required("portfolio.available_capital", portfolio.availableCapital(), 0, total);
        double initial = Fields.optional("portfolio.initial_capital", portfolio.initialCapital(), 1e-6, 1e12, total);
        if (portfolio.initialCapital() == null) derived.add("portfolio.initial_capital", "total_capital");
        double used = Fields.optional("portfolio.used_margin", portfolio.usedMargin(), 0, total, total - available);
        if (portfolio.usedMargin() == null) derived.add("portfolio.used_margin", "total_capital - available_capital");
        double dd = Fields.optional("portfolio.max_drawdown_pct", portfolio.maxDrawdownPct(), 0, 100, 0);
        if (portfolio.maxDrawdownPct() == null) derived.add("portfolio.max_drawdown_pct", "0 (no history given)");
        double progress = Fields.optional("portfolio.episode_progress", portfolio.episodeProgress(), 0, 1, 0);
        if (portfolio.episodeProgress() == null) derived.add("portfolio.episode_progress", "0 (serving has no episode)");
        return new NormalizedRequest.PortfolioState(total, available, initial, used, dd, progress);
    }

    private NormalizedRequest.TradingConfig config(Derivations derived) {
        Config c = config == null ? new Config(null, null, null, null, null) : config;
        if (config == null) derived.add("config", "absent: agent defaults");
        double lev = opt("config.max_leverage", c.maxLeverage(), AgentConfig.MAX_LEVERAGE, derived);
        double util = opt("config.target_utilization", c.targetUtilization(), AgentConfig.TARGET_UTILIZATION, derived);
        double maxPos = opt("config.max_positions", c.maxPositions() == null ? null : c.maxPositions().doubleValue(),
                AgentConfig.MAX_POSITIONS, derived);
        double sl = opt("config.stop_loss_threshold", c.stopLossThreshold(), AgentConfig.STOP_LOSS, derived);
        double buf = opt("config.liquidation_buffer", c.liquidationBuffer(), AgentConfig.LIQUIDATION_BUFFER, derived);
        return new NormalizedRequest.TradingConfig(lev, util, (int) maxPos, sl, buf);
    }

    private static double opt(String path, Double v, io.tradeloop.server.agent.ConfigParam p, Derivations derived) {
        if (v == null) {
            derived.add(path, p.defaultValue() + " (default)");
            return p.defaultValue();
        }
        return Fields.range(path, v, p.min(), p.max());
    }

    private static NormalizedRequest.OpportunityState opportunity(int i, Opportunity o, Derivations derived) {
        Derivations.At at = new Derivations.At("opportunities", i);
        String symbol = Fields.text(at, "symbol", o.symbol(), Fields.SYMBOL, "1-32 of A-Z a-z 0-9 / _ : -");
        String lx = Fields.text(at, "long_exchange", o.longExchange(), Fields.EXCHANGE, "1-32 of a-z 0-9 _ -");
        String sx = Fields.text(at, "short_exchange", o.shortExchange(), Fields.EXCHANGE, "1-32 of a-z 0-9 _ -");
        double lr = Fields.required(at, "long_funding_rate", o.longFundingRate(), -0.05, 0.05);
        double sr = Fields.required(at, "short_funding_rate", o.shortFundingRate(), -0.05, 0.05);
        double li = Fields.optional(at, "long_funding_interval_hours", o.longFundingIntervalHours(), 1, 24, 8);
        double si = Fields.optional(at, "short_funding_interval_hours", o.shortFundingIntervalHours(), 1, 24, 8);
        if (o.longFundingIntervalHours() == null) derived.add(at, "long_funding_interval_hours", "8");
        if (o.shortFundingIntervalHours() == null) derived.add(at, "short_funding_interval_hours", "8");
        double lr8 = lr * 8 / li;
        double sr8 = sr * 8 / si;
        double p8 = derive(at, "fund_profit_8h", o.fundProfit8h(), -10, 10, (sr8 - lr8) * 100, "(short rate 8h - long rate 8h) x 100", derived);
        double p24 = derive(at, "fund_profit_8h_24h_proj", o.fundProfit8h24hProj(), -10, 10, p8, "fund_profit_8h", derived);
        double p3d = derive(at, "fund_profit_8h_3d_proj", o.fundProfit8h3dProj(), -10, 10, p8, "fund_profit_8h", derived);
        double apr = derive(at, "fund_apr", o.fundApr(), -20_000, 20_000, p8 * 1095, "fund_profit_8h x 1095", derived);
        double apr24 = derive(at, "fund_apr_24h_proj", o.fundApr24hProj(), -20_000, 20_000, p24 * 1095, "fund_profit_8h_24h_proj x 1095", derived);
        double apr3d = derive(at, "fund_apr_3d_proj", o.fundApr3dProj(), -20_000, 20_000, p3d * 1095, "fund_profit_8h_3d_proj x 1095", derived);
        Double lp = o.longPrice() == null ? null : Fields.range(at, "long_price", o.longPrice(), 1e-9, 1e9);
        Double sp = o.shortPrice() == null ? null : Fields.range(at, "short_price", o.shortPrice(), 1e-9, 1e9);
        double current = lp != null && sp != null ? (sp - lp) / ((lp + sp) / 2) * 100 : 0;
        String currentHow = lp != null && sp != null ? "(short_price - long_price) / mid x 100" : "0 (no prices given)";
        double s30 = derive(at, "spread_30_sample_avg", o.spread30SampleAvg(), -100, 100, current, currentHow, derived);
        double s24 = derive(at, "price_spread_24h_avg", o.priceSpread24hAvg(), -100, 100, s30, "spread_30_sample_avg", derived);
        double s3d = derive(at, "price_spread_3d_avg", o.priceSpread3dAvg(), -100, 100, s30, "spread_30_sample_avg", derived);
        double vol = derive(at, "spread_volatility_stddev", o.spreadVolatilityStddev(), 0, 100, 0, "0 (no history)", derived);
        double volume = Fields.required(at, "volume_24h", o.volume24h(), 0, 1e15);
        double bidAsk = derive(at, "bid_ask_spread_pct", o.bidAskSpreadPct(), 0, 100, 0.02, "0.02 (typical BTC/ETH perpetual)", derived);
        double depth = derive(at, "orderbook_depth_usd", o.orderbookDepthUsd(), 0, 1e15, volume / 100, "volume_24h / 100", derived);
        double cost = derive(at, "position_cost_pct", o.positionCostPct(), 0, 100, 0.2, "0.2 (0.05% taker x 2 legs x entry and exit)", derived);
        double est = derive(at, "estimated_profit_pct", o.estimatedProfitPct(), -1000, 1000, p24 * 3 - cost,
                "fund_profit_8h_24h_proj x 3 - position_cost_pct", derived);
        return new NormalizedRequest.OpportunityState(symbol, lx, sx, lr, sr, li, si, p8, p24, p3d, apr, apr24, apr3d, s30, s24, s3d,
                vol, volume, bidAsk, depth, est, cost, lp == null ? Double.NaN : lp, sp == null ? Double.NaN : sp);
    }

    private static NormalizedRequest.PositionState position(int i, Position p, Derivations derived) {
        Derivations.At at = new Derivations.At("active_positions", i);
        String symbol = Fields.text(at, "symbol", p.symbol(), Fields.SYMBOL, "1-32 of A-Z a-z 0-9 / _ : -");
        String lx = Fields.text(at, "long_exchange", p.longExchange(), Fields.EXCHANGE, "1-32 of a-z 0-9 _ -");
        String sx = Fields.text(at, "short_exchange", p.shortExchange(), Fields.EXCHANGE, "1-32 of a-z 0-9 _ -");
        double size = Fields.required(at, "position_size_usd", p.positionSizeUsd(), 1e-6, 1e12);
        double hours = Fields.required(at, "hours_held", p.hoursHeld(), 0, 100_000);
        double le = Fields.required(at, "long_entry_price", p.longEntryPrice(), 1e-9, 1e9);
        double se = Fields.required(at, "short_entry_price", p.shortEntryPrice(), 1e-9, 1e9);
        double lc = Fields.required(at, "long_current_price", p.longCurrentPrice(), 1e-9, 1e9);
        double sc = Fields.required(at, "short_current_price", p.shortCurrentPrice(), 1e-9, 1e9);
        double lr = Fields.required(at, "long_funding_rate", p.longFundingRate(), -0.05, 0.05);
        double sr = Fields.required(at, "short_funding_rate", p.shortFundingRate(), -0.05, 0.05);
        double lev = Fields.required(at, "leverage", p.leverage(), 1, 125);
        double funding = derive(at, "net_funding_usd", p.netFundingUsd(), -1e12, 1e12, 0, "0 (not given)", derived);
        double fees = derive(at, "entry_fees_usd", p.entryFeesUsd(), 0, 1e12, size * 0.001,
                "position_size_usd x 0.001 (0.05% taker x 2 legs)", derived);
        // long_pnl_pct and short_pnl_pct per the observation table; each leg's notional is position_size_usd
        double longPnlPct = (lc - le) / le * 100;
        double shortPnlPct = (se - sc) / se * 100;
        double priceUsd = size * (longPnlPct + shortPnlPct) / 100;
        double net = derive(at, "net_pnl_pct", p.netPnlPct(), -10_000, 10_000, (priceUsd + funding - fees) / size * 100,
                "(long_pnl + short_pnl + net_funding_usd - entry_fees_usd) / position_size_usd x 100", derived);
        double liqLong = (lc - le * (1 - 0.9 / lev)) / lc;
        double liqShort = (se * (1 + 0.9 / lev) - sc) / sc;
        return new NormalizedRequest.PositionState(symbol, lx, sx, size, hours, le, se, lc, sc, lr, sr, lev, funding, fees, net,
                longPnlPct, shortPnlPct, Math.min(liqLong, liqShort));
    }

    private static double derive(Derivations.At at, String field, Double v, double min, double max, double fallback, String how,
                                 Derivations derived) {
        if (v == null) {
            derived.add(at, field, how);
            return fallback;
        }
        return Fields.range(at, field, v, min, max);
    }
}
