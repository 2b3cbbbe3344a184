package io.tradeloop.decide.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.core.random.Rng;
import io.tradeloop.decide.adapt.AdapterConfig;
import io.tradeloop.decide.adapt.QLearningParameterAdapter;
import io.tradeloop.decide.gate.GateResult;
import io.tradeloop.decide.record.Action;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.decide.vote.Direction;
import io.tradeloop.learn.dataset.DesignMatrix;
import io.tradeloop.learn.gbm.GbmConfig;
import io.tradeloop.learn.gbm.GbmTrainer;
import io.tradeloop.learn.label.TripleBarrierConfig;
import io.tradeloop.learn.model.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DecisionPipelineTest {
    private static DirectionalModels models;
    private static final TripleBarrierConfig LABELS = new TripleBarrierConfig(1, 1, 12, 50, 0.002);

    /** Primary: up when x0 &gt; 0.5, down when &lt; −0.5; meta: take when x1 &gt; 0. Clean enough to be near-certain. */
    @BeforeAll
    static void train() {
        var rnd = new Random(3);
        int n = 3000;
        double[][] x = new double[n][4];
        int[] y = new int[n];
        double[][] xm = new double[n][7];
        int[] ym = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) x[i][j] = rnd.nextGaussian() * 1.5;
            y[i] = x[i][0] > 0.5 ? 2 : x[i][0] < -0.5 ? 0 : 1;
            System.arraycopy(x[i], 0, xm[i], 0, 4);
            xm[i][4] = rnd.nextBoolean() ? 1 : -1;
            xm[i][5] = rnd.nextDouble();
            xm[i][6] = rnd.nextDouble();
            ym[i] = x[i][1] > 0 ? 1 : 0;
        }
        var gbm = new GbmConfig(80, 10, 0.2, 3, 1, 1, 1, 1, 1);
        var names = DesignMatrix.defaultNames(4);
        var dx = DesignMatrix.ofRows(x, names);
        var dm = DesignMatrix.ofRows(xm, DesignMatrix.defaultNames(7));
        int[] tr = java.util.stream.IntStream.range(0, 2400).toArray();
        int[] va = java.util.stream.IntStream.range(2400, 3000).toArray();
        var primary = new GbmTrainer(gbm).trainClassifier(dx.select(tr), pick(y, tr), dx.select(va), pick(y, va), 3, TrainingRun.synthetic("p", 1));
        var meta = new GbmTrainer(gbm).trainClassifier(dm.select(tr), pick(ym, tr), dm.select(va), pick(ym, va), 2, TrainingRun.synthetic("m", 1));
        models = new DirectionalModels(primary, meta, null, null, Map.of("gbm", 1.0), 0.5, 0.5, LABELS, "test-v1", names, Map.of());
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] o = new int[rows.length];
        for (int i = 0; i < rows.length; i++) o[i] = y[rows[i]];
        return o;
    }

    private static BarInput bar(float x0, float x1, int position, int held) {
        return new BarInput(1_000, 100, new float[] {x0, x1, 0, 0}, null, 30, 0.01, 0.05, 0.05, 0.5, 0.03, 0, position, held);
    }

    private static DecisionPipeline pipeline(StackLevel level) {
        return new DecisionPipeline(models, level, StackConfig.defaults(), "coinbase:BTC", new QLearningParameterAdapter(AdapterConfig.defaults(), new Rng(1)));
    }

    @Test
    void primaryTradesItsArgMaxWithTheLabelBarriers() {
        Decision d = pipeline(StackLevel.PRIMARY).decide(bar(3, -2, 0, 0));
        assertThat(d.vote().direction()).isEqualTo(Direction.LONG);
        var e = (Action.Enter) d.action();
        assertThat(e.side()).isEqualTo(Direction.LONG);
        assertThat(e.equityFraction()).isEqualTo(0.95);              // base 0.95 × no sizing factors below the gates level
        assertThat(e.stopLossPct()).isCloseTo(0.03, within(1e-12));  // τ 0.03 × stop multiple 1
        assertThat(e.takeProfitPct()).isCloseTo(0.03, within(1e-12));
        assertThat(e.maxBars()).isEqualTo(12);
        assertThat(d.meta()).isNull();
        assertThat(d.stack()).isEqualTo("gbm");
        assertThat(((Action.Enter) pipeline(StackLevel.PRIMARY).decide(bar(-3, 0, 0, 0)).action()).side()).isEqualTo(Direction.SHORT);
        assertThat(pipeline(StackLevel.PRIMARY).decide(bar(0, 0, 0, 0)).action()).isInstanceOf(Action.Hold.class);
    }

    @Test
    void metaLabelBlocksOrTakes() {
        var skip = pipeline(StackLevel.META).decide(bar(3, -2, 0, 0));
        assertThat(skip.action()).isInstanceOf(Action.Hold.class);
        assertThat(((Action.Hold) skip.action()).reason()).isEqualTo("blocked by [meta]");
        assertThat(skip.meta().pTake()).isLessThan(0.5);
        var take = pipeline(StackLevel.META).decide(bar(3, 2, 0, 0));
        assertThat(take.action()).isInstanceOf(Action.Enter.class);
        assertThat(take.gates()).singleElement().isInstanceOf(GateResult.Passed.class);
    }

    @Test
    void openPositionsExitOnTimeOrReversal() {
        var p = pipeline(StackLevel.PRIMARY);
        assertThat(((Action.Exit) p.decide(bar(3, 0, 1, 12)).action()).reason()).isEqualTo("time exit after 12 bars");
        assertThat(((Action.Exit) p.decide(bar(-3, 0, 1, 3)).action()).reason()).isEqualTo("signal reversal to SHORT");
        assertThat(((Action.Hold) p.decide(bar(3, 0, 1, 3)).action()).reason()).isEqualTo("position open");
    }

    @Test
    void gatesAndRiskBudgetShapeTheSize() {
        var d = pipeline(StackLevel.RISK).decide(bar(3, 2, 0, 0));
        assertThat(d.gates()).extracting(GateResult::gate).containsExactly("meta", "confidence", "regime", "fuzzy");
        if (d.action() instanceof Action.Enter e) {
            // risk budget: 2% of equity at a 3% stop caps the notional at 0.02 / 0.03 = 0.6667 of equity
            assertThat(d.sizing().riskBudgetCap()).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(e.equityFraction()).isLessThanOrEqualTo(2.0 / 3 + 1e-12);
            assertThat(d.sizing().confidenceWeight()).isCloseTo(Math.min(1, 2 * d.vote().confidence()), within(1e-12));
        } else {
            assertThat(d.blocked()).isTrue();
        }
        assertThat(d.fuzzy()).isNotNull();
        assertThat(d.fuzzy().ruleStrengths()).hasSize(7);
        assertThat(d.regime()).isNotNull();
    }

    @Test
    void adapterLevelConsultsTheAdapter() {
        var p = pipeline(StackLevel.ADAPTER);
        var d = p.decide(bar(3, 2, 0, 0));
        assertThat(d.parameters()).isNotNull();
        // an entry leaves the action waiting for its trade; a blocked candidate has already been scored
        assertThat(p.adapter().awaitingOutcome()).isEqualTo(d.action() instanceof Action.Enter);
        assertThatThrownBy(() -> new DecisionPipeline(models, StackLevel.ADAPTER, StackConfig.defaults(), "x", null))
                .hasMessageContaining("needs a Q-learning adapter");
    }

    @Test
    void decisionRecordRoundTripsThroughJson(@TempDir Path dir) throws Exception {
        var d = pipeline(StackLevel.RISK).decide(bar(3, 2, 0, 0));
        var json = new ObjectMapper();
        String text = json.writeValueAsString(d);
        assertThat(text).contains("\"type\":\"passed\"").contains("\"stack\":\"gbm+meta+ensemble+gates+risk\"");
        Decision back = json.readValue(text, Decision.class);
        assertThat(back.action()).isEqualTo(d.action());
        assertThat(back.gates()).isEqualTo(d.gates());
        assertThat(back.votes()).isEqualTo(d.votes());
        // and the bundle reloads to the same decisions
        models.save(dir);
        var again = new DecisionPipeline(DirectionalModels.load(dir), StackLevel.META, StackConfig.defaults(), "coinbase:BTC", null)
                .decide(bar(3, 2, 0, 0));
        assertThat(again.votes()).isEqualTo(pipeline(StackLevel.META).decide(bar(3, 2, 0, 0)).votes());
        assertThat(List.of(again.meta())).isEqualTo(List.of(pipeline(StackLevel.META).decide(bar(3, 2, 0, 0)).meta()));
    }
}
