package io.tradeloop.features.set;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.mtf.CloseTimeCursor;
import io.tradeloop.features.indicator.BarIndicator;
import io.tradeloop.core.time.TimeFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one code path that computes a feature set: {@link #update} folds in the next closed base bar and
 * leaves one sanitised value per column, readable with {@link #value(int)}. Live use calls it per bar;
 * {@link FeatureMatrix#compute} calls it bar by bar over a whole series, so batch and streaming are the
 * same arithmetic. Allocates nothing per update.
 *
 * <p>Sanitisation per column: before the set's warm-up and while the indicator is not ready the value is
 * NaN with status {@link CellStatus#WARMUP}; after that a non-finite value is counted by kind and
 * replaced by the column's last finite value (causal forward fill), or left NaN when there is none.
 *
 * <p>A feature on a coarser timeframe reads its bound coarse series and folds in a coarse bar only once
 * the base bar being processed closes at or after the coarse bar's close time: no look-ahead.
 */
public final class FeatureStream {
    private final FeatureSetDefinition definition;
    private final String id;
    private final Timeframe baseTimeframe;
    private final BarIndicator[] base;
    private final CoarseNode[] coarse;
    /** Per column: the indicator output it shows, and the coarse node when on another timeframe. */
    private final int[] output;
    private final BarIndicator[] columnIndicator;
    private final CoarseNode[] columnCoarse;
    private final String[] columns;

    private final double[] values;
    private final double[] lastGood;
    private final byte[] status;
    private final long[] warmup;
    private final long[] nan;
    private final long[] posInf;
    private final long[] negInf;
    private final long[] filled;
    private long rows;
    private long lastCloseTimeMs = Long.MIN_VALUE;

    /**
     * @param definition    the feature set
     * @param baseTimeframe the timeframe of the bars {@link #update} will receive
     * @param coarseSeries  a bar series for each timeframe in {@link FeatureSetDefinition#timeframes()}
     */
    public FeatureStream(FeatureSetDefinition definition, Timeframe baseTimeframe, Map<Timeframe, BarSeries> coarseSeries) {
        this.definition = definition;
        this.id = definition.id();
        this.baseTimeframe = baseTimeframe;
        List<BarIndicator> baseNodes = new ArrayList<>();
        List<CoarseNode> coarseNodes = new ArrayList<>();
        List<Integer> outputOf = new ArrayList<>();
        List<BarIndicator> indicatorOf = new ArrayList<>();
        List<CoarseNode> coarseOf = new ArrayList<>();
        for (FeatureSpec spec : definition.features()) {
            BarIndicator indicator = spec.newIndicator();
            CoarseNode c = null;
            if (spec.timeframe() == null) {
                baseNodes.add(indicator);
            } else {
                Timeframe tf = spec.timeframe();
                if (tf.compareTo(baseTimeframe) <= 0 || !baseTimeframe.divides(tf)) {
                    throw new IllegalArgumentException("feature " + spec.canonical() + ": timeframe " + tf
                            + " must be a whole multiple of, and coarser than, the base timeframe " + baseTimeframe);
                }
                BarSeries series = coarseSeries.get(tf);
                if (series == null) {
                    throw new IllegalArgumentException("feature " + spec.canonical() + " needs a " + tf
                            + " bar series; bound: " + coarseSeries.keySet());
                }
                if (!series.timeframe().equals(tf)) {
                    throw new IllegalArgumentException("series " + series.name() + " bound for " + tf + " has timeframe "
                            + series.timeframe());
                }
                c = new CoarseNode(indicator, series);
                coarseNodes.add(c);
            }
            for (int k = 0; k < indicator.outputs(); k++) {
                outputOf.add(k);
                indicatorOf.add(indicator);
                coarseOf.add(c);
            }
        }
        this.base = baseNodes.toArray(BarIndicator[]::new);
        this.coarse = coarseNodes.toArray(CoarseNode[]::new);
        int n = outputOf.size();
        this.output = outputOf.stream().mapToInt(Integer::intValue).toArray();
        this.columnIndicator = indicatorOf.toArray(BarIndicator[]::new);
        this.columnCoarse = coarseOf.toArray(CoarseNode[]::new);
        this.columns = definition.columns().toArray(String[]::new);
        if (columns.length != n) {
            throw new IllegalStateException("column count " + columns.length + " != indicator outputs " + n);
        }
        values = new double[n];
        lastGood = new double[n];
        status = new byte[n];
        warmup = new long[n];
        nan = new long[n];
        posInf = new long[n];
        negInf = new long[n];
        filled = new long[n];
        reset();
    }

    /** A stream for a set with no coarser timeframes. */
    public FeatureStream(FeatureSetDefinition definition, Timeframe baseTimeframe) {
        this(definition, baseTimeframe, Map.of());
    }

    /**
     * Folds in the next closed base bar.
     *
     * @param closeTimeMs the bar's close time (open time + timeframe); strictly increasing
     * @throws IllegalArgumentException naming the bar time, the field and the value when the bar is not
     *                                  a valid OHLCV bar (the caller's reader should have refused it)
     */
    public void update(long closeTimeMs, double open, double high, double low, double close, double volume) {
        validate(closeTimeMs, open, high, low, close, volume);
        lastCloseTimeMs = closeTimeMs;
        for (BarIndicator b : base) {
            b.update(open, high, low, close, volume);
        }
        for (CoarseNode c : coarse) {
            c.advanceTo(closeTimeMs);
        }
        boolean setWarm = rows < definition.warmupBars();
        for (int k = 0; k < values.length; k++) {
            int out = output[k];
            CoarseNode c = columnCoarse[k];
            boolean ready = c == null ? columnIndicator[k].ready(out) : c.ready(out);
            double v = c == null ? columnIndicator[k].value(out) : c.value(out);
            if (setWarm || !ready) {
                values[k] = Double.NaN;
                status[k] = (byte) CellStatus.WARMUP.ordinal();
                warmup[k]++;
            } else if (v - v == 0) { // finite: NaN and ±Inf give NaN here
                values[k] = v;
                lastGood[k] = v;
                status[k] = (byte) CellStatus.OK.ordinal();
            } else {
                CellStatus s = Double.isNaN(v) ? CellStatus.NAN : v > 0 ? CellStatus.POS_INF : CellStatus.NEG_INF;
                switch (s) {
                    case NAN -> nan[k]++;
                    case POS_INF -> posInf[k]++;
                    default -> negInf[k]++;
                }
                status[k] = (byte) s.ordinal();
                values[k] = lastGood[k];
                if (!Double.isNaN(lastGood[k])) filled[k]++;
            }
        }
        rows++;
    }

    private void validate(long closeTimeMs, double open, double high, double low, double close, double volume) {
        if (closeTimeMs <= lastCloseTimeMs) {
            throw bad(closeTimeMs, "closeTime", TimeFormat.iso(closeTimeMs), "must be after the previous bar's close "
                    + TimeFormat.iso(lastCloseTimeMs));
        }
        if (!(open > 0 && open < Double.POSITIVE_INFINITY)) throw bad(closeTimeMs, "open", open, "a finite price > 0");
        if (!(high > 0 && high < Double.POSITIVE_INFINITY)) throw bad(closeTimeMs, "high", high, "a finite price > 0");
        if (!(low > 0 && low < Double.POSITIVE_INFINITY)) throw bad(closeTimeMs, "low", low, "a finite price > 0");
        if (!(close > 0 && close < Double.POSITIVE_INFINITY)) throw bad(closeTimeMs, "close", close, "a finite price > 0");
        if (!(volume >= 0 && volume < Double.POSITIVE_INFINITY)) throw bad(closeTimeMs, "volume", volume, "a finite volume >= 0");
        if (high < low || open > high || open < low || close > high || close < low) {
            throw bad(closeTimeMs, "high/low", high + "/" + low, "low <= open, close <= high (open " + open + ", close " + close + ")");
        }
    }

    private static IllegalArgumentException bad(long closeTimeMs, String field, Object value, String allowed) {
        return new IllegalArgumentException("bar closing " + TimeFormat.iso(closeTimeMs) + ": field '" + field + "' value "
                + value + " is invalid (allowed: " + allowed + ")");
    }

    /** Column {@code k}'s sanitised value after the last update. */
    public double value(int k) {
        return values[k];
    }

    /** What the sanitiser found in column {@code k} at the last update. */
    public CellStatus status(int k) {
        return CellStatus.of(status[k]);
    }

    /** Column {@code k}'s status code ({@link CellStatus#ordinal()}), without the enum lookup. */
    public byte statusCode(int k) {
        return status[k];
    }

    /** Copies the sanitised values of the last update into {@code dst} from {@code offset}. */
    public void copyValues(double[] dst, int offset) {
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    /** True when every column is past warm-up at the last update (a row a model may use). */
    public boolean rowReady() {
        for (byte s : status) {
            if (s == CellStatus.WARMUP.ordinal()) return false;
        }
        return rows > 0;
    }

    public int columnCount() {
        return values.length;
    }

    public String column(int k) {
        return columns[k];
    }

    public List<String> columns() {
        return List.of(columns);
    }

    public FeatureSetDefinition definition() {
        return definition;
    }

    /** {@code name@version} of the set (computed once). */
    public String id() {
        return id;
    }

    public Timeframe baseTimeframe() {
        return baseTimeframe;
    }

    /** Bars folded in so far. */
    public long rows() {
        return rows;
    }

    /** The sanitisation counts so far, one entry per column. */
    public List<FeatureQuality> quality() {
        List<FeatureQuality> out = new ArrayList<>(columns.length);
        for (int k = 0; k < columns.length; k++) {
            out.add(new FeatureQuality(columns[k], rows, warmup[k], nan[k], posInf[k], negInf[k], filled[k]));
        }
        return out;
    }

    /** Back to the state before the first bar (the coarse series stay bound). */
    public void reset() {
        for (BarIndicator b : base) b.reset();
        for (CoarseNode c : coarse) c.reset();
        java.util.Arrays.fill(values, Double.NaN);
        java.util.Arrays.fill(lastGood, Double.NaN);
        java.util.Arrays.fill(status, (byte) CellStatus.WARMUP.ordinal());
        java.util.Arrays.fill(warmup, 0);
        java.util.Arrays.fill(nan, 0);
        java.util.Arrays.fill(posInf, 0);
        java.util.Arrays.fill(negInf, 0);
        java.util.Arrays.fill(filled, 0);
        rows = 0;
        lastCloseTimeMs = Long.MIN_VALUE;
    }

    /**
     * An indicator on a coarser series, fed each coarse bar once the base stream has reached its close
     * time. When the newest closed coarse bar is two or more coarse periods old (a gap, or a series that
     * ends early) its values are stale and read as NaN, so the sanitiser counts them instead of passing
     * an old value off as current.
     */
    private static final class CoarseNode {
        private final BarIndicator indicator;
        private final BarSeries series;
        private final CloseTimeCursor cursor;
        private final long staleAfterMs;
        /** Coarse bars folded into the indicator so far. */
        private int fed;
        private boolean stale;

        CoarseNode(BarIndicator indicator, BarSeries series) {
            this.indicator = indicator;
            this.series = series;
            this.cursor = new CloseTimeCursor(series);
            this.staleAfterMs = 2 * series.timeframe().millis();
        }

        void advanceTo(long timeMs) {
            int newest = cursor.advanceTo(timeMs); // the newest coarse bar closed by timeMs (data's alignment rule)
            while (fed <= newest) {
                indicator.update(series.open(fed), series.high(fed), series.low(fed), series.close(fed), series.volume(fed));
                fed++;
            }
            stale = fed > 0 && timeMs - series.closeTimeMs(fed - 1) >= staleAfterMs;
        }

        double value(int output) {
            return stale ? Double.NaN : indicator.value(output);
        }

        boolean ready(int output) {
            return fed > 0 && indicator.ready(output);
        }

        void reset() {
            indicator.reset();
            cursor.reset();
            fed = 0;
            stale = false;
        }
    }
}
