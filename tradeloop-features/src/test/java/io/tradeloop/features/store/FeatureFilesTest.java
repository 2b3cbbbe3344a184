package io.tradeloop.features.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.features.scaling.ChronologicalSplit;
import io.tradeloop.features.scaling.RobustScaler;
import io.tradeloop.features.scaling.ScalingConfig;
import io.tradeloop.features.set.FeatureMatrix;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.set.FeatureSpec;
import io.tradeloop.features.testing.SyntheticBars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureFilesTest {
    private static final FeatureSetDefinition SET = new FeatureSetDefinition("t", 0,
            List.of(new FeatureSpec.Returns(1), new FeatureSpec.Bollinger(3, 2.0)));

    private static FeatureMatrix matrix() {
        double[] closes = new double[40];
        for (int i = 0; i < closes.length; i++) closes[i] = i < 5 ? 5 : 5 + Math.sin(i);
        return FeatureMatrix.compute(SET, SyntheticBars.fromCloses(Timeframe.H1, closes));
    }

    @Test
    void csvHasATimeColumnAndEmptyCellsForNaN(@TempDir Path dir) throws Exception {
        FeatureMatrix m = matrix();
        Path csv = dir.resolve("f.csv");
        FeatureFiles.write(m, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(41);
        assertThat(lines.get(0)).isEqualTo("close_time,ret_1,bb_3_2_width,bb_3_2_pctb");
        assertThat(lines.get(1)).isEqualTo("1970-01-01T01:00:00Z,,,"); // row 0: all warming up
        assertThat(lines.get(40)).startsWith("1970-01-02T16:00:00Z,").contains(Double.toString(m.value(0, 39)));
    }

    @Test
    void parquetHoldsTheSameTable(@TempDir Path dir) throws Exception {
        FeatureMatrix m = matrix();
        Path parquet = dir.resolve("f.parquet");
        FeatureFiles.write(m, parquet);
        try (var db = DriverManager.getConnection("jdbc:duckdb:"); var st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(ret_1), count(bb_3_2_pctb) FROM read_parquet('" + parquet + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(40);
            double sum = 0;
            for (double v : m.column(0)) if (!Double.isNaN(v)) sum += v;
            assertThat(rs.getDouble(2)).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-12));
            long defined = 0;
            for (double v : m.column(2)) if (!Double.isNaN(v)) defined++;
            assertThat(rs.getLong(3)).isEqualTo(defined);
        }
        assertThatThrownBy(() -> FeatureFiles.write(m, dir.resolve("f.txt"))).hasMessageContaining(".csv or .parquet");
    }

    @Test
    void theReportCarriesProvenanceCountsAndFindings() throws Exception {
        FeatureMatrix m = matrix();
        var scaler = RobustScaler.fit(ChronologicalSplit.fraction(m, 0.8, 0).train(), ScalingConfig.defaults());
        FeatureReport report = new FeatureReport("synthetic", m, scaler, Map.of("coarse", "none"));
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.at("/featureSet/id").asText()).isEqualTo(SET.id());
        assertThat(json.at("/featureSet/definition/features/1/kind").asText()).isEqualTo("bollinger");
        // closes flat at 5 for rows 0..4: %B is 0/0 on rows 2..4 with nothing to fill from
        JsonNode pctb = json.at("/columns/2");
        assertThat(pctb.get("column").asText()).isEqualTo("bb_3_2_pctb");
        assertThat(pctb.get("warmup").asLong()).isEqualTo(2);
        assertThat(pctb.get("nan").asLong()).isEqualTo(3);
        assertThat(pctb.get("filled").asLong()).isZero();
        assertThat(json.at("/scaler/columns/0/name").asText()).isEqualTo("ret_1");
        assertThat(report.toText()).contains("bb_3_2_pctb").contains("every feature ready from row");
    }
}
