package io.tradeloop.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    @Test
    void plainTextFormPrintsLinesWithoutCarriageReturns() {
        var buf = new ByteArrayOutputStream();
        try (Progress p = Progress.start("job", 100, "steps", false, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            p.stepTo(40);
            p.note("halfway-ish");
            p.stepTo(100);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("job").contains("100/100").doesNotContain("\r").doesNotContain("\u001b");
    }
}
