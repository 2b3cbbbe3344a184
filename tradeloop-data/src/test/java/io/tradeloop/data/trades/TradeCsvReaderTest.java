package io.tradeloop.data.trades;

import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.TestFiles;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeCsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRealBitstampPrints() throws IOException {
        var r = TradeCsvReader.read(TestFiles.bitstamp(dir), ReadPolicy.STRICT);
        var t = r.value();
        assertThat(t.size()).isEqualTo(100_000);
        assertThat(TimeFormat.iso(t.firstTimeMs())).isEqualTo("2013-11-25T00:00:00Z"); // 1385337600 s
        assertThat(TimeFormat.iso(t.lastTimeMs())).isEqualTo("2013-12-01T16:02:05Z"); // 1385913725 s
        assertThat(t.price(0)).isEqualTo(800.01);
        assertThat(t.amount(0)).isEqualTo(0.1);
        // 18 prints of amount 0.000000000000 are real: kept, reported as warnings
        assertThat(r.count(DataIssue.Action.WARNED)).isEqualTo(18);
        assertThat(r.issues()).allSatisfy(i -> assertThat(i.problem()).isEqualTo("zero amount"));
    }

    @Test
    void strictRefusesAndRepairDropsOrResorts() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, """
                timestamp,price,amount
                1385337600,800.0,0.1
                1385337610,801.0,-1
                1385337605,799.0,0.2
                1385337620,abc,0.3
                1385337620,802.0,0.4
                """);
        assertThatThrownBy(() -> TradeCsvReader.read(f, ReadPolicy.STRICT))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("t.csv:3").hasMessageContaining("amount").hasMessageContaining("-1");
        var r = TradeCsvReader.read(f, ReadPolicy.REPAIR);
        assertThat(r.value().size()).isEqualTo(3);
        assertThat(r.value().prices()).containsExactly(800.0, 799.0, 802.0);
        assertThat(r.count(DataIssue.Action.DROPPED)).isEqualTo(2); // negative amount, unreadable price
        assertThat(r.count(DataIssue.Action.REPAIRED)).isZero(); // 1385337605 follows a dropped row, so it is in order
        assertThat(r.issues()).anySatisfy(i -> assertThat(i.describe()).contains("t.csv:5").contains("'abc'"));
    }

    @Test
    void outOfOrderPrintsAreResortedStably() throws IOException {
        Path f = dir.resolve("o.csv");
        Files.writeString(f, """
                time,price,volume
                2024-01-01T00:00:10Z,3,1
                2024-01-01T00:00:05Z,1,1
                2024-01-01T00:00:05Z,2,1
                """);
        assertThatThrownBy(() -> TradeCsvReader.read(f, ReadPolicy.STRICT)).hasMessageContaining("o.csv:3").hasMessageContaining("out of order");
        var r = TradeCsvReader.read(f, ReadPolicy.REPAIR);
        assertThat(r.value().prices()).containsExactly(1.0, 2.0, 3.0);
        assertThat(r.count(DataIssue.Action.REPAIRED)).isEqualTo(1);
    }
}
