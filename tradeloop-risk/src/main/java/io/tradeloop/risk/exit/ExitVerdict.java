package io.tradeloop.risk.exit;

/** What the exit engine says of an open trade on a bar: keep it (with the stop in force) or close it, and why. */
public sealed interface ExitVerdict {

    /** Keep the trade; {@code stopLevel} is the tightest protective level in force (NaN when none) and {@code rule} set it. */
    record Hold(double stopLevel, String rule) implements ExitVerdict {
    }

    /** Close the trade at {@code price} (the level, or the open when the bar gapped through it). */
    record Exit(String rule, double price, String reason) implements ExitVerdict {
    }
}
