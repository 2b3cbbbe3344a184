package io.tradeloop.data.csv;

import java.nio.file.Path;

/**
 * One problem found in an input file and what the reader did about it.
 *
 * @param file    the file
 * @param row     1-based line number in the file (the header is line 1), 0 when not tied to a row
 * @param field   the column, or a description such as {@code row} or {@code time order}
 * @param value   the offending text
 * @param problem what is wrong, with the allowed range where there is one
 * @param action  what the reader did
 */
public record DataIssue(Path file, long row, String field, String value, String problem, Action action) {
    /** What a reader did with a problem row. */
    public enum Action {
        /** Reading stopped with an error (strict policy). */
        REFUSED,
        /** The row was left out. */
        DROPPED,
        /** The row was kept after an explicit repair (e.g. re-sorted into time order). */
        REPAIRED,
        /** Kept as is; reported because it is suspicious (e.g. zero volume). */
        WARNED
    }

    public String describe() {
        String where = file == null ? "" : file.toString();
        return where + (row > 0 ? ":" + row : "") + ": field '" + field + "' value '" + value + "': " + problem
                + (action == Action.REFUSED ? "" : " [" + action.name().toLowerCase(java.util.Locale.ROOT) + "]");
    }
}
