package io.tradeloop.data.csv;

import java.nio.file.Path;

/** Input data that cannot be read; the message names the file, the row (1-based line), the field and the value. */
public final class DataFormatException extends IllegalArgumentException {
    private final transient DataIssue issue;

    public DataFormatException(DataIssue issue) {
        super(issue.describe());
        this.issue = issue;
    }

    public DataFormatException(Path file, long row, String field, String value, String problem) {
        this(new DataIssue(file, row, field, value, problem, DataIssue.Action.REFUSED));
    }

    public DataIssue issue() {
        return issue;
    }
}
