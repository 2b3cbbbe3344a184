package io.tradeloop.risk;

import io.tradeloop.core.portfolio.Portfolio;

/**
 * What a risk rule may look at besides the proposal: the account, the time, market inputs (return
 * histories for VaR, data freshness) and the trading activity (entries, exits, slippage, equity marks).
 *
 * @param portfolio the account the trade would be booked into
 * @param timeMs    now, epoch ms
 * @param market    return histories and the time of the newest market data
 * @param activity  what the account has done recently
 */
public record RiskContext(Portfolio portfolio, long timeMs, MarketView market, ActivityView activity) {
    public RiskContext {
        if (portfolio == null || market == null || activity == null) {
            throw new IllegalArgumentException("a risk context needs a portfolio, a market view and an activity view (use MarketView.NONE / ActivityView.NONE)");
        }
    }

    /** A context with no market inputs and no recorded activity (what the funding environment needs). */
    public RiskContext(Portfolio portfolio, long timeMs) {
        this(portfolio, timeMs, MarketView.NONE, ActivityView.NONE);
    }
}
