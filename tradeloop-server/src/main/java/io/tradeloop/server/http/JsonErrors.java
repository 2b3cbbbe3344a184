package io.tradeloop.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.tradeloop.core.config.ConfigException;
import io.tradeloop.server.json.InvalidField;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns Jackson's errors into 400 answers that name the offending field (as a JSON path) and what is allowed there. */
final class JsonErrors {
    private JsonErrors() {
    }

    static ApiException describe(JsonProcessingException e) {
        ApiException a = describeRaw(e);
        ApiError err = a.error();
        if (err.allowed() == null && err.field() != null) { // a known setting's range is always worth naming
            String last = err.field().substring(err.field().lastIndexOf('.') + 1);
            for (var p : io.tradeloop.server.agent.AgentConfig.PARAMS) {
                if (p.name().equals(last)) {
                    return new ApiException(new ApiError(err.error(), err.status(), err.field(), err.message(),
                            (p.integer() ? "a whole number in " : "a number in ") + p.range()), null);
                }
            }
        }
        return a;
    }

    private static ApiException describeRaw(JsonProcessingException e) {
        String original = firstLine(e.getOriginalMessage());
        return switch (e) {
            case UnrecognizedPropertyException u -> {
                TreeSet<String> known = new TreeSet<>();
                if (u.getKnownPropertyIds() != null) u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
                yield new ApiException(400, "invalid_field", path(u), "unknown field '" + u.getPropertyName() + "'",
                        "one of " + String.join(", ", known));
            }
            case ValueInstantiationException v when v.getCause() instanceof ConfigException c ->
                    new ApiException(400, "invalid_field", c.parameter(), c.getMessage().substring(c.parameter().length() + 2), null);
            case ValueInstantiationException v when v.getCause() instanceof InvalidField f ->
                    new ApiException(400, "invalid_field", f.field(), f.detail(), f.allowed());
            case MismatchedInputException m -> {
                Class<?> target = m.getTargetType();
                String field = path(m);
                yield new ApiException(400, "invalid_field", field.isEmpty() ? "body" : field,
                        "wrong type: " + original, target == null ? null : describeType(target));
            }
            case JsonMappingException m -> new ApiException(400, "invalid_field", orBody(path(m)), original, null);
            case StreamConstraintsException s -> new ApiException(400, "invalid_field", "body", original,
                    "nesting up to 16 levels, numbers up to 64 characters");
            case JsonParseException p -> new ApiException(400, "malformed_json", parserPath(p),
                    original + " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr(),
                    "valid JSON (RFC 8259: no NaN or Infinity literals, no comments, no trailing commas)");
            default -> new ApiException(400, "malformed_json", "body", original, "valid JSON");
        };
    }

    /** The JSON path of a mapping error, e.g. {@code opportunities[2].long_funding_rate}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String parserPath(JsonParseException p) {
        if (p.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String ptr = parser.getParsingContext().pathAsPointer().toString(); // e.g. /config/max_leverage or /opportunities/2
            if (!ptr.isEmpty()) {
                return ptr.substring(1).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
            }
        }
        return "body";
    }

    private static String describeType(Class<?> t) {
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) return "a finite number";
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "a whole number";
        if (t == Boolean.class || t == boolean.class) return "true or false";
        if (t == String.class) return "a string";
        if (List.class.isAssignableFrom(t)) return "a JSON array";
        if (Map.class.isAssignableFrom(t) || t.isRecord()) return "a JSON object";
        return t.getSimpleName();
    }

    private static String orBody(String p) {
        return p.isEmpty() ? "body" : p;
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid input";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
