package io.tradeloop.data.inspect;

/**
 * A hole in a time series: no row in [fromMs, toMs).
 *
 * @param fromMs      where the hole starts: the first missing bar's open time (bars), the first missed
 *                    settlement (funding), or the first empty bar period (trades)
 * @param toMs        the next time that has data
 * @param missing     missing bars, settlements or empty periods in the hole
 * @param weekendOnly the hole lies within one Saturday-Sunday (UTC): a market closure, not an outage
 */
public record Gap(long fromMs, long toMs, long missing, boolean weekendOnly) {
    private static final long DAY = 86_400_000L;

    public long durationMs() {
        return toMs - fromMs;
    }

    /** True when [fromMs, toMs) starts on a Saturday or Sunday (UTC) and ends by the next Monday 00:00. */
    public static boolean withinWeekend(long fromMs, long toMs) {
        long day = Math.floorDiv(fromMs, DAY);
        int dayOfWeek = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday; Monday = 0
        if (dayOfWeek < 5) {
            return false;
        }
        long nextMonday = (day - dayOfWeek + 7) * DAY;
        return toMs <= nextMonday;
    }
}
