package io.tradeloop.server.http;

/**
 * Every error the API answers, as JSON: a stable code, the HTTP status, the field concerned (a JSON path
 * or query parameter, or null), a message and the allowed range or form (or null).
 */
public record ApiError(String error, int status, String field, String message, String allowed) {
}
