package io.tradeloop.engine.strategy;

/**
 * What a strategy may read of the account: balances and the position in each feed's book. It cannot
 * change anything; trades go through {@link StrategyContext#submit} and the risk layer.
 */
public interface AccountView {
    double equityUsd();

    double cashUsd();

    double initialCashUsd();

    double usedMarginUsd();

    /** Signed position in the feed's book (&gt; 0 long, &lt; 0 short). */
    double position(int feed);

    double entryPrice(int feed);

    /** Distance of the feed's position from its liquidation price as a fraction of the mark (+∞ when flat or spot). */
    double liquidationDistance(int feed);

    double unrealisedPnlUsd(int feed);
}
