package io.tradeloop.data.bars;

import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.TestFiles;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixtures in src/test/resources/binance follow the archive's layout; their numbers are synthetic (see the README there). */
class BinanceKlineReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsSpotMillisecondFileWithoutHeader() {
        var r = BinanceKlineReader.readKlines(TestFiles.binance("BTCUSDT-5m-2024-01-01.csv"), ReadPolicy.STRICT);
        var k = r.value();
        assertThat(r.issues()).isEmpty();
        assertThat(k.bars().size()).isEqualTo(36);
        assertThat(k.bars().timeframe()).isEqualTo(Timeframe.M5); // 1704067499999 + 1 - 1704067200000 = 300000 ms
        assertThat(TimeFormat.iso(k.bars().openTimeMs(0))).isEqualTo("2024-01-01T00:00:00Z");
        // first row: 1704067200000,42283.58,42399.12,42249.73,42333.92,172.24648,1704067499999,7288883.242487,6760,67.31631,2848596.52229213,0
        assertThat(k.bars().open(0)).isEqualTo(42283.58);
        assertThat(k.bars().high(0)).isEqualTo(42399.12);
        assertThat(k.bars().low(0)).isEqualTo(42249.73);
        assertThat(k.bars().close(0)).isEqualTo(42333.92);
        assertThat(k.bars().volume(0)).isEqualTo(172.24648);
        assertThat(k.quoteVolume()[0]).isEqualTo(7288883.242487);
        assertThat(k.trades()[0]).isEqualTo(6760);
        assertThat(k.takerBuyBaseVolume()[0]).isEqualTo(67.31631);
        assertThat(k.takerBuyQuoteVolume()[0]).isEqualTo(2848596.52229213);
        assertThat(TimeFormat.iso(k.bars().openTimeMs(35))).isEqualTo("2024-01-01T02:55:00Z");
    }

    @Test
    void detectsMicrosecondTimesOfTheNewerArchive() {
        var s = BinanceKlineReader.read(TestFiles.binance("BTCUSDT-1h-2025-01-01.csv"), ReadPolicy.STRICT).value();
        // 1735693199999999 µs -> 1735693199999 ms; + 1 - 1735689600000 = 3600000 ms
        assertThat(s.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(s.size()).isEqualTo(24);
        assertThat(TimeFormat.iso(s.openTimeMs(0))).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(TimeFormat.iso(s.openTimeMs(23))).isEqualTo("2025-01-01T23:00:00Z");
    }

    @Test
    void readsFuturesFileWithHeaderLine() {
        var s = BinanceKlineReader.read(TestFiles.binance("BTCUSDT-5m-2024-01-01-um.csv"), ReadPolicy.STRICT).value();
        assertThat(s.size()).isEqualTo(12);
        assertThat(s.open(0)).isEqualTo(42314.0);
        assertThat(s.volume(0)).isEqualTo(245.449);
    }

    @Test
    void readsTheArchiveZipAsPublished() throws IOException {
        Path zip = dir.resolve("BTCUSDT-5m-2024-01-01.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("BTCUSDT-5m-2024-01-01.csv"));
            z.write(Files.readAllBytes(TestFiles.binance("BTCUSDT-5m-2024-01-01.csv")));
            z.closeEntry();
        }
        var plain = BinanceKlineReader.read(TestFiles.binance("BTCUSDT-5m-2024-01-01.csv"), ReadPolicy.STRICT).value();
        var zipped = BinanceKlineReader.read(zip, ReadPolicy.STRICT).value();
        assertThat(zipped.size()).isEqualTo(plain.size());
        assertThat(zipped.closes()).isEqualTo(plain.closes());
        assertThat(zipped.name()).isEqualTo("BTCUSDT-5m-2024-01-01");
        assertThat(io.tradeloop.data.layout.MarketDataFiles.detect(zip)).isEqualTo(io.tradeloop.data.layout.DataLayout.BINANCE_KLINES);
    }

    @Test
    void aRowWithAnotherIntervalIsRefusedOrDropped() throws IOException {
        Path f = dir.resolve("BTCUSDT-5m-bad.csv");
        Files.writeString(f, """
                1704067200000,42283.58,42399.12,42249.73,42333.92,172.24648,1704067499999,7288883.2,6760,67.3,2848596.5,0
                1704067500000,42333.92,42334.33,42296.18,42318.88,163.15996,1704067799999,6905064.5,6681,90.4,3829042.4,0
                1704067800000,42318.88,42343.17,42228.54,42273.53,44.24587,1704068159999,1871203.4,5619,27.3,1156323.8,0
                1704068100000,42273.53,42300.00,42200.00,42250.00,50.00000,1704068399999,2112500.0,5000,25.0,1056250.0,0
                """);
        assertThatThrownBy(() -> BinanceKlineReader.read(f, ReadPolicy.STRICT))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("BTCUSDT-5m-bad.csv:3").hasMessageContaining("close_time").hasMessageContaining("1704068159999");
        var r = BinanceKlineReader.readKlines(f, ReadPolicy.REPAIR);
        assertThat(r.value().bars().size()).isEqualTo(3);
        assertThat(r.count(DataIssue.Action.DROPPED)).isEqualTo(1);
        assertThat(r.value().trades()).containsExactly(6760, 6681, 5000); // extras stay aligned with the kept bars
    }
}
