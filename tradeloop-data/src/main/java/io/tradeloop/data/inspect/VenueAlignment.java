package io.tradeloop.data.inspect;

import io.tradeloop.data.funding.PerpMarket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the same contract on different venues is stamped with the same clock: each venue's closes
 * are compared with the other venues' closes of the same asset and contract kind at a shift of −1, 0 and +1
 * bars. Aligned venues match best at 0; a venue whose closes match the others equally at 0 and +1 (or best at
 * ±1) has candles shifted by part of a period, which puts fake spread P&amp;L into cross-venue trades and can
 * leak later prices into earlier times.
 */
public final class VenueAlignment {
    /** Error at lag 0 must be below this share of the smaller neighbour-lag error to count as aligned. */
    static final double ALIGNED_RATIO = 0.5;

    private VenueAlignment() {
    }

    /**
     * One contract's comparison with its peers.
     *
     * @param key       venue:pair
     * @param peers     how many other venues it was compared with
     * @param errBefore mean |log(close / peer close one bar earlier)|
     * @param errSame   mean |log(close / peer close at the same time)|
     * @param errAfter  mean |log(close / peer close one bar later)|
     * @param aligned   whether lag 0 fits clearly best
     * @param note      plain words for the report
     */
    public record Result(String key, int peers, double errBefore, double errSame, double errAfter, boolean aligned, String note) {
    }

    public static List<Result> check(List<PerpMarket> markets) {
        Map<String, List<PerpMarket>> groups = new HashMap<>();
        for (PerpMarket m : markets) {
            groups.computeIfAbsent(m.base() + "/" + m.kind(), k -> new ArrayList<>()).add(m);
        }
        List<Result> out = new ArrayList<>();
        for (PerpMarket m : markets) {
            List<PerpMarket> peers = groups.get(m.base() + "/" + m.kind()).stream().filter(p -> p != m).toList();
            if (peers.isEmpty()) {
                continue;
            }
            double[] err = new double[3];
            for (int lag = -1; lag <= 1; lag++) {
                err[lag + 1] = meanError(m, peers, lag);
            }
            double neighbour = Math.min(err[0], err[2]);
            boolean aligned = err[1] < ALIGNED_RATIO * neighbour;
            String note = aligned ? "aligned"
                    : String.format(java.util.Locale.ROOT, "MISALIGNED: closes match peers %s (errors %.3f%% / %.3f%% / %.3f%% at -1 / 0 / +1 bar)",
                    err[2] <= err[0] ? "a fraction of a bar later" : "a fraction of a bar earlier", 100 * err[0], 100 * err[1], 100 * err[2]);
            out.add(new Result(m.key(), peers.size(), err[0], err[1], err[2], aligned, note));
        }
        return out;
    }

    private static double meanError(PerpMarket m, List<PerpMarket> peers, int lag) {
        double sum = 0;
        long n = 0;
        var bars = m.bars();
        for (PerpMarket p : peers) {
            var pb = p.bars();
            for (int i = 0; i < bars.size(); i++) {
                long t = bars.openTimeMs(i) + lag * bars.timeframe().millis();
                int j = pb.lowerBound(t);
                if (j < pb.size() && pb.openTimeMs(j) == t) {
                    sum += Math.abs(Math.log(bars.close(i) / pb.close(j)));
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
