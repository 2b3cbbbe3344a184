package io.tradeloop.server.agent;

/**
 * An order an agent sent (or the risk layer refused), as its decision record shows it.
 *
 * @param clientOrderId idempotent id: {@code a<agent>-r<run>-t<tick>-<n>}
 * @param venue         exchange
 * @param symbol        contract symbol
 * @param side          BUY or SELL
 * @param qty           base units
 * @param leverage      leverage of the leg
 * @param reduceOnly    true for exits
 * @param status        FILLED or REFUSED
 * @param fillPrice     execution price (NaN when refused)
 * @param feeUsd        fee charged (0 when refused)
 * @param reason        why it was sent (or refused)
 */
public record OrderRecord(String clientOrderId, String venue, String symbol, String side, double qty, double leverage,
                          boolean reduceOnly, String status, double fillPrice, double feeUsd, String reason) {
}
