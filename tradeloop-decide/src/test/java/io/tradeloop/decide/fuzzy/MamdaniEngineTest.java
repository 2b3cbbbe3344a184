package io.tradeloop.decide.fuzzy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MamdaniEngineTest {

    @Test
    void membershipsByHand() {
        var tri = new Membership.Triangle(0, 0.5, 1);
        assertThat(tri.degree(0.3)).isCloseTo(0.6, within(1e-12));  // (0.3 − 0) / 0.5
        assertThat(tri.degree(0.8)).isCloseTo(0.4, within(1e-12));  // (1 − 0.8) / 0.5
        assertThat(tri.degree(1.2)).isZero();
        var trap = new Membership.Trapezoid(0.1, 0.5, 1, 1);          // right shoulder
        assertThat(trap.degree(0.3)).isCloseTo(0.5, within(1e-12)); // (0.3 − 0.1) / 0.4
        assertThat(trap.degree(1)).isEqualTo(1);
        var left = new Membership.Trapezoid(-1, -1, -0.5, -0.1);     // left shoulder, vertical edge at −1
        assertThat(left.degree(-1)).isEqualTo(1);
        assertThat(left.degree(-0.3)).isCloseTo(0.5, within(1e-12)); // (−0.1 + 0.3) / 0.4
    }

    @Test
    void centroidOfClippedRectanglesByHand() {
        // output rectangles LOW = [0, 4] and HIGH = [6, 10]; x = 0.25 fires "low" at 0.25 and "high" at 0.75
        // aggregated: 0.25 on [0, 4], 0.75 on [6, 10] → centroid (0.25·4·2 + 0.75·4·8) / (0.25·4 + 0.75·4) = 26 / 4 = 6.5
        String text = """
                input x 0 1
                  term low  trapezoid 0 0 0 1
                  term high trapezoid 0 1 1 1
                output y 0 10
                  term low  trapezoid 0 0 4 4
                  term high trapezoid 6 6 10 10
                rule if x is low then y is low
                rule if x is high then y is high
                """;
        var engine = new MamdaniEngine(RuleBase.parse(text, "test"), 1001);
        assertThat(engine.evaluate(0.75)).isCloseTo(6.5, within(1e-9));
        assertThat(engine.ruleStrength(0)).isCloseTo(0.25, within(1e-12));
        assertThat(engine.ruleStrength(1)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void shippedRuleBaseByHand() {
        // signal 0.3, agreement 0.6, regime 0.55, volatility 0.5:
        //   signal: long (0.3 − 0.1)/0.4 = 0.5, weak (0.3 − 0.3)/0.3 = 0, short 0
        //   agreement: high (0.6 − 0.5)/0.3 = 1/3, low (0.65 − 0.6)/0.2 = 0.25
        //   regime: trend (0.55 − 0.4)/0.3 = 0.5;  volatility: extreme 0
        // rules: long∧high = 1/3, long∧trend = 0.5 → long at 0.5; low agreement → flat at 0.25
        // clipped symmetric triangles: long (0.2, 0.6, 1) at h = 0.5, area = w·h·(2 − h)/2 = 0.8·0.5·1.5/2 = 0.3, centroid 0.6
        //                              flat (−0.2, 0, 0.2) at h = 0.25, area = 0.4·0.25·1.75/2 = 0.0875, centroid 0
        // crisp = (0.3·0.6 + 0.0875·0) / (0.3 + 0.0875) = 0.18 / 0.3875 = 0.464516
        var engine = new MamdaniEngine(RuleBase.directional(), 2001);
        assertThat(engine.ruleBase().inputNames()).containsExactly("signal", "agreement", "regime", "volatility");
        assertThat(engine.evaluate(0.3, 0.6, 0.55, 0.5)).isCloseTo(0.464516, within(1e-3));
        // extreme volatility and a weak signal: only flat fires → centroid 0 (symmetric)
        assertThat(engine.evaluate(0.05, 0.9, 0.9, 0.95)).isCloseTo(0.0, within(1e-9));
        // the mirror input gives the mirror output
        assertThat(engine.evaluate(-0.3, 0.6, 0.55, 0.5)).isCloseTo(-0.464516, within(1e-3));
    }

    @Test
    void noFiringRuleGivesNaNAndInputsAreClamped() {
        String text = """
                input x 0 1
                  term high trapezoid 0.5 0.9 1 1
                output y -1 1
                  term up triangle 0 0.5 1
                rule if x is high then y is up
                """;
        var engine = new MamdaniEngine(RuleBase.parse(text, "t"), 201);
        assertThat(engine.evaluate(0.2)).isNaN();
        assertThat(engine.evaluate(7)).isCloseTo(0.5, within(1e-9)); // clamped to 1 → fires fully → symmetric triangle centroid 0.5
    }

    @Test
    void parserErrorsNameSourceLineAndExpectation() {
        assertThatThrownBy(() -> RuleBase.parse("input x 0 1\n  term a triangle 0 1\noutput y 0 1\n  term b triangle 0 0.5 1\nrule if x is a then y is b", "rules.fuzzy"))
                .hasMessage("rules.fuzzy line 2: expected triangle takes 3 numbers, got 2");
        assertThatThrownBy(() -> RuleBase.parse("input x 0 1\n  term a triangle 0 0.5 1\noutput y 0 1\n  term b triangle 0 0.5 1\nrule if x is c then y is b", "r"))
                .hasMessageContaining("no term 'c'");
        assertThatThrownBy(() -> RuleBase.parse("input x 0 1\n  term a triangle 0 0.5 1\noutput y 0 1\n  term b triangle 0 0.5 1\nrule if x is a and x is a or x is a then y is b", "r"))
                .hasMessageContaining("line 5").hasMessageContaining("one connective");
        assertThatThrownBy(() -> RuleBase.parse("input x 0 1\n  term a triangle 0 0.5 1\noutput y 0 1\n  term b triangle 0 0.5 1\nrule if x is a then z is b", "r"))
                .hasMessageContaining("concludes on 'z'");
    }
}
