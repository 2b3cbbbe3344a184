package io.tradeloop.learn.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of training inputs, so a model's provenance pins exactly the data it saw. */
public final class DataFingerprint {
    private final MessageDigest digest;
    private final ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    public DataFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public DataFingerprint add(float[] values) {
        for (float v : values) {
            buf.clear();
            buf.putInt(Float.floatToIntBits(v));
            digest.update(buf.array(), 0, 4);
        }
        return this;
    }

    public DataFingerprint add(double[] values) {
        for (double v : values) {
            buf.clear();
            buf.putLong(Double.doubleToLongBits(v));
            digest.update(buf.array(), 0, 8);
        }
        return this;
    }

    public DataFingerprint add(int[] values) {
        for (int v : values) {
            buf.clear();
            buf.putInt(v);
            digest.update(buf.array(), 0, 4);
        }
        return this;
    }

    public DataFingerprint add(long[] values) {
        for (long v : values) {
            buf.clear();
            buf.putLong(v);
            digest.update(buf.array(), 0, 8);
        }
        return this;
    }

    public DataFingerprint add(String text) {
        digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** The hex digest; the fingerprint cannot be used afterwards. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
