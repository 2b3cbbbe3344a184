package io.tradeloop.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys: {@code tl_<8 id chars>_<32 secret chars>} (base62; ~190 random bits). The server stores the
 * public prefix {@code tl_<id>} and the SHA-256 of the whole key; a fast hash suffices because the key is
 * random, not a password. Keys come from {@link SecureRandom} (credentials, not simulation: the seeded
 * {@code Rng} is for reproducible runs and must never make secrets).
 */
public final class ApiKeys {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("tl_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}");

    /** A key as issued: shown to its owner once, then only its prefix and hash exist. */
    public record IssuedKey(String key, String prefix, String hash) {
        @Override
        public String toString() {
            return "IssuedKey[" + prefix + "_***]"; // never print the secret
        }
    }

    private ApiKeys() {
    }

    public static IssuedKey generate(SecureRandom random) {
        String id = randomChars(random, 8);
        String key = "tl_" + id + "_" + randomChars(random, 32);
        return new IssuedKey(key, "tl_" + id, hash(key));
    }

    /** The prefix of a well-formed key; empty for anything else (no partial parsing of junk). */
    public static Optional<String> prefixOf(String key) {
        if (key == null || key.length() != 44 || !FORMAT.matcher(key).matches()) {
            return Optional.empty();
        }
        return Optional.of(key.substring(0, 11));
    }

    /** Lower-case hex SHA-256 of the key. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Compares the key's hash with a stored hash in constant time. */
    public static boolean matches(String key, String storedHash) {
        return MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomChars(SecureRandom random, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
