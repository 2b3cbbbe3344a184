package io.tradeloop.rl.env.funding;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.FundingSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.funding.CrossExchangeFundingReader;
import io.tradeloop.data.funding.PerpMarket;
import io.tradeloop.data.funding.VenueFundingReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the real-data {@link MarketSeries} from the funding files: the cross-exchange file (Binance, Bybit,
 * OKX; linear and inverse perpetuals with 8-hour candles and funding) and the per-venue rate files (HTX,
 * KuCoin, MEXC, Gate, dYdX: rates only), with a reference price per asset (Coinbase 4-hour bars).
 *
 * <p>Prices. The venues' candles are not on one clock: checked against the reference, Binance's close
 * labelled T is the price at T + 8 h while Bybit's and OKX's are the price at T + 4 h (their candles are
 * labelled 4 h late), so raw cross-venue spreads show ±1% that never existed. The loader detects each
 * market's offset (the one that minimises the spread to the reference), measures the venue's basis against
 * the reference at that instant, and prices the leg as reference × (1 + latest basis); a candle is used only
 * from max(aligned close, label + 8 h), never earlier. Rates-only venues are priced by the fitted
 * {@link BasisModel} (a model, seeded). Extremes for liquidation checks come from the reference bars and
 * the venue's own candles when they become known. Funding settles at each file's own times.
 */
public final class RealMarketLoader {
    private static final Logger LOG = LoggerFactory.getLogger(RealMarketLoader.class);
    private static final long HOUR = 3_600_000L;
    private static final int[] OFFSETS_HOURS = {0, 4, 8, 12, 16};
    /** A reference bar older than this is a gap in the reference: no price (never a stale one). */
    static final long MAX_REFERENCE_AGE_MS = 8 * HOUR;
    /** A venue basis measured longer ago than this is a gap in the venue's candles: no price. */
    static final long MAX_BASIS_AGE_MS = 24 * HOUR;

    private RealMarketLoader() {
    }

    /**
     * The files to read.
     *
     * @param crossExchange  {@code funding/cross_exchange_8h.csv}
     * @param venuesDir      {@code funding/venues} ({@code {exchange}_{BASE}-USDT.csv}; venues also in the cross file are skipped)
     * @param referenceBars  per asset, OHLCV bars of a spot reference (Coinbase 4 h)
     */
    public record Sources(Path crossExchange, Path venuesDir, Map<String, Path> referenceBars) {
        /** The shared data layout under {@code dataDir}. */
        public static Sources shared(Path dataDir) {
            Map<String, Path> ref = new LinkedHashMap<>();
            ref.put("BTC", dataDir.resolve("ohlcv/coinbase_BTC-USD_4h.csv"));
            ref.put("ETH", dataDir.resolve("ohlcv/coinbase_ETH-USD_4h.csv"));
            return new Sources(dataDir.resolve("funding/cross_exchange_8h.csv"), dataDir.resolve("funding/venues"), ref);
        }
    }

    /** How a cross-exchange market's candles line up with the reference. */
    public record Alignment(String market, int closeOffsetHours, double spreadSdBp, double nextBestSdBp) {
    }

