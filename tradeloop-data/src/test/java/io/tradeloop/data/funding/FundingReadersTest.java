package io.tradeloop.data.funding;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.instrument.InstrumentKind;
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

class FundingReadersTest {
    @TempDir
    Path dir;

    @Test
    void crossExchangeFileSplitsIntoContractsWithFunding() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, """
                time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate
                2023-01-01T00:00:00Z,binance,BTC,BTC/USDT,spot,100,101,99,100.5,10,
                2023-01-01T00:00:00Z,binance,BTC,BTCUSDT,perpetual,100,101,99,100.4,10,0.0001
                2023-01-01T08:00:00Z,binance,BTC,BTCUSDT,perpetual,100.4,102,100,101,12,-0.0002
                2023-01-01T08:00:00Z,okx,BTC,BTCUSDT,perpetual,100.4,102,100,101,12,
                """);
        assertThatThrownBy(() -> CrossExchangeFundingReader.read(f, ReadPolicy.STRICT))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("x.csv:5").hasMessageContaining("funding_rate");
        var r = CrossExchangeFundingReader.read(f, ReadPolicy.REPAIR);
        assertThat(r.value()).hasSize(2);
        var perp = r.value().stream().filter(m -> m.kind() == InstrumentKind.LINEAR_PERPETUAL).findFirst().orElseThrow();
        assertThat(perp.funding().size()).isEqualTo(2);
        assertThat(perp.funding().rate(1)).isEqualTo(-0.0002);
        assertThat(perp.bars().close(1)).isEqualTo(101);
        assertThat(r.issues()).hasSize(1);
    }

    @Test
    void venueFileInfersTheFundingInterval() throws IOException {
        Path f = dir.resolve("dydx.csv");
        Files.writeString(f, """
                time,exchange,base,funding_rate
                2022-01-01T00:00:00Z,dydx,BTC,0.00001
                2022-01-01T01:00:00Z,dydx,BTC,0.00002
                2022-01-01T02:00:00Z,dydx,BTC,0.00003
                """);
        var s = VenueFundingReader.read(f, ReadPolicy.STRICT).value();
        assertThat(s.intervalHours()).isEqualTo(1);
        assertThat(s.rate8h(1)).isCloseTo(0.00016, org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void readsTheRealFiles() {
        var cross = SharedData.file("funding/cross_exchange_8h.csv");
        assumeTrue(cross.isPresent(), SharedData.ABSENT);
        var markets = CrossExchangeFundingReader.read(cross.get(), ReadPolicy.STRICT).value();
        assertThat(markets).hasSize(18);
        assertThat(markets).allSatisfy(m -> assertThat(m.bars().size()).isEqualTo(1095));
        var venues = VenueFundingReader.readAll(SharedData.file("funding/venues").orElseThrow(), ReadPolicy.STRICT);
        assertThat(venues).hasSize(14);
        assertThat(venues).filteredOn(v -> v.venue().equals("dydx")).allSatisfy(v -> assertThat(v.intervalHours()).isEqualTo(1));
        assertThat(venues).filteredOn(v -> !v.venue().equals("dydx")).allSatisfy(v -> assertThat(v.intervalHours()).isEqualTo(8));
    }
}
