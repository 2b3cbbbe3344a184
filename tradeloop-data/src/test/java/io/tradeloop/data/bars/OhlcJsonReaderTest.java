package io.tradeloop.data.bars;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.TestFiles;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.ReadPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OhlcJsonReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTa4jsRealEthFiveMinuteBars() throws IOException {
        var r = OhlcJsonReader.read(TestFiles.ethJson(dir), ReadPolicy.STRICT);
        var s = r.value();
        assertThat(r.issues()).isEmpty();
        assertThat(s.name()).isEqualTo("binanceus_ETH-USD"); // from "ETH/USD_PT5M@BinanceUS"
        assertThat(s.timeframe()).isEqualTo(Timeframe.M5); // PT5M
        assertThat(s.size()).isEqualTo(580);
        // first object: endTime 1678730699999 -> close 18:05:00Z -> open 18:00:00Z
        assertThat(TimeFormat.iso(s.openTimeMs(0))).isEqualTo("2023-03-13T18:00:00Z");
        assertThat(s.open(0)).isEqualTo(1673.58);
        assertThat(s.high(0)).isEqualTo(1677.62);
        assertThat(s.low(0)).isEqualTo(1672.44);
        assertThat(s.close(0)).isEqualTo(1672.99);
        assertThat(s.volume(0)).isEqualTo(65.3033);
        // last object: endTime 1678904399999 -> close 2023-03-15T18:20:00Z
        assertThat(TimeFormat.iso(s.lastCloseTimeMs())).isEqualTo("2023-03-15T18:20:00Z");
    }

    @Test
    void agreesWithTheSharedCsvOfTheSameBars() throws IOException {
        var csv = SharedData.file("ohlcv/binanceus_ETH-USD_5m_20230313.csv");
        assumeTrue(csv.isPresent(), SharedData.ABSENT);
        var a = OhlcJsonReader.read(TestFiles.ethJson(dir), ReadPolicy.STRICT).value();
        var b = OhlcvCsvReader.read(csv.get(), ReadPolicy.STRICT).value();
        assertThat(a.size()).isEqualTo(b.size());
        assertThat(a.openTimes()).isEqualTo(b.openTimes());
        assertThat(a.closes()).isEqualTo(b.closes());
        assertThat(a.volumes()).isEqualTo(b.volumes());
    }

    @Test
    void aBadBarNamesItsLine() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, """
                {
                  "name": "BTC/USD_PT1H@Test",
                  "ohlc": [
                    {"endTime": 1678730399999, "openPrice": 10, "highPrice": 11, "lowPrice": 9, "closePrice": 10.5, "volume": 1},
                    {"endTime": 1678733999999, "openPrice": 10, "highPrice": 11, "lowPrice": 9, "volume": 1}
                  ]
                }
                """);
        assertThatThrownBy(() -> OhlcJsonReader.read(f, ReadPolicy.STRICT))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("bad.json:5").hasMessageContaining("closePrice");
        var s = OhlcJsonReader.read(f, ReadPolicy.REPAIR).value();
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(s.name()).isEqualTo("test_BTC-USD");
    }
}
