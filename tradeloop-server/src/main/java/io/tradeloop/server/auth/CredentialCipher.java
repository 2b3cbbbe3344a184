package io.tradeloop.server.auth;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypts exchange credentials at rest with AES-256-GCM: a fresh 96-bit nonce per message, a 128-bit
 * tag, and associated data binding each ciphertext to its row (user and exchange), so a ciphertext
 * copied to another row does not decrypt. The key comes from the environment variable
 * {@value #ENV} (32 bytes, base64); it is never stored or logged.
 */
public final class CredentialCipher {
    /** The environment variable holding the base64 key. */
    public static final String ENV = "TRADELOOP_CREDENTIALS_KEY";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final int version;
    private final SecureRandom random;

    public CredentialCipher(byte[] key32, int version, SecureRandom random) {
        if (key32.length != 32) {
            throw new IllegalArgumentException(ENV + " must decode to 32 bytes (AES-256), got " + key32.length);
        }
        this.key = new SecretKeySpec(key32.clone(), "AES");
        this.version = version;
        this.random = random;
    }

    /** The cipher of {@value #ENV} in {@code env}; empty when the variable is unset. */
    public static Optional<CredentialCipher> fromEnvironment(Map<String, String> env) {
        String b64 = env.get(ENV);
        if (b64 == null || b64.isBlank()) {
            return Optional.empty();
        }
        byte[] k;
        try {
            k = Base64.getDecoder().decode(b64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + " is not valid base64 (the value is not shown)", e);
        }
        return Optional.of(new CredentialCipher(k, 1, new SecureRandom()));
    }

    public int version() {
        return version;
    }

    /** base64(nonce ‖ ciphertext ‖ tag). */
    public String encrypt(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} wrote with the same associated data.
     *
     * @throws IllegalArgumentException when the text was altered, belongs to another row or another key
     */
    public String decrypt(String encoded, String associatedData) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stored credential is not base64", e);
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("stored credential is too short to be AES-GCM output");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("stored credential fails authentication (altered, moved to another row, or another key)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: " + e.getMessage(), e);
        }
    }
}
