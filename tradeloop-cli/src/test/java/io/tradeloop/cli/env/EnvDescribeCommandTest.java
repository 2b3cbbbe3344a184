package io.tradeloop.cli.env;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.cli.Tradeloop;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tradeloop env describe funding-arb --json}: the contract's layout and action table. */
class EnvDescribeCommandTest {
    static String[] run(String... args) {
        var cl = Tradeloop.newCommandLine();
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void jsonLayoutMatchesTheContract() throws Exception {
        String[] r = run("env", "describe", "funding-arb", "--json", "--expand");
        assertThat(r[0]).isEqualTo("0");
        var root = new ObjectMapper().readTree(r[1]);
        assertThat(root.get("observationSize").asInt()).isEqualTo(275);
        assertThat(root.get("actionCount").asInt()).isEqualTo(36);
        assertThat(root.get("features")).hasSize(275);
        for (int i = 0; i < 275; i++) {
            assertThat(root.get("features").get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(root.get("features").get(5).get("name").asText()).isEqualTo("portfolio.capital_ratio");
        assertThat(root.get("features").get(274).get("name").asText()).isEqualTo("opportunities[9].position_cost_pct");
        assertThat(root.get("actions").get(0).get("name").asText()).isEqualTo("HOLD");
        assertThat(root.get("actions").get(1).get("name").asText()).isEqualTo("ENTER_OPP_0_SMALL");
        assertThat(root.get("actions").get(20).get("name").asText()).isEqualTo("ENTER_OPP_9_MEDIUM");
        assertThat(root.get("actions").get(35).get("name").asText()).isEqualTo("EXIT_POS_4");
        assertThat(root.get("blocks").get(3).get("offset").asInt()).isEqualTo(75);
    }

    @Test
    void simpleModeAndUnknownNames() {
        String[] r = run("env", "describe", "funding-arb", "--simple");
        assertThat(r[1]).contains("47 floats, 3 actions").contains("ENTER_OPP_0_LARGE");
        String[] bad = run("env", "describe", "cartpole-x");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2]).contains("unknown environment 'cartpole-x'");
    }
}
