package io.tradeloop.cli;

import io.tradeloop.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The README's main job end to end, with a tiny training budget: reports, a policy, a served dashboard; then a rerun reloads. */
class DemoCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream saved = System.out;
        var buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            int rc = Tradeloop.newCommandLine().execute(args);
            assertThat(rc).isZero();
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoWritesReportsTrainsServesAndReloads() throws Exception {
        assumeTrue(SharedData.available(), SharedData.ABSENT);
        String[] args = {"demo", "--catalog", dir.resolve("catalog").toString(), "--out", dir.resolve("out").toString(),
                "--data-dir", dir.resolve("srv").toString(), "--port", "0", "--train-minutes", "0.05", "--train-steps", "1",
                "--serve-seconds", "1"};
        String first = run(args);
        assertThat(first).contains("1/5 default data").contains("total return").contains("4/5 training")
                .contains("5/5 dashboard: http://127.0.0.1:").contains("API key (shown once): tl_")
                .contains("directional stack trained in").contains("and the directional stack from");
        assertThat(dir.resolve("out/sma-bitstamp-btc-5m.html")).exists();
        assertThat(dir.resolve("out/carry-cross-exchange-2023.json")).exists();
        try (var files = Files.list(dir.resolve("out/policy"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".tlck"));
        }
        String second = run(args);
        assertThat(second).contains("policy reloaded from").contains("directional stack reloaded from")
                .contains("and the directional stack from");
    }
}
