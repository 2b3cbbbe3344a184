package io.tradeloop.risk.exit;

/** The trade's own stop: entry × (1 − side × stopLossPct), e.g. 2% below entry for a long. */
public record StopLoss() implements ExitRule {
    @Override
    public String name() {
        return "stop-loss";
    }

    @Override
    public double stopLevel(TradeWatch t) {
        return Double.isNaN(t.stopLossPct()) ? Double.NaN : t.priceAtProfit(-t.stopLossPct());
    }
}
