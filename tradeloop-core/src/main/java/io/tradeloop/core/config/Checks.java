package io.tradeloop.core.config;

/** Range checks for configuration records; each failure names the parameter, the value and the allowed range. */
public final class Checks {
    private Checks() {
    }

    /** Returns {@code value} when it is finite and within [min, max]; otherwise throws {@link ConfigException}. */
    public static double inRange(String parameter, double value, double min, double max) {
        if (!(value >= min && value <= max)) { // also refuses NaN
            throw ConfigException.outOfRange(parameter, value, min, max);
        }
        return value;
    }

    public static int inRange(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(parameter, "value " + value + " is outside the allowed range [" + min + ", " + max + "]");
        }
        return value;
    }

    public static long inRange(String parameter, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(parameter, "value " + value + " is outside the allowed range [" + min + ", " + max + "]");
        }
        return value;
    }

    /** Returns {@code value} when it is finite and strictly positive. */
    public static double positive(String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(parameter, "value " + value + " must be finite and > 0");
        }
        return value;
    }

    /** Returns {@code value} when it is finite and not negative. */
    public static double nonNegative(String parameter, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ConfigException(parameter, "value " + value + " must be finite and >= 0");
        }
        return value;
    }

    public static int positive(String parameter, int value) {
        if (value <= 0) {
            throw new ConfigException(parameter, "value " + value + " must be > 0");
        }
        return value;
    }

    public static <T> T notNull(String parameter, T value) {
        if (value == null) {
            throw new ConfigException(parameter, "is required");
        }
        return value;
    }

    public static String notBlank(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(parameter, "is required and must not be blank");
        }
        return value;
    }
}