    /**
     * The loaded market and how it was made.
     *
     * @param series      the market
     * @param alignments  the detected candle offsets
     * @param basisModels the fitted model per asset for venues without prices
     * @param dataHash    SHA-256 of the files read (first 16 hex digits), for provenance
     */
    public record Loaded(MarketSeries series, List<Alignment> alignments, Map<String, BasisModel> basisModels, String dataHash) {
        /** Plain-text summary of the alignment and the models, for reports. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (Alignment a : alignments) {
                sb.append(String.format(Locale.ROOT, "  %-32s close = label + %2d h (spread to reference sd %.1f bp; next best %.1f bp)%n",
                        a.market(), a.closeOffsetHours(), a.spreadSdBp(), a.nextBestSdBp()));
            }
            basisModels.forEach((asset, m) -> sb.append(String.format(Locale.ROOT,
                    "  basis model %s: measured mean + %.2f bp + %.3f x (rate8h - measured mean rate8h) + AR(1) residual (phi 1h %.4f, sd %.2f bp), %d samples%n",
                    asset, m.alpha() * 1e4, m.kappa(), m.phiHourly(), m.sigmaStationary() * 1e4, m.samples())));
            return sb.toString();
        }
    }

    /**
     * Loads [startMs, endMs) on a grid of {@code stepHours}; the basis model is fitted on bases measured in
     * [fitFromMs, fitToMs) (the training months: no statistic of the hold-out leaks into the model).
     */
    public static Loaded load(Sources src, long startMs, long endMs, int stepHours, long fitFromMs, long fitToMs, long seed) {
        long stepMs = stepHours * HOUR;
        int steps = (int) ((endMs - startMs) / stepMs);
        if (steps < 2) {
            throw new IllegalArgumentException("[" + TimeFormat.iso(startMs) + ", " + TimeFormat.iso(endMs) + ") holds fewer than 2 steps");
        }
        List<PerpMarket> cross = CrossExchangeFundingReader.read(src.crossExchange(), ReadPolicy.STRICT).value().stream()
                .filter(m -> m.kind().isPerpetual()).toList();
        List<String> crossVenues = cross.stream().map(PerpMarket::venue).distinct().toList();
        List<FundingSeries> venues = VenueFundingReader.readAll(src.venuesDir(), ReadPolicy.STRICT).stream()
                .filter(f -> !crossVenues.contains(f.venue())).toList();
        Map<String, BarSeries> refs = new LinkedHashMap<>();
        src.referenceBars().forEach((asset, file) -> refs.put(asset, OhlcvCsvReader.read(file, ReadPolicy.STRICT, Timeframe.H4).value()));

        MarketSeries.Builder b = MarketSeries.builder(startMs, stepMs, steps);
        List<Alignment> alignments = new ArrayList<>();
        Map<String, BasisModel> models = new LinkedHashMap<>();
        Rng rng = new Rng(seed);
        for (String asset : refs.keySet()) {
            BarSeries ref = refs.get(asset);
            List<PerpMarket> measured = cross.stream().filter(m -> m.base().equals(asset)).toList();
            if (measured.isEmpty()) {
                throw new IllegalArgumentException(src.crossExchange() + " has no perpetual of " + asset);
            }
            // measured legs: aligned bases, availability, volumes
            List<double[]> linearBasis = new ArrayList<>();
            List<double[]> linearRate = new ArrayList<>();
            List<boolean[]> linearFresh = new ArrayList<>();
            for (PerpMarket m : measured) {
                Alignment al = align(m, ref, fitFromMs, fitToMs);
                alignments.add(al);
                LOG.info("aligned market={} close_offset_h={} spread_sd_bp={} next_best_sd_bp={}", al.market(),
                        al.closeOffsetHours(), String.format(Locale.ROOT, "%.1f", al.spreadSdBp()),
                        String.format(Locale.ROOT, "%.1f", al.nextBestSdBp()));
                int leg = b.addLeg(new LegMarket(asset, m.venue(), m.kind(), m.funding().intervalHours(), true, true));
                double[] basisAt = new double[steps];
                boolean[] fresh = new boolean[steps];
                addMeasuredLeg(b, leg, m, ref, al.closeOffsetHours(), stepMs, basisAt, fresh);
                if (m.kind() == InstrumentKind.LINEAR_PERPETUAL) {
                    double[] rateAt = new double[steps];
                    for (int t = 0; t < steps; t++) {
                        int k = m.funding().lastAtOrBefore(b.timeMs(t));
                        rateAt[t] = k < 0 ? Double.NaN : m.funding().rate8h(k);
                    }
                    linearBasis.add(basisAt);
                    linearRate.add(rateAt);
                    linearFresh.add(fresh);
                }
            }
            // the anchor: mean basis and rate of the measured linear perpetuals at each step
            double[] anchorBasis = new double[steps];
            double[] anchorRate = new double[steps];
            for (int t = 0; t < steps; t++) {
                anchorBasis[t] = meanAt(linearBasis, t, -1);
                anchorRate[t] = meanAt(linearRate, t, -1);
            }
            // fit on the measured venues: each one's deviation from the others' mean, when its basis is new
            int cap = linearBasis.size() * steps;
            double[] dev = new double[cap];
            double[] rdev = new double[cap];
            int[] id = new int[cap];
            int n = 0;
            for (int v = 0; v < linearBasis.size(); v++) {
                for (int t = 0; t < steps; t++) {
                    long now = b.timeMs(t);
                    if (!linearFresh.get(v)[t] || now < fitFromMs || now >= fitToMs) {
                        continue;
                    }
                    double d = linearBasis.get(v)[t] - meanAt(linearBasis, t, v);
                    double x = linearRate.get(v)[t] - meanAt(linearRate, t, v);
                    if (!Double.isNaN(d) && !Double.isNaN(x)) {
                        dev[n] = d;
                        rdev[n] = x;
                        id[n] = v;
                        n++;
                    }
                }
            }
            BasisModel model = BasisModel.fit(dev, rdev, id, n, 8);
            models.put(asset, model);
            for (FundingSeries f : venues) {
                if (f.base().equals(asset)) {
                    int leg = b.addLeg(new LegMarket(asset, f.venue(), InstrumentKind.LINEAR_PERPETUAL, f.intervalHours(), false, false));
                    addModelledLeg(b, leg, f, ref, model, anchorBasis, anchorRate, rng.split(), stepMs);
                }
            }
        }
        MarketSeries series = b.build();
        List<Path> files = new ArrayList<>();
        files.add(src.crossExchange());
        try (var s = Files.list(src.venuesDir())) {
            s.filter(p -> p.toString().endsWith(".csv")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + src.venuesDir() + ": " + e.getMessage(), e);
        }
        files.addAll(src.referenceBars().values());
        return new Loaded(series, alignments, models, sha256(files));
    }

