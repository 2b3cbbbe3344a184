package io.tradeloop.cli.directional;

/**
 * One line of the ablation table.
 *
 * @param asset        the asset
 * @param stack        the layers (or {@code buy-and-hold})
 * @param sharpe       annualised Sharpe of the test-period equity
 * @param totalReturn  test-period return
 * @param maxDrawdown  deepest drawdown
 * @param trades       closed trades
 * @param winRate      share of winning trades
 * @param profitFactor gross profit / gross loss
 * @param accuracy     3-class accuracy of the stack's directional call on the test bars (NaN for buy-and-hold)
 * @param decided      test bars the accuracy counts
 * @param feesUsd      fees paid
 */
public record AblationRow(String asset, String stack, double sharpe, double totalReturn, double maxDrawdown, int trades, double winRate,
                          double profitFactor, double accuracy, int decided, double feesUsd) {
}
