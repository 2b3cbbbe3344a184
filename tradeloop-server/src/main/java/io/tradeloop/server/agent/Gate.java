package io.tradeloop.server.agent;

/**
 * A condition a decision had to pass (a confidence threshold, a free slot, a minimum size).
 *
 * @param name      the gate
 * @param passed    whether it let the action through
 * @param value     the value it tested (NaN when not numeric)
 * @param threshold the threshold it compared against (NaN when not numeric)
 * @param detail    the comparison in words
 */
public record Gate(String name, boolean passed, double value, double threshold, String detail) {
}
