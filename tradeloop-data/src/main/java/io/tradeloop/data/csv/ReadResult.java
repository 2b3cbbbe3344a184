package io.tradeloop.data.csv;

import java.util.List;

/** What a reader produced and every problem it met on the way (dropped, repaired or warned rows). */
public record ReadResult<T>(T value, List<DataIssue> issues) {
    public ReadResult {
        issues = List.copyOf(issues);
    }

    public long count(DataIssue.Action action) {
        return issues.stream().filter(i -> i.action() == action).count();
    }
}
