package io.tradeloop.data.inspect;

/**
 * A hole in a time series: no row in [fromMs, toMs).
 *
 * @param fromMs      where the hole starts: the first missing bar's open time (bars), the first missed
 *                    settlement (funding), or the first empty bar period (trades)
 * @param toMs        the next time that has data
 * @param missing     missing bars, settlements or empty periods in the hole
 * @param weekendOnly every missing slot falls on a Saturday or Sunday (UTC): for markets that close at
 *                    weekends this is a closure, not an outage
 */
public record Gap(long fromMs, long toMs, long missing, boolean weekendOnly) {
    private static final long DAY = 86_400_000L;

    public long durationMs() {
        return toMs - fromMs;
    }

    /**
     * True when every slot {@code fromMs, fromMs + slotMs, ...} before {@code toMs} falls on a Saturday or
     * Sunday (UTC). A hole longer than two days cannot.
     */
    public static boolean withinWeekend(long fromMs, long toMs, long slotMs) {
        if (toMs - fromMs > 2 * DAY || slotMs <= 0) {
            return false;
        }
        for (long t = fromMs; t < toMs; t += slotMs) {
            int dayOfWeek = (int) Math.floorMod(Math.floorDiv(t, DAY) + 3, 7); // 1970-01-01 was a Thursday; Monday = 0
            if (dayOfWeek < 5) {
                return false;
            }
        }
        return true;
    }
}
