package io.tradeloop.core.config;

/** A configuration or input value that is outside its allowed range; the message names the parameter, the value and the range. */
public final class ConfigException extends IllegalArgumentException {
    private final String parameter;

    public ConfigException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The name of the offending parameter, as a user would write it in a config file. */
    public String parameter() {
        return parameter;
    }

    public static ConfigException outOfRange(String parameter, double value, double min, double max) {
        return new ConfigException(parameter, "value " + value + " is outside the allowed range [" + min + ", " + max + "]");
    }
}
