package io.tradeloop.server.json;

/**
 * A request value outside what the API accepts: names the field (a JSON path such as
 * {@code opportunities[2].long_funding_rate}), what is wrong and the allowed range. The API answers 400.
 */
public final class InvalidField extends IllegalArgumentException {
    private final String field;
    private final String allowed;

    public InvalidField(String field, String message, String allowed) {
        super(field + ": " + message + (allowed == null || allowed.isEmpty() ? "" : " (allowed: " + allowed + ")"));
        this.field = field;
        this.allowed = allowed;
    }

    public String field() {
        return field;
    }

    /** The allowed range or form, or null. */
    public String allowed() {
        return allowed;
    }

    /** The message without the field prefix. */
    public String detail() {
        String m = getMessage();
        return m.startsWith(field + ": ") ? m.substring(field.length() + 2) : m;
    }
}
