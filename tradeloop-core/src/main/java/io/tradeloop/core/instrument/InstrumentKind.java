package io.tradeloop.core.instrument;

/** What an instrument is: it decides margin, funding and how P&amp;L is settled. */
public enum InstrumentKind {
    /** Spot: bought with cash, no leverage, no funding, no short selling. */
    SPOT,
    /** USDT/USD-margined perpetual swap: P&amp;L = qty × (exit − entry) in the quote currency. */
    LINEAR_PERPETUAL,
    /**
     * Coin-margined (inverse) perpetual. P&amp;L in coin is N × (1/entry − 1/exit) for a USD notional N =
     * qty × entry; valued in USD at the exit price this equals qty × (exit − entry), so the portfolio
     * accounts it in USD like a linear perpetual (collateral assumed USD-valued; see README "Accounting").
     */
    INVERSE_PERPETUAL;

    public boolean isPerpetual() {
        return this != SPOT;
    }

    /** Parses the layouts' contract names: spot, perpetual / linear_perpetual, inverse_perpetual. */
    public static InstrumentKind parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "spot" -> SPOT;
            case "perpetual", "linear_perpetual", "linear", "swap", "perp" -> LINEAR_PERPETUAL;
            case "inverse_perpetual", "inverse" -> INVERSE_PERPETUAL;
            default -> throw new IllegalArgumentException("unknown contract kind '" + text
                    + "' (allowed: spot, perpetual, linear_perpetual, inverse_perpetual)");
        };
    }
}
