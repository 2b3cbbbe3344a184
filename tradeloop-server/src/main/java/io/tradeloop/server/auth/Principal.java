package io.tradeloop.server.auth;

/**
 * The authenticated caller of a request.
 *
 * @param userId        the user
 * @param userName      the user's name
 * @param keyId         the API key used
 * @param keyPrefix     its public prefix (safe to log)
 * @param ratePerSecond the key's request-rate limit
 */
public record Principal(long userId, String userName, long keyId, String keyPrefix, double ratePerSecond) {
}
