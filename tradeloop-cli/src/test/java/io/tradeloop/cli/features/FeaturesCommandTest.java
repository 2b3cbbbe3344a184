package io.tradeloop.cli.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.cli.Tradeloop;
import io.tradeloop.core.random.Rng;
import io.tradeloop.core.time.TimeFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FeaturesCommandTest {
    /** 600 4h bars of a seeded random walk from 2023-01-01, in the shared OHLCV layout. */
    private static Path writeBars(Path dir) throws Exception {
        Rng rng = new Rng(11);
        StringBuilder sb = new StringBuilder("time,open,high,low,close,volume\n");
        double close = 100;
        long t0 = TimeFormat.parse("2023-01-01T00:00:00Z");
        for (int i = 0; i < 600; i++) {
            double open = close;
            close = open * Math.exp(0.01 * rng.nextGaussian());
            sb.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%.6f,%.3f%n", TimeFormat.iso(t0 + i * 14_400_000L), open,
                    Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close, 10 + rng.nextDouble()));
        }
        Path f = dir.resolve("bars.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void computesTheSetWithAggregatedDailyBarsAndWritesFeaturesAndReport(@TempDir Path dir) throws Exception {
        Path data = writeBars(dir);
        Path out = dir.resolve("f.csv");
        Path report = dir.resolve("r.json");
        var cl = Tradeloop.newCommandLine();
        StringWriter text = new StringWriter();
        cl.setOut(new PrintWriter(text));
        int code = cl.execute("features", "--data", data.toString(), "--out", out.toString(), "--report", report.toString(),
                "--train-until", "2023-04-01");
        assertThat(code).isZero();
        assertThat(Files.readAllLines(out)).hasSize(601).first().asString().startsWith("close_time,ret_1,").contains("rsi_14@1d");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.at("/featureSet/name").asText()).isEqualTo("directional-4h");
        assertThat(json.at("/rows").asInt()).isEqualTo(600);
        assertThat(json.at("/notes/coarse 1d").asText()).contains("aggregated from the input");
        assertThat(json.at("/scaler/fitRows").asInt()).isPositive();
        assertThat(text.toString()).contains("directional-4h@").contains("rv_30@1d");
    }

    @Test
    void aMissingFileIsOneClearLine(@TempDir Path dir) {
        var cl = Tradeloop.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("features", "--data", dir.resolve("nope.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("nope.csv");
    }
}
