package io.tradeloop.engine.strategy;

/**
 * A trading strategy: the plug-in point for the baselines, the decision stack and the RL policies.
 * The event loop calls it when something has happened (a bar closed, funding settled); it reads the
 * context and may submit orders, which execute no earlier than the next bar.
 *
 * <p>Order of calls at one instant: every {@link #onFunding} for settlements at that time, then every
 * {@link #onBar} for bars that closed at that time, then {@link #onStepEnd} once.
 */
public interface Strategy {
    /** A short name for reports and decision records. */
    String name();

    /** Called once before the first event; reset any state here. */
    default void onStart(StrategyContext ctx) {
    }

    /** A bar of {@code feed} has closed; {@code ctx.bars(feed).last()} is that bar. */
    default void onBar(StrategyContext ctx, int feed) {
    }

    /** A funding settlement of {@code feed} has happened; {@code ctx.funding(feed)} now includes it. */
    default void onFunding(StrategyContext ctx, int feed) {
    }

    /** Every event at the current time has been delivered. */
    default void onStepEnd(StrategyContext ctx) {
    }

    /** Called once after the last event. */
    default void onEnd(StrategyContext ctx) {
    }
}
