package io.tradeloop.data.layout;

import io.tradeloop.core.SharedData;
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

class MarketDataFilesTest {
    @TempDir
    Path dir;

    @Test
    void detectsEveryLayout() throws IOException {
        assertThat(MarketDataFiles.detect(TestFiles.binance("BTCUSDT-5m-2024-01-01.csv"))).isEqualTo(DataLayout.BINANCE_KLINES);
        assertThat(MarketDataFiles.detect(TestFiles.binance("BTCUSDT-5m-2024-01-01-um.csv"))).isEqualTo(DataLayout.BINANCE_KLINES);
        assertThat(MarketDataFiles.detect(TestFiles.bitstamp(dir))).isEqualTo(DataLayout.TRADES_CSV);
        Path json = TestFiles.ethJson(dir);
        assertThat(MarketDataFiles.detect(json)).isEqualTo(DataLayout.OHLC_JSON);
        Path unknown = dir.resolve("u.csv");
        Files.writeString(unknown, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> MarketDataFiles.detect(unknown)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("u.csv:1").hasMessageContaining("unknown layout").hasMessageContaining("TRADES_CSV");
    }

    @Test
    void detectsTheSharedLayouts() {
        var ohlcv = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        var venue = SharedData.file("funding/venues/binance_BTC-USDT.csv");
        var cross = SharedData.file("funding/cross_exchange_8h.csv");
        assumeTrue(ohlcv.isPresent() && venue.isPresent() && cross.isPresent(), SharedData.ABSENT);
        assertThat(MarketDataFiles.detect(ohlcv.get())).isEqualTo(DataLayout.OHLCV_CSV);
        assertThat(MarketDataFiles.detect(venue.get())).isEqualTo(DataLayout.VENUE_FUNDING_CSV);
        assertThat(MarketDataFiles.detect(cross.get())).isEqualTo(DataLayout.CROSS_EXCHANGE_CSV);
        assertThat(MarketDataFiles.read(venue.get(), ReadPolicy.STRICT).value()).isInstanceOf(MarketData.Funding.class);
        assertThat(MarketDataFiles.read(cross.get(), ReadPolicy.STRICT).value()).isInstanceOf(MarketData.CrossExchange.class);
    }

    @Test
    void readsThroughOneEntryPoint() throws IOException {
        var r = MarketDataFiles.read(TestFiles.binance("BTCUSDT-1h-2025-01-01.csv"), ReadPolicy.STRICT).value();
        assertThat(r).isInstanceOfSatisfying(MarketData.Bars.class, b -> assertThat(b.series().size()).isEqualTo(24));
        var t = MarketDataFiles.read(TestFiles.bitstamp(dir), ReadPolicy.STRICT).value();
        assertThat(t).isInstanceOfSatisfying(MarketData.Trades.class, x -> assertThat(x.series().size()).isEqualTo(100_000));
        assertThat(DataLayout.parse("binance-klines")).isEqualTo(DataLayout.BINANCE_KLINES);
    }
}
