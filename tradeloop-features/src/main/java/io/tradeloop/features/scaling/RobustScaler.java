package io.tradeloop.features.scaling;

import io.tradeloop.features.set.FeatureMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fits robust scaling on a training window: per feature the median and the interquartile range,
 * turned into a robust standard deviation sigma = IQR / 1.349 (the IQR of a normal distribution is
 * 1.349 sigma), so a scaled value (x - median) / sigma reads as a robust z-score and the clip threshold
 * is in those units. Checks every feature for collapse on the same window. Only a {@link TrainWindow}
 * is accepted: there is no way to fit on hold-out rows.
 */
public final class RobustScaler {
    private static final Logger LOG = LoggerFactory.getLogger(RobustScaler.class);
    /** IQR of the standard normal distribution: 2 * 0.674489... */
    static final double NORMAL_IQR = 1.3489795003921634;

    private RobustScaler() {
    }

    /** Fits on {@code train} with {@code config}; logs and records every collapse finding. */
    public static FittedScaler fit(TrainWindow train, ScalingConfig config) {
        FeatureMatrix m = train.matrix();
        int columns = m.columnCount();
        List<CollapseFinding> findings = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        double[] buffer = new double[train.rows()];
        for (int k = 0; k < columns; k++) {
            String name = m.columns().get(k);
            double[] col = m.column(k);
            int finite = 0;
            int bad = 0;
            for (int i = train.from(); i < train.to(); i++) {
                if (m.status(k, i).bad()) bad++;
                double x = col[i];
                if (x - x == 0) buffer[finite++] = x;
            }
            List<CollapseFinding> own = new ArrayList<>();
            double badFraction = (double) bad / train.rows();
            if (badFraction > config.maxBadFraction()) {
                own.add(new CollapseFinding(name, CollapseFinding.Kind.MOSTLY_BAD, String.format(Locale.ROOT,
                        "%.1f%% of %,d training rows were NaN/Inf (allowed %.1f%%)", 100 * badFraction, train.rows(),
                        100 * config.maxBadFraction())));
            }
            double median = 0;
            double scale = 1;
            if (finite == 0) {
                own.add(new CollapseFinding(name, CollapseFinding.Kind.CONSTANT, "no finite value in the training window"));
            } else {
                double[] sorted = Arrays.copyOf(buffer, finite);
                Arrays.sort(sorted);
                median = quantile(sorted, 0.5);
                double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
                if (sorted[0] == sorted[finite - 1]) {
                    own.add(new CollapseFinding(name, CollapseFinding.Kind.CONSTANT,
                            "all " + finite + " finite training values equal " + sorted[0]));
                } else if (iqr > 0) {
                    scale = iqr / NORMAL_IQR;
                } else {
                    scale = standardDeviation(sorted);
                    own.add(new CollapseFinding(name, CollapseFinding.Kind.ZERO_IQR, String.format(Locale.ROOT,
                            "interquartile range is 0 (median %s); scaled by the standard deviation %s", median, scale)));
                }
            }
            boolean collapsed = own.stream().anyMatch(CollapseFinding::collapsed);
            for (CollapseFinding f : own) {
                LOG.warn("feature finding set={} column={} kind={} detail=\"{}\" policy={}", m.definition().id(), name,
                        f.kind(), f.detail(), f.collapsed() ? config.onCollapse() : "none");
            }
            findings.addAll(own);
            if (collapsed && config.onCollapse() == CollapsePolicy.DROP) {
                continue;
            }
            kept.add(k);
            medians.add(median);
            scales.add(scale);
        }
        List<CollapseFinding> collapsed = findings.stream().filter(CollapseFinding::collapsed).toList();
        if (!collapsed.isEmpty() && config.onCollapse() == CollapsePolicy.FAIL) {
            throw new IllegalStateException("features collapsed on the training window " + describe(train) + ": " + collapsed);
        }
        if (kept.isEmpty()) {
            throw new IllegalStateException("every feature of " + m.definition().id() + " collapsed on " + describe(train)
                    + " and was dropped: " + findings);
        }
        return new FittedScaler(m.definition().id(), m.columns(), kept.stream().mapToInt(Integer::intValue).toArray(),
                medians.stream().mapToDouble(Double::doubleValue).toArray(),
                scales.stream().mapToDouble(Double::doubleValue).toArray(),
                config.clipZ(), findings, train.firstCloseTimeMs(), train.lastCloseTimeMs(), train.rows());
    }

    private static String describe(TrainWindow w) {
        return "rows " + w.from() + ".." + w.to() + " (" + io.tradeloop.core.time.TimeFormat.iso(w.firstCloseTimeMs()) + " .. "
                + io.tradeloop.core.time.TimeFormat.iso(w.lastCloseTimeMs()) + ")";
    }

    /** Quantile of sorted values with linear interpolation between order statistics (Hyndman-Fan type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Population standard deviation. */
    static double standardDeviation(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double s = 0;
        for (double v : x) s += (v - mean) * (v - mean);
        return Math.sqrt(s / x.length);
    }
}
