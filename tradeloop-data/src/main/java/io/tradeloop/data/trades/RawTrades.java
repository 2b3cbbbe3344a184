package io.tradeloop.data.trades;

import io.tradeloop.data.csv.DataIssue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trade prints exactly as a file holds them, in file order with their line numbers, before any check but
 * parsing (the trade counterpart of {@link io.tradeloop.data.bars.RawBars}).
 */
public final class RawTrades {
    private final Path file;
    private final String name;
    private final List<DataIssue> malformed = new ArrayList<>();
    private long[] row = new long[4096];
    private long[] time = new long[4096];
    private double[] price = new double[4096];
    private double[] amount = new double[4096];
    private int n;

    public RawTrades(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    public void add(long rowNo, long timeMs, double p, double a) {
        if (n == time.length) {
            int cap = n * 2;
            row = Arrays.copyOf(row, cap);
            time = Arrays.copyOf(time, cap);
            price = Arrays.copyOf(price, cap);
            amount = Arrays.copyOf(amount, cap);
        }
        row[n] = rowNo;
        time[n] = timeMs;
        price[n] = p;
        amount[n] = a;
        n++;
    }

    public void malformed(long rowNo, String field, String value, String problem) {
        malformed.add(new DataIssue(file, rowNo, field, value, problem, DataIssue.Action.REFUSED));
    }

    public Path file() {
        return file;
    }

    public String name() {
        return name;
    }

    public List<DataIssue> malformed() {
        return List.copyOf(malformed);
    }

    public int size() {
        return n;
    }

    public long row(int i) {
        return row[i];
    }

    public long timeMs(int i) {
        return time[i];
    }

    public double price(int i) {
        return price[i];
    }

    public double amount(int i) {
        return amount[i];
    }

    public int problems(int i) {
        return TradeProblem.classify(price[i], amount[i]);
    }
}
