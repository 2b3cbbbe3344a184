package io.tradeloop.risk;

import io.tradeloop.core.portfolio.Portfolio;

/**
 * What a risk rule may look at besides the proposal: the account and the time.
 *
 * @param portfolio the account the trade would be booked into
 * @param timeMs    now, epoch ms
 */
public record RiskContext(Portfolio portfolio, long timeMs) {
}
