package io.tradeloop.cli.progress;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of long CLI work on stderr: a redrawn ASCII bar on a terminal, a plain line every
 * {@link #PLAIN_INTERVAL_MS} otherwise (CI logs, pipes), so stdout stays clean for results.
 */
public final class Progress implements AutoCloseable {
    /** How often the plain-text form prints a line. */
    static final int PLAIN_INTERVAL_MS = 10_000;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Starts a bar of {@code total} units named {@code task}. */
    public static Progress start(String task, long total, String unit) {
        return start(task, total, unit, 0);
    }

    /**
     * Starts a bar at {@code done} of {@code total} units, e.g. a resumed run: speed and the remaining time
     * count only the units of this run.
     */
    public static Progress start(String task, long total, String unit, long done) {
        return start(task, total, unit, done, System.console() != null, System.err);
    }

    static Progress start(String task, long total, String unit, long done, boolean terminal, PrintStream err) {
        var b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).startsFrom(done, Duration.ZERO);
        if (terminal) {
            b.setUpdateIntervalMillis(250);
        } else {
            b.setUpdateIntervalMillis(PLAIN_INTERVAL_MS).setConsumer(new DelegatingProgressBarConsumer(err::println, 100));
        }
        return new Progress(b.build());
    }

    public void stepTo(long done) {
        bar.stepTo(done);
    }

    public void step() {
        bar.step();
    }

    /** A short note shown after the bar, e.g. the latest episodic return. */
    public void note(String message) {
        bar.setExtraMessage(" " + message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
