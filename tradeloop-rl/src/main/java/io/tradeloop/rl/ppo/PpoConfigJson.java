package io.tradeloop.rl.ppo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeloop.core.config.ConfigException;

import java.util.Iterator;
import java.util.Map;

/** Reads and writes {@link PpoConfig} as JSON; a partial document overrides the plan's defaults field by field. */
public final class PpoConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private PpoConfigJson() {
    }

    public static String write(PpoConfig c) {
        try {
            return MAPPER.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write PPO config as JSON", e);
        }
    }

    /** A full or partial JSON object; missing fields keep {@link PpoConfig#DEFAULT}'s values. */
    public static PpoConfig read(String json) {
        return read(json, PpoConfig.DEFAULT);
    }

    /** A full or partial JSON object; missing fields keep {@code base}'s values. */
    public static PpoConfig read(String json, PpoConfig base) {
        try {
            return fromTree(MAPPER.readTree(json), base);
        } catch (JsonProcessingException e) {
            throw new ConfigException("ppo", "invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** Overlays {@code overrides} (an object, possibly nested for {@code adam}) on {@code base}. */
    public static PpoConfig fromTree(JsonNode overrides, PpoConfig base) {
        ObjectNode merged = MAPPER.valueToTree(base);
        if (overrides != null && !overrides.isNull()) {
            if (!overrides.isObject()) {
                throw new ConfigException("ppo", "must be a JSON object, got " + overrides.getNodeType());
            }
            merge(merged, (ObjectNode) overrides, "ppo");
        }
        try {
            return MAPPER.treeToValue(merged, PpoConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException("ppo", e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof ConfigException ce) {
                throw ce;
            }
            throw e;
        }
    }

    private static void merge(ObjectNode target, ObjectNode source, String path) {
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!target.has(name)) {
                throw new ConfigException(path + "." + name, "unknown field; known: " + fieldNames(target));
            }
            if (target.get(name).isObject() && e.getValue().isObject()) {
                merge((ObjectNode) target.get(name), (ObjectNode) e.getValue(), path + "." + name);
            } else {
                target.set(name, e.getValue());
            }
        }
    }

    private static String fieldNames(ObjectNode n) {
        StringBuilder sb = new StringBuilder();
        n.fieldNames().forEachRemaining(f -> sb.append(sb.isEmpty() ? "" : ", ").append(f));
        return sb.toString();
    }
}