    /** The candle-close offset (0, 4, …, 16 h after the label) at which the market's closes best match the reference. */
    static Alignment align(PerpMarket m, BarSeries ref, long fromMs, long toMs) {
        BarSeries bars = m.bars();
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int bestOffset = -1;
        for (int k : OFFSETS_HOURS) {
            double s = 0;
            double ss = 0;
            int n = 0;
            for (int i = 0; i < bars.size(); i++) {
                long label = bars.openTimeMs(i);
                if (label < fromMs || label >= toMs) {
                    continue;
                }
                double r = refPriceAt(ref, label + k * HOUR);
                if (!Double.isNaN(r)) {
                    double d = Math.log(bars.close(i) / r);
                    s += d;
                    ss += d * d;
                    n++;
                }
            }
            if (n < 30) {
                continue;
            }
            double sd = Math.sqrt(Math.max(0, ss / n - (s / n) * (s / n))) * 1e4;
            if (sd < best) {
                second = best;
                best = sd;
                bestOffset = k;
            } else if (sd < second) {
                second = sd;
            }
        }
        if (bestOffset < 0 || !(best < 0.5 * second)) {
            throw new IllegalArgumentException(m.key() + ": cannot line its candles up with the reference (best spread sd "
                    + best + " bp, next " + second + " bp); check the time zone of the file");
        }
        return new Alignment(m.venue() + ":" + m.pair() + " (" + m.kind().name().toLowerCase(Locale.ROOT) + ")", bestOffset, best, second);
    }

    /** The reference price at an instant on its bar grid: the close of the bar that closes exactly then (NaN otherwise). */
    static double refPriceAt(BarSeries ref, long instantMs) {
        int j = ref.lastClosedAt(instantMs);
        return j >= 0 && ref.closeTimeMs(j) == instantMs ? ref.close(j) : Double.NaN;
    }

