package io.tradeloop.server.predict;

import io.tradeloop.server.json.InvalidField;

import java.util.regex.Pattern;

/** Range checks for request fields; each failure is an {@link InvalidField} naming the JSON path and the range. */
final class Fields {
    static final Pattern EXCHANGE = Pattern.compile("[a-z0-9_\\-]{1,32}");
    static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9/_:\\-]{1,32}");

    private Fields() {
    }

    static double required(String path, Double v, double min, double max) {
        if (v == null) {
            throw new InvalidField(path, "is required", range(min, max));
        }
        return range(path, v, min, max);
    }

    /** The value when present and in range, {@code fallback} when absent. */
    static double optional(String path, Double v, double min, double max, double fallback) {
        return v == null ? fallback : range(path, v, min, max);
    }

    static double range(String path, double v, double min, double max) {
        if (!(v >= min && v <= max)) { // NaN and ±Infinity fail too
            throw new InvalidField(path, "value " + v + " is outside the allowed range", range(min, max));
        }
        return v;
    }

    static String text(String path, String v, Pattern allowed, String describe) {
        if (v == null) {
            throw new InvalidField(path, "is required", describe);
        }
        if (!allowed.matcher(v).matches()) {
            throw new InvalidField(path, "value '" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "' is not allowed", describe);
        }
        return v;
    }

    static String range(double min, double max) {
        return "[" + fmt(min) + ", " + fmt(max) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
