package io.tradeloop.features.scaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeloop.features.set.FeatureMatrix;
import io.tradeloop.features.set.FeatureStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Robust scaling fitted on a training window ({@link RobustScaler#fit}): for each kept feature,
 * z = (x - median) / sigma clipped to [-clipZ, clipZ]; a value with no finite input (NaN that could not
 * be forward-filled) becomes 0, the training median, and is counted. Applies only to features of the
 * same feature-set version it was fitted on. The same arithmetic serves a whole window
 * ({@link #transform}) and one live row ({@link #transformRow}, no allocation).
 */
public final class FittedScaler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String featureSetId;
    private final List<String> sourceColumns;
    private final int[] sourceIndex;
    private final double[] median;
    private final double[] scale;
    private final double clipZ;
    private final List<CollapseFinding> findings;
    private final long fitFirstCloseMs;
    private final long fitLastCloseMs;
    private final int fitRows;

    FittedScaler(String featureSetId, List<String> sourceColumns, int[] sourceIndex, double[] median, double[] scale,
                 double clipZ, List<CollapseFinding> findings, long fitFirstCloseMs, long fitLastCloseMs, int fitRows) {
        this.featureSetId = featureSetId;
        this.sourceColumns = List.copyOf(sourceColumns);
        this.sourceIndex = sourceIndex;
        this.median = median;
        this.scale = scale;
        this.clipZ = clipZ;
        this.findings = List.copyOf(findings);
        this.fitFirstCloseMs = fitFirstCloseMs;
        this.fitLastCloseMs = fitLastCloseMs;
        this.fitRows = fitRows;
    }

    /** {@code name@version} of the feature set it was fitted on. */
    public String featureSetId() {
        return featureSetId;
    }

    /** The output columns (the kept features), in order. */
    public List<String> columns() {
        List<String> out = new ArrayList<>(sourceIndex.length);
        for (int k : sourceIndex) out.add(sourceColumns.get(k));
        return out;
    }

    /** Features the collapse policy dropped. */
    public List<String> dropped() {
        List<String> kept = columns();
        return sourceColumns.stream().filter(c -> !kept.contains(c)).toList();
    }

    public List<CollapseFinding> findings() {
        return findings;
    }

    public double median(int j) {
        return median[j];
    }

    /** The robust sigma of output column {@code j} (IQR / 1.349, or the fallback). */
    public double sigma(int j) {
        return scale[j];
    }

    public double clipZ() {
        return clipZ;
    }

    public long fitFirstCloseMs() {
        return fitFirstCloseMs;
    }

    public long fitLastCloseMs() {
        return fitLastCloseMs;
    }

    public int fitRows() {
        return fitRows;
    }

    /** Scales one value of output column {@code j}. */
    public double scale(int j, double x) {
        if (!(x - x == 0)) {
            return 0;
        }
        double z = (x - median[j]) / scale[j];
        return z > clipZ ? clipZ : z < -clipZ ? -clipZ : z;
    }

    /** Scales every row of {@code window} (training or hold-out), counting clipped and imputed values. */
    public ScaledFeatures transform(FeatureWindow window) {
        FeatureMatrix m = window.matrix();
        requireSameSet(m.definition().id());
        int n = window.rows();
        double[][] out = new double[sourceIndex.length][n];
        long[] clipped = new long[sourceIndex.length];
        long[] imputed = new long[sourceIndex.length];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) times[i] = m.closeTimeMs(window.from() + i);
        for (int j = 0; j < sourceIndex.length; j++) {
            double[] src = m.column(sourceIndex[j]);
            double[] dst = out[j];
            for (int i = 0; i < n; i++) {
                double x = src[window.from() + i];
                if (!(x - x == 0)) {
                    imputed[j]++;
                    dst[i] = 0;
                    continue;
                }
                double z = (x - median[j]) / scale[j];
                if (z > clipZ || z < -clipZ) clipped[j]++;
                dst[i] = z > clipZ ? clipZ : z < -clipZ ? -clipZ : z;
            }
        }
        return new ScaledFeatures(columns(), times, out, clipped, imputed);
    }

    /**
     * Scales the stream's current row into {@code out} (length {@code columns().size()}): the serving
     * path. The stream must compute the set this scaler was fitted on.
     */
    public void transformRow(FeatureStream stream, double[] out) {
        requireSameSet(stream.id());
        for (int j = 0; j < sourceIndex.length; j++) {
            out[j] = scale(j, stream.value(sourceIndex[j]));
        }
    }

    private void requireSameSet(String id) {
        if (!featureSetId.equals(id)) {
            throw new IllegalArgumentException("scaler fitted on feature set " + featureSetId + " cannot scale " + id
                    + " (the definition changed: refit on the new features)");
        }
    }

    /** The scaler as JSON (for a model's artifact); {@link #fromJson} restores it exactly. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("featureSet", featureSetId);
        ArrayNode src = root.putArray("sourceColumns");
        sourceColumns.forEach(src::add);
        root.put("clipZ", clipZ);
        root.put("fitFirstCloseMs", fitFirstCloseMs);
        root.put("fitLastCloseMs", fitLastCloseMs);
        root.put("fitRows", fitRows);
        ArrayNode cols = root.putArray("columns");
        for (int j = 0; j < sourceIndex.length; j++) {
            ObjectNode c = cols.addObject();
            c.put("name", sourceColumns.get(sourceIndex[j]));
            c.put("median", median[j]);
            c.put("sigma", scale[j]);
        }
        ArrayNode f = root.putArray("findings");
        for (CollapseFinding x : findings) {
            f.addObject().put("column", x.column()).put("kind", x.kind().name()).put("detail", x.detail());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scaler as JSON", e);
        }
    }

    /** Restores {@link #toJson()}'s output. */
    public static FittedScaler fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<String> source = new ArrayList<>();
            root.get("sourceColumns").forEach(n -> source.add(n.asText()));
            JsonNode cols = root.get("columns");
            int[] index = new int[cols.size()];
            double[] med = new double[cols.size()];
            double[] sig = new double[cols.size()];
            for (int j = 0; j < cols.size(); j++) {
                JsonNode c = cols.get(j);
                index[j] = source.indexOf(c.get("name").asText());
                if (index[j] < 0) {
                    throw new IllegalArgumentException("scaler column '" + c.get("name").asText() + "' is not a source column");
                }
                med[j] = c.get("median").doubleValue();
                sig[j] = c.get("sigma").doubleValue();
            }
            List<CollapseFinding> findings = new ArrayList<>();
            root.get("findings").forEach(n -> findings.add(new CollapseFinding(n.get("column").asText(),
                    CollapseFinding.Kind.valueOf(n.get("kind").asText()), n.get("detail").asText())));
            return new FittedScaler(root.get("featureSet").asText(), source, index, med, sig, root.get("clipZ").doubleValue(),
                    findings, root.get("fitFirstCloseMs").longValue(), root.get("fitLastCloseMs").longValue(),
                    root.get("fitRows").intValue());
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("not a fitted-scaler JSON document: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedScaler s && featureSetId.equals(s.featureSetId) && sourceColumns.equals(s.sourceColumns)
                && Arrays.equals(sourceIndex, s.sourceIndex) && Arrays.equals(median, s.median)
                && Arrays.equals(scale, s.scale) && clipZ == s.clipZ && findings.equals(s.findings)
                && fitFirstCloseMs == s.fitFirstCloseMs && fitLastCloseMs == s.fitLastCloseMs && fitRows == s.fitRows;
    }

    @Override
    public int hashCode() {
        return featureSetId.hashCode() * 31 + Arrays.hashCode(median);
    }
}
