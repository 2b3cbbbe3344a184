package io.tradeloop.decide.train;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.features.scaling.ChronologicalSplit;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.scaling.RobustScaler;
import io.tradeloop.features.scaling.ScalingConfig;
import io.tradeloop.features.set.FeatureMatrix;
import io.tradeloop.features.set.FeatureSetDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One asset's bars, their multi-timeframe features (base bars plus daily bars resampled from them) and
 * the robust scaling fitted on the training period only, with every row scaled into a row-major float
 * block the models read. Rows before the first fully warmed-up row are left at zero and never used.
 */
public final class AssetFeatures {
    private static final Logger log = LoggerFactory.getLogger(AssetFeatures.class);

    private final String name;
    private final BarSeries bars;
    private final BarSeries daily;
    private final FeatureMatrix matrix;
    private final FittedScaler scaler;
    private final float[] scaled;
    private final int cols;
    private final int firstReady;

    private AssetFeatures(String name, BarSeries bars, BarSeries daily, FeatureMatrix matrix, FittedScaler scaler) {
        this.name = name;
        this.bars = bars;
        this.daily = daily;
        this.matrix = matrix;
        this.scaler = scaler;
        List<String> kept = scaler.columns();
        this.cols = kept.size();
        int[] src = new int[cols];
        for (int j = 0; j < cols; j++) src[j] = matrix.columnIndex(kept.get(j));
        this.firstReady = matrix.firstReadyRow();
        int n = matrix.rows();
        this.scaled = new float[n * cols];
        for (int i = firstReady; i < n; i++) {
            for (int j = 0; j < cols; j++) scaled[i * cols + j] = (float) scaler.scale(j, matrix.value(src[j], i));
        }
    }

    /**
     * Reads an OHLCV CSV (repairing by the data module's logged policy), resamples daily bars, computes
     * {@code definition} and fits the scaler on the rows closing before {@code fitBeforeMs} (less
     * {@code embargoRows}).
     */
    public static AssetFeatures load(String name, Path csv, FeatureSetDefinition definition, long fitBeforeMs, int embargoRows) {
        var read = OhlcvCsvReader.read(csv, ReadPolicy.REPAIR);
        if (!read.issues().isEmpty()) {
            log.warn("data repaired file={} issues={}", csv, read.issues().size());
        }
        return of(name, read.value().withName(name), definition, fitBeforeMs, embargoRows);
    }

    /** As {@link #load} for bars already in memory. */
    public static AssetFeatures of(String name, BarSeries bars, FeatureSetDefinition definition, long fitBeforeMs, int embargoRows) {
        BarSeries daily = BarResampler.resample(bars, Timeframe.D1, PartialBars.DROP).bars();
        Map<Timeframe, BarSeries> coarse = definition.timeframes().contains(Timeframe.D1) ? Map.of(Timeframe.D1, daily) : Map.of();
        FeatureMatrix m = FeatureMatrix.compute(definition, bars, coarse);
        FittedScaler scaler = RobustScaler.fit(ChronologicalSplit.at(m, fitBeforeMs, embargoRows).train(), ScalingConfig.defaults());
        log.info("features asset={} bars={} first_ready_row={} columns={} dropped={}", name, bars.size(), m.firstReadyRow(),
                scaler.columns().size(), scaler.dropped());
        return new AssetFeatures(name, bars, daily, m, scaler);
    }

    public String name() {
        return name;
    }

    public BarSeries bars() {
        return bars;
    }

    public BarSeries daily() {
        return daily;
    }

    public FeatureMatrix matrix() {
        return matrix;
    }

    public FittedScaler scaler() {
        return scaler;
    }

    /** Scaled values, row-major: row i at [i × cols(), (i + 1) × cols()). */
    public float[] scaled() {
        return scaled;
    }

    public int cols() {
        return cols;
    }

    public List<String> columns() {
        return scaler.columns();
    }

    public int firstReady() {
        return firstReady;
    }

    public int rows() {
        return bars.size();
    }

    /** The unscaled value of a feature column at a row (regime and adapter inputs read these). */
    public double raw(String column, int row) {
        return matrix.value(matrix.columnIndex(column), row);
    }

    /** The first bar whose close time is at or after {@code timeMs}. */
    public int rowAtOrAfterClose(long timeMs) {
        return matrix.rowAtOrAfter(timeMs);
    }
}
