package io.tradeloop.server.market;

import io.tradeloop.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FundingFileReplayTest {
    static final String HEADER = "time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate\n";

    @Test
    void readsTheRealFileWithoutLookAhead() {
        var file = SharedData.file("funding/cross_exchange_8h.csv");
        assumeTrue(file.isPresent(), SharedData.ABSENT);
        var m = FundingFileReplay.load(file.get());
        assertThat(m.instruments()).extracting(i -> i.id()).containsExactly(
                "binance:BTCUSDT", "binance:ETHUSDT", "bybit:BTCUSDT", "bybit:ETHUSDT", "okx:BTCUSDT", "okx:ETHUSDT");
        assertThat(m.size()).isEqualTo(1095);
        int k = java.util.Arrays.binarySearch(times(m), java.time.Instant.parse("2023-06-01T08:00:00Z").toEpochMilli());
        // The file's row: 2023-06-01T08:00:00Z,binance,BTC,BTCUSDT,perpetual,26790.1,...,26884.2,95291.043,9.641e-05
        assertThat(m.price(0, k)).isEqualTo(26790.1); // the bar's open, known at its start
        assertThat(m.fundingRate8h(0, k)).isEqualTo(9.641e-05);
        assertThat(m.frame(k).quote("binance", "BTC").stale()).isFalse();
        assertThat(m.volume24hUsd(0, 0)).isNaN(); // less than a day of closed bars
    }

    @Test
    void volumeSumsOnlyBarsClosedByTheTick(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f.csv");
        Files.writeString(f, HEADER
                + "2023-01-01T00:00:00Z,binance,BTC,BTCUSDT,perpetual,100,101,99,100,10,0.0001\n"
                + "2023-01-01T08:00:00Z,binance,BTC,BTCUSDT,perpetual,100,101,99,110,20,0.0001\n"
                + "2023-01-01T16:00:00Z,binance,BTC,BTCUSDT,perpetual,110,111,109,120,30,0.0001\n"
                + "2023-01-02T00:00:00Z,binance,BTC,BTCUSDT,perpetual,120,121,119,130,40,0.0002\n"
                + "2023-01-02T00:00:00Z,binance,BTC,BTC/USDT,spot,120,121,119,130,40,\n");
        var m = FundingFileReplay.load(f);
        assertThat(m.size()).isEqualTo(4);
        // At 2023-01-02T00:00 the three bars of 2023-01-01 have closed: 10×100 + 20×110 + 30×120 = 6800 USD.
        // The bar opening at the tick (volume 40) has not closed and is excluded.
        assertThat(m.volume24hUsd(0, 3)).isCloseTo(6800, within(1e-9));
        assertThat(m.price(0, 3)).isEqualTo(120);
    }

    @Test
    void badRowsNameFileRowFieldAndValue(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        // tradeloop-data's strict reader refuses with file, row, field and value
        Files.writeString(f, HEADER + "2023-01-01T00:00:00Z,binance,BTC,BTCUSDT,perpetual,abc,1,1,1,1,0.0001\n");
        assertThatThrownBy(() -> FundingFileReplay.load(f)).hasMessageContaining("bad.csv").hasMessageContaining("2")
                .hasMessageContaining("open").hasMessageContaining("abc");
        Files.writeString(f, HEADER + "2023-01-01T00:00:00Z,binance,BTC,BTCUSDT,perpetual,1,1,1,1,1,0.2\n");
        assertThatThrownBy(() -> FundingFileReplay.load(f)).hasMessageContaining("funding_rate").hasMessageContaining("0.2");
        Files.writeString(f, HEADER + "2023-01-01T00:00:00Z,binance,BTC,BTC/USDT,spot,1,1,1,1,1,\n");
        assertThatThrownBy(() -> FundingFileReplay.load(f)).hasMessageContaining("no linear perpetual");
    }

    private static long[] times(MarketReplay m) {
        long[] t = new long[m.size()];
        for (int i = 0; i < t.length; i++) t[i] = m.timeMs(i);
        return t;
    }
}
