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
     * epoch seconds / milliseconds.
     */
    public static long parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            long v = Long.parseLong(t);
            return t.length() <= 10 ? v * 1000 : v;
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
}
