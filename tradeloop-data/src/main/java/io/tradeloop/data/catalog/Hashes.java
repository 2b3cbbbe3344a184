package io.tradeloop.data.catalog;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.data.trades.TradeSeries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 content hashes: of files (idempotent import) and of normalised columns (the data's identity). */
public final class Hashes {
    private Hashes() {
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) {
            md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The hash of the bars' columns (open time, O, H, L, C, V per bar, big-endian) and timeframe. */
    public static String of(BarSeries s) {
        MessageDigest md = digest();
        ByteBuffer b = ByteBuffer.allocate(48 * 1024);
        b.putLong(s.timeframe().millis());
        for (int i = 0; i < s.size(); i++) {
            if (b.remaining() < 48) {
                flush(md, b);
            }
            b.putLong(s.openTimeMs(i)).putDouble(s.open(i)).putDouble(s.high(i)).putDouble(s.low(i)).putDouble(s.close(i)).putDouble(s.volume(i));
        }
        flush(md, b);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The hash of the prints' columns (time, price, amount per print, in order). */
    public static String of(TradeSeries t) {
        MessageDigest md = digest();
        ByteBuffer b = ByteBuffer.allocate(24 * 1024);
        for (int i = 0; i < t.size(); i++) {
            if (b.remaining() < 24) {
                flush(md, b);
            }
            b.putLong(t.timeMs(i)).putDouble(t.price(i)).putDouble(t.amount(i));
        }
        flush(md, b);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void flush(MessageDigest md, ByteBuffer b) {
        b.flip();
        md.update(b);
        b.clear();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
