package io.tradeloop.server.http;

/** A request the API refuses with a 4xx (or 503) status and an {@link ApiError} body. */
public final class ApiException extends RuntimeException {
    private final transient ApiError error;
    private final Double retryAfterSeconds;

    public ApiException(int status, String code, String field, String message, String allowed) {
        this(new ApiError(code, status, field, message, allowed), null);
    }

    ApiException(ApiError error, Double retryAfterSeconds) {
        super(error.message());
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiError error() {
        return error;
    }

    /** Seconds a rate-limited caller should wait, or null. */
    public Double retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiException badParam(String field, String message, String allowed) {
        return new ApiException(400, "invalid_field", field, message, allowed);
    }
}
