package io.tradeloop.risk;

/**
 * What the account has done recently, as the stateful risk rules read it (daily trade cap, cooldowns,
 * drawdown halt, circuit breaker). {@link TradingActivity} is the ledger that records it.
 */
public interface ActivityView {
    /** Nothing recorded (read-only). */
    ActivityView NONE = new ActivityView() {
        @Override
        public int entriesSince(long fromMs) {
            return 0;
        }

        @Override
        public long lastExitMs() {
            return Long.MIN_VALUE;
        }

        @Override
        public long lastLossMs() {
            return Long.MIN_VALUE;
        }

        @Override
        public int consecutiveLosses() {
            return 0;
        }

        @Override
        public int slippageSamples() {
            return 0;
        }

        @Override
        public double slippageBps(int k) {
            throw new IndexOutOfBoundsException("no slippage recorded");
        }

        @Override
        public long slippageTimeMs(int k) {
            throw new IndexOutOfBoundsException("no slippage recorded");
        }

        @Override
        public int equityMarks() {
            return 0;
        }

        @Override
        public double equityUsd(int k) {
            throw new IndexOutOfBoundsException("no equity recorded");
        }

        @Override
        public long equityTimeMs(int k) {
            throw new IndexOutOfBoundsException("no equity recorded");
        }
    };

    /** Entries (new positions or additions) at or after {@code fromMs}. */
    int entriesSince(long fromMs);

    /** Time of the most recent exit, or {@code Long.MIN_VALUE}. */
    long lastExitMs();

    /** Time of the most recent losing exit, or {@code Long.MIN_VALUE}. */
    long lastLossMs();

    /** Losing exits in a row, counted back from the latest exit. */
    int consecutiveLosses();

    /** Number of slippage samples recorded and kept. */
    int slippageSamples();

    /** The k-th newest slippage sample in basis points (0 = newest). */
    double slippageBps(int k);

    /** Time of the k-th newest slippage sample. */
    long slippageTimeMs(int k);

    /** Number of equity marks kept. */
    int equityMarks();

    /** The k-th newest equity mark (0 = newest). */
    double equityUsd(int k);

    /** Time of the k-th newest equity mark. */
    long equityTimeMs(int k);
}
