package io.tradeloop.rl.env.funding;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.config.ConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * How many opportunity and execution slots the agent sees and which entry sizes it may pick. The full
 * mode is the contract (10 opportunities, 5 executions, sizes 10/20/30% of the maximum: 275 floats, 36
 * actions); the simple mode keeps one of each and one size (47 floats, 3 actions) for a first curriculum
 * step or a quick check. Both are filled by the same code.
 *
 * @param opportunitySlots opportunity slots (1–10)
 * @param executionSlots   execution (position) slots (1–5)
 * @param sizeFractions    entry sizes as fractions of the maximum position size, one ENTER action per slot each
 * @param sizeNames        a name per size, used in action names
 */
public record EnvLayout(int opportunitySlots, int executionSlots, double[] sizeFractions, String[] sizeNames) {
    public static final int CONFIG_FEATURES = 5;
    public static final int PORTFOLIO_FEATURES = 10;
    public static final int EXECUTION_FEATURES = 12;
    public static final int OPPORTUNITY_FEATURES = 20;

    public EnvLayout {
        Checks.inRange("opportunity_slots", opportunitySlots, 1, 10);
        Checks.inRange("execution_slots", executionSlots, 1, 5);
        if (sizeFractions.length == 0 || sizeFractions.length != sizeNames.length) {
            throw new ConfigException("size_fractions", "needs one name per size and at least one size, got "
                    + sizeFractions.length + " sizes and " + sizeNames.length + " names");
        }
        for (double f : sizeFractions) {
            Checks.inRange("size_fractions", f, 1e-6, 1.0);
        }
        sizeFractions = sizeFractions.clone();
        sizeNames = sizeNames.clone();
    }

    /** The contract: 10 opportunities, 5 executions, SMALL 10%, MEDIUM 20%, LARGE 30%. */
    public static EnvLayout full() {
        return new EnvLayout(10, 5, new double[] {0.10, 0.20, 0.30}, new String[] {"SMALL", "MEDIUM", "LARGE"});
    }

    /** One opportunity, one position, one entry size (LARGE, 30% of the maximum): HOLD, ENTER, EXIT. */
    public static EnvLayout simple() {
        return new EnvLayout(1, 1, new double[] {0.30}, new String[] {"LARGE"});
    }

    public int observationSize() {
        return CONFIG_FEATURES + PORTFOLIO_FEATURES + executionSlots * EXECUTION_FEATURES + opportunitySlots * OPPORTUNITY_FEATURES;
    }

    public int actionCount() {
        return 1 + opportunitySlots * sizeFractions.length + executionSlots;
    }

    public int portfolioOffset() {
        return CONFIG_FEATURES;
    }

    public int executionOffset() {
        return CONFIG_FEATURES + PORTFOLIO_FEATURES;
    }

    public int opportunityOffset() {
        return executionOffset() + executionSlots * EXECUTION_FEATURES;
    }

    /** The first EXIT action. */
    public int firstExitAction() {
        return 1 + opportunitySlots * sizeFractions.length;
    }

    /** ENTER action for opportunity slot {@code slot} and size index {@code size}: 1 + size × slots + slot. */
    public int enterAction(int slot, int size) {
        return 1 + size * opportunitySlots + slot;
    }

    public int exitAction(int executionSlot) {
        return firstExitAction() + executionSlot;
    }

    public boolean isEnter(int action) {
        return action >= 1 && action < firstExitAction();
    }

    public boolean isExit(int action) {
        return action >= firstExitAction() && action < actionCount();
    }

    /** The opportunity slot an ENTER action targets. */
    public int enterSlot(int action) {
        return (action - 1) % opportunitySlots;
    }

    /** The size index of an ENTER action. */
    public int enterSize(int action) {
        return (action - 1) / opportunitySlots;
    }

    public int exitSlot(int action) {
        return action - firstExitAction();
    }

    /** HOLD, ENTER_OPP_{i}_{SIZE} …, EXIT_POS_{i} … in action order (the plan's names). */
    public List<String> actionNames() {
        List<String> names = new ArrayList<>(actionCount());
        names.add("HOLD");
        for (int s = 0; s < sizeFractions.length; s++) {
            for (int i = 0; i < opportunitySlots; i++) {
                names.add("ENTER_OPP_" + i + "_" + sizeNames[s]);
            }
        }
        for (int i = 0; i < executionSlots; i++) {
            names.add("EXIT_POS_" + i);
        }
        return names;
    }

    @Override
    public double[] sizeFractions() {
        return sizeFractions.clone();
    }

    @Override
    public String[] sizeNames() {
        return sizeNames.clone();
    }

    double sizeFraction(int size) {
        return sizeFractions[size];
    }

    /** How many entry sizes each opportunity slot has. */
    public int sizeCount() {
        return sizeFractions.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvLayout l && l.opportunitySlots == opportunitySlots && l.executionSlots == executionSlots
                && java.util.Arrays.equals(l.sizeFractions, sizeFractions) && java.util.Arrays.equals(l.sizeNames, sizeNames);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * opportunitySlots + executionSlots) + java.util.Arrays.hashCode(sizeFractions);
    }

    @Override
    public String toString() {
        return "EnvLayout[" + opportunitySlots + " opportunities, " + executionSlots + " executions, sizes "
                + java.util.Arrays.toString(sizeFractions) + "]";
    }
}
