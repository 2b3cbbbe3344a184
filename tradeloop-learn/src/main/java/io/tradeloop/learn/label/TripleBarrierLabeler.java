package io.tradeloop.learn.label;

import io.tradeloop.core.series.BarSeries;

/**
 * Builds triple-barrier labels from OHLC columns (training code only: a label at bar i reads bars after i).
 *
 * <p>For the trade entered at close cᵢ with target τᵢ (see {@link TripleBarrierConfig}): for a long,
 * the profit-take barrier is cᵢ(1 + pt·τᵢ) and the stop cᵢ(1 − sl·τᵢ); for a short they mirror. Bars
 * j = i+1 … i+h are scanned in order; a barrier is touched when the bar's high (low) reaches it. If a
 * bar opens beyond a barrier the touch price is that open (a gap fills at the open, not at the
 * barrier). If both barriers lie inside one bar's range the outcome is {@link Barrier#BOTH}. If
 * neither is touched by bar i+h the vertical barrier decides, at that bar's close.
 */
public final class TripleBarrierLabeler {
    private final TripleBarrierConfig config;

    public TripleBarrierLabeler(TripleBarrierConfig config) {
        this.config = config;
    }

    public TripleBarrierConfig config() {
        return config;
    }

    /** Labels with long-side barriers: the 3-class direction labels (up = upper first). */
    public BarrierLabels label(BarSeries bars) {
        return label(bars.opens(), bars.highs(), bars.lows(), bars.closes(), bars.size(), +1);
    }

    /**
     * Labels with the barriers of a trade on {@code side} (+1 long, −1 short). For a short the
     * profit-take is the lower barrier at cᵢ(1 − pt·τᵢ) and the stop the upper one at cᵢ(1 + sl·τᵢ).
     */
    public BarrierLabels label(double[] open, double[] high, double[] low, double[] close, int n, int side) {
        if (side != 1 && side != -1) {
            throw new IllegalArgumentException("side must be +1 or -1, got " + side);
        }
        double[] sigma = rollingLogReturnStd(close, n, config.volWindow());
        int h = config.horizonBars();
        double sqrtH = Math.sqrt(h);
        int[] label = new int[n];
        Barrier[] barrier = new Barrier[n];
        double[] ret = new double[n];
        int[] end = new int[n];
        double[] target = new double[n];
        double upMult = side > 0 ? config.profitTakeMult() : config.stopLossMult();
        double downMult = side > 0 ? config.stopLossMult() : config.profitTakeMult();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(sigma[i]) || i + h >= n) {
                barrier[i] = Barrier.NONE;
                ret[i] = Double.NaN;
                end[i] = -1;
                target[i] = Double.NaN;
                continue;
            }
            double c = close[i];
            double tau = Math.max(config.minTargetReturn(), sigma[i] * sqrtH);
            double upper = c * (1 + upMult * tau);
            double lower = c * (1 - downMult * tau);
            target[i] = tau;
            Barrier hit = Barrier.VERTICAL;
            double touchPrice = close[i + h];
            int at = i + h;
            for (int j = i + 1; j <= i + h; j++) {
                boolean up = high[j] >= upper;
                boolean down = low[j] <= lower;
                if (up && down) {
                    // A gap through one barrier at the open decides it; otherwise the bar is ambiguous.
                    if (open[j] >= upper) {
                        hit = Barrier.UPPER;
                        touchPrice = open[j];
                    } else if (open[j] <= lower) {
                        hit = Barrier.LOWER;
                        touchPrice = open[j];
                    } else {
                        hit = Barrier.BOTH;
                        touchPrice = close[j];
                    }
                    at = j;
                    break;
                }
                if (up) {
                    hit = Barrier.UPPER;
                    touchPrice = Math.max(upper, open[j]);
                    at = j;
                    break;
                }
                if (down) {
                    hit = Barrier.LOWER;
                    touchPrice = Math.min(lower, open[j]);
                    at = j;
                    break;
                }
            }
            barrier[i] = hit;
            label[i] = switch (hit) {
                case UPPER -> 1;
                case LOWER -> -1;
                default -> 0;
            };
            ret[i] = touchPrice / c - 1;
            end[i] = at;
        }
        return new BarrierLabels(side, label, barrier, ret, end, target);
    }

    /**
     * σᵢ: sample standard deviation (n − 1 denominator) of the {@code window} log returns
     * ln(c_k / c_{k−1}) for k = i − window + 1 … i. NaN for the first {@code window} bars. Uses only
     * closes up to bar i.
     */
    public static double[] rollingLogReturnStd(double[] close, int n, int window) {
        var rolling = new RollingLogReturnStd(window);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = rolling.update(close[i]);
        return out;
    }

}