    /** Adds a leg priced from its own aligned candles; fills {@code basisAt} (NaN when stale) and marks steps where a new basis arrived. */
    private static void addMeasuredLeg(MarketSeries.Builder b, int leg, PerpMarket m, BarSeries ref, int offsetHours, long stepMs,
                                       double[] basisAt, boolean[] fresh) {
        BarSeries bars = m.bars();
        int steps = b.steps();
        // availability step of each candle, its basis, and 24 h volume
        int n = bars.size();
        double[] basis = new double[n];
        long[] avail = new long[n];
        for (int i = 0; i < n; i++) {
            long label = bars.openTimeMs(i);
            long aligned = label + offsetHours * HOUR;
            double r = refPriceAt(ref, aligned);
            basis[i] = Double.isNaN(r) ? Double.NaN : bars.close(i) / r - 1;
            avail[i] = Math.max(aligned, label + bars.timeframe().millis());
        }
        int i = -1; // last candle available
        double lastBasis = Double.NaN;
        long lastBasisMs = Long.MIN_VALUE;
        for (int t = 0; t < steps; t++) {
            long now = b.timeMs(t);
            double candleLow = Double.NaN;
            double candleHigh = Double.NaN;
            while (i + 1 < n && avail[i + 1] <= now) {
                i++;
                if (!Double.isNaN(basis[i])) {
                    lastBasis = basis[i];
                    lastBasisMs = avail[i];
                    fresh[t] = true;
                }
                if (avail[i] > now - stepMs) { // became known in this step: its extremes count now
                    candleLow = Double.isNaN(candleLow) ? bars.low(i) : Math.min(candleLow, bars.low(i));
                    candleHigh = Double.isNaN(candleHigh) ? bars.high(i) : Math.max(candleHigh, bars.high(i));
                }
            }
            int j = ref.lastClosedAt(now);
            basisAt[t] = now - lastBasisMs <= MAX_BASIS_AGE_MS ? lastBasis : Double.NaN;
            if (j >= 0 && now - ref.closeTimeMs(j) <= MAX_REFERENCE_AGE_MS && !Double.isNaN(lastBasis)
                    && now - lastBasisMs <= MAX_BASIS_AGE_MS) {
                double mark = ref.close(j) * (1 + lastBasis);
                double lo = candleLow;
                double hi = candleHigh;
                if (ref.closeTimeMs(j) > now - stepMs) {
                    lo = min(lo, ref.low(j) * (1 + lastBasis));
                    hi = max(hi, ref.high(j) * (1 + lastBasis));
                }
                b.price(leg, t, mark, lo, hi);
            }
            if (i >= 2 && now - avail[i] <= MAX_BASIS_AGE_MS) {
                double v = 0;
                for (int k = i - 2; k <= i; k++) {
                    v += bars.volume(k) * bars.close(k);
                }
                b.volume(leg, t, v);
            }
        }
        FundingSeries f = m.funding();
        for (int k = 0; k < f.size(); k++) {
            b.settle(leg, f.timeMs(k), f.rate(k));
        }
    }

    /** Mean of column t over the series, leaving out series {@code skip} (−1: none); NaN when any is missing. */
    private static double meanAt(List<double[]> series, int t, int skip) {
        double sum = 0;
        int n = 0;
        for (int v = 0; v < series.size(); v++) {
            if (v == skip) {
                continue;
            }
            double x = series.get(v)[t];
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            sum += x;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void addModelledLeg(MarketSeries.Builder b, int leg, FundingSeries f, BarSeries ref, BasisModel model,
                                       double[] anchorBasis, double[] anchorRate, Rng rng, long stepMs) {
        int steps = b.steps();
        double u = model.sigmaStationary() * rng.nextGaussian();
        double hoursPerStep = stepMs / (double) HOUR;
        for (int k = 0; k < f.size(); k++) {
            b.settle(leg, f.timeMs(k), f.rate(k));
        }
        for (int t = 0; t < steps; t++) {
            long now = b.timeMs(t);
            for (int h = 0; h < hoursPerStep; h++) {
                u = model.nextResidual(u, rng.nextGaussian());
            }
            int k = f.lastAtOrBefore(now);
            int j = ref.lastClosedAt(now);
            if (k < 0 || j < 0 || now - ref.closeTimeMs(j) > MAX_REFERENCE_AGE_MS || Double.isNaN(anchorBasis[t])
                    || Double.isNaN(anchorRate[t])) {
                continue;
            }
            double basis = model.basis(anchorBasis[t], anchorRate[t], f.rate8h(k), u);
            double lo = Double.NaN;
            double hi = Double.NaN;
            if (ref.closeTimeMs(j) > now - stepMs) {
                lo = ref.low(j) * (1 + basis);
                hi = ref.high(j) * (1 + basis);
            }
            b.price(leg, t, ref.close(j) * (1 + basis), lo, hi);
        }
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static String sha256(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path p : files) {
                try (InputStream in = Files.newInputStream(p)) {
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        md.update(buf, 0, r);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files + " for the data hash: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
