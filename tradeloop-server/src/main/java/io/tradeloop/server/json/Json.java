package io.tradeloop.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;

/**
 * The one JSON configuration of the server (API bodies, SSE events, stored decision records): snake_case
 * names, strict input (unknown fields, duplicate keys, trailing tokens, strings where numbers belong,
 * floats where integers belong, NaN/Infinity literals and deep nesting are all refused) and non-finite
 * numbers written as {@code null}, so every response is valid JSON.
 */
public final class Json {
    /** Deepest nesting a request may have. */
    public static final int MAX_NESTING = 16;
    /** Longest number literal a request may contain, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private static final ObjectMapper MAPPER = build();
    private static final ObjectMapper STORAGE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The mapper for records the server writes and reads back itself (stored decision records): the same
     * names, NaN kept as the string "NaN" so it round-trips, unknown fields ignored so old rows stay readable.
     */
    public static ObjectMapper storage() {
        return STORAGE;
    }

    private static ObjectMapper build() {
        var mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(100_000).build());
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Textual}) {
            mapper.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, t == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Float || t == LogicalType.Integer ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        SimpleModule finite = new SimpleModule("finite-numbers");
        finite.addSerializer(Double.class, new FiniteDoubleSerializer());
        finite.addSerializer(double.class, new FiniteDoubleSerializer());
        finite.addSerializer(double[].class, new FiniteDoubleArraySerializer());
        mapper.registerModule(finite);
        return mapper;
    }

    /** Writes NaN and ±Infinity as null. */
    private static final class FiniteDoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || Double.isNaN(value) || Double.isInfinite(value)) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }

    private static final class FiniteDoubleArraySerializer extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray();
            for (double v : values) {
                if (Double.isNaN(v) || Double.isInfinite(v)) gen.writeNull();
                else gen.writeNumber(v);
            }
            gen.writeEndArray();
        }
    }
}
