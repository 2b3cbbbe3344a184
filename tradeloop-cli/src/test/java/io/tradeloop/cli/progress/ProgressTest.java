package io.tradeloop.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    @Test
    void plainTextFormPrintsLinesWithoutCarriageReturns() {
        var buf = new ByteArrayOutputStream();
        try (Progress p = Progress.start("job", 100, "steps", 0, false, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            p.stepTo(40);
            p.note("halfway-ish");
            p.stepTo(100);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("job").contains("100/100").doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void aResumedBarCountsOnlyThisRunsUnitsInItsSpeed() throws InterruptedException {
        var buf = new ByteArrayOutputStream();
        try (Progress p = Progress.start("job", 2_000_000, "steps", 1_000_000, false, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            Thread.sleep(1_100);
            p.stepTo(1_000_010);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1000010/2000000");
        // 10 steps in over a second: counting the million done before the resume would show ~10^6 steps/s
        Matcher m = Pattern.compile("([0-9.]+) steps/s").matcher(text);
        assertThat(m.find()).as("a speed is shown in: %s", text).isTrue();
        do {
            assertThat(Double.parseDouble(m.group(1))).isLessThan(100);
        } while (m.find());
    }
}
