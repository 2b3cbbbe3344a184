package io.tradeloop.server.agent;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of one paper agent (validated; every range is in {@link #PARAMS}). The first five are the
 * funding-arbitrage contract's config block (DESIGN.md); the rest steer the carry rule, the paper venue
 * and the replay clock.
 *
 * @param name               display name, 1–64 of letters, digits, space, {@code _ . -}
 * @param brain              which decision maker runs the agent (see the server's brain registry)
 * @param initialCapitalUsd  starting cash of a new run (takes effect at the next run, never mid-run)
 * @param maxLeverage        the most leverage a leg may use; the agent uses min(max_leverage, 0.9 / liquidation_buffer)
 * @param targetUtilization  fraction of available capital the agent aims to commit across max_positions
 * @param maxPositions       concurrent arbitrage positions (pairs of legs)
 * @param stopLossThreshold  a position whose net P&amp;L / size falls below this is closed (e.g. −0.02 = −2%)
 * @param liquidationBuffer  the closest a leg may start to its liquidation price, as a fraction of price
 * @param entryAprPct        the carry rule enters an opportunity whose funding APR is at least this (percent)
 * @param exitAprPct         the carry rule exits a position whose pair's APR fell below this (percent)
 * @param slippageBps        the paper venue fills market orders this many basis points worse than the price
 * @param speed              simulated time per wall-clock time (28,800 = one 8-hour step per second)
 * @param asset              the instrument a directional brain trades (one of {@link #ASSETS}); funding brains ignore it
 */
public record AgentConfig(String name, String brain, double initialCapitalUsd, double maxLeverage,
                          double targetUtilization, int maxPositions, double stopLossThreshold, double liquidationBuffer,
                          double entryAprPct, double exitAprPct, double slippageBps, double speed, String asset) {

    public static final ConfigParam INITIAL_CAPITAL = new ConfigParam("initial_capital_usd", 100, 10_000_000, 10_000, false, "USD",
            "starting cash of a new run");
    public static final ConfigParam MAX_LEVERAGE = new ConfigParam("max_leverage", 1, 10, 3, false, "x",
            "most leverage per leg; the agent uses min(max_leverage, 0.9 / liquidation_buffer)");
    public static final ConfigParam TARGET_UTILIZATION = new ConfigParam("target_utilization", 0, 1, 0.6, false, "fraction",
            "fraction of available capital to commit across max_positions");
    public static final ConfigParam MAX_POSITIONS = new ConfigParam("max_positions", 1, 5, 3, true, "positions",
            "concurrent arbitrage positions");
    public static final ConfigParam STOP_LOSS = new ConfigParam("stop_loss_threshold", -0.05, -0.01, -0.02, false, "fraction",
            "close a position whose net P&L / size falls below this");
    public static final ConfigParam LIQUIDATION_BUFFER = new ConfigParam("liquidation_buffer", 0.1, 0.3, 0.15, false, "fraction",
            "closest distance to liquidation a leg may start at");
    public static final ConfigParam ENTRY_APR = new ConfigParam("entry_apr_pct", 0, 1000, 15, false, "percent",
            "enter when the pair's funding APR is at least this");
    public static final ConfigParam EXIT_APR = new ConfigParam("exit_apr_pct", -100, 1000, 3, false, "percent",
            "exit when the pair's funding APR falls below this (must be <= entry_apr_pct)");
    public static final ConfigParam SLIPPAGE = new ConfigParam("slippage_bps", 0, 100, 2, false, "bps",
            "paper fills are this much worse than the price");
    public static final ConfigParam SPEED = new ConfigParam("speed", 1, 1e9, 28_800, false, "x",
            "simulated time per wall time (28,800 = one 8 h step per second)");

    /** Every numeric setting, in the order the API documents them. */
    public static final List<ConfigParam> PARAMS = List.of(INITIAL_CAPITAL, MAX_LEVERAGE, TARGET_UTILIZATION, MAX_POSITIONS,
            STOP_LOSS, LIQUIDATION_BUFFER, ENTRY_APR, EXIT_APR, SLIPPAGE, SPEED);

    /** Allowed agent names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9 _.\\-]{1,64}");
    /** Allowed brain ids. */
    public static final Pattern BRAIN = Pattern.compile("[a-z0-9\\-]{1,32}");
    /** The brain a new agent gets. */
    public static final String DEFAULT_BRAIN = "greedy-carry";
    /** The assets a directional agent may trade: those with a 4h OHLCV file the directional stack is trained on. */
    public static final List<String> ASSETS = List.of("BTC", "ETH");
    /** The asset a new agent gets. */
    public static final String DEFAULT_ASSET = "BTC";

    public AgentConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigException("name", "value '" + abbreviate(name) + "' must be 1-64 of letters, digits, space, '_', '.', '-'");
        }
        if (brain == null || !BRAIN.matcher(brain).matches()) {
            throw new ConfigException("brain", "value '" + abbreviate(brain) + "' must be 1-32 of a-z, 0-9, '-'");
        }
        check(INITIAL_CAPITAL, initialCapitalUsd);
        check(MAX_LEVERAGE, maxLeverage);
        check(TARGET_UTILIZATION, targetUtilization);
        Checks.inRange(MAX_POSITIONS.name(), maxPositions, (int) MAX_POSITIONS.min(), (int) MAX_POSITIONS.max());
        check(STOP_LOSS, stopLossThreshold);
        check(LIQUIDATION_BUFFER, liquidationBuffer);
        check(ENTRY_APR, entryAprPct);
        check(EXIT_APR, exitAprPct);
        if (exitAprPct > entryAprPct) {
            throw new ConfigException(EXIT_APR.name(), "value " + exitAprPct + " must be <= entry_apr_pct (" + entryAprPct + ")");
        }
        check(SLIPPAGE, slippageBps);
        check(SPEED, speed);
        if (asset == null || !ASSETS.contains(asset)) {
            throw new ConfigException("asset", "value '" + abbreviate(asset) + "' must be one of " + String.join(", ", ASSETS));
        }
    }

    /** The settings with the default asset (funding agents, which trade every replayed instrument). */
    public AgentConfig(String name, String brain, double initialCapitalUsd, double maxLeverage, double targetUtilization, int maxPositions,
                       double stopLossThreshold, double liquidationBuffer, double entryAprPct, double exitAprPct, double slippageBps,
                       double speed) {
        this(name, brain, initialCapitalUsd, maxLeverage, targetUtilization, maxPositions, stopLossThreshold, liquidationBuffer, entryAprPct,
                exitAprPct, slippageBps, speed, DEFAULT_ASSET);
    }

    private static void check(ConfigParam p, double value) {
        Checks.inRange(p.name(), value, p.min(), p.max());
    }

    private static String abbreviate(String s) {
        if (s == null) return "null";
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** The defaults of every setting, under {@code name}. */
    public static AgentConfig defaults(String name) {
        return new AgentConfig(name, DEFAULT_BRAIN, INITIAL_CAPITAL.defaultValue(), MAX_LEVERAGE.defaultValue(),
                TARGET_UTILIZATION.defaultValue(), (int) MAX_POSITIONS.defaultValue(), STOP_LOSS.defaultValue(),
                LIQUIDATION_BUFFER.defaultValue(), ENTRY_APR.defaultValue(), EXIT_APR.defaultValue(), SLIPPAGE.defaultValue(),
                SPEED.defaultValue(), DEFAULT_ASSET);
    }

    /** The five values of the funding-arbitrage contract, as the environment and the policy read them. */
    public io.tradeloop.rl.env.funding.TradingConfig tradingConfig() {
        return new io.tradeloop.rl.env.funding.TradingConfig(maxLeverage, targetUtilization, maxPositions, stopLossThreshold,
                liquidationBuffer);
    }

    /**
     * The leverage legs are opened with: the environment's buffer-capped rule, min(max_leverage, 0.9 /
     * liquidation_buffer), so entries start outside the buffer.
     */
    public double entryLeverage() {
        return tradingConfig().entryLeverage(io.tradeloop.rl.env.funding.TradingConfig.EntryLeverage.BUFFER_CAPPED);
    }

    /** Wall-clock milliseconds between two ticks {@code simGapMs} apart. */
    public double wallGapMs(long simGapMs) {
        return simGapMs / speed;
    }

    public AgentConfig withBrain(String newBrain) {
        return new AgentConfig(name, newBrain, initialCapitalUsd, maxLeverage, targetUtilization, maxPositions, stopLossThreshold,
                liquidationBuffer, entryAprPct, exitAprPct, slippageBps, speed, asset);
    }

    public AgentConfig withAsset(String newAsset) {
        return new AgentConfig(name, brain, initialCapitalUsd, maxLeverage, targetUtilization, maxPositions, stopLossThreshold,
                liquidationBuffer, entryAprPct, exitAprPct, slippageBps, speed, newAsset);
    }

    public AgentConfig withSpeed(double newSpeed) {
        return new AgentConfig(name, brain, initialCapitalUsd, maxLeverage, targetUtilization, maxPositions, stopLossThreshold,
                liquidationBuffer, entryAprPct, exitAprPct, slippageBps, newSpeed, asset);
    }
}
