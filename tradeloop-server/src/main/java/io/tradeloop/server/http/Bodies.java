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
        byte[] body = bytes(ctx, maxBytes);
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
        try {
            return Json.mapper().readValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonErrors.describe(e);
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "body", "the body could not be read: " + e.getMessage(), null);
        }
    }

    static byte[] bytes(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared, maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw tooLarge(-1, maxBytes);
            }
            return data;
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "body", "the body could not be read: " + e.getMessage(), null);
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
