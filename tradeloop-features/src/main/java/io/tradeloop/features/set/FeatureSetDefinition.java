package io.tradeloop.features.set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.core.series.Timeframe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named, versioned feature set: the list of features with their parameters, as data (JSON). The
 * version is a hash of the canonical definition (every parameter after defaults, the feature order, the
 * warm-up and {@link #FORMULA_REVISION}), so any change to what is computed changes the version, while
 * renaming the set does not. The definition is echoed into model provenance via {@link #provenance()}.
 *
 * @param name       a short identifier ({@code [a-z0-9_-]+})
 * @param warmupBars rows at the start that count as warm-up for every feature even once an indicator
 *                   has a value (exponential averages seeded from one value need time to settle);
 *                   0..100,000
 * @param features   the features in column order
 */
public record FeatureSetDefinition(String name, int warmupBars, List<FeatureSpec> features) {
    /**
     * Bumped whenever the code of a formula changes meaning, so stored models built on the old formulas
     * do not silently load new features under the same version.
     */
    public static final int FORMULA_REVISION = 1;

    /** The names {@link #builtin} knows. */
    public static final List<String> BUILTIN = List.of("directional-4h", "directional-4h-base");

    private static final ObjectMapper JSON = new ObjectMapper();

    public FeatureSetDefinition {
        Checks.notBlank("name", name);
        if (!name.matches("[a-z0-9_-]+")) {
            throw new ConfigException("name", "value '" + name + "' must match [a-z0-9_-]+");
        }
        Checks.inRange("warmupBars", warmupBars, 0, 100_000);
        features = List.copyOf(Checks.notNull("features", features));
        if (features.isEmpty()) {
            throw new ConfigException("features", "must list at least one feature");
        }
        Set<String> seen = new HashSet<>();
        for (FeatureSpec f : features) {
            for (String c : f.columns()) {
                if (!seen.add(c)) {
                    throw new ConfigException("features", "column '" + c + "' appears twice (" + f.canonical() + ")");
                }
            }
        }
    }

    /** Every column, in order. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (FeatureSpec f : features) out.addAll(f.columns());
        return out;
    }

    /** The coarser timeframes the set reads (each needs a bound bar series). */
    public Set<Timeframe> timeframes() {
        Set<Timeframe> out = new TreeSet<>();
        for (FeatureSpec f : features) {
            if (f.timeframe() != null) out.add(f.timeframe());
        }
        return out;
    }

    /** What the version hashes: one line per feature after a header with the revision and warm-up. */
    public String canonical() {
        StringBuilder sb = new StringBuilder("tradeloop-features/r").append(FORMULA_REVISION)
                .append(";warmupBars=").append(warmupBars).append('\n');
        for (FeatureSpec f : features) sb.append(f.canonical()).append('\n');
        return sb.toString();
    }

    /** The first 12 hex digits of SHA-256 over {@link #canonical()}. */
    public String version() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** {@code name@version}, the id models and snapshots cite. */
    public String id() {
        return name + "@" + version();
    }

    /** What a trained model records about its inputs. */
    public FeatureSetProvenance provenance() {
        return new FeatureSetProvenance(name, version(), FORMULA_REVISION, columns(), toJson());
    }

    /** The definition as JSON, every parameter written out (defaults included). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("warmupBars", warmupBars);
        ArrayNode list = root.putArray("features");
        for (FeatureSpec f : features) {
            ObjectNode node = list.addObject();
            node.put("kind", f.kind());
            for (var e : f.parameters().entrySet()) {
                switch (e.getValue()) {
                    case Integer i -> node.put(e.getKey(), i);
                    case Double d -> node.put(e.getKey(), d);
                    case Boolean b -> node.put(e.getKey(), b);
                    default -> node.put(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            if (f.timeframe() != null) node.put("timeframe", f.timeframe().toString());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the definition as JSON", e);
        }
    }

    /** Reads a definition file; errors name the file, the feature and the field. */
    public static FeatureSetDefinition load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature-set definition " + file, e);
        }
    }

    /** A definition shipped with tradeloop, e.g. {@code directional-4h}. */
    public static FeatureSetDefinition builtin(String name) {
        String resource = name + ".json";
        try (InputStream in = FeatureSetDefinition.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("set", "no built-in feature set '" + name + "' (built in: " + BUILTIN + ")");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in feature set " + name, e);
        }
    }

    /** Parses the JSON form; {@code source} names the input in error messages. */
    public static FeatureSetDefinition parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source, "must be a JSON object with name, warmupBars and features");
        }
        Fields top = new Fields(source, root);
        String name = top.text("name", null);
        int warmup = top.integer("warmupBars", 0);
        JsonNode list = top.array("features");
        top.finish();
        List<FeatureSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            specs.add(parseSpec(list.get(i), source + ": features[" + i + "]"));
        }
        try {
            return new FeatureSetDefinition(name, warmup, specs);
        } catch (ConfigException e) {
            throw new ConfigException(source + ": " + e.parameter(), e.getMessage());
        }
    }

    private static FeatureSpec parseSpec(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(where, "must be an object with a 'kind'");
        }
        Fields f = new Fields(where, node);
        String kind = f.text("kind", null);
        String tf = f.text("timeframe", "");
        FeatureSpec spec;
        try {
            spec = switch (kind) {
                case "returns" -> new FeatureSpec.Returns(f.integer("horizon", 1));
                case "rsi" -> new FeatureSpec.Rsi(f.integer("period", 14));
                case "macd" -> new FeatureSpec.Macd(f.integer("fast", 12), f.integer("slow", 26), f.integer("signal", 9),
                        f.bool("relative", true));
                case "bollinger" -> new FeatureSpec.Bollinger(f.integer("period", 20), f.decimal("k", 2.0));
                case "atr" -> new FeatureSpec.Atr(f.integer("period", 14), f.bool("relative", true));
                case "adx" -> new FeatureSpec.Adx(f.integer("period", 14), f.integer("adxPeriod", 14));
                case "stochastic" -> new FeatureSpec.Stochastic(f.integer("period", 14), f.integer("smoothing", 3));
                case "obvSlope" -> new FeatureSpec.ObvSlope(f.integer("period", 20));
                case "volumeZScore" -> new FeatureSpec.VolumeZScore(f.integer("period", 50));
                case "realisedVol" -> new FeatureSpec.RealisedVol(f.integer("period", 30));
                default -> throw new ConfigException(where + ".kind", "value '" + kind + "' is unknown (allowed: returns, rsi, "
                        + "macd, bollinger, atr, adx, stochastic, obvSlope, volumeZScore, realisedVol)");
            };
        } catch (ConfigException e) {
            if (e.parameter().startsWith(where)) throw e;
            throw new ConfigException(where + "." + e.parameter(), e.getMessage());
        }
        f.finish();
        if (!tf.isEmpty()) {
            Timeframe timeframe;
            try {
                timeframe = Timeframe.parse(tf);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ".timeframe", e.getMessage());
            }
            spec = new FeatureSpec.OnTimeframe(timeframe, spec);
        }
        return spec;
    }

    /** Reads fields of one JSON object and refuses the ones nobody asked for (typos must not pass silently). */
    private static final class Fields {
        private final String where;
        private final JsonNode node;
        private final Set<String> used = new HashSet<>();

        Fields(String where, JsonNode node) {
            this.where = where;
            this.node = node;
        }

        String text(String field, String dflt) {
            used.add(field);
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (dflt == null) throw new ConfigException(where + "." + field, "is required");
                return dflt;
            }
            if (!v.isTextual()) throw new ConfigException(where + "." + field, "value " + v + " must be a string");
            return v.asText();
        }

        int integer(String field, int dflt) {
            used.add(field);
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return dflt;
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new ConfigException(where + "." + field, "value " + v + " must be an integer");
            }
            return v.intValue();
        }

        double decimal(String field, double dflt) {
            used.add(field);
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return dflt;
            if (!v.isNumber()) throw new ConfigException(where + "." + field, "value " + v + " must be a number");
            return v.doubleValue();
        }

        boolean bool(String field, boolean dflt) {
            used.add(field);
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return dflt;
            if (!v.isBoolean()) throw new ConfigException(where + "." + field, "value " + v + " must be true or false");
            return v.booleanValue();
        }

        JsonNode array(String field) {
            used.add(field);
            JsonNode v = node.get(field);
            if (v == null || !v.isArray()) throw new ConfigException(where + "." + field, "must be a JSON array");
            return v;
        }

        void finish() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!used.contains(name)) {
                    throw new ConfigException(where + "." + name, "is not a known field here (known: " + used + ")");
                }
            }
        }
    }
}
