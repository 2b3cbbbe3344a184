package io.tradeloop.data.csv;

/**
 * What a reader does with a bad row. Either way every problem is reported with file, row, field and value.
 */
public enum ReadPolicy {
    /** Stop at the first bad row with a {@link DataFormatException}. */
    STRICT,
    /**
     * Drop rows that cannot be trusted (unparsable, non-finite or non-positive prices, high &lt; low,
     * duplicate timestamps after the first), put out-of-order rows back in time order, and report each
     * as a {@link DataIssue}. Never invents a value or a bar.
     */
    REPAIR
}
