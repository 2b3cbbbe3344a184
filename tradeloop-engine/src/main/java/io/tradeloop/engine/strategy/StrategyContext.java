package io.tradeloop.engine.strategy;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.risk.RiskDecision;

/**
 * Everything a strategy sees and may do, the same in backtest, paper and live mode: the time, the bars
 * and funding that have already happened, the account, and order submission through the risk layer.
 * There is no way to reach data whose close time is after {@link #nowMs()}.
 */
public interface StrategyContext {
    /** Now, epoch ms UTC (the simulated clock in a backtest). */
    long nowMs();

    /** Number of feeds (instruments). */
    int feeds();

    Instrument instrument(int feed);

    BarView bars(int feed);

    FundingView funding(int feed);

    AccountView account();

    /**
     * Proposes a trade of one or more legs. The legs go to the risk engine as one proposal; if it is
     * approved (possibly scaled down) each leg becomes an order that executes at its feed's next bar.
     * The verdict is recorded and returned.
     */
    RiskDecision submit(OrderRequest... legs);

    /** Cancels a resting order; false when it is unknown or already done. */
    boolean cancel(String clientOrderId);

    /** Orders of the feed waiting to execute. */
    int pendingOrders(int feed);
}
