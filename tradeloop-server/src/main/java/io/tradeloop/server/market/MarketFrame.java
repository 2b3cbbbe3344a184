package io.tradeloop.server.market;

import java.util.List;

/**
 * The market at one tick of a replay.
 *
 * @param tick   the tick index
 * @param timeMs the tick time, epoch ms UTC
 * @param quotes one quote per instrument of the replay, in its order; null entries where the venue has no data yet
 */
public record MarketFrame(int tick, long timeMs, List<PerpQuote> quotes) {
    /** The quote of {@code venue}/{@code base}, or null. */
    public PerpQuote quote(String venue, String base) {
        for (PerpQuote q : quotes) {
            if (q != null && q.instrument().venue().equals(venue) && q.instrument().base().equals(base)) {
                return q;
            }
        }
        return null;
    }
}
