package io.tradeloop.data.bars;

import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.csv.DataIssue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Bar rows exactly as a file holds them, in file order with their line numbers, before any check but
 * parsing: the form every bar reader produces, so {@link BarSanitizer} applies one policy to every layout
 * and the inspector counts problems the readers would refuse. Rows whose text does not parse at all are
 * kept aside as {@link #malformed()} issues.
 */
public final class RawBars {
    private final Path file;
    private final String name;
    private final Timeframe declaredTimeframe;
    private final List<DataIssue> malformed = new ArrayList<>();
    private long[] row;
    private long[] time;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private int n;

    /**
     * @param declaredTimeframe the interval the file states (Binance close times, a JSON name), or null to infer it
     */
    public RawBars(Path file, String name, Timeframe declaredTimeframe, int expectedRows) {
        this.file = file;
        this.name = name;
        this.declaredTimeframe = declaredTimeframe;
        int cap = Math.max(16, expectedRows);
        row = new long[cap];
        time = new long[cap];
        open = new double[cap];
        high = new double[cap];
        low = new double[cap];
        close = new double[cap];
        volume = new double[cap];
    }

    /** Appends one parsed row. */
    public void add(long rowNo, long openTimeMs, double o, double h, double l, double c, double v) {
        if (n == time.length) {
            int cap = n * 2;
            row = Arrays.copyOf(row, cap);
            time = Arrays.copyOf(time, cap);
            open = Arrays.copyOf(open, cap);
            high = Arrays.copyOf(high, cap);
            low = Arrays.copyOf(low, cap);
            close = Arrays.copyOf(close, cap);
            volume = Arrays.copyOf(volume, cap);
        }
        row[n] = rowNo;
        time[n] = openTimeMs;
        open[n] = o;
        high[n] = h;
        low[n] = l;
        close[n] = c;
        volume[n] = v;
        n++;
    }

    /** Records a row that could not be parsed (it is not among the rows). */
    public void malformed(long rowNo, String field, String value, String problem) {
        malformed.add(new DataIssue(file, rowNo, field, value, problem, DataIssue.Action.REFUSED));
    }

    public Path file() {
        return file;
    }

    public String name() {
        return name;
    }

    public Optional<Timeframe> declaredTimeframe() {
        return Optional.ofNullable(declaredTimeframe);
    }

    /** Rows that did not parse, as issues with action REFUSED (a reader decides what to do with them). */
    public List<DataIssue> malformed() {
        return List.copyOf(malformed);
    }

    public int size() {
        return n;
    }

    /** The 1-based line number of row {@code i} in the file. */
    public long row(int i) {
        return row[i];
    }

    public long openTimeMs(int i) {
        return time[i];
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public double volume(int i) {
        return volume[i];
    }

    /** The problems of row {@code i} as a {@link BarProblem} mask. */
    public int problems(int i) {
        return BarProblem.classify(open[i], high[i], low[i], close[i], volume[i]);
    }
}
