package io.tradeloop.risk;

/** Market inputs risk rules read: per-instrument return histories (for VaR) and how fresh the data is. */
public interface MarketView {
    /** No market inputs: no return history, data time unknown. */
    MarketView NONE = new MarketView() {
        @Override
        public ReturnHistory returns(String instrumentId) {
            return null;
        }

        @Override
        public long lastDataTimeMs() {
            return Long.MIN_VALUE;
        }
    };

    /** The one-bar simple returns of an instrument, newest last, or null when none are kept. */
    ReturnHistory returns(String instrumentId);

    /** Close time of the newest bar or tick received, epoch ms ({@code Long.MIN_VALUE} when unknown). */
    long lastDataTimeMs();
}
