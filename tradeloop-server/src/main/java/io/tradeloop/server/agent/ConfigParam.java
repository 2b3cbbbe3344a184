package io.tradeloop.server.agent;

/**
 * One numeric agent setting: its JSON name, allowed range, default and meaning. The validation, the
 * OpenAPI schema and the dashboard's sliders all read these, so the range is written once.
 *
 * @param name         JSON field name (snake_case)
 * @param min          smallest allowed value
 * @param max          largest allowed value
 * @param defaultValue the default
 * @param integer      whether only whole numbers are allowed
 * @param unit         unit in words (USD, x, fraction, percent, bps, ×)
 * @param description  what it does
 */
public record ConfigParam(String name, double min, double max, double defaultValue, boolean integer, String unit,
                          String description) {
    /** "[min, max]" as error messages print it. */
    public String range() {
        return integer ? "[" + (long) min + ", " + (long) max + "]" : "[" + min + ", " + max + "]";
    }
}
