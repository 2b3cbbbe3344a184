package io.tradeloop.server.market;

import io.tradeloop.core.instrument.Instrument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the funding-carry opportunities of a tick from a replay: every pair of venues quoting the
 * same base, directed long the lower rate and short the higher, ranked by score (plan §4.3: APR of the
 * 24 h projection × a liquidity quality factor), the best {@code limit} kept.
 */
public final class OpportunityScanner {
    /** Settlements per year at one per 8 hours: 3 × 365. */
    public static final double PERIODS_PER_YEAR = 3 * 365;
    /** 24 h volume above which an opportunity's liquidity counts as good (plan §4.3). */
    public static final double GOOD_VOLUME_USD = 1_000_000;
    private static final long H24 = 86_400_000L;
    private static final long D3 = 3 * H24;

    private OpportunityScanner() {
    }

    /** The opportunities at {@code tick}, best score first, at most {@code limit}. */
    public static List<CarryOpportunity> scan(MarketReplay market, int tick, int limit) {
        List<Instrument> inst = market.instruments();
        List<CarryOpportunity> out = new ArrayList<>();
        for (int a = 0; a < inst.size(); a++) {
            for (int b = a + 1; b < inst.size(); b++) {
                if (!inst.get(a).base().equals(inst.get(b).base())) {
                    continue;
                }
                double ra = market.fundingRate8h(a, tick);
                double rb = market.fundingRate8h(b, tick);
                if (Double.isNaN(ra) || Double.isNaN(rb) || ra == rb) {
                    continue;
                }
                int lo = ra < rb ? a : b;
                int hi = ra < rb ? b : a;
                out.add(build(market, tick, lo, hi));
            }
        }
        out.sort(Comparator.comparingDouble(CarryOpportunity::score).reversed().thenComparing(CarryOpportunity::key));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    /** The opportunity long instrument {@code lo}, short {@code hi} at {@code tick} (both must have settled rates). */
    static CarryOpportunity build(MarketReplay market, int tick, int lo, int hi) {
        Instrument l = market.instruments().get(lo);
        Instrument s = market.instruments().get(hi);
        double rl = market.fundingRate8h(lo, tick);
        double rs = market.fundingRate8h(hi, tick);
        double profit8hPct = (rs - rl) * 100;
        double apr = profit8hPct * PERIODS_PER_YEAR;
        double pl = market.price(lo, tick);
        double ps = market.price(hi, tick);
        double spreadPct = Math.abs(pl - ps) / ((pl + ps) / 2) * 100;
        double volume = Math.min(market.volume24hUsd(lo, tick), market.volume24hUsd(hi, tick));
        double apr24 = meanApr(market, tick, lo, hi, H24);
        double apr3d = meanApr(market, tick, lo, hi, D3);
        double quality = volume > GOOD_VOLUME_USD ? 1.0 : 0.5; // NaN volume compares false: unknown liquidity counts as poor
        return new CarryOpportunity(l.base(), l.venue(), s.venue(), rl, rs, profit8hPct, apr, apr24, apr3d, spreadPct,
                volume, apr24 * quality, l.symbol(), pl, ps);
    }

    /** Mean APR (percent) of short − long over settlements with time in (t − window, t]. */
    static double meanApr(MarketReplay market, int tick, int lo, int hi, long windowMs) {
        long t = market.timeMs(tick);
        double sum = 0;
        int n = 0;
        for (int j = tick; j >= 0 && market.timeMs(j) > t - windowMs; j--) {
            double rl = market.fundingRate8h(lo, j);
            double rs = market.fundingRate8h(hi, j);
            if (Double.isNaN(rl) || Double.isNaN(rs)) {
                continue;
            }
            sum += (rs - rl) * 100 * PERIODS_PER_YEAR;
            n++;
        }
        return sum / n; // n ≥ 1: tick itself has both rates
    }
}
