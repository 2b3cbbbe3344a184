package io.tradeloop.rl.env.funding;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.time.TimeFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real-data market: candle alignment, venue schedules, modelled prices, and no look-ahead on the real files. */
class RealMarketLoaderTest {
    static final long START = TimeFormat.parse("2023-01-01");
    static final long END = TimeFormat.parse("2024-01-01");
    static RealMarketLoader.Loaded loaded;

    @BeforeAll
    static void load() {
        var data = SharedData.data();
        assumeTrue(data.isPresent(), SharedData.ABSENT);
        loaded = RealMarketLoader.load(RealMarketLoader.Sources.shared(data.get()), START, END, 1,
                START, TimeFormat.parse("2023-10-01"), 42);
    }

    static int leg(MarketSeries s, String asset, String name) {
        for (int l = 0; l < s.legCount(); l++) {
            if (s.leg(l).asset().equals(asset) && s.leg(l).name().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no leg " + asset + " " + name);
    }

    @Test
    void candlesAreAlignedVenueByVenue() {
        // Binance's close labelled T matches the reference at T + 8 h; Bybit's and OKX's at T + 4 h
        for (var a : loaded.alignments()) {
            int expected = a.market().startsWith("binance") ? 8 : 4;
            assertThat(a.closeOffsetHours()).as(a.market()).isEqualTo(expected);
            assertThat(a.spreadSdBp()).as(a.market()).isLessThan(25).isLessThan(0.3 * a.nextBestSdBp());
        }
        assertThat(loaded.alignments()).hasSize(12); // 3 venues × 2 kinds × 2 assets
    }

    @Test
    void elevenLegsPerAssetWithTheirOwnSchedules() {
        MarketSeries s = loaded.series();
        assertThat(s.legCount()).isEqualTo(22);
        assertThat(s.steps()).isEqualTo(8760);
        int dydx = leg(s, "BTC", "dydx:BTCUSDT");
        int kucoin = leg(s, "BTC", "kucoin:BTCUSDT");
        int binance = leg(s, "BTC", "binance:BTCUSDT");
        assertThat(s.leg(dydx).fundingIntervalHours()).isEqualTo(1);
        assertThat(s.leg(dydx).pricesObserved()).isFalse();
        assertThat(s.leg(binance).pricesObserved()).isTrue();
        int t = s.stepAtOrAfter(TimeFormat.parse("2023-06-01T00:00:00Z"));
        for (int h = 0; h < 24; h++) {
            assertThat(s.settlements(dydx, t + h)).isEqualTo(1); // hourly
            assertThat(s.settlements(kucoin, t + h)).isEqualTo(h % 8 == 4 ? 1 : 0); // 04, 12, 20 UTC
            assertThat(s.settlements(binance, t + h)).isEqualTo(h % 8 == 0 ? 1 : 0); // 00, 08, 16 UTC
        }
        // the first Binance candle (labelled 00:00) closes at 08:00: no price before
        assertThat(s.mark(binance, 7)).isNaN();
        assertThat(s.mark(binance, 8)).isPositive();
    }

    @Test
    void alignedPricesRemoveTheSpuriousCrossVenueSpread() {
        MarketSeries s = loaded.series();
        int bin = leg(s, "BTC", "binance:BTCUSDT");
        int byb = leg(s, "BTC", "bybit:BTCUSDT");
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int t = 100; t < s.steps(); t++) {
            double d = (s.mark(byb, t) / s.mark(bin, t) - 1) * 1e4;
            sum += d;
            sumSq += d * d;
            n++;
        }
        double sd = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        // raw candles give ~90 bp (a 4-hour price move); aligned the two perpetuals stay within a few bp
        assertThat(sd).isLessThan(15);
        var m = loaded.basisModels().get("BTC");
        assertThat(m.samples()).isGreaterThan(1000);
        assertThat(m.sigmaStationary()).isLessThan(0.005);
    }

    @Test
    void noValueUsesDataFromItsFuture(@TempDir Path dir) throws IOException {
        // the files cut at 2023-06-01: every column before that instant must be identical to the full files'
        Path data = SharedData.data().orElseThrow();
        long cut = TimeFormat.parse("2023-06-01");
        Files.createDirectories(dir.resolve("funding/venues"));
        Files.createDirectories(dir.resolve("ohlcv"));
        truncate(data.resolve("funding/cross_exchange_8h.csv"), dir.resolve("funding/cross_exchange_8h.csv"), cut);
        try (var files = Files.list(data.resolve("funding/venues"))) {
            for (Path p : files.toList()) {
                truncate(p, dir.resolve("funding/venues").resolve(p.getFileName()), cut);
            }
        }
        Map<String, Path> refs = new LinkedHashMap<>();
        for (String a : List.of("BTC", "ETH")) {
            Path out = dir.resolve("ohlcv/coinbase_" + a + "-USD_4h.csv");
            truncate(data.resolve("ohlcv/coinbase_" + a + "-USD_4h.csv"), out, cut);
            refs.put(a, out);
        }
        long fitTo = TimeFormat.parse("2023-05-01");
        var full = RealMarketLoader.load(RealMarketLoader.Sources.shared(data), START, END, 1, START, fitTo, 7).series();
        var part = RealMarketLoader.load(new RealMarketLoader.Sources(dir.resolve("funding/cross_exchange_8h.csv"),
                dir.resolve("funding/venues"), refs), START, END, 1, START, fitTo, 7).series();
        int cutStep = full.stepAtOrAfter(cut);
        for (int l = 0; l < full.legCount(); l++) {
            for (int t = 0; t < cutStep; t++) {
                String at = full.leg(l).name() + " at " + TimeFormat.iso(full.timeMs(t));
                assertThat(Double.valueOf(part.mark(l, t))).as("mark " + at).isEqualTo(Double.valueOf(full.mark(l, t)));
                assertThat(Double.valueOf(part.low(l, t))).as("low " + at).isEqualTo(Double.valueOf(full.low(l, t)));
                assertThat(Double.valueOf(part.high(l, t))).as("high " + at).isEqualTo(Double.valueOf(full.high(l, t)));
                assertThat(Double.valueOf(part.settledRateSum(l, t))).as("funding " + at).isEqualTo(Double.valueOf(full.settledRateSum(l, t)));
                assertThat(Double.valueOf(part.knownRate(l, t))).as("rate " + at).isEqualTo(Double.valueOf(full.knownRate(l, t)));
                assertThat(Double.valueOf(part.volume24hUsd(l, t))).as("volume " + at).isEqualTo(Double.valueOf(full.volume24hUsd(l, t)));
            }
        }
        // and the cut is real: after it the truncated files have nothing
        assertThat(part.mark(0, cutStep + 48)).isNaN();
    }

    /** Copies the header and the rows whose first column (time) is before {@code cut}. */
    static void truncate(Path in, Path out, long cut) throws IOException {
        List<String> lines = Files.readAllLines(in);
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            if (TimeFormat.parse(line.substring(0, line.indexOf(','))) < cut) {
                sb.append(line).append('\n');
            }
        }
        Files.writeString(out, sb);
    }
}
