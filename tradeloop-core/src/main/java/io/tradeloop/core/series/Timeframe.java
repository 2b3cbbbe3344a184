package io.tradeloop.core.series;

import java.util.Locale;

/** A bar interval such as 5m, 1h or 4h; bars of a timeframe open on multiples of it since the epoch (UTC). */
public record Timeframe(long millis) implements Comparable<Timeframe> {
    public static final Timeframe M1 = new Timeframe(60_000L);
    public static final Timeframe M5 = new Timeframe(5 * 60_000L);
    public static final Timeframe M15 = new Timeframe(15 * 60_000L);
    public static final Timeframe H1 = new Timeframe(3_600_000L);
    public static final Timeframe H4 = new Timeframe(4 * 3_600_000L);
    public static final Timeframe H8 = new Timeframe(8 * 3_600_000L);
    public static final Timeframe D1 = new Timeframe(24 * 3_600_000L);
    public static final Timeframe W1 = new Timeframe(7 * 24 * 3_600_000L);

    public Timeframe {
        if (millis <= 0) {
            throw new IllegalArgumentException("timeframe must be > 0 ms, got " + millis);
        }
    }

    /** Parses {@code 30s}, {@code 5m}, {@code 1h}, {@code 4h}, {@code 1d}, {@code 1w}. */
    public static Timeframe parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            throw new IllegalArgumentException("timeframe '" + text + "' must look like 5m, 1h, 4h or 1d");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeframe '" + text + "' must look like 5m, 1h, 4h or 1d", e);
        }
        long unit = switch (t.charAt(t.length() - 1)) {
            case 's' -> 1_000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            case 'w' -> 7 * 86_400_000L;
            default -> throw new IllegalArgumentException("timeframe '" + text + "' has an unknown unit (allowed: s, m, h, d, w)");
        };
        return new Timeframe(n * unit);
    }

    /** The start of the bar of this timeframe that contains {@code timeMs}. */
    public long floor(long timeMs) {
        return Math.floorDiv(timeMs, millis) * millis;
    }

    /** True when {@code coarser} is a whole multiple of this timeframe. */
    public boolean divides(Timeframe coarser) {
        return coarser.millis % millis == 0;
    }

    public double hours() {
        return millis / 3_600_000.0;
    }

    @Override
    public int compareTo(Timeframe o) {
        return Long.compare(millis, o.millis);
    }

    @Override
    public String toString() {
        if (millis % (7 * 86_400_000L) == 0) return millis / (7 * 86_400_000L) + "w";
        if (millis % 86_400_000L == 0) return millis / 86_400_000L + "d";
        if (millis % 3_600_000L == 0) return millis / 3_600_000L + "h";
        if (millis % 60_000L == 0) return millis / 60_000L + "m";
        if (millis % 1_000L == 0) return millis / 1_000L + "s";
        return millis + "ms";
    }
}
