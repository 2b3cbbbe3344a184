package io.tradeloop.server.paper;

import io.tradeloop.core.instrument.Instrument;

/**
 * An open arbitrage position: the long leg in book {@code 2·slot}, the short leg in book {@code 2·slot + 1}.
 *
 * @param slot           execution slot
 * @param longLeg        the long instrument
 * @param shortLeg       the short instrument
 * @param openedSeq      tick of entry
 * @param openedMs       time of entry
 * @param sizeUsd        USD notional of each leg at entry
 * @param entrySpreadPct spread between the legs' prices at entry, percent
 */
record OpenSlot(int slot, Instrument longLeg, Instrument shortLeg, int openedSeq, long openedMs, double sizeUsd,
                double entrySpreadPct) {
    int longBook() {
        return 2 * slot;
    }

    int shortBook() {
        return 2 * slot + 1;
    }

    String key() {
        return longLeg.base() + ":" + longLeg.venue() + ">" + shortLeg.venue();
    }

    String label() {
        return longLeg.base() + " long " + longLeg.venue() + " / short " + shortLeg.venue();
    }
}
