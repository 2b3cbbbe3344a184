package io.tradeloop.data.bars;

import io.tradeloop.core.SharedData;
import io.tradeloop.core.series.Timeframe;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OhlcvCsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void strictNamesFileRowFieldAndValue() throws IOException {
        Path f = write("bad.csv", """
                time,open,high,low,close,volume
                2023-01-01T00:00:00Z,10,11,9,10.5,100
                2023-01-01T01:00:00Z,10,11,9,NaN,100
                """);
        assertThatThrownBy(() -> OhlcvCsvReader.read(f, ReadPolicy.STRICT))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.csv:3").hasMessageContaining("'close'").hasMessageContaining("'NaN'");
    }

    @Test
    void repairDropsBadRowsResortsAndDeduplicatesAndReportsEach() throws IOException {
        Path f = write("mixed.csv", """
                time,open,high,low,close,volume
                2023-01-01T00:00:00Z,10,11,9,10.5,100
                2023-01-01T02:00:00Z,10,11,9,10.5,0
                2023-01-01T01:00:00Z,10,11,9,10.2,100
                2023-01-01T01:00:00Z,10,11,9,99,100
                2023-01-01T03:00:00Z,10,9,11,10,100
                2023-01-01T04:00:00Z,-1,11,9,10,100
                2023-01-01T05:00:00Z,10,11,9,10,100
                """);
        var r = OhlcvCsvReader.read(f, ReadPolicy.REPAIR);
        var s = r.value();
        assertThat(s.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(s.size()).isEqualTo(4); // 00, 01 (first), 02, 05
        assertThat(s.close(1)).isEqualTo(10.2);
        assertThat(r.count(DataIssue.Action.REPAIRED)).isEqualTo(1); // 01:00 after 02:00
        assertThat(r.count(DataIssue.Action.DROPPED)).isEqualTo(3); // duplicate, high<low, negative open
        assertThat(r.count(DataIssue.Action.WARNED)).isEqualTo(1); // zero volume
        assertThat(r.issues()).anySatisfy(i -> assertThat(i.describe()).contains("mixed.csv:6").contains("high < low"));
    }

    @Test
    void missingColumnIsNamed() throws IOException {
        Path f = write("nocol.csv", "time,open,high,low,close\n2023-01-01,1,1,1,1\n");
        assertThatThrownBy(() -> OhlcvCsvReader.read(f, ReadPolicy.STRICT)).hasMessageContaining("volume").hasMessageContaining("required column");
    }

    @Test
    void readsTheRealFourHourBitcoinFile() {
        var file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        assumeTrue(file.isPresent(), SharedData.ABSENT);
        var r = OhlcvCsvReader.read(file.get(), ReadPolicy.STRICT);
        assertThat(r.value().size()).isEqualTo(16_699);
        assertThat(r.value().timeframe()).isEqualTo(Timeframe.H4);
    }
}
