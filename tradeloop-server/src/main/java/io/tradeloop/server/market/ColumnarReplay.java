package io.tradeloop.server.market;

import io.tradeloop.core.instrument.Instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * A market replay held column by column ({@code double[instrument][tick]}), the form every replay
 * source loads into: recorded files now, tests' hand-made markets, later tradeloop-data's catalog.
 */
public final class ColumnarReplay implements MarketReplay {
    private final String description;
    private final long[] times;
    private final List<Instrument> instruments;
    private final double[][] price;      // [instrument][tick], NaN before the first row
    private final double[][] rate;       // [instrument][tick], NaN when no settlement at the tick
    private final double[][] volume24h;  // [instrument][tick], NaN until 24 h of closed bars exist
    private final boolean[][] stale;

    /**
     * A replay over the given columns (indexed [instrument][tick]); the arrays are owned by the replay afterwards.
     *
     * @param price     price at each tick, NaN before an instrument's first row
     * @param rate      settled rate per funding interval at each tick, NaN when none settled
     * @param volume24h traded value over the 24 h closed by each tick, NaN when unknown
     * @param stale     true where the price was carried from an earlier tick
     */
    public ColumnarReplay(String description, long[] times, List<Instrument> instruments, double[][] price,
                          double[][] rate, double[][] volume24h, boolean[][] stale) {
        for (int k = 1; k < times.length; k++) {
            if (times[k] <= times[k - 1]) {
                throw new IllegalArgumentException(description + ": tick " + k + " time " + times[k] + " is not after " + times[k - 1]);
            }
        }
        int n = times.length;
        for (double[][] col : new double[][][] {price, rate, volume24h}) {
            if (col.length != instruments.size()) {
                throw new IllegalArgumentException(description + ": " + col.length + " columns for " + instruments.size() + " instruments");
            }
            for (double[] c : col) {
                if (c.length != n) {
                    throw new IllegalArgumentException(description + ": a column has " + c.length + " ticks, expected " + n);
                }
            }
        }
        this.description = description;
        this.times = times;
        this.instruments = List.copyOf(instruments);
        this.price = price;
        this.rate = rate;
        this.volume24h = volume24h;
        this.stale = stale;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public int size() {
        return times.length;
    }

    @Override
    public long timeMs(int tick) {
        return times[tick];
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    @Override
    public Instrument instrument(String venue, String base) {
        for (Instrument i : instruments) {
            if (i.venue().equals(venue) && i.base().equals(base)) {
                return i;
            }
        }
        return null;
    }

    @Override
    public MarketFrame frame(int tick) {
        List<PerpQuote> quotes = new ArrayList<>(instruments.size());
        for (int s = 0; s < instruments.size(); s++) {
            double p = price[s][tick];
            quotes.add(Double.isNaN(p) ? null : new PerpQuote(instruments.get(s), p, rate[s][tick], volume24h[s][tick], stale[s][tick]));
        }
        return new MarketFrame(tick, times[tick], quotes);
    }

    @Override
    public double fundingRate8h(int instrumentIndex, int tick) {
        return rate[instrumentIndex][tick] * 8.0 / instruments.get(instrumentIndex).fundingIntervalHours();
    }

    @Override
    public double price(int instrumentIndex, int tick) {
        return price[instrumentIndex][tick];
    }

    @Override
    public double volume24hUsd(int instrumentIndex, int tick) {
        return volume24h[instrumentIndex][tick];
    }
}
