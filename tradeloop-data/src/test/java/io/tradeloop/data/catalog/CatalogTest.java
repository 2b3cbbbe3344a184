package io.tradeloop.data.catalog;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.TestFiles;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.BinanceKlineReader;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.trades.TradeAggregator;
import io.tradeloop.data.trades.TradeCsvReader;
import io.tradeloop.data.trades.TradeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CatalogTest {
    @TempDir
    Path dir;

    static void assertSameBars(BarSeries a, BarSeries b) {
        assertThat(a.size()).isEqualTo(b.size());
        assertThat(a.timeframe()).isEqualTo(b.timeframe());
        assertThat(a.openTimes()).isEqualTo(b.openTimes());
        assertThat(a.opens()).isEqualTo(b.opens());
        assertThat(a.highs()).isEqualTo(b.highs());
        assertThat(a.lows()).isEqualTo(b.lows());
        assertThat(a.closes()).isEqualTo(b.closes());
        assertThat(a.volumes()).isEqualTo(b.volumes());
    }

    /** The 36-bar Binance fixture split into two files that overlap by 6 bars (rows 13-18). */
    Path[] splitFixture() throws IOException {
        List<String> lines = Files.readAllLines(TestFiles.binance("BTCUSDT-5m-2024-01-01.csv"));
        Path a = dir.resolve("in/a/BTCUSDT-5m-2024-01-01.csv");
        Path b = dir.resolve("in/b/BTCUSDT-5m-2024-01-01.csv");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        Files.write(a, lines.subList(0, 18));
        Files.write(b, lines.subList(12, 36));
        return new Path[] {a, b};
    }

    static String tree(Path catalog) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(catalog)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).sorted().toList()) {
                sb.append(catalog.relativize(p)).append(' ').append(Hashes.sha256(p)).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void importedBarsLoadBackExactlyAndByRange() {
        Path f = TestFiles.binance("BTCUSDT-5m-2024-01-01.csv");
        try (Catalog c = Catalog.open(dir.resolve("cat"))) {
            ImportResult r = c.importFile(f, ImportOptions.defaults());
            assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
            assertThat(r.name()).isEqualTo("BTCUSDT"); // timeframe and date tokens dropped from the file name
            BarSeries loaded = c.loadBars("BTCUSDT", Timeframe.M5);
            assertSameBars(loaded, BinanceKlineReader.read(f, ReadPolicy.STRICT).value());
            BarSeries hour = c.loadBars("BTCUSDT", Timeframe.M5, TimeFormat.parse("2024-01-01T01:00:00Z"), TimeFormat.parse("2024-01-01T02:00:00Z"));
            assertThat(hour.size()).isEqualTo(12);
            assertThat(hour.openTimeMs(0)).isEqualTo(loaded.openTimeMs(12));
            assertThat(c.verify()).isEmpty();
            assertThatThrownBy(() -> c.loadBars("BTCUSDT", Timeframe.H1)).hasMessageContaining("no dataset BTCUSDT/1h").hasMessageContaining("BTCUSDT/5m");
        }
    }

    @Test
    void reimportIsIdempotent() throws IOException {
        Path f = TestFiles.binance("BTCUSDT-5m-2024-01-01.csv");
        Path cat = dir.resolve("cat");
        try (Catalog c = Catalog.open(cat)) {
            c.importFile(f, ImportOptions.defaults().withTimeframes(List.of(Timeframe.M15)));
            String before = tree(cat);
            ImportResult again = c.importFile(f, ImportOptions.defaults().withTimeframes(List.of(Timeframe.M15)));
            assertThat(again.status()).isEqualTo(ImportResult.Status.UNCHANGED);
            assertThat(tree(cat)).isEqualTo(before);
            assertThat(c.list()).hasSize(2);
        }
    }

    @Test
    void theSameFilesInAnyOrderGiveTheSameCatalog() throws IOException {
        Path[] ab = splitFixture();
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        ImportOptions o = ImportOptions.defaults().withTimeframes(List.of(Timeframe.M15, Timeframe.H1));
        try (Catalog c = Catalog.open(one)) {
            c.importFile(ab[0], o);
            c.importFile(ab[1], o);
        }
        try (Catalog c = Catalog.open(two)) {
            c.importFile(ab[1], o);
            c.importFile(ab[0], o);
            assertThat(c.importFile(ab[1], o).status()).isEqualTo(ImportResult.Status.UNCHANGED);
        }
        assertThat(tree(two)).isEqualTo(tree(one));
        try (Catalog c = Catalog.open(one)) {
            // the overlap (6 bars) is not duplicated: the union is the whole 36-bar day
            assertSameBars(c.loadBars("BTCUSDT", Timeframe.M5), BinanceKlineReader.read(TestFiles.binance("BTCUSDT-5m-2024-01-01.csv"), ReadPolicy.STRICT).value()
                    .withName("BTCUSDT"));
            assertThat(c.find("BTCUSDT", Timeframe.M5).orElseThrow().sources()).hasSize(2);
            // 00:00-03:00 of 5m bars: three complete hours
            BarSeries h1 = c.loadBars("BTCUSDT", Timeframe.H1);
            assertThat(h1.size()).isEqualTo(3);
            assertSameBars(h1, BarResampler.resample(c.loadBars("BTCUSDT", Timeframe.M5), Timeframe.H1, PartialBars.DROP).bars());
        }
    }

    @Test
    void aConflictingBarIsRefusedUnlessReplacing() throws IOException {
        Path[] ab = splitFixture();
        List<String> lines = Files.readAllLines(ab[1]);
        String[] f = lines.get(0).split(",", -1); // 2024-01-01T01:00Z, also in file a
        f[5] = "1.00000000"; // volume
        lines.set(0, String.join(",", f));
        Path changed = dir.resolve("in/BTCUSDT-5m-2024-01-01.csv");
        Files.write(changed, lines);
        try (Catalog c = Catalog.open(dir.resolve("cat"))) {
            c.importFile(ab[0], ImportOptions.defaults());
            assertThatThrownBy(() -> c.importFile(changed, ImportOptions.defaults()))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("2024-01-01T01:00:00Z").hasMessageContaining("volume").hasMessageContaining("BTCUSDT/5m")
                    .hasMessageContaining("--replace");
            assertThat(c.loadBars("BTCUSDT", Timeframe.M5).size()).isEqualTo(18); // unchanged
            c.importFile(changed, ImportOptions.defaults().withReplace(true));
            BarSeries now = c.loadBars("BTCUSDT", Timeframe.M5);
            assertThat(now.size()).isEqualTo(24); // only the replacing file's bars
            assertThat(now.volume(0)).isEqualTo(1.0);
            assertThat(c.find("BTCUSDT", Timeframe.M5).orElseThrow().sources()).hasSize(1);
        }
    }

    @Test
    void tradesImportWithBarsAggregatedAtFourTimeframes() {
        Path f = TestFiles.bitstamp(dir);
        try (Catalog c = Catalog.open(dir.resolve("cat"))) {
            ImportResult r = c.importFile(f, ImportOptions.defaults().withName("bitstamp_BTC-USD"));
            assertThat(r.written()).extracting(CatalogEntry::key).containsExactlyInAnyOrder(
                    "bitstamp_BTC-USD/trades", "bitstamp_BTC-USD/5m", "bitstamp_BTC-USD/15m", "bitstamp_BTC-USD/1h", "bitstamp_BTC-USD/4h");
            TradeSeries t = TradeCsvReader.read(f, ReadPolicy.STRICT).value();
            TradeSeries loaded = c.loadTrades("bitstamp_BTC-USD");
            assertThat(loaded.times()).isEqualTo(t.times());
            assertThat(loaded.prices()).isEqualTo(t.prices());
            assertThat(loaded.amounts()).isEqualTo(t.amounts());
            assertSameBars(c.loadBars("bitstamp_BTC-USD", Timeframe.H1), TradeAggregator.aggregate(t, Timeframe.H1, PartialBars.DROP).bars());
            assertThat(c.loadBars("bitstamp_BTC-USD", Timeframe.H4).size()).isEqualTo(40); // 6 days x 6 + 00:00..12:00 on Dec 1 = 40
            assertThat(r.issues()).hasSize(18); // the zero-amount prints, reported
        }
    }

    @Test
    void overlappingTradesAndFundingFilesAreRefusedWithReasons() throws IOException {
        Path f = TestFiles.bitstamp(dir);
        Path part = dir.resolve("part.csv");
        List<String> lines = Files.readAllLines(f);
        Files.write(part, lines.subList(0, 1001));
        try (Catalog c = Catalog.open(dir.resolve("cat"))) {
            c.importFile(f, ImportOptions.defaults().withName("btc"));
            assertThatThrownBy(() -> c.importFile(part, ImportOptions.defaults().withName("btc"))).hasMessageContaining("overlapping btc/trades");
            Path funding = dir.resolve("binance_BTC-USDT.csv");
            Files.writeString(funding, "time,exchange,base,funding_rate\n2024-01-01T00:00:00Z,binance,BTC,0.0001\n2024-01-01T08:00:00Z,binance,BTC,0.0001\n");
            assertThatThrownBy(() -> c.importFile(funding, ImportOptions.defaults())).hasMessageContaining("funding file");
        }
    }

    @Test
    void verifyFindsADamagedFile() throws IOException {
        try (Catalog c = Catalog.open(dir.resolve("cat"))) {
            c.importFile(TestFiles.binance("BTCUSDT-1h-2025-01-01.csv"), ImportOptions.defaults());
            CatalogEntry e = c.find("BTCUSDT", Timeframe.H1).orElseThrow();
            Files.write(c.dir().resolve(e.file()), new byte[] {1, 2, 3});
            assertThat(c.verify()).singleElement().asString().contains("BTCUSDT/1h");
        }
    }

    @Test
    void defaultDataImportsOnceFromTheClassPath() throws IOException {
        Path cat = dir.resolve("cat");
        List<CatalogEntry> entries = DefaultData.ensureImported(cat);
        assertThat(entries).extracting(CatalogEntry::key).containsExactly(
                "binanceus_ETH-USD/5m", "binanceus_ETH-USD/15m", "binanceus_ETH-USD/1h", "binanceus_ETH-USD/4h",
                "bitstamp_BTC-USD/5m", "bitstamp_BTC-USD/15m", "bitstamp_BTC-USD/1h", "bitstamp_BTC-USD/4h",
                "bitstamp_BTC-USD/trades");
        CatalogEntry eth5 = entries.getFirst();
        assertThat(eth5.rows()).isEqualTo(580);
        assertThat(eth5.derivedFrom()).isNull();
        String before = tree(cat);
        assertThat(DefaultData.ensureImported(cat)).isEqualTo(entries);
        assertThat(tree(cat)).isEqualTo(before);
    }

    @Test
    void realFourHourFileRoundTrips() {
        var file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        assumeTrue(file.isPresent(), SharedData.ABSENT);
        try (Catalog c = Catalog.open(dir.resolve("cat"))) {
            ImportResult r = c.importFile(file.get(), ImportOptions.defaults().withTimeframes(List.of(Timeframe.D1)));
            assertThat(r.name()).isEqualTo("coinbase_BTC-USD");
            // 1d from 4h: 2016-05-18 starts at 04:00 (partial, dropped); 2017-02-28 and 2018-08-10 miss 1 and 3 bars (incomplete)
            assertThat(r.derived()).containsExactly(new ImportResult.Derived("coinbase_BTC-USD/1d", 1, 2, 0));
            assertSameBars(c.loadBars("coinbase_BTC-USD", Timeframe.H4), OhlcvCsvReader.read(file.get(), ReadPolicy.STRICT).value().withName("coinbase_BTC-USD"));
            // the daily bars of 2018-08-10 miss three 4h bars: kept (incomplete), never invented
            BarSeries d1 = c.loadBars("coinbase_BTC-USD", Timeframe.D1);
            int i = d1.lowerBound(TimeFormat.parse("2018-08-10"));
            assertThat(d1.openTimeMs(i)).isEqualTo(TimeFormat.parse("2018-08-10"));
        }
    }

    @Test
    void namesComeFromFilesWithoutTimeframeAndDates() {
        assertThat(DatasetNames.fromFile(Path.of("coinbase_BTC-USD_4h.csv"), "coinbase_BTC-USD_4h")).isEqualTo("coinbase_BTC-USD");
        assertThat(DatasetNames.fromFile(Path.of("BTCUSDT-5m-2024-01.zip"), "BTCUSDT-5m-2024-01")).isEqualTo("BTCUSDT");
        assertThat(DatasetNames.fromFile(Path.of("binanceus_ETH-USD_5m_20230313.csv"), null)).isEqualTo("binanceus_ETH-USD");
        assertThat(DatasetNames.fromFile(Path.of("ETH-USD-PT5M-2023-3-13_2023-3-15.json"), "binanceus_ETH-USD")).isEqualTo("binanceus_ETH-USD");
        assertThat(DatasetNames.fromFile(Path.of("yahoo_XLB_1d.csv"), null)).isEqualTo("yahoo_XLB");
        assertThatThrownBy(() -> DatasetNames.check("../etc")).hasMessageContaining("dataset name");
    }
}
