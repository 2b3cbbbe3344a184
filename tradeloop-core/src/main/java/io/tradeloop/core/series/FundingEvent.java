package io.tradeloop.core.series;

/**
 * One funding settlement of a perpetual: at {@code timeMs} longs pay shorts {@code rate × notional}
 * when the rate is positive (shorts pay longs when negative).
 *
 * @param venue         exchange, lower case
 * @param base          base asset, e.g. BTC
 * @param timeMs        settlement time, epoch ms UTC
 * @param rate          the rate for one funding interval (not annualised)
 * @param intervalHours the venue's funding interval in hours (8 on most venues, 1 on dYdX)
 */
public record FundingEvent(String venue, String base, long timeMs, double rate, double intervalHours) {
    /** The rate scaled to an 8-hour interval, so venues with different intervals compare. */
    public double rate8h() {
        return rate * 8.0 / intervalHours;
    }
}
