package io.tradeloop.engine.backtest;

import io.tradeloop.core.portfolio.PositionView;
import io.tradeloop.engine.market.MarketFeed;
import io.tradeloop.engine.metrics.ClosedTrade;
import io.tradeloop.engine.metrics.EquityCurve;
import io.tradeloop.engine.metrics.PerformanceMetrics;
import io.tradeloop.engine.venue.OrderJournal;

import java.util.List;

/**
 * Everything a run produced: the equity curve, the journal of verdicts, orders and fills, the closed
 * trades, the positions still open and the metrics. Reports and the JSON output are written from it.
 *
 * @param strategy      the strategy's name
 * @param feeds         the data it ran on
 * @param config        the run's settings
 * @param riskRules     names of the risk rules every proposal went through, in order
 * @param curve         equity and exposure at every event time
 * @param journal       every verdict, order, fill, liquidation and funding payment
 * @param trades        closed trades
 * @param openPositions positions still open at the end (marked at the last close)
 * @param metrics       the performance figures
 * @param events        event times processed
 */
public record BacktestResult(String strategy, List<MarketFeed> feeds, BacktestConfig config, List<String> riskRules,
                             EquityCurve curve, OrderJournal journal, List<ClosedTrade> trades,
                             List<PositionView> openPositions, PerformanceMetrics metrics, long events) {
}
