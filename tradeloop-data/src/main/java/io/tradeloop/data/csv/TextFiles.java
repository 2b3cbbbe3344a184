package io.tradeloop.data.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens a data file as UTF-8 text, unpacking {@code .gz} and single-entry {@code .zip} files on the fly
 * (Binance's public archive publishes each CSV inside a zip), and strips a leading byte-order mark.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** A reader of the file's text; the caller closes it. */
    public static BufferedReader open(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            try {
                if (name.endsWith(".gz")) {
                    in = new GZIPInputStream(in, 1 << 16);
                } else if (name.endsWith(".zip")) {
                    ZipInputStream zip = new ZipInputStream(in);
                    ZipEntry entry = zip.getNextEntry();
                    while (entry != null && entry.isDirectory()) {
                        entry = zip.getNextEntry();
                    }
                    if (entry == null) {
                        zip.close();
                        throw new DataFormatException(file, 0, "zip", "", "the zip archive holds no file");
                    }
                    in = zip;
                }
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset();
            }
            return r;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first non-blank line of the file (unpacked), or empty text for an empty file. */
    public static String firstLine(Path file) {
        try (BufferedReader r = open(file)) {
            String s;
            while ((s = r.readLine()) != null) {
                if (!s.isBlank()) {
                    return s;
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file name without the compression and data extensions, e.g. {@code BTCUSDT-5m-2024-01} for {@code BTCUSDT-5m-2024-01.csv.zip}. */
    public static String baseName(Path file) {
        String n = file.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".gz", ".zip"}) {
            if (lower.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
                lower = lower.substring(0, lower.length() - ext.length());
            }
        }
        for (String ext : new String[] {".csv", ".json", ".txt"}) {
            if (lower.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }
}
