package io.tradeloop.decide.pipeline;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.set.FeatureStream;
import io.tradeloop.learn.label.RollingLogReturnStd;

import java.util.List;
import java.util.Map;

/**
 * Turns closed bars into {@link BarInput}s, the serving path's one way from prices to model inputs:
 * the feature stream and the scaler the models were trained with, the sequence window of the last
 * scaled rows, and the volatility target of the labels. Every backtest, paper and live loop and the
 * latency benchmark use it. Allocates nothing per bar (the input's arrays are this object's buffers).
 */
public final class BarInputs {
    /** Columns the regime detector and the adapter read, by the names the built-in feature sets give them. */
    public static final String ADX = "dmi_14_14_adx";
    public static final String REALISED_VOL = "rv_30";
    public static final String SLOPE = "ret_42";
    public static final String HIGHER_SLOPE = "ret_7@1d";
    public static final String MOMENTUM = "ret_6";
    private static final int MOMENTUM_BARS = 6;

    private final DirectionalModels models;
    private final FittedScaler scaler;
    private final FeatureStream stream;
    private final RollingLogReturnStd vol;
    private final double[] row;
    private final float[] rowF;
    private final float[] window;
    private final int rowsInWindow;
    private final int adx;
    private final int rv;
    private final int slope;
    private final int higherSlope;
    private final int momentum;
    private int filled;
    private long lastTimeMs;
    private double lastClose;

    /**
     * @param daily daily bars for the multi-timeframe features (the stream folds one in only after it closes)
     */
    public BarInputs(DirectionalModels models, FittedScaler scaler, FeatureSetDefinition features, Timeframe base, BarSeries daily) {
        if (!scaler.columns().equals(models.featureNames())) {
            throw new IllegalArgumentException("the scaler's columns " + scaler.columns() + " differ from the models' " + models.featureNames());
        }
        this.models = models;
        this.scaler = scaler;
        this.stream = new FeatureStream(features, base, features.timeframes().contains(Timeframe.D1) ? Map.of(Timeframe.D1, daily) : Map.of());
        this.vol = new RollingLogReturnStd(models.labels().volWindow());
        int f = scaler.columns().size();
        this.row = new double[f];
        this.rowF = new float[f];
        this.rowsInWindow = models.sequence() == null ? 1 : models.sequence().config().window();
        this.window = new float[rowsInWindow * f];
        List<String> cols = stream.columns();
        this.adx = index(cols, ADX, features);
        this.rv = index(cols, REALISED_VOL, features);
        this.slope = index(cols, SLOPE, features);
        this.higherSlope = cols.indexOf(HIGHER_SLOPE);
        this.momentum = index(cols, MOMENTUM, features);
    }

    private static int index(List<String> cols, String name, FeatureSetDefinition features) {
        int k = cols.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("feature set " + features.id() + " has no column " + name + " (the regime and adapter inputs need it)");
        }
        return k;
    }

    /** Folds in one closed bar. */
    public void update(long closeTimeMs, double open, double high, double low, double close, double volume) {
        stream.update(closeTimeMs, open, high, low, close, volume);
        vol.update(close);
        lastTimeMs = closeTimeMs;
        lastClose = close;
        if (stream.rowReady()) {
            scaler.transformRow(stream, row);
            int f = row.length;
            for (int j = 0; j < f; j++) rowF[j] = (float) row[j];
            System.arraycopy(window, f, window, 0, window.length - f);
            System.arraycopy(rowF, 0, window, window.length - f, f);
            if (filled < rowsInWindow) filled++;
        }
    }

    /** True once every feature is past warm-up and the volatility target is defined. */
    public boolean ready() {
        return stream.rowReady() && !Double.isNaN(vol.value());
    }

    /** The input for the bar last folded in, with the account's state. */
    public BarInput input(double drawdown, int positionSide, int barsHeld) {
        double sigma = vol.value();
        double tau = Double.isNaN(sigma) ? Double.NaN : Math.max(models.labels().minTargetReturn(), sigma * Math.sqrt(models.labels().horizonBars()));
        double rvNow = stream.value(rv);
        double mom = rvNow > 0 ? stream.value(momentum) / (rvNow * Math.sqrt(MOMENTUM_BARS)) : 0;
        float[] w = filled >= rowsInWindow && models.sequence() != null ? window : null;
        return new BarInput(lastTimeMs, lastClose, rowF, w, stream.value(adx), rvNow, stream.value(slope),
                higherSlope < 0 ? Double.NaN : stream.value(higherSlope), mom, tau, drawdown, positionSide, barsHeld);
    }
}
