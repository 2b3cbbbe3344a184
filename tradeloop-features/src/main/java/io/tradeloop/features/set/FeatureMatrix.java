package io.tradeloop.features.set;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;

import java.util.List;
import java.util.Map;

/**
 * A feature set computed over a bar series, column by column (one {@code double[]} per feature, struct of
 * arrays), with each cell's {@link CellStatus} and the sanitisation counts. Row {@code i} belongs to base
 * bar {@code i} and uses only data closed by that bar's close time. The arrays are the matrix's own:
 * read them, never write them.
 */
public final class FeatureMatrix {
    private final FeatureSetDefinition definition;
    private final List<String> columns;
    private final long[] closeTimeMs;
    private final double[][] values;
    private final byte[][] status;
    private final List<FeatureQuality> quality;

    private FeatureMatrix(FeatureSetDefinition definition, List<String> columns, long[] closeTimeMs, double[][] values,
                          byte[][] status, List<FeatureQuality> quality) {
        this.definition = definition;
        this.columns = List.copyOf(columns);
        this.closeTimeMs = closeTimeMs;
        this.values = values;
        this.status = status;
        this.quality = List.copyOf(quality);
    }

    /** Computes a set with no coarser timeframes over {@code bars}. */
    public static FeatureMatrix compute(FeatureSetDefinition definition, BarSeries bars) {
        return compute(definition, bars, Map.of());
    }

    /**
     * Computes {@code definition} over {@code bars}: a new {@link FeatureStream} updated bar by bar, each
     * row copied out after its bar (the batch path is the streaming path).
     */
    public static FeatureMatrix compute(FeatureSetDefinition definition, BarSeries bars, Map<Timeframe, BarSeries> coarse) {
        FeatureStream stream = new FeatureStream(definition, bars.timeframe(), coarse);
        int n = bars.size();
        int m = stream.columnCount();
        double[][] values = new double[m][n];
        byte[][] status = new byte[m][n];
        long[] times = new long[n];
        double[] o = bars.opens();
        double[] h = bars.highs();
        double[] l = bars.lows();
        double[] c = bars.closes();
        double[] v = bars.volumes();
        for (int i = 0; i < n; i++) {
            long t = bars.closeTimeMs(i);
            stream.update(t, o[i], h[i], l[i], c[i], v[i]);
            times[i] = t;
            for (int k = 0; k < m; k++) {
                values[k][i] = stream.value(k);
                status[k][i] = stream.statusCode(k);
            }
        }
        return new FeatureMatrix(definition, stream.columns(), times, values, status, stream.quality());
    }

    public FeatureSetDefinition definition() {
        return definition;
    }

    public List<String> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    public int rows() {
        return closeTimeMs.length;
    }

    /** The index of {@code name}; throws naming the known columns when absent. */
    public int columnIndex(String name) {
        int k = columns.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no feature column '" + name + "' in " + definition.id() + " (columns: " + columns + ")");
        }
        return k;
    }

    /** Column {@code k}'s sanitised values (NaN during warm-up). */
    public double[] column(int k) {
        return values[k];
    }

    public double[] column(String name) {
        return values[columnIndex(name)];
    }

    public double value(int k, int row) {
        return values[k][row];
    }

    public CellStatus status(int k, int row) {
        return CellStatus.of(status[k][row]);
    }

    /** Close time of row {@code i}'s bar: the instant the row becomes known. */
    public long closeTimeMs(int row) {
        return closeTimeMs[row];
    }

    /** Sanitisation counts per column over all rows. */
    public List<FeatureQuality> quality() {
        return quality;
    }

    /** The first row in which no column is warming up, or {@link #rows()} when there is none. */
    public int firstReadyRow() {
        for (int i = 0; i < rows(); i++) {
            boolean all = true;
            for (byte[] s : status) {
                if (s[i] == CellStatus.WARMUP.ordinal()) {
                    all = false;
                    break;
                }
            }
            if (all) return i;
        }
        return rows();
    }

    /** The first row whose close time is at or after {@code timeMs} ({@link #rows()} when none). */
    public int rowAtOrAfter(long timeMs) {
        int lo = 0;
        int hi = closeTimeMs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (closeTimeMs[mid] < timeMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
