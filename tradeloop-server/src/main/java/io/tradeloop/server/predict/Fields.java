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

    static double required(Derivations.At at, String field, Double v, double min, double max) {
        if (v == null) {
            throw new InvalidField(at.path(field), "is required", range(min, max));
        }
        return range(at, field, v, min, max);
    }

    static double optional(Derivations.At at, String field, Double v, double min, double max, double fallback) {
        return v == null ? fallback : range(at, field, v, min, max);
    }

    /** As {@link #range(String, double, double, double)}; the path is built only when the value is refused. */
    static double range(Derivations.At at, String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new InvalidField(at.path(field), "value " + v + " is outside the allowed range", range(min, max));
        }
        return v;
    }

    static String text(Derivations.At at, String field, String v, Pattern allowed, String describe) {
        if (v != null && allowed.matcher(v).matches()) {
            return v;
        }
        return text(at.path(field), v, allowed, describe);
    }

    static String range(double min, double max) {
        return "[" + fmt(min) + ", " + fmt(max) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
