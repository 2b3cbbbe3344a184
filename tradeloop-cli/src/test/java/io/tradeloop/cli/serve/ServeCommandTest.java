package io.tradeloop.cli.serve;

import io.tradeloop.cli.Tradeloop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTest {
    @Test
    void serveStartsTheDashboardWithADemoUserAndARunningAgent(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("time,exchange,base,pair,contract,open,high,low,close,volume,funding_rate\n");
        String[] venues = {"binance", "bybit", "okx"};
        for (int k = 0; k < 30; k++) {
            String t = java.time.Instant.parse("2023-01-01T00:00:00Z").plusSeconds(8 * 3600L * k).toString();
            for (int v = 0; v < 3; v++) {
                double rate = 0.0001 * (v + 1) * (k % 2 == 0 ? 1 : -1);
                csv.append(t).append(',').append(venues[v]).append(",BTC,BTCUSDT,perpetual,20000,20100,19900,20000,10,").append(rate).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("funding.csv"), csv);
        var cmd = new ServeCommand();
        var cl = Tradeloop.newCommandLine().getSubcommands().get("serve");
        assertThat(cl).as("serve is wired into the root command").isNotNull();
        new picocli.CommandLine(cmd).parseArgs("--port", "0", "--data-dir", dir.resolve("data").toString(), "--funding-file", file.toString(),
                "--demo-user", "demo", "--speed", "100000");
        var buf = new ByteArrayOutputStream();
        cmd.out = new PrintStream(buf, true);
        try (var server = cmd.start()) {
            String printed = buf.toString();
            Matcher m = Pattern.compile("API key \\(shown once\\): (tl_\\S+)").matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            assertThat(printed).contains("dashboard " + server.url());
            var http = HttpClient.newHttpClient();
            var status = http.send(HttpRequest.newBuilder(URI.create(server.url() + "agent/status")).header("Authorization", "Bearer " + m.group(1))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).containsAnyOf("\"state\":\"RUNNING\"", "\"state\":\"STOPPED\"");
            var page = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("tradeloop").contains("app.js");
        }
        assertThat(Files.exists(dir.resolve("data").resolve("tradeloop.mv.db"))).as("the H2 file database").isTrue();
    }

    @Test
    void directionalModelFlagReachesTheServerAndAWrongFolderIsNamed(@TempDir Path dir) throws Exception {
        Path notABundle = Files.createDirectories(dir.resolve("runs"));
        var cmd = new ServeCommand();
        new picocli.CommandLine(cmd).parseArgs("--port", "0", "--data-dir", dir.resolve("data").toString(), "--directional-model", notABundle.toString());
        assertThat(cmd.directionalModel).isEqualTo(notABundle);
        org.assertj.core.api.Assertions.assertThatThrownBy(cmd::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--directional-model").hasMessageContaining(notABundle.toAbsolutePath().toString())
                .hasMessageContaining("models/");
    }
}
