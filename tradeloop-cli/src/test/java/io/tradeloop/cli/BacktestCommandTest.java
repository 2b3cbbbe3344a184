package io.tradeloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.core.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        var cl = Tradeloop.newCommandLine();
        var err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        PrintStream old = System.out;
        var buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Run(code, buf.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    static Path ohlcv(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("time,open,high,low,close,volume\n");
        double c = 100;
        for (int i = 0; i < 400; i++) {
            double o = c;
            c = o * (1 + 0.02 * Math.sin(i / 15.0) + 0.003 * Math.cos(i * 1.7));
            sb.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%.2f%n", 1_672_531_200L + i * 3600L, o,
                    Math.max(o, c) * 1.002, Math.min(o, c) * 0.998, c, 50.0));
        }
        Path f = dir.resolve("test_BTC-USD_1h.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void runsSmaOnAFileAndWritesBothReports(@TempDir Path dir) throws Exception {
        Path data = ohlcv(dir);
        var r = run("backtest", "--strategy", "sma", "--data", data.toString(), "--fast", "5", "--slow", "20",
                "--fee-taker", "0.002", "--capital", "5000", "--report", dir.resolve("r.html").toString(),
                "--json", dir.resolve("r.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("backtest sma-5-20").contains("Sharpe").contains("report: ").contains("json: ");
        assertThat(Files.readString(dir.resolve("r.html"))).contains("<svg");
        var json = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        assertThat(json.get("metrics").get("initial_equity_usd").asDouble()).isEqualTo(5000);
        assertThat(json.get("feeds").get(0).get("taker_fee_rate").asDouble()).isEqualTo(0.002);
        assertThat(json.get("feeds").get(0).get("instrument").asText()).isEqualTo("test:BTC/USD");
        assertThat(json.get("trades").size()).isPositive();
    }

    @Test
    void theDateWindowCutsTheData(@TempDir Path dir) throws Exception {
        Path data = ohlcv(dir);
        var r = run("backtest", "--strategy", "sma", "--data", data.toString(), "--fast", "5", "--slow", "20",
                "--from", "2023-01-02", "--to", "2023-01-10", "--json", dir.resolve("w.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        var json = new ObjectMapper().readTree(dir.resolve("w.json").toFile());
        assertThat(json.get("feeds").get(0).get("from").asText()).isEqualTo("2023-01-02T00:00:00Z");
        assertThat(json.get("feeds").get(0).get("bars").asInt()).isEqualTo(8 * 24);
    }

    @Test
    void badInputGetsOneClearLine(@TempDir Path dir) throws Exception {
        Path data = ohlcv(dir);
        var r = run("backtest", "--strategy", "sma", "--data", data.toString(), "--fast", "30", "--slow", "20");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("fast").contains("30").contains("slow (20)").doesNotContain("at io.tradeloop");
        var missing = run("backtest", "--strategy", "sma", "--data", dir.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv").contains("does not exist");
        var slip = run("backtest", "--strategy", "sma", "--data", data.toString(), "--slippage-bps", "-3");
        assertThat(slip.exit()).isEqualTo(2);
        assertThat(slip.err()).contains("slippage_base_bps").contains("-3.0");
    }

    @Test
    void runsTheCarryBaselineOnTheSharedFundingFile(@TempDir Path dir) {
        Assumptions.assumeTrue(SharedData.file("funding/cross_exchange_8h.csv").isPresent(), SharedData.ABSENT);
        var r = run("backtest", "--strategy", "carry", "--from", "2023-10-01", "--json", dir.resolve("c.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("backtest funding-carry").contains("Funding paid");
    }
}
