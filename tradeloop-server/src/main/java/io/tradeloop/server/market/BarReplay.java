package io.tradeloop.server.market;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.ReadPolicy;

import java.nio.file.Path;

/**
 * One instrument's OHLCV bars replayed bar by bar for a directional agent. Tick {@code k} is the close
 * of bar {@code start + k}: at that time the bar's open, high, low, close and volume are known, and
 * nothing later is. The bars before the first tick are the warm-up history (features, volatility and
 * the regime detector see them before the first decision), as in {@code tradeloop ablation}: with
 * {@code fromMs} at a trained bundle's test start, every tick is a bar the models never trained on.
 */
public final class BarReplay implements Replay {
    private final String asset;
    private final Instrument instrument;
    private final BarSeries all;
    private final BarSeries daily;
    private final int start;
    private final String source;

    /**
     * @param all    every bar of the file, oldest first
     * @param fromMs the first tick is the first bar closing at or after this time
     */
    public BarReplay(String asset, Instrument instrument, BarSeries all, long fromMs, String source) {
        this.asset = asset;
        this.instrument = instrument;
        this.all = all;
        this.daily = BarResampler.resample(all, Timeframe.D1, PartialBars.DROP).bars();
        // a bar closing at or after fromMs opens at or after fromMs − timeframe
        this.start = all.lowerBound(fromMs - all.timeframe().millis());
        this.source = source;
        if (start >= all.size()) {
            throw new ConfigException("from", "no bar of " + source + " closes at or after " + TimeFormat.iso(fromMs)
                    + " (the last closes at " + TimeFormat.iso(all.lastCloseTimeMs()) + ")");
        }
    }

    /**
     * Reads a 4h OHLCV CSV (repairing bad rows as the directional trainer does) for {@code asset} on the
     * coinbase linear perpetual with {@code takerFeeRate} per side.
     */
    public static BarReplay load(String asset, Path csv, long fromMs, double takerFeeRate) {
        BarSeries all = OhlcvCsvReader.read(csv, ReadPolicy.REPAIR).value().withName(asset);
        Instrument inst = Instrument.linearPerp("coinbase", asset).withFees(takerFeeRate / 2, takerFeeRate);
        return new BarReplay(asset, inst, all, fromMs, csv.toString());
    }

    @Override
    public String describe() {
        return asset + " " + all.timeframe() + " bars from " + source + ": " + size() + " ticks " + TimeFormat.iso(timeMs(0)) + " .. "
                + TimeFormat.iso(timeMs(size() - 1)) + " after " + start + " warm-up bars";
    }

    @Override
    public int size() {
        return all.size() - start;
    }

    /** The close time of tick {@code k}'s bar: the moment it is decided on. */
    @Override
    public long timeMs(int tick) {
        return all.closeTimeMs(index(tick));
    }

    public String asset() {
        return asset;
    }

    public Instrument instrument() {
        return instrument;
    }

    public double open(int tick) {
        return all.open(index(tick));
    }

    public double high(int tick) {
        return all.high(index(tick));
    }

    public double low(int tick) {
        return all.low(index(tick));
    }

    public double close(int tick) {
        return all.close(index(tick));
    }

    public double volume(int tick) {
        return all.volume(index(tick));
    }

    /** The bars that closed before the first tick (warm-up). */
    public BarSeries history() {
        return all.sliceIndex(0, start);
    }

    /**
     * Daily bars of the whole file, for the multi-timeframe features: the feature stream folds a daily
     * bar in only once it has closed, so a decision never sees a day that has not ended.
     */
    public BarSeries daily() {
        return daily;
    }

    /** Every bar known at tick {@code k}: the history and ticks 0..k (all closing at or before {@link #timeMs}(k)). */
    public BarSeries knownAt(int tick) {
        return all.sliceIndex(0, index(tick) + 1);
    }

    private int index(int tick) {
        if (tick < 0 || tick >= size()) {
            throw new IndexOutOfBoundsException("tick " + tick + " is outside [0, " + (size() - 1) + "] of the " + asset + " replay");
        }
        return start + tick;
    }
}
