package io.tradeloop.core.time;

/** A clock that moves only when the backtest or the environment moves it, and never backwards. */
public final class SimulatedClock implements Clock {
    private long nowMs;

    public SimulatedClock(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public long nowMs() {
        return nowMs;
    }

    /** Moves time forward to {@code timeMs}; moving backwards is a bug in the caller and is refused. */
    public void advanceTo(long timeMs) {
        if (timeMs < nowMs) {
            throw new IllegalStateException("simulated clock cannot go back from " + nowMs + " to " + timeMs);
        }
        nowMs = timeMs;
    }

    public void advanceBy(long deltaMs) {
        advanceTo(nowMs + deltaMs);
    }
}
