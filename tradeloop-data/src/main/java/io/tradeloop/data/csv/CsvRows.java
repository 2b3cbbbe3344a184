package io.tradeloop.data.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal reader of comma-separated files with a header line (or column names supplied for headerless
 * files): it maps column names to positions and hands rows to the caller with their 1-based line numbers,
 * so every error can name file, row and field. Fields are split on commas; double-quoted fields without
 * embedded quotes are unquoted. {@code .gz} and single-entry {@code .zip} files are read through
 * {@link TextFiles}.
 */
public final class CsvRows implements AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private final String[] header;
    private final Map<String, Integer> index = new HashMap<>();
    private long line = 1;
    private String[] current;
    /** A first data line read while looking for a header in a headerless file. */
    private String pending;

    private CsvRows(Path file, BufferedReader reader, String[] header, long line, String pending) {
        this.file = file;
        this.reader = reader;
        this.header = header;
        this.line = line;
        this.pending = pending;
        for (int i = 0; i < header.length; i++) {
            index.put(header[i].trim().toLowerCase(Locale.ROOT), i);
        }
    }

    /** Opens a file and reads its header line. */
    public static CsvRows open(Path file) {
        BufferedReader r = TextFiles.open(file);
        try {
            String h = r.readLine();
            if (h == null) {
                r.close();
                throw new DataFormatException(file, 1, "header", "", "file is empty; expected a header line");
            }
            return new CsvRows(file, r, split(h), 1, null);
        } catch (IOException e) {
            closeQuietly(r, e);
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a file that may or may not start with a header line (Binance's archive has files of both
     * kinds): a first line whose first field starts with a digit is data, and {@code columns} name the
     * fields; otherwise the first line is the header.
     */
    public static CsvRows openMaybeHeaderless(Path file, String... columns) {
        BufferedReader r = TextFiles.open(file);
        try {
            String first;
            long skipped = 0;
            while ((first = r.readLine()) != null && first.isBlank()) {
                skipped++;
            }
            if (first == null) {
                r.close();
                throw new DataFormatException(file, 1, "row", "", "file is empty");
            }
            String t = first.strip();
            boolean data = !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' && t.length() > 1 && Character.isDigit(t.charAt(1)));
            if (data) {
                return new CsvRows(file, r, columns.clone(), skipped, first);
            }
            return new CsvRows(file, r, split(first), skipped + 1, null);
        } catch (IOException e) {
            closeQuietly(r, e);
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(BufferedReader r, IOException cause) {
        try {
            r.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return List.of(header);
    }

    /** The position of the first of {@code names} present in the header (case-insensitive). */
    public Optional<Integer> column(String... names) {
        for (String n : names) {
            Integer i = index.get(n.toLowerCase(Locale.ROOT));
            if (i != null) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #column} but fails, naming the file and the header it found, when none is present. */
    public int requireColumn(String... names) {
        return column(names).orElseThrow(() -> new DataFormatException(file, 1, names[0], String.join(",", header),
                "required column missing; expected one of " + List.of(names)));
    }

    /** Advances to the next non-blank row; false at end of file. */
    public boolean next() {
        try {
            if (pending != null) {
                line++;
                current = split(pending);
                pending = null;
                return true;
            }
            String s;
            while ((s = reader.readLine()) != null) {
                line++;
                if (!s.isBlank()) {
                    current = split(s);
                    return true;
                }
            }
            current = null;
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " at line " + line + ": " + e.getMessage(), e);
        }
    }

    /** The current row's 1-based line number in the file. */
    public long row() {
        return line;
    }

    public int fieldCount() {
        return current.length;
    }

    /** The raw text of column {@code i} of the current row ("" when the row is short). */
    public String text(int i) {
        return i < current.length ? current[i] : "";
    }

    /** The current row joined back, for reports. */
    public String rowText() {
        return String.join(",", current);
    }

    /** Parses column {@code i} as a double, or throws naming file, row, field and value. */
    public double number(int i) {
        String t = text(i).trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, i < header.length ? header[i] : "#" + i, t, "not a number");
        }
    }

    /**
     * Parses a decimal number; {@code NaN}, {@code nan}, {@code inf}, {@code Infinity} (any case, signed)
     * parse to the non-finite values so checks can report them as such rather than as unreadable text.
     *
     * @throws NumberFormatException when the text is not a number at all
     */
    public static double parseNumber(String text) {
        String t = text.trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            String u = t.toLowerCase(Locale.ROOT);
            boolean neg = u.startsWith("-");
            String body = neg || u.startsWith("+") ? u.substring(1) : u;
            return switch (body) {
                case "nan" -> Double.NaN;
                case "inf", "infinity" -> neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                default -> throw e;
            };
        }
    }

    /** Splits one line on commas outside double quotes and unquotes each field. */
    public static String[] split(String line) {
        List<String> parts = new ArrayList<>(12);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(unquote(line.substring(start, i)));
                start = i + 1;
            }
        }
        parts.add(unquote(line.substring(start)));
        return parts.toArray(new String[0]);
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"' ? t.substring(1, t.length() - 1) : t;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
