package io.tradeloop.features.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.features.scaling.CollapseFinding;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.set.FeatureMatrix;
import io.tradeloop.features.set.FeatureQuality;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sanitisation report of one feature computation: the feature set's provenance, the input, per
 * column the warm-up NaNs and the bad values (NaN, +Inf, -Inf) with how many were forward-filled, and,
 * when a scaler was fitted, its training window, its per-column median/sigma and every collapse finding.
 *
 * @param input  what was read (a file name and how coarser bars were obtained)
 * @param matrix the computed features
 * @param scaler the scaler fitted on the training window, or null when none was asked for
 * @param notes  further facts worth keeping (e.g. incomplete coarse bars), in order
 */
public record FeatureReport(String input, FeatureMatrix matrix, FittedScaler scaler, Map<String, String> notes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public FeatureReport {
        notes = new LinkedHashMap<>(notes);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        var p = matrix.definition().provenance();
        ObjectNode set = root.putObject("featureSet");
        set.put("id", p.id());
        set.put("name", p.name());
        set.put("version", p.version());
        set.put("formulaRevision", p.formulaRevision());
        try {
            set.set("definition", JSON.readTree(p.definitionJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the definition JSON did not parse back", e);
        }
        root.put("input", input);
        root.put("rows", matrix.rows());
        if (matrix.rows() > 0) {
            root.put("firstClose", TimeFormat.iso(matrix.closeTimeMs(0)));
            root.put("lastClose", TimeFormat.iso(matrix.closeTimeMs(matrix.rows() - 1)));
        }
        root.put("firstReadyRow", matrix.firstReadyRow());
        ObjectNode n = root.putObject("notes");
        notes.forEach(n::put);
        ArrayNode cols = root.putArray("columns");
        for (FeatureQuality q : matrix.quality()) {
            ObjectNode c = cols.addObject();
            c.put("column", q.column());
            c.put("warmup", q.warmup());
            c.put("nan", q.nan());
            c.put("posInf", q.posInf());
            c.put("negInf", q.negInf());
            c.put("filled", q.filled());
            c.put("badFraction", q.badFraction());
        }
        if (scaler != null) {
            try {
                root.set("scaler", JSON.readTree(scaler.toJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the scaler JSON did not parse back", e);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** A fixed-width text table for a terminal: one line per column with its counts and findings. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %,d rows, every feature ready from row %,d%n", matrix.definition().id(),
                matrix.rows(), matrix.firstReadyRow()));
        notes.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        sb.append(String.format(Locale.ROOT, "%-28s %8s %7s %6s %6s %7s  %s%n", "column", "warm-up", "NaN", "+Inf", "-Inf",
                "filled", "findings on the training window"));
        for (FeatureQuality q : matrix.quality()) {
            StringBuilder f = new StringBuilder();
            if (scaler != null) {
                for (CollapseFinding x : scaler.findings()) {
                    if (x.column().equals(q.column())) f.append(f.isEmpty() ? "" : "; ").append(x.kind()).append(" (").append(x.detail()).append(')');
                }
                if (scaler.dropped().contains(q.column())) f.append(" -> dropped");
            }
            sb.append(String.format(Locale.ROOT, "%-28s %,8d %,7d %,6d %,6d %,7d  %s%n", q.column(), q.warmup(), q.nan(),
                    q.posInf(), q.negInf(), q.filled(), f));
        }
        return sb.toString();
    }
}
