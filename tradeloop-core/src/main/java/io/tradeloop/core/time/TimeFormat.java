package io.tradeloop.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing and printing of UTC times as the data files and the CLI write them. */
public final class TimeFormat {
    private TimeFormat() {
    }

    /** ISO-8601 UTC text of an epoch-millisecond time, e.g. {@code 2023-06-01T08:00:00Z}. */
    public static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /**
     * Parses {@code 2023-06-01}, {@code 2023-06-01T08:00:00Z}, {@code 2023-06-01 08:00:00} (UTC) or
     * epoch seconds / milliseconds / microseconds / nanoseconds (told apart by their digit count, see
     * {@link #epochDigitsToMillis}).
     */
    public static long parse(String text) {
        String t = text.trim();
        long fast = parseSecondsIso(t);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        if (!t.isEmpty() && allDigits(t)) {
            if (t.length() > 19) {
                throw new IllegalArgumentException("time '" + text + "' has " + t.length() + " digits; epoch times have at most 19 (nanoseconds)");
            }
            return epochDigitsToMillis(Long.parseLong(t), t.length());
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            String iso = t.replace(' ', 'T');
            if (!iso.endsWith("Z") && !iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
                iso = iso + "Z";
            }
            return java.time.OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is not ISO-8601 (2023-06-01 or 2023-06-01T08:00:00Z) or epoch seconds/ms", e);
        }
    }

    /**
     * Converts an epoch number to milliseconds by its digit count: up to 10 digits are seconds (to the
     * year 2286), 11–13 milliseconds, 14–16 microseconds (Binance's archive since 2025), 17–19
     * nanoseconds. Sub-millisecond parts are floored.
     */
    public static long epochDigitsToMillis(long value, int digits) {
        if (digits <= 10) return value * 1000;
        if (digits <= 13) return value;
        if (digits <= 16) return Math.floorDiv(value, 1_000L);
        return Math.floorDiv(value, 1_000_000L);
    }

    /** The number of decimal digits of a non-negative value (1 for 0). */
    public static int digits(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("epoch time must be >= 0, got " + value);
        }
        int d = 1;
        while (value >= 10) {
            value /= 10;
            d++;
        }
        return d;
    }

    private static boolean allDigits(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ssZ} (or a space instead of T, or no Z) without
     * java.time's allocations: this is what every bar row of the shared data carries. Returns
     * {@code Long.MIN_VALUE} for any other shape or an impossible date, so the general parser decides.
     */
    private static long parseSecondsIso(String t) {
        int len = t.length();
        if (len != 19 && !(len == 20 && t.charAt(19) == 'Z')) return Long.MIN_VALUE;
        if (t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
                || t.charAt(13) != ':' || t.charAt(16) != ':') return Long.MIN_VALUE;
        int year = num(t, 0, 4);
        int month = num(t, 5, 2);
        int day = num(t, 8, 2);
        int hour = num(t, 11, 2);
        int minute = num(t, 14, 2);
        int second = num(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return Long.MIN_VALUE;
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
    }

    private static int num(String t, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
