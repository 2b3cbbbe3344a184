package io.tradeloop.features.set;

import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.series.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureSetDefinitionTest {
    private static final String JSON = """
            {"name": "demo", "warmupBars": 10, "features": [
              {"kind": "rsi", "period": 14},
              {"kind": "macd"},
              {"kind": "bollinger", "period": 20, "k": 2.5},
              {"kind": "rsi", "period": 14, "timeframe": "1d"}
            ]}""";

    @Test
    void parsesWithDefaultsAndNamesColumns() {
        FeatureSetDefinition d = FeatureSetDefinition.parse(JSON, "test");
        assertThat(d.features()).containsExactly(new FeatureSpec.Rsi(14), new FeatureSpec.Macd(12, 26, 9, true),
                new FeatureSpec.Bollinger(20, 2.5), new FeatureSpec.OnTimeframe(Timeframe.D1, new FeatureSpec.Rsi(14)));
        assertThat(d.columns()).containsExactly("rsi_14", "macd_12_26_9_rel_line", "macd_12_26_9_rel_signal",
                "macd_12_26_9_rel_hist", "bb_20_2.5_width", "bb_20_2.5_pctb", "rsi_14@1d");
        assertThat(d.timeframes()).containsExactly(Timeframe.D1);
    }

    @Test
    void canonicalTextIsWhatTheVersionHashes() {
        FeatureSetDefinition d = FeatureSetDefinition.parse(JSON, "test");
        assertThat(d.canonical()).isEqualTo("""
                tradeloop-features/r1;warmupBars=10
                rsi(period=14)
                macd(fast=12,slow=26,signal=9,relative=true)
                bollinger(period=20,k=2.5)
                rsi(period=14)@1d
                """);
        assertThat(d.version()).matches("[0-9a-f]{12}");
        assertThat(d.id()).isEqualTo("demo@" + d.version());
    }

    @Test
    void versionChangesWithEveryParameterButNotWithTheName() {
        FeatureSetDefinition base = new FeatureSetDefinition("a", 10, List.of(new FeatureSpec.Rsi(14), new FeatureSpec.Atr(14, true)));
        String v = base.version();
        assertThat(new FeatureSetDefinition("b", 10, base.features()).version()).isEqualTo(v);
        assertThat(new FeatureSetDefinition("a", 11, base.features()).version()).isNotEqualTo(v);
        assertThat(new FeatureSetDefinition("a", 10, List.of(new FeatureSpec.Rsi(15), new FeatureSpec.Atr(14, true))).version()).isNotEqualTo(v);
        assertThat(new FeatureSetDefinition("a", 10, List.of(new FeatureSpec.Rsi(14), new FeatureSpec.Atr(14, false))).version()).isNotEqualTo(v);
        assertThat(new FeatureSetDefinition("a", 10, List.of(new FeatureSpec.Atr(14, true), new FeatureSpec.Rsi(14))).version())
                .as("column order is part of the definition").isNotEqualTo(v);
        assertThat(new FeatureSetDefinition("a", 10, List.of(new FeatureSpec.Rsi(14),
                new FeatureSpec.OnTimeframe(Timeframe.D1, new FeatureSpec.Atr(14, true)))).version()).isNotEqualTo(v);
    }

    @Test
    void jsonRoundTripKeepsTheVersionAndWritesEveryDefault() {
        FeatureSetDefinition d = FeatureSetDefinition.parse(JSON, "test");
        String json = d.toJson();
        assertThat(json).contains("\"relative\" : true").contains("\"timeframe\" : \"1d\"");
        FeatureSetDefinition back = FeatureSetDefinition.parse(json, "round-trip");
        assertThat(back).isEqualTo(d);
        assertThat(back.version()).isEqualTo(d.version());
        FeatureSetProvenance p = d.provenance();
        assertThat(p.id()).isEqualTo(d.id());
        assertThat(p.columns()).isEqualTo(d.columns());
        assertThat(FeatureSetDefinition.parse(p.definitionJson(), "provenance")).isEqualTo(d);
    }

    @Test
    void typosAndBadValuesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> FeatureSetDefinition.parse("""
                {"name": "x", "features": [{"kind": "rsi", "periode": 14}]}""", "f.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("f.json: features[0].periode").hasMessageContaining("not a known field");
        assertThatThrownBy(() -> FeatureSetDefinition.parse("""
                {"name": "x", "features": [{"kind": "rsi"}, {"kind": "rsi", "period": 1}]}""", "f.json"))
                .hasMessageContaining("features[1]").hasMessageContaining("rsi.period").hasMessageContaining("value 1")
                .hasMessageContaining("[2, 100000]");
        assertThatThrownBy(() -> FeatureSetDefinition.parse("""
                {"name": "x", "features": [{"kind": "rsx"}]}""", "f.json"))
                .hasMessageContaining("features[0].kind").hasMessageContaining("rsx").hasMessageContaining("allowed");
        assertThatThrownBy(() -> FeatureSetDefinition.parse("""
                {"name": "x", "features": [{"kind": "rsi", "timeframe": "1q"}]}""", "f.json"))
                .hasMessageContaining("features[0].timeframe");
        assertThatThrownBy(() -> FeatureSetDefinition.parse("""
                {"name": "x", "features": [{"kind": "rsi"}, {"kind": "rsi", "period": 14}]}""", "f.json"))
                .hasMessageContaining("rsi_14").hasMessageContaining("twice");
        assertThatThrownBy(() -> FeatureSetDefinition.parse("{\"name\": \"Bad Name\", \"features\": [{\"kind\": \"rsi\"}]}", "f.json"))
                .hasMessageContaining("name");
    }

    @Test
    void builtinSetsLoad() {
        for (String name : FeatureSetDefinition.BUILTIN) {
            FeatureSetDefinition d = FeatureSetDefinition.builtin(name);
            assertThat(d.name()).isEqualTo(name);
            assertThat(d.columns()).hasSizeGreaterThan(15);
        }
        assertThat(FeatureSetDefinition.builtin("directional-4h").timeframes()).containsExactly(Timeframe.D1);
        assertThatThrownBy(() -> FeatureSetDefinition.builtin("nope")).hasMessageContaining("directional-4h");
    }
}
