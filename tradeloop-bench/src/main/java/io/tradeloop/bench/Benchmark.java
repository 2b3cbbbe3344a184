package io.tradeloop.bench;

import java.util.List;

/**
 * One end-to-end benchmark of {@code tradeloop bench}. It measures ours and, where one exists, a
 * reference implementation in the same run, and returns rows for the table (ratios, not absolute
 * claims from another day).
 */
public interface Benchmark {
    /** Group shown in the table, e.g. {@code backtest}. */
    String group();

    /** Runs and returns the measured rows. May return rows that say why it was skipped. */
    List<BenchRow> run(BenchOptions options) throws Exception;
}
