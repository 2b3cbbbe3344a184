package io.tradeloop.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.cli.Tradeloop;
import io.tradeloop.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        var cl = Tradeloop.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path bars() throws Exception {
        Path f = dir.resolve("demo_BTC-USD_1h.csv");
        Files.writeString(f, """
                time,open,high,low,close,volume
                2024-01-01T00:00:00Z,10,11,9,10.5,5
                2024-01-01T01:00:00Z,10.5,12,10,11,6
                2024-01-01T02:00:00Z,11,11.5,10.5,11.2,7
                2024-01-01T03:00:00Z,11.2,11.8,11,11.5,8
                2024-01-01T06:00:00Z,11.5,12,11,11.9,9
                """);
        return f;
    }

    @Test
    void inspectReportsTheRealGapsOfTheFourHourFile() {
        var file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        assumeTrue(file.isPresent(), SharedData.ABSENT);
        Run r = run("data", "inspect", file.get().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("gaps:        2 (4 missing bars)")
                .contains("2018-08-10T04:00:00Z .. 2018-08-10T16:00:00Z")
                .contains("2017-02-28T20:00:00Z .. 2017-03-01T00:00:00Z")
                .contains("strict read: ok");
    }

    @Test
    void inspectPrintsJson() throws Exception {
        Run r = run("data", "inspect", "--json", bars().toString());
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.at("/bars/gaps/count").asInt()).isEqualTo(1);
        assertThat(j.at("/bars/gaps/largest/0/from").asText()).isEqualTo("2024-01-01T04:00:00Z");
        assertThat(j.at("/bars/gaps/largest/0/missing").asInt()).isEqualTo(2);
    }

    @Test
    void importListAndReimport() throws Exception {
        Path cat = dir.resolve("catalog");
        Path f = bars();
        Run first = run("data", "import", f.toString(), "--catalog", cat.toString(), "--timeframes", "2h");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("demo_BTC-USD/1h").contains("demo_BTC-USD/2h");
        Run again = run("data", "import", f.toString(), "--catalog", cat.toString(), "--timeframes", "2h");
        assertThat(again.out()).contains("unchanged: already in demo_BTC-USD");
        Run list = run("data", "list", "--catalog", cat.toString(), "--verify");
        assertThat(list.code()).isZero();
        // 2h from 00-01, 02-03 (complete); 06 alone is the partial last period: dropped
        assertThat(list.out()).containsPattern("demo_BTC-USD/2h\\s+2 bars").contains("verify: ok, 2 datasets");
        Run json = run("data", "list", "--catalog", cat.toString(), "--json");
        assertThat(new ObjectMapper().readTree(json.out()).at("/datasets/0/name").asText()).isEqualTo("demo_BTC-USD");
    }

    @Test
    void userErrorsGetOneClearLine() throws Exception {
        Run none = run("data", "import", "--catalog", dir.resolve("c").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--default-data");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,1,1,x,1\n2024-01-01T01:00:00Z,1,1,1,1,1\n");
        Run r = run("data", "import", bad.toString(), "--catalog", dir.resolve("c").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv:2").contains("'close'").contains("'x'");
    }
}
