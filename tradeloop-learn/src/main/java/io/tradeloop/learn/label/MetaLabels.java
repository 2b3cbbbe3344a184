package io.tradeloop.learn.label;

/**
 * Meta-labels (López de Prado, AFML §3.6): for each bar where a primary model proposes a side, did
 * that trade hit its profit-take barrier first? 1 = take, 0 = skip; rows without a proposal or without
 * a barrier outcome are not samples.
 *
 * @param rows     bar indices that are samples (primary side ≠ 0 and a barrier outcome exists)
 * @param meta     1 when the profit-take barrier was touched first, else 0 (stop, vertical or both)
 * @param side     the primary model's side at that row
 * @param endIndex the bar at which the outcome was decided (for purging)
 * @param tradeReturn side × return at touch: the trade's gross return
 */
public record MetaLabels(int[] rows, int[] meta, int[] side, int[] endIndex, double[] tradeReturn) {
    public int size() {
        return rows.length;
    }

    /**
     * Meta-labels for primary sides (+1, −1, 0 = no trade) given the long- and short-side barrier
     * outcomes of the same bars.
     */
    public static MetaLabels of(int[] primarySide, BarrierLabels longSide, BarrierLabels shortSide) {
        if (longSide.side() != 1 || shortSide.side() != -1) {
            throw new IllegalArgumentException("meta-labels need long-side (+1) and short-side (-1) barrier labels, got "
                    + longSide.side() + " and " + shortSide.side());
        }
        int n = primarySide.length;
        if (longSide.size() != n || shortSide.size() != n) {
            throw new IllegalArgumentException("primary sides (" + n + ") and barrier labels (" + longSide.size() + ", "
                    + shortSide.size() + ") differ in length");
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (primarySide[i] != 0 && longSide.isLabelled(i)) count++;
        }
        int[] rows = new int[count];
        int[] meta = new int[count];
        int[] side = new int[count];
        int[] end = new int[count];
        double[] tr = new double[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int s = primarySide[i];
            if (s == 0 || !longSide.isLabelled(i)) continue;
            if (s != 1 && s != -1) {
                throw new IllegalArgumentException("primary side at row " + i + " must be -1, 0 or +1, got " + s);
            }
            BarrierLabels l = s > 0 ? longSide : shortSide;
            Barrier profit = s > 0 ? Barrier.UPPER : Barrier.LOWER;
            rows[k] = i;
            side[k] = s;
            meta[k] = l.barrier()[i] == profit ? 1 : 0;
            end[k] = l.endIndex()[i];
            tr[k] = s * l.returnAtTouch()[i];
            k++;
        }
        return new MetaLabels(rows, meta, side, end, tr);
    }
}
