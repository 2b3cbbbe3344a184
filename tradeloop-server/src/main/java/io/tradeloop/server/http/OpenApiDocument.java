package io.tradeloop.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.ConfigParam;
import io.tradeloop.server.json.Json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of the API, generated from the route table and the body records themselves
 * (JSON names as the server reads and writes them; agent settings carry their ranges and defaults from
 * {@link AgentConfig#PARAMS}), so the document cannot drift from the code.
 */
final class OpenApiDocument {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private OpenApiDocument() {
    }

    static String json(HttpApi api) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(build(api));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    static Map<String, Object> build(HttpApi api) {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("ApiError", schemaOf(ApiError.class, schemas));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : api.routes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            if (r.auth()) {
                op.put("security", List.of(Map.of("bearer", List.of()), Map.of("apiKey", List.of())));
            }
            List<Object> params = new ArrayList<>();
            for (String q : r.query()) {
                int colon = q.indexOf(':');
                params.add(Map.of("name", q.substring(0, colon), "in", "query", "required", false,
                        "description", q.substring(colon + 1).trim(), "schema", Map.of("type", "integer")));
            }
            for (String seg : r.path().split("/")) {
                if (seg.startsWith("{")) {
                    String name = seg.substring(1, seg.length() - 1);
                    params.add(Map.of("name", name, "in", "path", "required", true,
                            "schema", Map.of("type", name.equals("id") ? "integer" : "string")));
                }
            }
            if (!params.isEmpty()) op.put("parameters", params);
            if (r.requestBody() != null) {
                op.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
                        Map.of("schema", ref(r.requestBody(), schemas)))));
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            List<Integer> codes = new ArrayList<>(r.statuses());
            if (r.auth()) {
                codes.add(401);
                codes.add(429);
            }
            for (int code : codes) {
                Map<String, Object> resp = new LinkedHashMap<>();
                if (code < 300) {
                    resp.put("description", code == 204 ? "done, no body" : "success");
                    if (r.response() != null && code != 204) {
                        String type = r.path().equals("/events") ? "text/event-stream" : r.path().equals("/metrics") ? "text/plain" : "application/json";
                        resp.put("content", Map.of(type, Map.of("schema", r.response() == String.class ? Map.of("type", "string")
                                : r.response() == Map.class ? Map.of("type", "object") : ref(r.response(), schemas))));
                    }
                } else {
                    resp.put("description", describe(code));
                    resp.put("content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/ApiError"))));
                }
                responses.put(Integer.toString(code), resp);
            }
            op.put("responses", responses);
            item.put(r.method().name().toLowerCase(java.util.Locale.ROOT), op);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "tradeloop server", "version", "1",
                "description", "Paper agents, the funding-arbitrage prediction endpoint and live events. Every error is an ApiError "
                        + "naming the field and the allowed range."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas, "securitySchemes", Map.of(
                "bearer", Map.of("type", "http", "scheme", "bearer"),
                "apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key"))));
        return doc;
    }

    private static String describe(int code) {
        return switch (code) {
            case 400 -> "invalid input: the error names the field and the allowed range";
            case 401 -> "missing or invalid API key";
            case 404 -> "no such resource for this caller";
            case 409 -> "the agent's state forbids this";
            case 413 -> "body over the size limit";
            case 415 -> "body is not JSON";
            case 429 -> "the key's rate limit is exceeded (Retry-After says when to retry)";
            case 503 -> "a dependency is unavailable (database, market data, policy)";
            default -> "error";
        };
    }

    private static Map<String, Object> ref(Class<?> type, Map<String, Object> schemas) {
        if (!type.isRecord()) {
            return Map.of("type", "object");
        }
        if (!schemas.containsKey(type.getSimpleName())) {
            schemas.put(type.getSimpleName(), Map.of()); // placeholder against cycles
            schemas.put(type.getSimpleName(), schemaOf(type, schemas));
        }
        return Map.of("$ref", "#/components/schemas/" + type.getSimpleName());
    }

    private static Map<String, Object> schemaOf(Class<?> record, Map<String, Object> schemas) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            JsonProperty jp = c.getAccessor().getAnnotation(JsonProperty.class);
            if (jp == null) jp = c.getAnnotation(JsonProperty.class);
            String name = jp != null && !jp.value().isEmpty() ? jp.value() : SNAKE.translate(c.getName());
            Map<String, Object> s = new LinkedHashMap<>(typeSchema(c.getGenericType(), schemas));
            if (record == AgentConfig.class || record == io.tradeloop.server.agent.AgentConfigPatch.class) {
                for (ConfigParam p : AgentConfig.PARAMS) {
                    if (p.name().equals(name)) {
                        s.put("minimum", p.min());
                        s.put("maximum", p.max());
                        s.put("default", p.defaultValue());
                        s.put("description", p.description() + " (" + p.unit() + ")");
                    }
                }
                if (name.equals("asset")) {
                    s.put("enum", AgentConfig.ASSETS);
                    s.put("default", AgentConfig.DEFAULT_ASSET);
                    s.put("description", "the instrument a directional-stack agent trades (funding brains ignore it)");
                }
            }
            props.put(name, s);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> typeSchema(Type t, Map<String, Object> schemas) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", typeSchema(p.getActualTypeArguments()[0], schemas));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", typeSchema(p.getActualTypeArguments()[1], schemas));
            }
        }
        Class<?> c = (Class<?>) (t instanceof ParameterizedType p ? p.getRawType() : t);
        if (c == double.class || c == Double.class || c == float.class) return Map.of("type", List.of("number", "null"));
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return Map.of("type", "integer");
        if (c == boolean.class || c == Boolean.class) return Map.of("type", "boolean");
        if (c == String.class) return Map.of("type", "string");
        if (c == double[].class) return Map.of("type", "array", "items", Map.of("type", "number"));
        if (c.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object o : c.getEnumConstants()) values.add(o.toString());
            return Map.of("type", "string", "enum", values);
        }
        if (c.isRecord()) return ref(c, schemas);
        return Map.of("type", "object");
    }
}
