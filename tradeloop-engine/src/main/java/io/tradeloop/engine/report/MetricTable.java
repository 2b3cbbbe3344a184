package io.tradeloop.engine.report;

import io.tradeloop.engine.metrics.PerformanceMetrics;

import java.util.List;
import java.util.Locale;

/**
 * The metrics as labelled rows, in the order reports show them. The HTML table and the JSON file are
 * both written from these rows, so they carry the same numbers.
 */
public final class MetricTable {
    /** How a value is shown. */
    public enum Unit {
        PERCENT, USD, RATIO, COUNT, DAYS, YEARS
    }

    /**
     * One metric.
     *
     * @param key   the JSON key (snake_case)
     * @param label the table label
     * @param value the raw value (fractions, not percent; NaN = undefined)
     * @param unit  how to format it
     */
    public record Row(String key, String label, double value, Unit unit) {
        /** The value as the HTML table shows it ("–" when undefined). */
        public String formatted() {
            if (Double.isNaN(value)) return "–";
            if (Double.isInfinite(value)) return value > 0 ? "∞" : "−∞";
            return switch (unit) {
                case PERCENT -> String.format(Locale.ROOT, "%.2f%%", 100 * value);
                case USD -> String.format(Locale.ROOT, "%,.2f", value);
                case RATIO -> String.format(Locale.ROOT, "%.3f", value);
                case COUNT -> String.format(Locale.ROOT, "%,d", Math.round(value));
                case DAYS -> String.format(Locale.ROOT, "%.1f d", value);
                case YEARS -> String.format(Locale.ROOT, "%.2f y", value);
            };
        }
    }

    private MetricTable() {
    }

    public static List<Row> rows(PerformanceMetrics m) {
        return List.of(
                new Row("initial_equity_usd", "Initial equity (USD)", m.initialEquityUsd(), Unit.USD),
                new Row("final_equity_usd", "Final equity (USD)", m.finalEquityUsd(), Unit.USD),
                new Row("total_return", "Total return", m.totalReturn(), Unit.PERCENT),
                new Row("cagr", "CAGR", m.cagr(), Unit.PERCENT),
                new Row("annual_volatility", "Annualised volatility", m.annualVolatility(), Unit.PERCENT),
                new Row("sharpe", "Sharpe (rf = 0)", m.sharpe(), Unit.RATIO),
                new Row("sortino", "Sortino", m.sortino(), Unit.RATIO),
                new Row("calmar", "Calmar", m.calmar(), Unit.RATIO),
                new Row("max_drawdown", "Max drawdown", m.maxDrawdown(), Unit.PERCENT),
                new Row("max_drawdown_days", "Max drawdown duration" + (m.maxDrawdownRecovered() ? "" : " (not recovered)"),
                        m.maxDrawdownDurationMs() / 86_400_000.0, Unit.DAYS),
                new Row("max_drawdown_periods", "Max drawdown duration (bars)", m.maxDrawdownPeriods(), Unit.COUNT),
                new Row("trades", "Closed trades", m.trades(), Unit.COUNT),
                new Row("open_trades", "Open trades at end", m.openTrades(), Unit.COUNT),
                new Row("win_rate", "Win rate", m.winRate(), Unit.PERCENT),
                new Row("profit_factor", "Profit factor", m.profitFactor(), Unit.RATIO),
                new Row("average_trade_usd", "Average trade (USD)", m.averageTradeUsd(), Unit.USD),
                new Row("average_trade_return", "Average trade (of notional)", m.averageTradeReturn(), Unit.PERCENT),
                new Row("exposure", "Exposure (time in market)", m.exposure(), Unit.PERCENT),
                new Row("turnover", "Turnover (× mean equity)", m.turnover(), Unit.RATIO),
                new Row("annual_turnover", "Turnover per year", m.annualTurnover(), Unit.RATIO),
                new Row("traded_notional_usd", "Traded notional (USD)", m.tradedNotionalUsd(), Unit.USD),
                new Row("fees_paid_usd", "Fees paid (USD)", m.feesPaidUsd(), Unit.USD),
                new Row("funding_paid_usd", "Funding paid (USD, − = received)", m.fundingPaidUsd(), Unit.USD),
                new Row("liquidations", "Liquidations", m.liquidations(), Unit.COUNT),
                new Row("periods", "Periods", m.periods(), Unit.COUNT),
                new Row("periods_per_year", "Periods per year", m.periodsPerYear(), Unit.RATIO),
                new Row("years", "Years", m.years(), Unit.YEARS));
    }
}
