package io.tradeloop.server.agent;

/**
 * One open leg after a tick (a position is two legs in one slot: book 2·slot long, 2·slot + 1 short).
 *
 * @param book             portfolio book
 * @param slot             execution slot
 * @param venue            exchange
 * @param base             base asset
 * @param symbol           contract symbol
 * @param qty              signed base units (&gt; 0 long)
 * @param entryPrice       entry price
 * @param markPrice        latest mark
 * @param leverage         leverage
 * @param marginUsd        margin locked
 * @param unrealisedUsd    qty × (mark − entry)
 * @param fundingUsd       funding received by this leg (negative when paid)
 * @param feesUsd          fees paid by this leg
 * @param liquidationPrice liquidation price
 * @param openedSeq        tick at which the position opened
 * @param openedMs         time at which it opened
 * @param sizeUsd          USD notional of each leg of the position at entry
 * @param entrySpreadPct   spread between the legs' prices at entry, percent
 */
public record PositionRecord(int book, int slot, String venue, String base, String symbol, double qty, double entryPrice,
                             double markPrice, double leverage, double marginUsd, double unrealisedUsd, double fundingUsd,
                             double feesUsd, double liquidationPrice, int openedSeq, long openedMs, double sizeUsd,
                             double entrySpreadPct) {
}
