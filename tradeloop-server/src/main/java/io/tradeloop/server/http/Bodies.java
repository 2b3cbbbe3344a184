package io.tradeloop.server.http;

import io.javalin.http.Context;
import io.tradeloop.server.json.Json;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies within the size limit (checked on the declared length and again while reading, so
 * a chunked body cannot exceed it either), requires JSON, and maps them to records with the strict mapper.
 */
final class Bodies {
    private Bodies() {
    }

    /**
     * The body as {@code type}; null when the body is empty and not {@code required}.
     *
     * @throws ApiException 413 when over {@code maxBytes}, 415 when not JSON, 400 when required and empty
     */
    static <T> T read(Context ctx, Class<T> type, boolean required, int maxBytes) {
        byte[] body = ctx.attribute(ATTRIBUTE);
        if (body == null) {
            body = bytes(ctx, maxBytes);
        }
        if (body.length == 0 || isBlank(body)) {
            if (required) {
                throw new ApiException(400, "invalid_field", "body", "a JSON body is required", "a JSON object");
            }
            return null;
        }
        String ct = ctx.contentType();
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type", "the body must be JSON, got "
                    + (ct == null ? "no Content-Type" : "'" + Params.abbreviate(ct) + "'"), "application/json");
        }
        T value;
        try {
            value = Json.mapper().readValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonErrors.describe(e);
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "body", "the body could not be read: " + e.getMessage(), null);
        }
        if (value == null) { // the literal null
            throw new ApiException(400, "invalid_field", "body", "the body is null", "a JSON object");
        }
        return value;
    }

    /** Where {@link #readUpFront} leaves the body for the handler. */
    static final String ATTRIBUTE = "tradeloop.body";

    /**
     * Reads the whole body (within the limit) before anything else answers, so every answer (401, 404, 413,
     * or a route that takes no body) leaves the connection clean for the client to read it.
     */
    static void readUpFront(Context ctx, int maxBytes) {
        ctx.attribute(ATTRIBUTE, bytes(ctx, maxBytes));
    }

    static byte[] bytes(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBytes) {
                drain(in);
                throw tooLarge(declared, maxBytes);
            }
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                drain(in);
                throw tooLarge(-1, maxBytes);
            }
            return data;
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "body", "the body could not be read: " + e.getMessage(), null);
        }
    }

    /** Most bytes read and discarded from a refused body, so the client can still read the 413 (larger bodies get the connection closed). */
    static final long DRAIN_LIMIT = 1 << 20;

    private static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buf = new byte[8192];
        int n;
        while (skipped < DRAIN_LIMIT && (n = in.read(buf)) > 0) {
            skipped += n;
        }
    }

    private static ApiException tooLarge(long declared, int max) {
        return new ApiException(413, "payload_too_large", "body", (declared > 0 ? "the body has " + declared + " bytes" : "the body is larger")
                + ", the limit is " + max + " bytes", "at most " + max + " bytes");
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') return false;
        }
        return true;
    }
}
